import Foundation
import Testing
@testable import YusuanRender

/// Outputs never clobber what is not theirs, never mix runs, and say in one line what is wrong (issue 14).
@Suite("Output safety")
struct OutputSafetyTests {
    func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test("only a regular file is replaced: not a FIFO, a folder or a symlink")
    func refusesNonRegular() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        #expect(mkfifo(d + "/fifo", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: d + "/folder", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: d + "/target"))
        try FileManager.default.createSymbolicLink(atPath: d + "/link", withDestinationPath: d + "/target")
        for name in ["fifo", "folder", "link"] {
            #expect(throws: OutputError.self) { try AtomicFile.write("x", to: d + "/" + name) }
        }
        var st = stat()
        #expect(lstat(d + "/fifo", &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
        #expect(lstat(d + "/link", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK)
        #expect(String(decoding: FileManager.default.contents(atPath: d + "/target") ?? Data(), as: UTF8.self) == "keep")
        try AtomicFile.write("new", to: d + "/target")
        #expect(String(decoding: FileManager.default.contents(atPath: d + "/target") ?? Data(), as: UTF8.self) == "new")
    }

    @Test("a symlink at the old predictable temporary name is never followed")
    func plantedTemporaryName() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Data("victim".utf8).write(to: URL(fileURLWithPath: d + "/victim"))
        try FileManager.default.createSymbolicLink(atPath: d + "/.out.svg.tmp-\(getpid())", withDestinationPath: d + "/victim")
        try AtomicFile.write("chart", to: d + "/out.svg")
        #expect(String(decoding: FileManager.default.contents(atPath: d + "/victim") ?? Data(), as: UTF8.self) == "victim")
        #expect(String(decoding: FileManager.default.contents(atPath: d + "/out.svg") ?? Data(), as: UTF8.self) == "chart")
        let left = try FileManager.default.contentsOfDirectory(atPath: d).filter { $0.contains(".tmp-") && $0 != ".out.svg.tmp-\(getpid())" }
        #expect(left.isEmpty)
    }

    @Test("errors on output paths are one line naming what is wrong")
    func oneLineErrors() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Data("f".utf8).write(to: URL(fileURLWithPath: d + "/file"))
        do {
            try AtomicFile.write("x", to: d + "/file/report.md")
            Issue.record("wrote under a file")
        } catch {
            #expect(error.description.contains("is a file, not a folder") && !error.description.contains("\n"), "\(error)")
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
        do {
            try OutputFolder.write([("report.md", Data("x".utf8))], to: d + "/file")
            Issue.record("wrote into a file")
        } catch {
            #expect(error.description == "cannot write \(d)/file: it is a file, not a folder", "\(error)")
        }
    }

    @Test("a run replaces the files of the run before it, and only those")
    func runsDoNotMix() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Data("mine".utf8).write(to: URL(fileURLWithPath: d + "/notes.txt"))
        try OutputFolder.write([("report.md", Data("A".utf8)), ("charts/benchmark.svg", Data("A".utf8)), ("charts/trend.svg", Data("A".utf8))],
                               to: d, last: ["report.md"])
        let written = try OutputFolder.write([("report.md", Data("B".utf8)), ("charts/trend.svg", Data("B".utf8))], to: d, last: ["report.md"])
        #expect(written == [d + "/report.md", d + "/charts/trend.svg"])
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: d + "/charts/benchmark.svg"), "a chart of the earlier run stays beside the new report")
        #expect(fm.contents(atPath: d + "/charts/trend.svg") == Data("B".utf8))
        #expect(fm.contents(atPath: d + "/notes.txt") == Data("mine".utf8), "a user's file is never touched")
        #expect(try fm.contentsOfDirectory(atPath: d).filter { $0.hasPrefix(".yusuan-staging") }.isEmpty)
        // A tampered manifest names nothing outside the folder.
        try Data("../outside\n/etc/passwd\nreport.md\n".utf8).write(to: URL(fileURLWithPath: d + "/.yusuan-files"))
        try Data("o".utf8).write(to: URL(fileURLWithPath: d + "/../outside"))
        defer { try? fm.removeItem(atPath: d + "/../outside") }
        try OutputFolder.write([("other.md", Data("C".utf8))], to: d)
        #expect(fm.fileExists(atPath: d + "/../outside"))
        #expect(!fm.fileExists(atPath: d + "/report.md"))
    }

    @Test("a run removes only the earlier files it owns: a report in another format stays")
    func ownedFilesOnly() throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        func report(_ name: String, charts: [String]) throws {
            let files = [(name, Data(name.utf8))] + charts.map { ("charts/\($0)", Data(name.utf8)) }
            let own = Set(files.map(\.0))
            try OutputFolder.write(files, to: d, last: [name], owns: { $0.hasPrefix("charts/") || own.contains($0) })
        }
        try report("report.html", charts: ["a.svg", "b.svg"])
        try report("report.md", charts: ["a.svg"])
        let fm = FileManager.default
        #expect(fm.contents(atPath: d + "/report.html") == Data("report.html".utf8), "the HTML report of the run before stays")
        #expect(fm.contents(atPath: d + "/report.md") == Data("report.md".utf8))
        #expect(!fm.fileExists(atPath: d + "/charts/b.svg"), "a chart the new run did not make goes")
        // The manifest still lists the HTML report, so a run that owns everything removes it.
        try OutputFolder.write([("other.md", Data("C".utf8))], to: d)
        #expect(!fm.fileExists(atPath: d + "/report.html") && !fm.fileExists(atPath: d + "/report.md"))
    }

    @Test("concurrent runs into one folder end with one run's files, whole")
    func concurrentRuns() async throws {
        let d = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let runs: [[(path: String, data: Data)]] = (0..<6).map { n in
            let tag = Data("run\(n)".utf8)
            return n % 2 == 0 ? [("report.md", tag), ("charts/a.svg", tag), ("charts/b.svg", tag)] : [("report.md", tag), ("charts/c.svg", tag)]
        }
        await withTaskGroup(of: Void.self) { group in
            for files in runs { group.addTask { _ = try? OutputFolder.write(files, to: d, last: ["report.md"]) } }
        }
        let fm = FileManager.default
        let tag = try #require(fm.contents(atPath: d + "/report.md"))
        let charts = try fm.contentsOfDirectory(atPath: d + "/charts").sorted()
        #expect(charts == ["a.svg", "b.svg"] || charts == ["c.svg"], "\(charts)")
        for c in charts { #expect(fm.contents(atPath: d + "/charts/" + c) == tag, "\(c) is from another run") }
    }

    @Test("CSV cells that a spreadsheet would run as formulas are neutralised; numbers stay numbers")
    func csvInjection() {
        #expect(CSVReportWriter.field("=1+2") == "'=1+2")
        #expect(CSVReportWriter.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVReportWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVReportWriter.field("+86 10") == "'+86 10")
        #expect(CSVReportWriter.field("-12.50") == "-12.50")
        #expect(CSVReportWriter.field("教育局") == "教育局")
    }

    @Test("Markdown carries document text with its HTML escaped")
    func markdownEscapes() {
        let doc = ReportDocument(title: "<script>alert(1)</script>", language: .zh, blocks: [
            .paragraph("<img src=x onerror=alert(1)>"), .table(header: ["a"], rows: [["<b>&</b>"]], numeric: [false]),
        ])
        let md = MarkdownReportWriter.write(doc)
        #expect(!md.contains("<script") && !md.contains("<img") && !md.contains("<b>"))
        #expect(md.contains("&lt;script>") && md.contains("&lt;b>&amp;&lt;/b>"))
    }

    @Test("text for a terminal loses control characters, keeps line breaks and tabs")
    func terminalText() {
        #expect(TerminalText.clean("a\u{1B}]0;owned\u{07}b\u{1B}[2Jc\u{9B}d\te\n") == "a]0;ownedb[2Jcd\te\n")
        let doc = ReportDocument(title: "t\u{1B}[31m", language: .zh, blocks: [.paragraph("x\u{1B}[2Jy")])
        #expect(!TextReportWriter.write(doc).contains("\u{1B}"))
        #expect(TextReportWriter.write(doc, color: true).contains("\u{1B}[1m"), "its own colours stay")
    }

    @Test("no formatter traps on amounts near Int's end")
    func hugeValues() {
        #expect(Format.fixed(9.3e18, 1) == "9300000000000000000.0")
        #expect(Format.fixed(-1e300, 2).hasPrefix("-1000000"))
        #expect(Format.pct(1e19) == "+10000000000000000000.0%")
        #expect(Format.fixed(1234.567, 2) == "1234.57")
    }
}

@Suite("Output folders interrupted")
struct OutputFolderInterruptedTests {
    @Test("a run that fails mid-way leaves no file that marks a run complete")
    func interrupted() throws {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-int-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: d) }
        try OutputFolder.write([("a.txt", Data("1".utf8)), ("manifest.json", Data("1".utf8))], to: d, last: ["manifest.json"])
        // Something that cannot be replaced stands where the second run writes: it stops part-way.
        try FileManager.default.createDirectory(atPath: d + "/b.txt", withIntermediateDirectories: true)
        #expect(throws: OutputError.self) {
            try OutputFolder.write([("a.txt", Data("2".utf8)), ("b.txt", Data("2".utf8)), ("manifest.json", Data("2".utf8))], to: d, last: ["manifest.json"])
        }
        #expect(!FileManager.default.fileExists(atPath: d + "/manifest.json"), "the old manifest would make a mixed folder look complete")
        let listed = String(decoding: FileManager.default.contents(atPath: d + "/.yusuan-files") ?? Data(), as: UTF8.self)
        #expect(listed.contains("a.txt") && listed.contains("manifest.json"), "the manifest still covers what yusuan may have placed")
    }
}
