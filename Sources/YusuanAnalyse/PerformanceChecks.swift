import Foundation
import YusuanCollect
import YusuanModel

/// The performance-target section's amount (涉及项目预算资金, `performance.project_funds`) against 项目支出.
/// The section often covers only the projects with targets, or funds of another scope, so the two are
/// compared only where the line stating the amount says it covers every project: then it is 项目支出 by
/// another name. The model keeps no other sign of the section's scope, so no other case is compared.
enum PerformanceChecks {
    static let family = Rules.Family(
        rules: [Rules.Rule(id: "performance.project_total", severity: .warning,
                           zh: "绩效目标覆盖全部项目，但所涉项目资金与项目支出不符",
                           en: "performance targets said to cover every project, but their amount differs from project expenditure")],
        run: check)

    static let key = "performance.project_funds"
    /// Words saying the targets cover all of the project spending.
    static let everyProject = ["全部项目", "所有项目", "项目支出全部", "全部纳入", "全覆盖", "覆盖率100%", "覆盖率为100%"]

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] {
        guard let funds = d.figures[Self.key], let project = d.figures["expenditure.project"] else { return [] }
        let text = funds.provenance.text.filter { !$0.isWhitespace }
        guard everyProject.contains(where: { text.contains($0) }) else { return [] }
        let gap = funds.value - project.value
        guard gap.magnitude > Tolerance.pair(funds.step, project.step) else { return [] }
        return [Checks.finding("performance.project_total", key,
                               "绩效目标覆盖全部项目，涉及资金 \(funds.value.plain)，但项目支出为 \(project.value.plain)（相差 \(gap.plain)）",
                               "performance targets cover every project with \(funds.value.plain), but project expenditure is \(project.value.plain) (off by \(gap.plain))",
                               dedup([funds, project].map { Evidence($0, in: d) }))]
    }
}
