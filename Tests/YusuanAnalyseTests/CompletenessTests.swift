import Foundation
import Testing
@testable import YusuanAnalyse
import YusuanModel
import YusuanPipeline

/// Completeness on small outlines of our own: table names as provinces write them, and contents pages.
@Suite("Completeness by region")
struct CompletenessTests {
    func score(_ kind: DisclosureKind, _ lines: [String], gap: Int = 1) -> Completeness.Score {
        let outline = lines.enumerated().map { OutlineEntry(text: $1, line: 1 + $0 * gap) }
        return Completeness.score(Disclosure(source: SourceInfo(path: "o.txt", format: "test", sha256: "", encoding: "UTF-8"),
                                             identity: Identity(department: "某县测试局", fiscalYear: 2022, kind: kind),
                                             outline: outline))
    }

    @Test("final-accounts tables under other provinces' names")
    func finalNames() {
        let s = score(.finalAccounts, [
            "表1 收入支出决算总表", "表2 收入决算表", "表3 支出决算表", "表4 财政拨款收入支出决算总表",
            "表5 一般公共预算财政拨款支出决算表", "表6 一般公共预算财政拨款基本支出决算表",
            "表7 财政拨款“三公”经费支出决算表", "表8 政府性基金预算财政拨款收入支出决算表",
            "表9 国有资本经营预算财政拨款收入支出决算表",
        ])
        #expect(!s.missing.contains { $0.hasSuffix("表") }, "\(s.missing)")
    }

    @Test("budget tables under other provinces' names")
    func budgetNames() {
        let s = score(.budget, [
            "一、部门财务收支预算总表", "二、部门收入预算表", "三、部门支出预算表", "四、财政拨款收支预算总表",
            "五、一般公共预算支出功能分类预算表", "六、一般公共预算基本支出经济分类预算表",
            "七、“三公”经费和机关运行经费预算表", "八、政府性基金预算支出预算表",
        ])
        #expect(!s.missing.contains { $0.hasSuffix("表") }, "\(s.missing)")
    }

    @Test("a name that holds another table's name is that other table's")
    func longerNames() {
        let s = score(.finalAccounts, ["一般公共预算财政拨款支出决算表", "财政拨款收入支出决算总表"])
        #expect(s.missing.contains("支出决算表") && s.missing.contains("收入支出决算总表"))
        #expect(s.present.contains("一般公共预算财政拨款支出决算表") && s.present.contains("财政拨款收入支出决算总表"))
        let budget = score(.budget, ["财政拨款收支总表"])
        #expect(budget.missing.contains("部门收支总表"))
    }

    @Test("国有资产占有使用情况 as a section")
    func assets() {
        #expect(score(.finalAccounts, ["（三）国有资产占有使用情况"]).present.contains("国有资产占用"))
        #expect(score(.finalAccounts, ["（三）政府采购支出情况"]).missing.contains("国有资产占用"))
    }

    @Test("a contents page that lists a table is not the table")
    func contentsOnly() {
        let s = score(.finalAccounts, [
            "目 录", "第一部分 部门概况 ……………… 1", "第二部分 2022年度部门决算表 ……… 5",
            "一、收入支出决算总表 ………… 5", "二、收入决算表 …………… 6", "第三部分 名词解释 ……… 9",
            "第一部分 部门概况", "一、部门职责",
        ])
        #expect(s.missing.contains("收入支出决算总表") && s.missing.contains("收入决算表"))
        #expect(s.missing.contains("名词解释"), "listed in the contents only")
        #expect(s.present.contains("部门职责"), "the body begins where the contents repeat")
    }

    @Test("the body after a contents page counts: by a repeat, by a repeat with the department's name, or after a gap")
    func contentsThenBody() {
        let repeated = score(.finalAccounts, ["目录", "一、收入支出决算总表", "二、收入决算表", "一、收入支出决算总表", "二、收入决算表"])
        #expect(repeated.present.contains("收入支出决算总表") && repeated.present.contains("收入决算表"))
        let named = score(.budget, ["目 录", "1. 某县测试局2022年“三公”经费支出预算表", "2. 情况说明",
                                    "一、2022年“三公”经费支出预算表"])
        #expect(named.present.contains("一般公共预算三公经费支出表"))
        // The contents end where body text comes between two headings, even when the body words them differently.
        let outline = [OutlineEntry(text: "目录", line: 1), OutlineEntry(text: "部门收支总表", line: 2),
                       OutlineEntry(text: "第一部分 概况", line: 3), OutlineEntry(text: "表一 部门收支预算总表", line: 30)]
        let d = Disclosure(source: SourceInfo(path: "o.txt", format: "test", sha256: "", encoding: "UTF-8"),
                           identity: Identity(department: "某县测试局", fiscalYear: 2022, kind: .budget), outline: outline)
        #expect(Completeness.body(d.outline, department: nil).map(\.line) == [30])
        #expect(Completeness.score(d).present.contains("部门收支总表"))
    }

