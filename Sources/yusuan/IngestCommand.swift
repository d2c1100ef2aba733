import ArgumentParser
import Foundation
import YusuanIngest
import YusuanRender

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
    var lang: YusuanRender.Language = .zh

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        let result = Ingest.run(paths: paths)
        switch format {
        case .json: print(DisclosureJSON.document(result).serialized())
        case .text: print(DisclosureSummary.render(result, language: lang), terminator: "")
        }
        for f in result.failures {
            FileHandle.standardError.write(Data("yusuan: \(f.description)\n".utf8))
        }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
