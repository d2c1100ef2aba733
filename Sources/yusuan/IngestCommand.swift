import ArgumentParser
import Foundation
import YusuanIngest
import YusuanPipeline
import YusuanRead
import YusuanRender

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        _superCommandName: Yusuan.toolName,
        abstract: "Read disclosures and print what was found: identity, figures with source lines, tables, warnings.",
        discussion: """
        PATH may be a file or a folder; folders are searched recursively for .txt, .docx, .doc, .xlsx, .xls, .pdf and .html files.
        Text may be UTF-8, UTF-16 or GB18030; amounts in 元 or 亿元 are converted to 万元.

        Examples:
          yusuan ingest datasets/guangyang/2021/organization-department.budget.txt
          yusuan ingest datasets/ --format json > disclosures.json
        """)

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    @Option(help: "Output: text (a readable summary), json (the documented contract) or lines (the decoded text, numbered, as the extractor reads it).")
    var format: IngestFormat = .text

    @Option(help: "Language of the text summary: zh or en.")
    var lang: YusuanRender.Language = .zh

    @OptionGroup var reading: ReadingOptions

    @Option(help: "The department of documents whose text names none (instead of a name guessed from the file name).")
    var department: String?

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
    }

    func run() throws {
        if format == .lines {
            let (files, missing) = Ingest.expand(paths)
            var failed = !missing.isEmpty
            for f in missing { warn(f.description) }
            for file in files {
                switch Ingest.lines(file: file, options: reading.options) {
                case .success(let doc):
                    for (i, l) in doc.lines.enumerated() {
                        let page = doc.pages.map { " p.\($0[i])" } ?? ""
                        print(TerminalText.clean("\(file):\(i + 1)\(page): \(l.replacingOccurrences(of: "\t", with: "→"))"))
                    }
                case .failure(let f):
                    failed = true
                    warn(f.description)
                }
            }
            if failed { throw ExitCode(1) }
            return
        }
        let failures = format == .json ? streamJSON() : summary()
        for f in failures {
            warn(f.description)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// The summary of every document, written when all are read.
    func summary() -> [IngestFailure] {
        let result = reading.withCache { Pipeline.ingest(paths: paths, department: department, options: reading.options, cache: $0) }
        print(TerminalText.clean(DisclosureSummary.render(result, language: lang)), terminator: "")
        return result.failures
    }

    /// The JSON contract written as each document is read: memory stays flat in the number of files.
    func streamJSON() -> [IngestFailure] {
        var stream = DisclosureJSON.Stream()
        var failures: [IngestFailure] = []
        reading.withCache { cache in
            // Each document's JSON is made on the thread that read it; only the joins are written here.
            Pipeline.forEach(paths: paths, department: department, options: reading.options, cache: cache,
                             map: { r in r.map(DisclosureJSON.Stream.body) }) { r in
                switch r {
                case .success(let body):
                    Self.writeOut(Array(stream.separator().utf8))
                    Self.writeOut(body)
                case .failure(let f): failures.append(f)
                }
            }
        }
        Self.writeOut(Array((stream.end(failures: failures) + "\n").utf8))
        return failures
    }

    /// Bytes straight to stdout, not through a String. Everything the JSON format prints goes this way, so
    /// nothing is reordered by stdio's buffer.
    static func writeOut(_ bytes: [UInt8]) {
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }
}