    @Test("contents names: numbering, leaders, page numbers and the department's name go")
    func contentsNames() {
        #expect(Completeness.contentsName("（二）收入决算表……………6", department: nil) == "收入决算表")
        #expect(Completeness.contentsName("第三部分 名词解释", department: nil) == "名词解释")
        #expect(Completeness.contentsName("1. 某县测试局2022年部门预算", department: "某县测试局") == "2022年部门预算")
        #expect(Completeness.contentsName("2022年部门预算", department: nil) == "2022年部门预算")
    }

    @Test("a statement of the 三公 expenses alone is scored against the 三公 items only", arguments: [
        "某县统计局2023年“三公”经费预算情况说明", "2022年度一般公共预算财政拨款“三公”经费支出决算情况说明",
        "某区卫生健康局2024年部门预算“三公”经费公开说明", "关于某县林业局2019年财政拨款“三公”经费预算情况的说明",
        // The rules of a table printed beside the title are no words of it.
        "2023年某县档案馆(本级)“三公”经费决算情况说明 | ||||||||||||||||||||||||||||||||||||||||||||||||||",
        "│某县统计局2023年“三公”经费预算情况说明│──────────────────────────────────────────────────────────",
    ])
    func threePublicAlone(title: String) {
        let s = Completeness.score(statement(title))
        #expect(s.threePublicOnly, "\(title)")
        #expect(s.total == 4 && s.missing == ["公务接待费"], "\(title): \(s.missing)")
    }

    @Test("a disclosure naming the whole departmental budget is scored against all of 143号", arguments: [
        "某县统计局2023年部门预算及“三公”经费预算公开说明", "某县统计局2023年部门决算", "某县统计局2023年部门预算公开",
        "某县统计局2023年部门预算及“三公”经费预算公开说明 | |||||||||||||||||||||||||||||||||||||||||||||||",
    ])
    func wholeDisclosure(title: String) {
        let s = Completeness.score(statement(title))
        #expect(!s.threePublicOnly && s.total > 4, "\(title)")
    }

    @Test("a title over several lines is judged whole: 三公 on a line other than the year's", arguments: [
        ("2022年度一般公共预算财政拨款", "某县统计局2022年度一般公共预算财政拨款“三公”经费决算情况说明"),
        ("2021年度决算情况说明", "某县统计局财政拨款“三公”经费2021年度决算情况说明"),
        ("某县统计局2023年部门预算", "某县统计局2023年部门预算“三公”经费公开说明"),
    ])
    func threePublicAloneOverLines(_ c: (line: String, whole: String)) {
        #expect(!Completeness.score(statement(c.line)).threePublicOnly, "the year's line alone says nothing of 三公")
        let s = Completeness.score(statement(c.line, whole: c.whole))
        #expect(s.threePublicOnly && s.total == 4, "\(c.whole)")
    }

    @Test("a whole disclosure's title over several lines stays whole: 及/和/与 across the join, 三公 before the kind", arguments: [
        ("某县统计局2023年部门预算", "某县统计局2023年部门预算及“三公”经费预算情况说明"),
        ("2023年部门决算", "某县统计局2023年部门决算和“三公”经费决算公开"),
        ("2023年度部门预算", "某县统计局“三公”经费与2023年度部门预算"),
    ])
    func wholeDisclosureOverLines(_ c: (line: String, whole: String)) {
        let s = Completeness.score(statement(c.line, whole: c.whole))
        #expect(!s.threePublicOnly && s.total > 4, "\(c.whole)")
    }

    /// A document stating 三公 and three of its parts (no 公务接待费), under `title` (the line the year was read
    /// from), set over several lines as `whole` when given.
    func statement(_ title: String, whole: String? = nil) -> Disclosure {
        let prov = Provenance(line: 1, page: nil, text: title)
        var d = Disclosure(source: SourceInfo(path: "s.txt", format: "test", sha256: "", encoding: "UTF-8"),
                           identity: Identity(department: "某县统计局", fiscalYear: 2023, kind: .budget, provenance: prov, title: whole))
        for k in ["three_public.total", "three_public.overseas_travel", "three_public.vehicles"] {
            d.figures[k] = Figure(key: k, value: 1, raw: "1万元", provenance: Provenance(line: 2, page: nil, text: "…"))
        }
        return d
    }

