import Foundation
import Testing
@testable import YusuanAnalyse
import YusuanCollect
import YusuanModel

/// A document built directly, so a rule is tested apart from extraction: figures on their own lines
/// (numbered in the order given), outline entries and line items as given.
struct Fixture {
    var kind: DisclosureKind = .finalAccounts
    var year = 2022
    var figures: [(key: String, value: String, step: String)] = []
    var outline: [(line: Int, text: String)] = []
    var lineItems: [LineItem] = []
    var texts: [String: String] = [:]

    func disclosure() -> Disclosure {
        var figs: [String: Figure] = [:]
        for (i, f) in figures.enumerated() {
            let line = 100 + i
            figs[f.key] = Figure(key: f.key, value: dec(f.value), raw: f.value, step: dec(f.step),
                                 provenance: Provenance(line: line, text: texts[f.key] ?? "\(f.key) \(f.value)"))
        }
        var d = Disclosure(source: SourceInfo(path: "fixture.txt", format: "test", sha256: "", encoding: "UTF-8"),
                           identity: Identity(department: "某县测试局", normalizedDepartment: "某县测试局", fiscalYear: year,
                                              kind: kind, provenance: Provenance(line: 1, text: "某县测试局")),
                           figures: figs, outline: outline.map { OutlineEntry(text: $0.text, line: $0.line) })
        d.lineItems = lineItems
        d.statements = figures.compactMap { figs[$0.key] }
        return d
    }

    func findings(_ rule: String) -> [Finding] {
        #expect(Rules.isDeclared(rule), "\(rule) is not in Rules.all")
        let all = Checks.run(PanelBuilder.build([disclosure()]))
        for f in all { #expect(Rules.isDeclared(f.rule), "\(f.rule) raised but not declared") }
        return all.filter { $0.rule == rule }
    }
}

func fig(_ key: String, _ value: String, step: String = "0.01") -> (key: String, value: String, step: String) { (key, value, step) }

@Suite("Rules on documents built directly")
struct RuleFixtureTests {
    // MARK: three_public.line_item

    static let basicTable = "一般公共预算财政拨款基本支出决算表"
    func item(_ code: String, _ name: String, _ value: String, table: String = basicTable) -> LineItem {
        LineItem(code: code, name: name, values: ["gpb.expenditure.basic": dec(value), "gpb.expenditure.basic.public": dec(value)],
                 table: table, line: 300)
    }

    @Test("three_public.line_item: 30217 more than 公务接待费, and a line item where 三公 says 0")
    func lineItemFires() throws {
        var f = Fixture(figures: [fig("three_public.reception", "4.20"), fig("three_public.overseas_travel", "0")])
        f.lineItems = [item("30217", "公务接待费", "5.10"), item("30212", "因公出国（境）费用", "1.00")]
        let fs = f.findings("three_public.line_item")
        #expect(fs.count == 2)
        let reception = try #require(fs.first { $0.message.en.contains("30217") })
        #expect(reception.severity == .error && reception.message.en.contains("0.9"))
        #expect(reception.evidence.map(\.line) == [100, 300])
        #expect(fs.contains { $0.message.zh.contains("因公出国（境）费为 0") })
    }

    @Test("three_public.line_item: quiet when the item is a part, within rounding, or from another scope or kind")
    func lineItemQuiet() {
        var f = Fixture(figures: [fig("three_public.reception", "4.2", step: "0.1"), fig("three_public.vehicles.operation", "10")])
        f.lineItems = [
            item("30217", "公务接待费", "4.24"),                          // within half a step of 4.2
            item("30231", "公务用车运行维护费", "6.00"),                   // project spending makes up the rest
            item("30217", "公务接待费", "9.00", table: "部门支出经济分类决算表"),   // all funds: not within 三公's scope
            item("30217", "公务接待费", "9.00", table: "一般公共预算基本支出预算表"), // a budget table in final accounts
            LineItem(code: "30231", name: "公务用车运行维护费", values: ["预算数": 12, "决算数": 8], table: Self.basicTable, line: 301),
        ]
        #expect(f.findings("three_public.line_item").isEmpty)
    }

    // MARK: pct.zero_base

