import Foundation
import Testing
import YusuanCollect
import YusuanModel
import YusuanPipeline
@testable import YusuanRender

@Suite("Charts")
struct ChartTests {
    static let kinds = ChartKind.allCases

    func charts(_ w: Workspace, _ l: Language) -> [Chart] {
        ChartKind.allCases.compactMap { try? Charts.make(ChartRequest(kind: $0, department: nil, language: l), panel: w.panel) }
    }

    @Test("the seed's change chart: 6952.34 → −901.2 → +3199.48 → 9250.53, the 0.09 gap as a note")
    func seedChange() throws {
        let c = try Charts.make(ChartRequest(kind: .change), panel: try seedWorkspace().panel)
        #expect(c.title == "项目支出增长56.3%，基本支出下降70.7%")
        for s in ["6,952.34", "−901.2", "+3,199.48", "9,250.53", "相差 −0.09"] { #expect(c.svg.contains(s), "\(s)") }
        #expect(c.svg.contains("stroke-dasharray"), "the derived 2020 bar is drawn dashed")
        assertSnapshot(c.svg, named: "seed-change.svg")
    }

    @Test("snapshots of every chart the seed supports, zh and en", arguments: [Language.zh, .en])
    func seedSnapshots(l: Language) throws {
        for c in charts(try seedWorkspace(), l) { assertSnapshot(c.svg, named: "seed-\(c.kind.rawValue)-\(l.rawValue).svg") }
    }

    @Test("snapshots of every chart kind for a district", arguments: [Language.zh, .en])
    func districtSnapshots(l: Language) throws {
        let cs = charts(try districtWorkspace(), l)
        #expect(Set(cs.map(\.kind)) == Set(ChartKind.allCases).subtracting([.change, .threePublic]),
                "change and three-public need one department")
        for c in cs { assertSnapshot(c.svg, named: "district-\(c.kind.rawValue)-\(l.rawValue).svg") }
        let w = try districtWorkspace()
        for kind in [ChartKind.change, .threePublic, .trend] {
            let c = try Charts.make(ChartRequest(kind: kind, department: "某某区教育局", language: l), panel: w.panel)
            assertSnapshot(c.svg, named: "district-\(kind.rawValue)-education-\(l.rawValue).svg")
        }
    }

    @Test("a year whose 三公 parts do not add up to its total says so under the chart, in both languages", arguments: [Language.zh, .en])
    func threePublicGap(l: Language) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
        某某县文化馆2022年部门决算公开说明
        2022年度一般公共预算财政拨款“三公”经费支出12.40万元。其中：因公出国（境）费0万元，公务用车购置及运行费0万元，公务接待费4.10万元。
        """
        try text.write(to: dir.appendingPathComponent("2022.txt"), atomically: true, encoding: .utf8)
        let w = try Pipeline.load(paths: [dir.path])
        let c = try Charts.make(ChartRequest(kind: .threePublic, language: l), panel: w.panel)
        let note = l == .zh ? "三项合计 4.1，但“三公”经费为 12.4，相差 +8.3 万元" : "the three parts come to 4.1, but the total is 12.4, a gap of +8.3"
        #expect(c.svg.contains(note), "\(c.boxes.map(\.text))")
    }

    @Test("the benchmark names the planted outlier")
    func benchmark() throws {
        let c = try Charts.make(ChartRequest(kind: .benchmark, metric: "growth:expenditure.total"), panel: try districtWorkspace().panel)
        #expect(c.title.contains("住房和城乡建设局"))
    }

    @Test("a negative value's label sits left of its bar, clear of the zero and median lines, in both languages", arguments: [Language.zh, .en])
    func benchmarkNegativeLabel(l: Language) throws {
        let c = try Charts.make(ChartRequest(kind: .benchmark, metric: "growth:expenditure.total", language: l), panel: try districtWorkspace(halving: "民政局").panel)
        // The civil affairs bureau's total halves in 2022: its label is the one value label with a minus.
        let negative = try #require(c.boxes.first { $0.text.hasPrefix("-") && $0.text.hasSuffix(l.pick(" 离群", " outlier")) }, "\(c.boxes.map(\.text))")
        let zero = try #require(c.boxes.first { $0.text == "0.0%" }), median = try #require(c.boxes.first { $0.text == l.pick("中位数", "median") })
        #expect(negative.x + negative.width <= zero.x + zero.width / 2 - 2, "left of the zero line")
        #expect(negative.x + negative.width <= median.x + median.width / 2 - 2, "left of the median line")
        // Value labels are drawn after the lines, outlined so that a line does not strike them through.
        let svg = c.svg
        let lastLine = try #require(svg.range(of: "<line", options: .backwards)), label = try #require(svg.range(of: ">\(negative.text)<"))
        #expect(lastLine.lowerBound < label.lowerBound)
        #expect(svg.contains("paint-order=\"stroke\">\(negative.text)<"))
    }

    @Test("every text box stays on the canvas, and data labels do not overlap")
    func layout() throws {
        let all = charts(try seedWorkspace(), .zh) + charts(try seedWorkspace(), .en) + charts(try districtWorkspace(), .zh) + charts(try districtWorkspace(), .en)
        #expect(all.count >= 14)
        for c in all {
            for b in c.boxes {
                #expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= c.width + 0.5 && b.y + b.height <= c.height + 0.5,
                        "\(c.kind.rawValue): “\(b.text)” leaves the canvas (\(b.x), \(b.y), \(b.width)×\(b.height) in \(c.width)×\(c.height))")
            }
            let labels = c.boxes.filter(\.isLabel)
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] where a.intersects(b) {
                    Issue.record("\(c.kind.rawValue): “\(a.text)” overlaps “\(b.text)”")
                }
            }
        }
    }

    @Test("accessible, scalable, Okabe–Ito, CJK font first")
    func craft() throws {
        for c in charts(try districtWorkspace(), .zh) {
            #expect(c.svg.contains("role=\"img\"") && c.svg.contains("aria-labelledby=") && c.svg.contains("<title id=") && c.svg.contains("<desc id="))
            #expect(c.svg.contains("viewBox=\"0 0 "))
            #expect(c.svg.contains("font-family=\"'Noto Sans CJK SC'"))
            #expect(c.svg.contains("来源："))
        }
    }

    @Test("same input, same bytes")
    func deterministic() throws {
        let a = charts(try districtWorkspace(), .zh).map(\.svg), b = charts(try districtWorkspace(), .zh).map(\.svg)
        #expect(a == b)
    }

    @Test("refusals say what is missing")
    func refusals() throws {
        let seed = try seedWorkspace().panel
        #expect(throws: ChartRefusal.self) { try Charts.make(ChartRequest(kind: .benchmark), panel: seed) }
        do { _ = try Charts.make(ChartRequest(kind: .benchmark), panel: seed) } catch { #expect(error.zh.contains("至少需要 3 个部门")) }
        // A trend from one year.
        let one = try districtWorkspace().panel.disclosures.filter { $0.identity.fiscalYear == 2022 && $0.identity.department == "某某区财政局" }
        var single = one[0]
        single.figures = single.figures.filter { !$0.key.hasPrefix("change") }
        let onePanel = PanelBuilder.build([single])
        do { _ = try Charts.make(ChartRequest(kind: .trend), panel: onePanel); Issue.record("drew a trend from one year") }
        catch { #expect(error.zh.contains("至少需要两个年度")) }
        // A unit cost with no count.
        var noCount = single
        noCount.performanceTables = []
        do { _ = try Charts.make(ChartRequest(kind: .unitCost), panel: PanelBuilder.build([noCount])); Issue.record("drew unit costs without counts") }
        catch { #expect(error.en.contains("count and a cost")) }
        do { _ = try Charts.make(ChartRequest(kind: .change, department: "不存在的局"), panel: seed); Issue.record("unknown department") }
        catch { #expect(error.zh.contains("找不到部门")) }
    }

    @Test("synthetic data says so on the chart")
    func synthetic() throws {
        var w = try districtWorkspace()
        var docs = w.panel.disclosures
        docs[0].source.format = "synthetic"
        w.panel = PanelBuilder.build(docs)
        let c = try Charts.make(ChartRequest(kind: .benchmark), panel: w.panel)
        #expect(c.svg.contains("示例数据"))
    }

    @Test("every chart kind renders with rsvg-convert to a non-empty PNG")
    func renders() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = charts(try districtWorkspace(), .zh) + charts(try seedWorkspace(), .en)
        #expect(Set(all.map(\.kind)) == Set(ChartKind.allCases))
        for (i, c) in all.enumerated() {
            let svg = dir.appendingPathComponent("\(i).svg"), png = dir.appendingPathComponent("\(i).png")
            try c.svg.write(to: svg, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["rsvg-convert", "-w", "720", svg.path, "-o", png.path]
            let err = Pipe()
            p.standardError = err
            try p.run()
            let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(c.kind.rawValue): \(errText)")
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            #expect(size > 5000, "\(c.kind.rawValue): PNG of \(size ?? 0) bytes")
        }
    }
}
