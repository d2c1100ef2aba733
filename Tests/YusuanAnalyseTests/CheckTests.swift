import Foundation
import Testing
import YusuanAnalyse
import YusuanCollect
import YusuanModel

@Suite("Checks on the seed")
struct SeedCheckTests {
    let findings: [Finding]
    init() throws { findings = Checks.run(try seedPanel()) }

    func with(_ rule: String) -> [Finding] { findings.filter { $0.rule == rule } }

    @Test("prior-year reconstruction: 6952.25 against 6952.34, off by 0.09")
    func prior() throws {
        let f = try #require(with("prior.reconstruction").first)
        #expect(with("prior.reconstruction").count == 1)
        #expect(f.year == 2020 && f.severity == .error)
        #expect(f.message.en.contains("6952.25") && f.message.en.contains("6952.34") && f.message.en.contains("0.09"))
        #expect(f.evidence.contains { $0.line == 43 })
    }

    @Test("quantity × unit price: LED显示屏 and 触控一体机, nothing else")
    func lineTotals() {
        let fs = with("procurement.line_total")
        #expect(fs.count == 2)
        #expect(fs.contains { $0.message.en.contains("LED显示屏") && $0.message.en.contains("12.33") && $0.evidence.first?.line == 1615 })
        #expect(fs.contains { $0.message.en.contains("触控一体机") && $0.message.en.contains("13.28") && $0.evidence.first?.line == 1629 })
    }

    @Test("procurement rows sum to 279.08 against 300")
    func procurementSum() throws {
        let f = try #require(with("procurement.sum").first)
        #expect(f.message.en.contains("279.08") && f.message.en.contains("300"))
    }

    @Test("project 12: 不少于3个 with ≤3个")
    func operatorAgainstDescription() throws {
        let fs = with("indicator.operator")
        #expect(fs.count == 1)
        #expect(fs[0].message.en.contains("project 12") && fs[0].message.en.contains("不少于") && fs[0].message.en.contains("≤3个"))
    }

    @Test("swapped values in projects 12 and 6")
    func misplaced() {
        let fs = with("indicator.misplaced")
        #expect(fs.count == 2)
        #expect(fs.contains { $0.message.en.contains("project 12") && $0.message.en.contains("及时") && $0.message.en.contains("≥90%") && $0.evidence.count == 2 })
        #expect(fs.contains { $0.message.en.contains("project 6") && $0.message.en.contains("符合要求") && $0.message.en.contains("及时发放") })
    }

    @Test("project 21: 及 is 及时 cut short")
    func truncated() {
        let fs = with("indicator.truncated")
        #expect(fs.count == 1)
        #expect(fs.first?.message.en.contains("project 21") == true && fs.first?.evidence.first?.line == 1408)
    }

    @Test("nothing on the sums that hold")
    func sumsThatHold() {
        #expect(findings.filter { $0.rule.hasPrefix("sum.") }.isEmpty, "\(findings.filter { $0.rule.hasPrefix("sum.") }.map(\.message.en))")
        #expect(with("pct.recomputed").isEmpty && with("duplicate.conflict").isEmpty && with("prior.disagrees").isEmpty)
    }