    @Test("titles searched all at once find what searching each title finds, for every pattern of 143号")
    func titlesIndex() {
        let patterns = (Completeness.items(for: .budget) + Completeness.items(for: .finalAccounts)).flatMap { item in
            item.titles.map { ($0, item.excluding) }
        }
        let titleSets: [[String]] = [
            [], ["部门职责"], ["一般公共预算财政拨款三公经费支出决算表", "表1收入支出决算总表", "名词解释"],
            ["财政拨款收支总表", "部门收支总表", "总体情况", "三公", "决算", "表"],
            ["国有资产占用情况", "机构设置", "增减变化情况说明", "部门收入总表", "支出总表（按经济分类）"],
        ]
        for titles in titleSets {
            let index = Completeness.Titles(titles)
            for (p, excluding) in patterns + [("", []), ("…", []), ("三公…决算…表", ["财政"])] {
                let each = titles.contains { t in Completeness.matches(t, p) && !excluding.contains { t.includes($0) } }
                let once = index.any(holding: p.split(separator: "…").first ?? "") { t in
                    Completeness.matches(t, p) && !excluding.contains { t.includes($0) }
                }
                #expect(each == once, "\(p) in \(titles)")
            }
        }
    }
}

/// The completeness finding of a check of the one file `name` in Fixtures/`folder`, read and checked end to end.
func completenessFinding(_ folder: String, _ name: String) throws -> Finding {
    let path = repoRoot.appendingPathComponent("Tests/YusuanAnalyseTests/Fixtures/\(folder)/\(name)").path
    let run = try Pipeline.check(paths: [path], cache: nil)
    #expect(run.failures.isEmpty, "\(name)")
    return try #require(run.report.findings.first { $0.rule == "completeness" }, "\(name)")
}

/// Documents of our own whose titles are set over several lines, as text, .docx and PDF (made by
/// scripts/make-pdf-fixtures.py titles), read and checked end to end.
@Suite("Completeness of documents with titles over several lines")
struct TitleLinesTests {
    func completeness(_ name: String) throws -> Finding { try completenessFinding("titles", name) }

    @Test("a statement of 三公 alone, its title over two or three lines, is complete against the 三公 items", arguments:
        ["three-public-3-lines", "three-public-2-lines-blank", "three-public-above-year"].flatMap { n in ["txt", "docx", "pdf"].map { "\(n).\($0)" } }
        // A text dump of a Word page: the title line carries the rules of the table printed beside it.
        + ["three-public-ruled-title.txt"])
    func threePublicAlone(name: String) throws {
        let f = try completeness(name)
        #expect(f.severity == .info && f.message.en == "a statement of 三公 expenses: complete: 4/4 required items", "\(name): \(f.message.en)")
        #expect(f.message.zh == "“三公”经费说明，公开内容完整：4/4 项")
    }

    @Test("a whole disclosure with its title over lines (及“三公”经费 below, a 三公 heading after) is scored against all of 143号", arguments:
        ["whole-and-three-public", "whole-heading-below"].flatMap { n in ["txt", "docx", "pdf"].map { "\(n).\($0)" } })
    func wholeDisclosure(name: String) throws {
        let f = try completeness(name)
        #expect(f.severity == .warning && f.message.en.hasPrefix("4/21 required items"), "\(name): \(f.message.en)")
    }
}

@Suite("Completeness of news reports")
struct NewsReportTests {
    func completeness(_ name: String) throws -> Finding { try completenessFinding("news", name) }

    @Test("a news report about a disclosure is not scored against 143号: an info naming the line that shows it", arguments: [
        ("news-report.txt", "本报讯"), ("news-report.html", "本报讯"), ("news-dateline.txt", "6月30日电"),
    ])
    func newsReport(name: String, shown: String) throws {
        let f = try completeness(name)
        #expect(f.severity == .info, "\(name): \(f.message.en)")
        #expect(f.message.zh == "新闻报道，不是部门公开文件本身：不按143号文评分")
        #expect(f.evidence.first?.text.contains(shown) == true, "\(name): \(f.evidence)")
    }

    @Test("a press office's own disclosure that names 新闻记者证 in its duties is scored as a disclosure")
    func pressOffice() throws {
        let f = try completeness("press-office-budget.txt")
        #expect(f.severity == .warning && f.message.en.contains("required items"), "\(f.message.en)")
    }
}