    @Test("pct.zero_base: a % of change where the change says last year was 0")
    func zeroBaseFires() throws {
        let f = Fixture(kind: .budget, figures: [fig("three_public.total", "5"), fig("change.three_public.total", "5"),
                                                 fig("change_pct.three_public.total", "100", step: "1")])
        let fs = f.findings("pct.zero_base")
        #expect(fs.count == 1 && fs.first?.severity == .error)
        #expect(Set(fs.first?.evidence.map(\.line) ?? []) == [100, 101, 102])
    }

    @Test("pct.zero_base: 0 → 0 stated as 0 % is not flagged; a base that is not 0 is not this rule's")
    func zeroBaseQuiet() {
        let zero = Fixture(kind: .budget, figures: [fig("three_public.total", "0"), fig("change.three_public.total", "0"),
                                                    fig("change_pct.three_public.total", "0", step: "1")])
        #expect(zero.findings("pct.zero_base").isEmpty && zero.findings("pct.recomputed").isEmpty)
        let some = Fixture(kind: .budget, figures: [fig("three_public.total", "10"), fig("change.three_public.total", "5"),
                                                    fig("change_pct.three_public.total", "100", step: "1")])
        #expect(some.findings("pct.zero_base").isEmpty && some.findings("pct.recomputed").isEmpty)
    }

    // MARK: completion.zero_budget

    @Test("completion.zero_budget: X% of a budget of 0 is an error when money was spent")
    func completionFires() throws {
        let f = Fixture(figures: [fig("budget.three_public.reception", "0"), fig("three_public.reception", "3.50"),
                                  fig("completion_pct.three_public.reception", "100", step: "1")])
        let fs = f.findings("completion.zero_budget")
        #expect(fs.count == 1 && fs.first?.severity == .error && fs.first?.evidence.count == 3)
        let none = Fixture(figures: [fig("budget.three_public.reception", "0"), fig("three_public.reception", "0"),
                                     fig("completion_pct.three_public.reception", "100", step: "1")])
        #expect(none.findings("completion.zero_budget").first?.severity == .warning, "0 of 0 called 100%: odd, not wrong money")
    }

    @Test("completion.zero_budget: quiet on 0 % of 0 and on a budget that is not 0")
    func completionQuiet() {
        let zero = Fixture(figures: [fig("budget.three_public.reception", "0"), fig("three_public.reception", "0"),
                                     fig("completion_pct.three_public.reception", "0", step: "1")])
        #expect(zero.findings("completion.zero_budget").isEmpty)
        let some = Fixture(figures: [fig("budget.three_public.reception", "4"), fig("three_public.reception", "3"),
                                     fig("completion_pct.three_public.reception", "75", step: "1")])
        #expect(some.findings("completion.zero_budget").isEmpty)
    }

    // MARK: share.sum, share.amount

    @Test("share.sum: 三公 parts' shares that add to 90 %")
    func shareSumFires() throws {
        let f = Fixture(kind: .budget, figures: [fig("share_pct.three_public.overseas_travel", "10", step: "1"),
                                                 fig("share_pct.three_public.vehicles", "50", step: "1"),
                                                 fig("share_pct.three_public.reception", "30", step: "1")])
        let fs = f.findings("share.sum")
        #expect(fs.count == 1 && fs.first?.message.en.contains("= 90%") == true && fs.first?.evidence.count == 3)
    }

    @Test("share.sum: quiet when they add up within rounding, when one is missing, or when one is of another total")
    func shareSumQuiet() {
        let rounded = Fixture(kind: .budget, figures: [fig("share_pct.three_public.overseas_travel", "33.3", step: "0.1"),
                                                       fig("share_pct.three_public.vehicles", "33.3", step: "0.1"),
                                                       fig("share_pct.three_public.reception", "33.3", step: "0.1")])
        #expect(rounded.findings("share.sum").isEmpty)
        let partial = Fixture(kind: .budget, figures: [fig("share_pct.expenditure.basic", "60", step: "1")])
        #expect(partial.findings("share.sum").isEmpty)
        // 人员经费占支出合计的60%，公用经费占10%: shares of the grand total, not of basic.
        let other = Fixture(kind: .budget, figures: [
            fig("expenditure.total", "100"), fig("expenditure.basic", "70"), fig("expenditure.project", "30"),
            fig("expenditure.basic.personnel", "60"), fig("expenditure.basic.public", "10"),
            fig("share_pct.expenditure.basic.personnel", "60", step: "1"), fig("share_pct.expenditure.basic.public", "10", step: "1"),
        ])
        #expect(other.findings("share.sum").isEmpty && other.findings("share.amount").isEmpty)
    }

