import ArgumentParser
import Foundation
import YusuanIngest
import YusuanRender
import YusuanStats

@main
struct Yusuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yusuan",
        abstract: "Read Chinese departmental budget and final-accounts disclosures (部门预算/决算), check them, compare them.",
        discussion: """
        Start with `yusuan ingest FILE_OR_FOLDER…` to see what yusuan reads off your documents.
        Amounts are reported in 万元 whatever unit the document used; every figure names the line it came from.

        Exit codes: 0 all inputs read; 1 some input failed (the others are still reported); 64 usage error.
        """,
        subcommands: [IngestCommand.self])

    static func main() {
        Stats.disableAbortingErrorHandler()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit 64 (EX_USAGE), not ArgumentParser's default.
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(64)
            }
            exit(withError: error)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum Language: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var summaryLanguage: DisclosureSummary.Language { self == .zh ? .zh : .en }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read disclosures and print what was found: identity, figures with source lines, tables, warnings.",
        discussion: """
        PATH may be a file or a folder; folders are searched recursively for .txt (and other disclosure) files.
        Text may be UTF-8, UTF-16 or GB18030; amounts in 元 or 亿元 are converted to 万元.

        Examples:
          yusuan ingest datasets/guangyang/2021/organization-department.budget.txt
          yusuan ingest datasets/ --format json > disclosures.json
        """)

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    @Option(help: "Output: text (a readable summary) or json (the documented contract).")
    var format: OutputFormat = .text

    @Option(help: "Language of the text summary: zh or en.")
    var lang: Language = .zh

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        let result = Ingest.run(paths: paths)
        switch format {
        case .json: print(DisclosureJSON.document(result).serialized())
        case .text: print(DisclosureSummary.render(result, language: lang.summaryLanguage), terminator: "")
        }
        for f in result.failures {
            FileHandle.standardError.write(Data("yusuan: \(f.description)\n".utf8))
        }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
