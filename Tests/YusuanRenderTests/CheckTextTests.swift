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
}
