import Foundation
import Testing
import YusuanAnalyse
import YusuanCollect
import YusuanModel

/// One figure stated twice in one document: in the text and in a table, or in two sentences.
@Suite("Statements that disagree")
struct StatementCheckTests {
    static let table = """
    2022年度“三公”经费支出决算表
    单位:万元
    项 目 | 预 算 数 | 决 算 数 |
    合 计 | 20 | 15.2 |
    1.因公出国(境)费 | 0 | 0 |
    2.公务接待费 | 5 | 4.2 |
    3.公务用车购置及运行维护费 | 15 | 11 |
    """

    func findings(_ body: String) throws -> [Finding] {
        Checks.run(PanelBuilder.build([try disclosure(doc("某县统计局", 2022, body, kind: "决算"))]))
    }

    @Test("text against table: an error naming both lines, the table's value kept")
    func proseAgainstTable() throws {
        let text = Self.table + "\n2022年度“三公”经费支出决算为15.2万元。公务接待费支出决算5.2万元。"
        let d = try disclosure(doc("某县统计局", 2022, text, kind: "决算"))
        #expect(d.figures["three_public.reception"]?.value == dec("4.2"))
        let fs = try findings(text).filter { $0.rule == "statement.prose_table" }
        #expect(fs.count == 1)
        let f = try #require(fs.first)
        #expect(f.severity == .error && f.message.en.contains("4.2") && f.message.en.contains("5.2"))
        #expect(f.evidence.count == 2)
    }

    @Test("agreeing statements, and a rounding of the exact one, are no finding")
    func agreeing() throws {
        let text = Self.table + "\n2022年度“三公”经费支出决算为15.2万元，其中公务接待费4.2万元、公务用车购置及运行维护费11万元。全年公务接待费约4万元。"
        let fs = try findings(text).filter { $0.rule.hasPrefix("statement.") }
        #expect(fs.isEmpty, "\(fs.map(\.message.en))")
    }

    @Test("two sentences that disagree: a warning")
    func twoSentences() throws {
        let fs = try findings("2022年度部门决算支出合计300万元。\n2022年度部门支出合计310万元，比上年增加10万元。").filter { $0.rule.hasPrefix("statement.") }
        #expect(fs.count == 1 && fs.first?.rule == "statement.disagree" && fs.first?.severity == .warning)
    }
}
