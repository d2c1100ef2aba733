/// Names of the canonical figures for people, in Chinese and English.
public enum FigureNames {
    static let names: [String: (zh: String, en: String)] = [
        "revenue.total": ("收入合计", "Revenue, total"),
        "revenue.general_public_budget": ("一般公共预算收入", "General public budget"),
        "revenue.government_fund": ("政府性基金收入", "Government funds"),
        "revenue.state_capital": ("国有资本经营收入", "State capital operations"),
        "revenue.special_account": ("财政专户核拨收入", "Special fiscal account"),
        "revenue.other": ("其他收入", "Other revenue"),
        "revenue.carryover": ("上年结转", "Carried over from last year"),
        "expenditure.total": ("支出合计", "Expenditure, total"),
        "expenditure.basic": ("基本支出", "Basic expenditure"),
        "expenditure.basic.personnel": ("人员经费", "Personnel"),
        "expenditure.basic.public": ("公用经费", "Public use"),
        "expenditure.project": ("项目支出", "Project expenditure"),
        "change.expenditure.total": ("支出比上年增减", "Change in total on last year"),
        "change.expenditure.basic": ("基本支出比上年增减", "Change in basic on last year"),
        "change.expenditure.project": ("项目支出比上年增减", "Change in project on last year"),
        "operating_costs": ("机关运行经费", "Operating costs"),
        "three_public.total": ("“三公”经费", "'Three public' expenses"),
        "three_public.overseas_travel": ("因公出国（境）费", "Overseas travel"),
        "three_public.vehicles": ("公务用车购置及运行费", "Official vehicles"),
        "three_public.vehicles.purchase": ("公务用车购置费", "Vehicle purchase"),
        "three_public.vehicles.operation": ("公务用车运行维护费", "Vehicle operation"),
        "three_public.reception": ("公务接待费", "Official reception"),
        "procurement.total": ("政府采购预算", "Government procurement"),
        "assets.total": ("固定资产总额", "Fixed assets, total"),
        "assets.vehicles.count": ("车辆（台）", "Vehicles (count)"),
        "assets.vehicles.value": ("车辆价值", "Vehicles (value)"),
        "assets.equipment_over_200k.count": ("单价20万元以上设备（台）", "Equipment over 200k (count)"),
        "assets.equipment_over_200k.value": ("单价20万元以上设备价值", "Equipment over 200k (value)"),
        "assets.other.count": ("其他固定资产（件）", "Other fixed assets (count)"),
        "assets.other.value": ("其他固定资产价值", "Other fixed assets (value)"),
        "assets.planned_purchases": ("拟购置固定资产", "Planned asset purchases"),
        "revenue.current_year": ("本年收入合计", "Revenue this year"),
        "procurement.goods": ("政府采购货物", "Procurement: goods"),
        "procurement.works": ("政府采购工程", "Procurement: works"),
        "procurement.services": ("政府采购服务", "Procurement: services"),
        "expenditure.grand_total": ("支出总计（含结转）", "Expenditure incl. carry-forward"),
        "carryover.end": ("年末结转和结余", "Carried forward to next year"),
    ]

    public static func zh(_ key: String) -> String { name(key, english: false) }
    public static func en(_ key: String) -> String { name(key, english: true) }

    static func name(_ key: String, english: Bool) -> String {
        if let n = names[key] { return english ? n.en : n.zh }
        for (prefix, zh, en) in [("change_pct.", "比上年增减（%）", " change on last year (%)"), ("change.", "比上年增减", " change on last year"),
                                 ("completion_pct.", "完成预算（%）", " as % of budget"), ("vs_budget.", "比预算增减", " against budget"),
                                 ("share_pct.", "占比（%）", " share (%)"), ("comparison.", "决算与预算比较", " final against budget")]
        where key.hasPrefix(prefix) {
            let base = name(String(key.dropFirst(prefix.count)), english: english)
            return english ? base + en : base + zh
        }
        for (prefix, zh, en) in [("gpb.", "一般公共预算·", "General public budget: "), ("fund.", "政府性基金·", "Government funds: "),
                                 ("state_capital.", "国有资本经营·", "State capital: "), ("budget.", "预算数·", "Budget: "),
                                 ("prior.", "上年数·", "Last year: "), ("appropriation.", "财政拨款·", "Appropriation: ")] where key.hasPrefix(prefix) {
            let base = name(String(key.dropFirst(prefix.count)), english: english)
            return english ? en + base : zh + base
        }
        return key
    }
}
