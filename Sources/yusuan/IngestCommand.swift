import ArgumentParser
import Foundation
import YusuanIngest
import YusuanPipeline
import YusuanRead
import YusuanRender

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
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

    @Flag(help: ocrHelp)
    var ocr = false

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
                switch Ingest.lines(file: file, options: ReadOptions(ocr: ocr)) {
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
        let result = Pipeline.ingest(paths: paths, department: department, options: ReadOptions(ocr: ocr))
        switch format {
        case .json:
            // Bytes straight to stdout, a disclosure at a time; nothing else goes to stdout in this format.
            DisclosureJSON.write(result) { bytes in
                try? FileHandle.standardOutput.write(contentsOf: bytes)
                bytes.removeAll(keepingCapacity: true)
            }
            try? FileHandle.standardOutput.write(contentsOf: [UInt8(0x0A)])
        case .text, .lines: print(TerminalText.clean(DisclosureSummary.render(result, language: lang)), terminator: "")
        }
        for f in result.failures {
            warn(f.description)
        }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
