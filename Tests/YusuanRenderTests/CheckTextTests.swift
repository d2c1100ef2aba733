import Testing
import YusuanAnalyse
@testable import YusuanRender

@Suite("Check output")
struct CheckTextTests {
    @Test("a line two figures of a finding were quoted from is shown once; other lines all")
    func evidenceOnce() {
        let line = Evidence(path: "a.txt", line: 2, text: "公务接待费27万元，比上年下降51.7%")
        let other = Evidence(path: "a.txt", line: 5, text: "上年公务接待费41万元")
        let f = Finding(rule: "pct.recomputed", severity: .error, department: nil, year: 2016, kind: .finalAccounts,
                        message: LocalizedText(zh: "称增减", en: "stated change"), evidence: [line, line, other])
        let text = AnalysisText.findings(CheckReport(findings: [f], departmentNames: [:], documentsChecked: 1, unplaced: []), language: .zh)
        #expect(text.components(separatedBy: "a.txt:2 ").count == 2)
        #expect(text.components(separatedBy: "a.txt:5 ").count == 2)
    }

    // A whole document on one line, as some web pages and text dumps give it: the figures stand far from its start.
    static let longLine = "一、单位概况（一）主要职能：为群众提供医疗服务；承担上级交办的其他工作。（二）预算单位构成：本部门预算包括本单位预算。"
        + "二、收支预算总体情况：本单位收支总预算1200.50万元。三、收入预算情况：收入预算1100.40万元，其中一般公共预算收入0万元，"
        + "事业收入1100.40万元，其他收入0万元。"

    @Test("a long line is shown where the figure stands, not from its start")
    func windowOnTheFigure() {
        let total = AnalysisText.snippet(Self.longLine, focus: Evidence.Focus(raw: "1200.50万元", key: "revenue.total"))
        #expect(total.hasPrefix("…") && total.contains("收支总预算1200.50万元"), "\(total)")
        #expect(total.count <= 62, "60 characters and the two marks")
        // Without a figure, or with one the line does not hold, the start of the line as before.
        for focus in [nil, Evidence.Focus(raw: "999万元", key: "revenue.total")] {
            let s = AnalysisText.snippet(Self.longLine, focus: focus)
            #expect(s.hasPrefix("一、单位概况") && s.hasSuffix("…"))
        }
        // A figure the start of the line shows already: the start, as for any line.
        let early = AnalysisText.snippet("2021年支出预算9250.53万元，" + String(repeating: "主要用于保障机构正常运转。", count: 8),
                                         focus: Evidence.Focus(raw: "9250.53万元", key: "expenditure.total"))
        #expect(early.hasPrefix("2021年支出预算9250.53万元") && early.hasSuffix("…"))
        // A short line is shown whole.
        #expect(AnalysisText.snippet("支出预算9250.53万元", focus: Evidence.Focus(raw: "9250.53万元", key: "expenditure.total")) == "支出预算9250.53万元")
        // Near the end, the window ends with the line and keeps its width.
        let end = AnalysisText.snippet(Self.longLine, focus: Evidence.Focus(raw: "0万元", key: "revenue.other"))
        #expect(end.hasPrefix("…") && !end.hasSuffix("…") && end.count == 61, "\(end)")
    }

    @Test("of an amount written several times on a line, the one after the figure's name")
    func theRightOccurrence() throws {
        let line = Self.longLine
        let other = try #require(AnalysisText.place(of: Evidence.Focus(raw: "0万元", key: "revenue.other"), in: line))
        #expect(line[..<other].hasSuffix("其他收入"))
        let grant = try #require(AnalysisText.place(of: Evidence.Focus(raw: "0万元", key: "revenue.general_public_budget"), in: line))
        #expect(line[..<grant].hasSuffix("一般公共预算收入"))
    }

    @Test("two figures far apart on one long line are each shown; the terminal output says where")
    func twoPlacesOnOneLine() {
        let a = Evidence(path: "d.txt", line: 1, text: Self.longLine, focus: Evidence.Focus(raw: "1200.50万元", key: "revenue.total"))
        let b = Evidence(path: "d.txt", line: 1, text: Self.longLine, focus: Evidence.Focus(raw: "1100.40万元", key: "revenue.total"))
        #expect(a == b, "one piece of evidence for equality (JSON, de-duplication)")
        let f = Finding(rule: "statement.disagree", severity: .warning, department: nil, year: 2021, kind: .budget,
                        message: LocalizedText(zh: "不一致", en: "disagree"), evidence: [a, b])
        let text = AnalysisText.findings(CheckReport(findings: [f], departmentNames: [:], documentsChecked: 1, unplaced: []), language: .zh)
        #expect(text.components(separatedBy: "d.txt:1 ").count == 3)
        #expect(text.contains("收支总预算1200.50万元") && text.contains("收入预算1100.40万元"))
    }
}
