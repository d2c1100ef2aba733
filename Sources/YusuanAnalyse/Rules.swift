import YusuanCollect
import YusuanModel

/// Every check yusuan runs, with its stable id and severity. Findings name these ids.
public enum Rules {
    public struct Rule: Sendable {
        public var id: String
        public var severity: Finding.Severity
        public var zh: String
        public var en: String
    }

    /// Checks on one document that stand apart from the panel: each family declares its rules beside the
    /// code that raises them, and `Checks.run` runs every family listed here.
    struct Family: Sendable {
        var rules: [Rule]
        var run: @Sendable (Disclosure, PanelKey) -> [Finding]
    }

    static let families: [Family] = [LineItemChecks.family, BudgetComparisonChecks.family, ShareChecks.family,
                                     YearChecks.family, PerformanceChecks.family]

    static let core: [Rule] = [
        Rule(id: "sum.expenditure", severity: .error, zh: "支出合计 = 基本支出 + 项目支出", en: "total expenditure = basic + project"),
        Rule(id: "sum.basic", severity: .error, zh: "基本支出 = 人员经费 + 公用经费", en: "basic = personnel + public use"),
        Rule(id: "sum.three_public", severity: .error, zh: "“三公”经费 = 因公出国（境）+ 公务用车 + 公务接待", en: "three public = overseas travel + vehicles + reception"),
        Rule(id: "sum.vehicles", severity: .error, zh: "公务用车 = 购置费 + 运行维护费", en: "vehicles = purchase + operation"),
        Rule(id: "sum.assets", severity: .error, zh: "资产总额 = 各类资产之和", en: "total assets = sum of asset classes"),
        Rule(id: "sum.revenue", severity: .error, zh: "收入合计 = 各项收入之和", en: "total revenue = sum of sources"),
        Rule(id: "prior.sum", severity: .error, zh: "文中所述上年数：合计 ≠ 各部分之和（同上列等式）",
             en: "last year's amounts as this document states them do not add up (the same identities as sum.*)"),
        Rule(id: "prior.reconstruction", severity: .error, zh: "由“比上年增减”推算的上年数自相矛盾", en: "prior-year figures implied by the stated changes do not add up"),
        Rule(id: "prior.disagrees", severity: .warning, zh: "推算的上年数与上年文件不一致", en: "a prior-year figure implied by this year's document disagrees with that year's own document"),
        Rule(id: "pct.recomputed", severity: .error, zh: "所述增减百分比与金额不符", en: "a stated percentage change does not match the amounts"),
        Rule(id: "pct.zero_base", severity: .error, zh: "上年为零却给出增长百分比", en: "a finite percentage change on a zero base"),
        Rule(id: "procurement.line_total", severity: .error, zh: "政府采购：数量 × 单价 ≠ 金额", en: "procurement: quantity × unit price ≠ amount"),
        Rule(id: "procurement.sum", severity: .warning, zh: "政府采购明细之和与所述总额不符", en: "procurement rows do not add up to the stated total"),
        Rule(id: "indicator.operator", severity: .warning, zh: "绩效指标符号与描述相反", en: "an indicator's operator contradicts its description"),
        Rule(id: "indicator.misplaced", severity: .warning, zh: "绩效指标值填在了别的指标行", en: "an indicator value belongs to another indicator row"),
        Rule(id: "indicator.truncated", severity: .warning, zh: "绩效指标值被截断", en: "a truncated indicator value"),
        Rule(id: "duplicate.conflict", severity: .error, zh: "同一部门同一年度的两份文件数字不一致", en: "two documents for the same department-year disagree"),
        Rule(id: "statement.prose_table", severity: .error, zh: "同一数字在正文与表格中不一致", en: "a figure stated in the text and in a table disagree"),
        Rule(id: "statement.disagree", severity: .warning, zh: "同一数字在文中两处表述不一致", en: "two statements of one figure in the text disagree"),
        Rule(id: "completeness", severity: .warning, zh: "按财预〔2016〕143号应公开的内容（表名按各地写法）",
             en: "items required by 财预〔2016〕143号 (table names as provinces write them)"),
    ]

    public static let all: [Rule] = core + families.flatMap(\.rules)

    private static let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    /// The rule with this id. An id no rule declares is a programming error, caught by the tests that run
    /// every rule (`RuleFixtureTests`); at run time it falls back to a warning rather than trap.
    public static func rule(_ id: String) -> Rule {
        byID[id] ?? Rule(id: id, severity: .warning, zh: id, en: id)
    }

    public static func isDeclared(_ id: String) -> Bool { byID[id] != nil }
}