    @Test("completeness is scored: the 8 standard tables are missing")
    func completeness() throws {
        let f = try #require(with("completeness").first)
        #expect(f.severity == .warning)
        #expect(f.message.en.contains("13/21"))
        for t in ["部门收支总表", "政府性基金预算支出表"] { #expect(f.message.en.contains(t)) }
        #expect(!f.message.en.contains("名词解释") && !f.message.en.contains("机构设置"))
    }

    @Test("every finding points at lines of the file")
    func evidence() {
        for f in findings { #expect(!f.evidence.isEmpty && f.evidence.allSatisfy { $0.line >= 1 && $0.path == seedPath }) }
    }
}

@Suite("Checks on documents of our own")
struct VariantCheckTests {
    func findings(_ texts: [String]) throws -> [Finding] {
        Checks.run(PanelBuilder.build(try texts.enumerated().map { try disclosure($1, path: "doc\($0).txt") }))
    }

    @Test("sums that do not hold are errors; within half a step per term they hold")
    func sums() throws {
        let bad = try findings([doc("某县财政局", 2023, "2023年支出预算100.00万元，其中基本支出40.00万元，项目支出59.00万元。基本支出中人员经费30.00万元，公用经费10.50万元。")])
        #expect(bad.contains { $0.rule == "sum.expenditure" && $0.severity == .error && $0.message.en.contains("off by 1") })
        #expect(bad.contains { $0.rule == "sum.basic" && $0.message.en.contains("-0.5") })
        // Written as whole 万元, a number may carry ±0.5 of rounding: 100 = 40 + 59 is within 3 × 0.5.
        let whole = try findings([doc("某县财政局", 2023, "2023年支出预算100万元，其中基本支出40万元，项目支出59万元。")])
        #expect(!whole.contains { $0.rule == "sum.expenditure" })
        let rounded = try findings([doc("某县财政局", 2023, "2023年支出预算100.01万元，其中基本支出40.00万元，项目支出60.00万元。")])
        #expect(!rounded.contains { $0.rule.hasPrefix("sum.") }, "0.01 is within ½ step × 3 terms")
        let roundedOff = try findings([doc("某县财政局", 2023, "2023年支出预算100.02万元，其中基本支出40.00万元，项目支出60.00万元。")])
        #expect(roundedOff.contains { $0.rule == "sum.expenditure" })
    }

    @Test("三公 and vehicles")
    func threePublic() throws {
        let fs = try findings([doc("某县财政局", 2023, "“三公”经费预算10.00万元，其中：因公出国（境）费1.00万元，公务用车购置及运行维护费6.00万元（其中公务用车购置费2.00万元，公务用车运行维护费3.00万元），公务接待费2.00万元。")])
        #expect(fs.contains { $0.rule == "sum.three_public" })
        #expect(fs.contains { $0.rule == "sum.vehicles" })
    }

    @Test("stated percentages are recomputed; a zero base with a % is an error")
    func percentages() throws {
        let ok = try findings([doc("某县财政局", 2023, "支出预算110万元，比上年增加10万元，增长10%。")])
        #expect(!ok.contains { $0.rule.hasPrefix("pct.") })
        let wrong = try findings([doc("某县财政局", 2023, "支出预算110万元，比上年增加10万元，增长12%。")])
        #expect(wrong.contains { $0.rule == "pct.recomputed" && $0.message.en.contains("10") })
        let zero = try findings([doc("某县财政局", 2023, "“三公”经费5万元，比上年增加5万元，增长100%。")])
        #expect(zero.contains { $0.rule == "pct.zero_base" && $0.severity == .error })
        // Against the previous year's own document when no amount change is stated.
        let two = try findings([doc("某县财政局", 2022, "支出预算200万元。"), doc("某县财政局", 2023, "支出预算210万元，比上年增长15%。")])
        #expect(two.contains { $0.rule == "pct.recomputed" && $0.message.en.contains("5") })
    }

    @Test("a later year's 上年 against the earlier year's own document")
    func priorDisagrees() throws {
        let fs = try findings([doc("某县财政局", 2022, "支出预算100万元。"), doc("某县财政局", 2023, "支出预算130万元，比上年增加20万元。")])
        let f = try #require(fs.first { $0.rule == "prior.disagrees" })
        #expect(f.year == 2022 && f.message.en.contains("100") && f.message.en.contains("110"))
        #expect(Set(f.evidence.map(\.path)) == ["doc0.txt", "doc1.txt"])
        let agree = try findings([doc("某县财政局", 2022, "支出预算110万元。"), doc("某县财政局", 2023, "支出预算130万元，比上年增加20万元。")])
        #expect(!agree.contains { $0.rule == "prior.disagrees" })
    }

    @Test("two documents for one department-year that disagree")
    func duplicates() throws {
        let fs = try findings([doc("中共某县委组织部", 2023, "基本支出40万元。"), doc("中国共产党某县委员会组织部", 2023, "基本支出42万元。")])
        #expect(fs.contains { $0.rule == "duplicate.conflict" && $0.severity == .error && $0.evidence.count == 2 })
        let same = try findings([doc("中共某县委组织部", 2023, "基本支出40万元。"), doc("中国共产党某县委员会组织部", 2023, "基本支出40万元。")])
        #expect(!same.contains { $0.rule == "duplicate.conflict" })
    }

    /// A performance-target table in the text layout: a title, the standard header, then rows of
    /// (level1, level2, name, description, value); the basis column is filled in.
    func targets(_ title: String, _ rows: [[String]]) -> String {
        let header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
        let body = ([header] + rows.map { $0 + ["文件"] }).map { r in r.map { "\t" + $0 }.joined(separator: "\n") + "\n" }
        return title + "\n\n" + body.joined(separator: "\n") + "\n\n"
    }

    @Test("indicator rules that must not fire on ordinary tables")
    func quietIndicators() throws {
        let fs = try findings([doc("某县财政局", 2023, targets("1.农田建设绩效目标表", [
            ["产出指标", "数量指标", "建设面积", "建设高标准农田不少于500亩", "≥500亩"],
            ["", "质量指标", "验收合格率", "验收合格", "≥95%"],
            ["", "时效指标", "完成时间", "年底前完成", "及时"],
            ["", "成本指标", "资金控制", "不超过预算", "≤300万元"],
        ]))])
        #expect(fs.filter { $0.rule.hasPrefix("indicator.") }.isEmpty, "\(fs.filter { $0.rule.hasPrefix("indicator.") }.map(\.message.en))")
    }

    @Test("a money value in a quantity row with no swap partner is reported alone")
    func misplacedAlone() throws {
        let fs = try findings([doc("某县财政局", 2023, targets("2.培训经费绩效目标表", [
            ["产出指标", "数量指标", "培训人数", "培训人数不超过100人", "50万元"],
        ]))])
        #expect(fs.contains { $0.rule == "indicator.misplaced" && $0.evidence.count == 1 })
    }
}

@Suite("Documents the panel cannot place")
struct UnplacedCheckTests {
    @Test func aDocumentWithoutADepartmentGetsEverySingleDocumentCheck() throws {
        let body = "2022年支出预算900万元，其中基本支出300万元，项目支出500万元。"
        let named = try disclosure(doc("某县林业局", 2022, body), path: "a/named.txt")
        let unnamed = try disclosure("2022年部门预算公开说明\n" + body + "\n", path: "a/unnamed.txt")
        #expect(unnamed.identity.department == nil)
        let panel = PanelBuilder.build([named, unnamed])
        #expect(panel.unplaced.map(\.path) == ["a/unnamed.txt"])
        let findings = Checks.run(panel)
        let alone = findings.filter { $0.evidence.contains { $0.path == "a/unnamed.txt" } }
        // The same checks as the placed twin, with no department and the document's own year.
        let twin = findings.filter { $0.evidence.contains { $0.path == "a/named.txt" } }
        #expect(Set(alone.map(\.rule)) == Set(twin.map(\.rule)))
        #expect(alone.contains { $0.rule == "sum.expenditure" && $0.severity == .error })
        #expect(alone.allSatisfy { $0.department == nil && $0.year == 2022 })
    }

    @Test func withoutAYearTheFindingsNameNone() throws {
        let d = try disclosure("某县林业局部门预算\n支出预算900万元，其中基本支出300万元，项目支出500万元。\n", path: "b.txt")
        #expect(d.identity.fiscalYear == nil)
        let findings = Checks.run(PanelBuilder.build([d]))
        #expect(findings.contains { $0.rule == "sum.expenditure" && $0.year == nil })
    }
}
