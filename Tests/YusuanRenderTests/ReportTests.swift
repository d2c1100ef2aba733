import Foundation
import Testing
import YusuanAnalyse
import YusuanCollect
import YusuanModel
import YusuanPipeline
@testable import YusuanRender

@Suite("Reports")
struct ReportTests {
    static let cpi = Deflators(changes: [2015: 1.4, 2016: 2.0, 2017: 1.6, 2018: 2.1, 2019: 2.9, 2020: 2.5, 2021: 0.9, 2022: 2.0, 2023: 0.2, 2024: 0.2],
                               source: "NBS CPI (test copy)")

    func all(_ w: Workspace, _ l: Language) -> [String: String] {
        let data = ReportBuilder.data(w, deflators: Self.cpi, language: l)
        let files = Dictionary(uniqueKeysWithValues: data.charts.map { ($0.kind, "charts/\($0.kind.rawValue).svg") })
        let doc = ReportBuilder.document(data, language: l, chartFiles: files)
        return ["txt": TextReportWriter.write(doc), "md": MarkdownReportWriter.write(doc), "html": HTMLReportWriter.write(doc),
                "json": JSONReportWriter.write(data), "csv": CSVReportWriter.figures(w.panel)]
    }

    @Test("snapshots of every format for the seed", arguments: [Language.zh, .en])
    func seed(l: Language) throws {
        for (ext, text) in all(try seedWorkspace(), l).sorted(by: { $0.key < $1.key }) { assertSnapshot(text, named: "seed-report-\(l.rawValue).\(ext)") }
    }

    /// The workspace of one document `name` holding `text`, read from a temporary folder of its own.
    func workspace(_ name: String, _ text: String) throws -> Workspace {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return try Pipeline.load(paths: [dir.path])
    }

    @Test("the findings of a document the panel could not place are in the report, under a heading of their own")
    func unplacedFindings() throws {
        // No department named anywhere, and a 三公 total its parts do not reach.
        let w = try workspace("说明.txt", """
        2022年度部门决算公开说明
        2022年度一般公共预算财政拨款“三公”经费支出12.40万元。其中：因公出国（境）费0万元，公务用车购置及运行费0万元，公务接待费4.10万元。
        """)
        #expect(w.panel.unplaced.count == 1)
        let md = try #require(all(w, .zh)["md"])
        let section = try #require(md.components(separatedBy: "## 未放入面板的文件").last)
        #expect(section.contains("sum.three_public") && section.contains("说明.txt:2"))
        // No year could be placed: said in words, not as an empty range.
        #expect(md.contains("部门 0 个，没有可放入面板的年度（") && !md.contains("年度 —"))
        #expect(try #require(all(w, .en)["md"]).contains("0 departments, no year placed ("))
    }

    @Test("a report of one year names the year once")
    func oneYear() throws {
        let w = try workspace("budget.txt", """
        某县教育局2023年部门预算公开说明
        2023年支出预算合计250.00万元。
        """)
        #expect(w.panel.years(of: .budget) == [2023])
        #expect(try #require(all(w, .zh)["md"]).contains("部门 1 个，年度 2023（"))
        #expect(try #require(all(w, .en)["md"]).contains("1 departments, 2023 ("))
    }

    @Test("snapshots of every format for a district")
    func district() throws {
        for (ext, text) in all(try districtWorkspace(), .zh).sorted(by: { $0.key < $1.key }) { assertSnapshot(text, named: "district-report-zh.\(ext)") }
    }

    @Test("the seed's report: 2020 derived, 2021, every figure traced to a line")
    func seedContent() throws {
        let r = all(try seedWorkspace(), .zh)
        let md = r["md"] ?? ""
        #expect(md.contains("2020*") && md.contains("6952.34") && md.contains("9250.53"))
        #expect(md.contains("推算"))
        #expect(md.contains("prior.reconstruction") && md.contains("procurement.line_total"))
        #expect(md.contains("datasets/guangyang/2021/organization-department.budget.txt:43"))
        #expect(md.contains("![项目支出增长56.3%，基本支出下降70.7%](charts/change.svg)"))
        #expect(md.contains("benchmark: 基准比较至少需要 3 个部门"), "what could not be computed, and why")
        // Every figure in the panel has a row in the sources table with file:line.
        let panel = try seedWorkspace().panel
        let count = panel.cells.values.reduce(0) { $0 + $1.allKeys.count }
        let csvRows = (r["csv"] ?? "").split(separator: "\r\n").count - 1
        #expect(csvRows == count)
        let html = r["html"] ?? ""
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"), "self-contained, no network")
        #expect(html.contains("@media print"))
    }

    @Test("same input, same bytes")
    func deterministic() throws {
        #expect(all(try districtWorkspace(), .zh) == all(try districtWorkspace(), .zh))
    }

    @Test("text tables align CJK by display width")
    func alignment() {
        var t = TextTable(header: ["部门", "万元"], align: [.left, .right])
        t.add(["教育局", "1,234.5"])
        t.add(["Finance", "7"])
        let lines = t.render(indent: "").split(separator: "\n").map(String.init)
        let widths = lines.map(TextTable.width)
        #expect(Set(widths).count == 1, "\(lines)")
    }

    @Test("CSV quotes what needs quoting; --excel adds a BOM")
    func csv() throws {
        #expect(CSVReportWriter.field("a,b") == "\"a,b\"")
        #expect(CSVReportWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.csv").path
        try AtomicFile.write("a,b\r\n", to: path, bom: true)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.csv"], "no temporary file left behind")
    }

    @Test("a synthetic panel says so")
    func synthetic() throws {
        var w = try districtWorkspace()
        var docs = w.panel.disclosures
        docs[0].source.format = "synthetic"
        w.panel = PanelBuilder.build(docs)
        let r = all(w, .zh)
        #expect(r["md"]?.contains("示例数据") == true && r["html"]?.contains("class=\"banner\"") == true)
    }
}