    @Test("share.amount: a share that is not the amount over its total")
    func shareAmountFires() throws {
        let f = Fixture(kind: .budget, figures: [fig("expenditure.total", "200"), fig("expenditure.basic", "150"),
                                                 fig("share_pct.expenditure.basic", "70", step: "1")])
        let fs = f.findings("share.amount")
        #expect(fs.count == 1 && fs.first?.message.en.contains("75") == true && fs.first?.evidence.count == 3)
    }

    @Test("share.amount: quiet within rounding, including the rounding of small amounts")
    func shareAmountQuiet() {
        let f = Fixture(kind: .budget, figures: [fig("expenditure.total", "200"), fig("expenditure.basic", "150"),
                                                 fig("share_pct.expenditure.basic", "75.2", step: "0.1")])
        #expect(f.findings("share.amount").isEmpty)
        // 0.5 of 3.0, both to 0.1: anything from 15 % to 18.3 % may be right.
        let small = Fixture(kind: .budget, figures: [fig("three_public.total", "3.0", step: "0.1"),
                                                     fig("three_public.reception", "0.5", step: "0.1"),
                                                     fig("share_pct.three_public.reception", "15", step: "1")])
        #expect(small.findings("share.amount").isEmpty)
    }

    // MARK: comparison.contradicts

    @Test("comparison.contradicts: 决算数小于预算数 when the final is more")
    func comparisonFires() throws {
        let f = Fixture(figures: [fig("budget.three_public.total", "10"), fig("three_public.total", "12"),
                                  fig("comparison.three_public.total", "-1", step: "1")])
        let fs = f.findings("comparison.contradicts")
        #expect(fs.count == 1 && fs.first?.message.zh.contains("小于") == true && fs.first?.evidence.count == 3)
        let equal = Fixture(figures: [fig("budget.three_public.total", "10"), fig("three_public.total", "12"),
                                      fig("comparison.three_public.total", "0", step: "1")])
        #expect(equal.findings("comparison.contradicts").count == 1)
    }

    @Test("comparison.contradicts: quiet when the words agree, within rounding, or on a hedged 基本持平")
    func comparisonQuiet() {
        let less = Fixture(figures: [fig("budget.three_public.total", "10"), fig("three_public.total", "8"),
                                     fig("comparison.three_public.total", "-1", step: "1")])
        #expect(less.findings("comparison.contradicts").isEmpty)
        let rounded = Fixture(figures: [fig("budget.three_public.total", "10.00"), fig("three_public.total", "10.01"),
                                        fig("comparison.three_public.total", "0", step: "1")])
        #expect(rounded.findings("comparison.contradicts").isEmpty)
        var hedged = Fixture(figures: [fig("budget.three_public.total", "10"), fig("three_public.total", "10.3"),
                                       fig("comparison.three_public.total", "0", step: "1")])
        hedged.texts["comparison.three_public.total"] = "决算数与预算数基本持平"
        #expect(hedged.findings("comparison.contradicts").isEmpty)
    }

    // MARK: year.heading, year.as_of

    @Test("year.heading: last year's table title left in a 2022 document")
    func yearHeadingFires() throws {
        let f = Fixture(outline: [(5, "一、2022年度收入支出决算总体情况"), (40, "2021年度一般公共预算财政拨款支出决算表")])
        let fs = f.findings("year.heading")
        #expect(fs.count == 1 && fs.first?.evidence.first?.line == 40 && fs.first?.message.en.contains("2021") == true)
        let numbered = Fixture(kind: .budget, year: 2023, outline: [(7, "（三）2021年部门预算收支情况")])
        #expect(numbered.findings("year.heading").count == 1)
    }

    @Test("year.heading: comparisons, spans, plans and last year's execution in a budget are not flagged")
    func yearHeadingQuiet() {
        let f = Fixture(kind: .budget, year: 2023, outline: [
            (3, "2023年部门预算"),
            (9, "（一）2023年收入预算比2022年增加"),            // a comparison
            (12, "二、2022年预算执行情况"),                     // last year's execution, in a budget
            (15, "2023年支出预算较2022年预算对比表"),
            (18, "三、2024年工作计划"),                          // not about a 预算/决算
            (20, "2021年以来，本部门预算稳步增长，支出结构不断优化。"),  // a sentence, not a heading
        ])
        #expect(f.findings("year.heading").isEmpty)
    }

    @Test("year.as_of: 截至 a year other than the document's")
    func asOfFires() throws {
        var f = Fixture(year: 2022, figures: [fig("assets.vehicles.count", "5", step: "1")])
        f.texts["assets.vehicles.count"] = "截至2021年12月31日，本部门共有车辆5辆。"
        let fs = f.findings("year.as_of")
        #expect(fs.count == 1 && fs.first?.evidence.first?.line == 100)
        var budget = Fixture(kind: .budget, year: 2023, figures: [fig("assets.total", "50")])
        budget.texts["assets.total"] = "截止到2020年底，固定资产总额50万元。"
        #expect(budget.findings("year.as_of").count == 1)
    }

    @Test("year.as_of: a budget's 截至 the end of last year, and final accounts' own year, are normal")
    func asOfQuiet() {
        var budget = Fixture(kind: .budget, year: 2023, figures: [fig("assets.vehicles.count", "5", step: "1")])
        budget.texts["assets.vehicles.count"] = "截至 2022 年 12 月 31 日，共有车辆5辆。"
        #expect(budget.findings("year.as_of").isEmpty)
        var final = Fixture(year: 2022, figures: [fig("assets.vehicles.count", "5", step: "1")])
        final.texts["assets.vehicles.count"] = "截至2022年12月31日，共有车辆5辆，比2021年减少1辆。"
        #expect(final.findings("year.as_of").isEmpty)
    }

    // MARK: prior.sum

    @Test("prior.sum: last year's stated parts that do not add up to last year's stated total")
    func priorSumFires() throws {
        let f = Fixture(kind: .budget, year: 2023, figures: [fig("prior.expenditure.total", "100"), fig("prior.expenditure.basic", "60"),
                                                             fig("prior.expenditure.project", "30")])
        let fs = f.findings("prior.sum")
        #expect(fs.count == 1 && fs.first?.year == 2023 && fs.first?.message.en.hasPrefix("2022:") == true)
        #expect(fs.first?.severity == .error && fs.first?.evidence.count == 3)
        #expect(f.findings("sum.expenditure").isEmpty, "this year's own figures are not concerned")
    }

    @Test("prior.sum: quiet when they add up within rounding or a part is not stated")
    func priorSumQuiet() {
        let f = Fixture(kind: .budget, year: 2023, figures: [
            fig("prior.three_public.total", "10.0", step: "0.1"), fig("prior.three_public.overseas_travel", "0"),
            fig("prior.three_public.vehicles", "6.04"), fig("prior.three_public.reception", "4.00"),
            fig("prior.expenditure.total", "100"), fig("prior.expenditure.basic", "60"),
        ])
        #expect(f.findings("prior.sum").isEmpty)
    }

    // MARK: performance.project_total

    @Test("performance.project_total: targets said to cover every project, with another amount")
    func performanceFires() throws {
        var f = Fixture(kind: .budget, year: 2023, figures: [fig("expenditure.project", "500"), fig("performance.project_funds", "450")])
        f.texts["performance.project_funds"] = "本部门全部项目均编制了绩效目标，涉及项目预算资金450万元。"
        let fs = f.findings("performance.project_total")
        #expect(fs.count == 1 && fs.first?.message.en.contains("off by -50") == true && fs.first?.evidence.count == 2)
    }

    @Test("performance.project_total: quiet when the scope is not said to be every project, or the amounts agree")
    func performanceQuiet() {
        var some = Fixture(kind: .budget, year: 2023, figures: [fig("expenditure.project", "500"), fig("performance.project_funds", "450")])
        some.texts["performance.project_funds"] = "共12个项目编制了绩效目标，涉及项目预算资金450万元。"
        #expect(some.findings("performance.project_total").isEmpty)
        var all = Fixture(kind: .budget, year: 2023, figures: [fig("expenditure.project", "500"), fig("performance.project_funds", "500.00")])
        all.texts["performance.project_funds"] = "所有项目均编制绩效目标，涉及项目预算资金500万元。"
        #expect(all.findings("performance.project_total").isEmpty)
    }

    @Test("every rule is listed once, with both descriptions")
    func registry() {
        #expect(Set(Rules.all.map(\.id)).count == Rules.all.count)
        for r in Rules.all { #expect(!r.zh.isEmpty && !r.en.isEmpty && r.zh != r.id) }
    }
}
