import Foundation
import Testing
import YusuanAnalyse
import YusuanCollect
import YusuanModel

@Suite("Growth, mix, unit costs, execution")
struct GrowthTests {
    @Test("the seed: 2020 derived → 2021, +33.1% total, −70.7% basic, +56.3% project")
    func seedGrowth() throws {
        let panel = try seedPanel()
        let id = panel.departments[0].id
        let total = Growth.series(panel, department: id, kind: .budget, figure: "expenditure.total")
        #expect(total.points.map(\.year) == [2020, 2021])
        #expect(total.points[0].value.derived && !total.points[1].value.derived)
        #expect(total.steps[0].change == dec("2298.19"))
        #expect(close(total.steps[0].percent, 2298.19 / 6952.34 * 100))
        #expect(total.trend == nil && total.notes.contains { $0.contains("3 or more") })
        let basic = Growth.series(panel, department: id, kind: .budget, figure: "expenditure.basic")
        #expect(close(basic.steps[0].percent, -901.2 / 1274.21 * 100))
        let project = Growth.series(panel, department: id, kind: .budget, figure: "expenditure.project")
        #expect(Format1(project.steps[0].percent) == "56.3" && Format1(basic.steps[0].percent) == "-70.7")
    }

    func Format1(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "nil" }

    @Test("a prior year is compared only when a compared figure was derived for it")
    func derivedYearsShownOnlyWithFigures() throws {
        // Only the income is compared with last year: the derived 2021 holds no spending figure.
        let income = try disclosure(doc("某某县文化馆", 2022, "2022年收入预算500.00万元，比上年增加50.00万元。2022年支出预算500.00万元，其中基本支出300.00万元，项目支出200.00万元。"))
        let panel = PanelBuilder.build([income])
        let id = panel.departments[0].id
        #expect(panel.years(id, kind: .budget) == [2021, 2022], "the panel keeps the derived income")
        let dc = try #require(Compare.run(panel).departments.first)
        #expect(dc.years == [2022] && dc.derivedYears.isEmpty)
        // With the total compared too, the derived year is shown and marked.
        let total = try disclosure(doc("某某县文化馆", 2022, "2022年支出预算500.00万元，比上年增加50.00万元，其中基本支出300.00万元，项目支出200.00万元。"))
        let shown = try #require(Compare.run(PanelBuilder.build([total])).departments.first)
        #expect(shown.years == [2021, 2022] && shown.derivedYears == [2021])
        #expect(shown.growth.first { $0.figure == "expenditure.total" }?.points.first?.value.value == dec("450"))
    }

