import ArgumentParser
import Foundation
import YusuanAnalyse
import YusuanPipeline
import YusuanRead
import YusuanRender
#if canImport(Glibc)
import Glibc
#endif

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html, json, csv
    var fileExtension: String { self == .markdown ? "md" : self == .text ? "txt" : rawValue }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        _superCommandName: Yusuan.toolName,
        abstract: "A report for every department and for the set: figures, growth (nominal and real), mix, unit costs, findings, ranking, outliers, sources.",
        discussion: """
        Without --out the report goes to standard output. With --out DIR it is written to DIR/report.<ext>, and the
        charts the data supports to DIR/charts/*.svg (HTML embeds them as well). CSV gives one row per figure with its
        source (and, with --out, findings.csv); --excel adds a byte-order mark so Excel on Chinese Windows reads UTF-8.
        Files are written atomically; the same inputs give the same bytes. A report in another format already in DIR
        stays; charts of an earlier run that this one does not make are removed.

        Examples:
          yusuan report datasets/ --format html --out out/
          yusuan report datasets/guangyang/ --format markdown --lang en
        """)

    @Argument(help: "Disclosure files or folders.")
    var paths: [String]

    @Option(help: "text, markdown, html, json or csv.")
    var format: ReportFormat = .text

    @Option(help: "Folder to write the report and its charts to.")
    var out: String?

    @Option(help: "Language: zh or en.")
    var lang: Language = .zh

    @Flag(help: "CSV with a UTF-8 byte-order mark, for Excel.")
    var excel = false

    @Option(help: "CSV of year,% price change for real terms (default: deflators/cpi-china.csv near the inputs).")
    var deflators: String?

    @Option(help: "YAML of department name variants.")
    var aliases: String?

    @Option(help: "YAML of denominators (villages, communities …).")
    var denominators: String?

    @Option(help: "Only this department (an id, a name, or the end of a name such as 教育局).")
    var department: String?

    @OptionGroup var reading: ReadingOptions

    mutating func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
        if excel && format != .csv { throw ValidationError("--excel applies to --format csv") }
    }

    func run() throws {
        let w: Workspace
        let def: Deflators?
        do {
            var loaded = try reading.withCache { cache in
                try Pipeline.load(paths: paths, aliasesPath: aliases, denominatorsPath: denominators, department: department,
                                  options: reading.options, cache: cache)
            }
            if let d = department { loaded = try Pipeline.restrict(loaded, to: d) }
            w = loaded
            def = try Pipeline.deflators(path: deflators, near: paths)
        } catch { warn("\(error)"); throw ExitCode(2) }
        for f in w.failures { warn(f.description) }
        let data = ReportBuilder.data(w, deflators: def, language: lang)
        let chartFiles = out == nil ? [:] : Dictionary(uniqueKeysWithValues: data.charts.map { ($0.kind, "charts/\($0.kind.rawValue).svg") })
        let doc = ReportBuilder.document(data, language: lang, chartFiles: chartFiles)
        let toTerminal = out == nil && isatty(STDOUT_FILENO) == 1
        let body: String
        switch format {
        case .text: body = TextReportWriter.write(doc, color: toTerminal)
        case .markdown: body = MarkdownReportWriter.write(doc)
        case .html: body = HTMLReportWriter.write(doc)
        case .json: body = JSONReportWriter.write(data)
        case .csv: body = CSVReportWriter.figures(w.panel)
        }
        guard let dir = out else {
            print(body, terminator: "")
            if !w.failures.isEmpty { throw ExitCode(1) }
            return
        }
        let main = "report.\(format.fileExtension)"
        var files: [(path: String, data: Data)] = [(main, Data((excel ? "\u{FEFF}" : "") .utf8) + Data(body.utf8))]
        if format == .csv {
            files.append(("findings.csv", Data((excel ? "\u{FEFF}" : "").utf8) + Data(CSVReportWriter.findings(data.findings, panel: w.panel).utf8)))
        }
        for c in data.charts { files.append(("charts/\(c.kind.rawValue).svg", Data(c.svg.utf8))) }
        let written: [String]
        do {
            // Staged and swapped in under a lock: charts of an earlier run go, concurrent runs never mix. A report
            // in another format written there before stays (report.html beside report.md, as scripts/run.sh makes).
            let own = Set(files.map(\.path))
            written = try OutputFolder.write(files, to: dir, last: [main], owns: { $0.hasPrefix("charts/") || own.contains($0) })
        } catch {
            warn(error.description)
            throw ExitCode(1)
        }
        for p in written { print(p) }
        for (kind, why) in data.refusedCharts where [.html, .markdown, .text].contains(format) { warn(lang == .zh ? "未画 \(kind.rawValue) 图：\(why.zh)" : "no \(kind.rawValue) chart: \(why.en)") }
        if !w.failures.isEmpty { throw ExitCode(1) }
    }
}