    @Test("trend and CAGR against scipy; real terms with the CPI table")
    func trend() throws {
        let t = expected["trend"] as! [String: Any]
        let years = (t["years"] as! [NSNumber]).map(\.intValue)
        let values = (t["values"] as! [NSNumber]).map { Decimal(string: $0.stringValue)! }
        let docs = try zip(years, values).map { y, v in try disclosure(doc("某县教育局", y, "\(y)年支出预算\(v.plain)万元。"), path: "\(y).txt") }
        let panel = PanelBuilder.build(docs)
        let csv = try String(contentsOf: repoRoot.appendingPathComponent("datasets/deflators/cpi-china.csv"), encoding: .utf8)
        let deflators = try Deflators.parse(csv: csv, path: "cpi-china.csv")
        let s = Growth.series(panel, department: panel.departments[0].id, kind: .budget, figure: "expenditure.total", deflators: deflators)
        let trend = try #require(s.trend)
        #expect(close(trend.rate, num(t["rate"]), rel: 1e-7))
        #expect(close(trend.lower, num(t["lower"]), rel: 1e-6))
        #expect(close(trend.upper, num(t["upper"]), rel: 1e-6))
        #expect(close(s.cagr, num(t["cagr"]), rel: 1e-9))
        #expect(s.baseYear == 2023)
        for (p, r) in zip(s.points, t["real_2023_prices"] as! [NSNumber]) { #expect(close(p.real, r.doubleValue, rel: 1e-12)) }
        #expect(close(s.realTrend?.rate, num(t["real_rate"]), rel: 1e-7))
        #expect(deflators.source.contains("国家统计局") && deflators.source.contains("National Bureau of Statistics"))
    }

    @Test("deflator tables that are wrong are refused with the line")
    func badDeflators() {
        #expect(throws: Deflators.ParseError.self) { try Deflators.parse(csv: "year,pct\n2020,abc\n", path: "d.csv") }
        #expect(throws: Deflators.ParseError.self) { try Deflators.parse(csv: "year,pct\n", path: "d.csv") }
        let d = Deflators(changes: [2021: 1, 2023: 2], source: "x")
        #expect(d.priceLevel(2023, base: 2021) == nil, "a gap in the table")
    }

    @Test("mix and its change in percentage points")
    func mix() throws {
        let panel = try seedPanel()
        let rows = Mix.rows(panel, department: panel.departments[0].id, kind: .budget)
        #expect(rows.map(\.year) == [2020, 2021])
        #expect(rows[0].derived)
        #expect(close(rows[1].shares["basic_share"], 373.01 / 9250.53 * 100))
        #expect(close(rows[1].shares["personnel_share"], 339.54 / 373.01 * 100))
        #expect(close(rows[1].changes["basic_share"], 373.01 / 9250.53 * 100 - 1274.21 / 6952.34 * 100, rel: 1e-9))
        #expect(rows[0].shares["personnel_share"] == nil, "2020 personnel is not stated or derivable")
    }

    @Test("unit costs match the reference file")
    func unitCosts() throws {
        let panel = try seedPanel()
        let units = UnitCosts.from(panel.disclosures[0], department: panel.departments[0].id)
        for r in reference["unit_costs_implied"] as! [[String: Any]] {
            let project = r["project"] as! String
            let u = try #require(units.first { $0.project == project }, "\(project)")
            #expect(close(u.unitCost.doubleValue, num(r["unit_cost"]), rel: 1e-9), "\(project)")
            #expect(close(u.count.doubleValue, num(r["count"])) && close(u.cost.doubleValue, num(r["cost"])))
            #expect(u.per == r["per"] as! String, "\(project): \(u.per)")
            #expect(u.bound == (r["bound"] == nil ? .exact : .upper), "\(project)")
        }
    }

    @Test("per-village and per-community project spending from the denominators file")
    func perUnit() throws {
        let den = try Denominators.load(path: repoRoot.appendingPathComponent("datasets/guangyang/denominators.yaml").path)
        #expect(den.entries.map(\.value) == [81, 149])
        let panel = try seedPanel()
        let cell = try #require(panel.cells[PanelKey(department: panel.departments[0].id, year: 2021, kind: .budget)])
        let per = den.perUnit(cell)
        #expect(per.first { $0.entry.id == "villages" }?.value == dec("59.5807"))
        #expect(per.first { $0.entry.id == "communities" }?.value == dec("109.5990"))
        // Each denominator's stated source line holds its number.
        let lines = try String(contentsOfFile: seedPath, encoding: .utf8).components(separatedBy: "\n")
        for e in den.entries { #expect(lines[(e.sourceLine ?? 1) - 1].contains(e.value.plain)) }
    }

    @Test("execution rate where a budget and final accounts meet")
    func execution() throws {
        let b = try disclosure(doc("某县财政局", 2022, "2022年支出预算200万元，其中基本支出80万元。"), path: "b.txt")
        let f = try disclosure(doc("某县财政局", 2022, "2022年度本年支出合计190万元，其中基本支出80万元。", kind: "决算"), path: "f.txt")
        let rates = Execution.rates(PanelBuilder.build([b, f]))
        #expect(rates.first { $0.figure == "expenditure.total" }?.percent == 95)
        #expect(rates.first { $0.figure == "expenditure.basic" }?.percent == 100)
    }
}

extension Decimal { var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue } }
