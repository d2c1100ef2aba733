import YusuanIngest
import YusuanModel

/// The readable summary `yusuan ingest` prints by default: identity, figures with their source line,
/// table counts, warnings. Chinese by default, English on request.
public enum DisclosureSummary {
    public enum Language: String, Sendable, CaseIterable { case zh, en }

    static let figureNames: [String: (zh: String, en: String)] = [
        "revenue.total": ("收入合计", "Revenue, total"),
        "revenue.general_public_budget": ("一般公共预算收入", "General public budget"),
        "revenue.government_fund": ("政府性基金收入", "Government funds"),
        "revenue.state_capital": ("国有资本经营收入", "State capital operations"),
        "revenue.special_account": ("财政专户核拨收入", "Special fiscal account"),
        "revenue.other": ("其他收入", "Other revenue"),
        "revenue.carryover": ("上年结转", "Carried over from last year"),
        "expenditure.total": ("支出合计", "Expenditure, total"),
        "expenditure.basic": ("基本支出", "Basic expenditure"),
        "expenditure.basic.personnel": ("人员经费", "  Personnel"),
        "expenditure.basic.public": ("公用经费", "  Public use"),
        "expenditure.project": ("项目支出", "Project expenditure"),
        "change.expenditure.total": ("支出比上年增减", "Change in total on last year"),
        "change.expenditure.basic": ("基本支出比上年增减", "Change in basic on last year"),
        "change.expenditure.project": ("项目支出比上年增减", "Change in project on last year"),
        "operating_costs": ("机关运行经费", "Operating costs"),
        "three_public.total": ("“三公”经费", "'Three public' expenses"),
        "three_public.overseas_travel": ("因公出国（境）费", "  Overseas travel"),
        "three_public.vehicles": ("公务用车购置及运行费", "  Official vehicles"),
        "three_public.vehicles.purchase": ("公务用车购置费", "    purchase"),
        "three_public.vehicles.operation": ("公务用车运行维护费", "    operation"),
        "three_public.reception": ("公务接待费", "  Official reception"),
        "procurement.total": ("政府采购预算", "Government procurement"),
        "assets.total": ("固定资产总额", "Fixed assets, total"),
        "assets.vehicles.count": ("车辆（台）", "Vehicles (count)"),
        "assets.vehicles.value": ("车辆价值", "Vehicles (value)"),
        "assets.equipment_over_200k.count": ("单价20万元以上设备（台）", "Equipment over 200k (count)"),
        "assets.equipment_over_200k.value": ("单价20万元以上设备价值", "Equipment over 200k (value)"),
        "assets.other.count": ("其他固定资产（件）", "Other fixed assets (count)"),
        "assets.other.value": ("其他固定资产价值", "Other fixed assets (value)"),
        "assets.planned_purchases": ("拟购置固定资产", "Planned asset purchases"),
    ]

    public static func label(_ key: String, _ lang: Language) -> String {
        if let n = figureNames[key] { return lang == .zh ? n.zh : String(n.en.drop(while: { $0 == " " })) }
        for (prefix, zh, en) in [("change_pct.", "比上年增减（%）", " change on last year (%)"), ("change.", "比上年增减", " change on last year")]
        where key.hasPrefix(prefix) {
            let base = label(String(key.dropFirst(prefix.count)), lang)
            return lang == .zh ? base + zh : base + en
        }
        return key
    }

    public static func render(_ result: IngestResult, language lang: Language) -> String {
        var out = ""
        for d in result.disclosures { out += render(d, language: lang) + "\n" }
        for f in result.failures {
            out += (lang == .zh ? "读取失败 " : "FAILED ") + f.description + "\n"
        }
        let ok = result.disclosures.count, bad = result.failures.count
        out += lang == .zh ? "共读取 \(ok) 份文件，失败 \(bad) 份。\n" : "\(ok) read, \(bad) failed.\n"
        return out
    }

    public static func render(_ d: Disclosure, language lang: Language) -> String {
        let id = d.identity
        let kind: String = {
            switch id.kind {
            case .budget: return lang == .zh ? "部门预算" : "budget"
            case .finalAccounts: return lang == .zh ? "部门决算" : "final accounts"
            case nil: return "?"
            }
        }()
        var out = "== \(d.source.path)\n"
        let year = id.fiscalYear.map(String.init) ?? "?"
        out += "   \(id.department ?? (lang == .zh ? "（未识别部门）" : "(department not found)"))  \(year) \(kind)"
        if let code = id.departmentCode { out += "  [\(code)]" }
        if let region = id.region { out += "  \(region)" }
        out += "\n   \(lang == .zh ? "编码" : "encoding") \(d.source.encoding)  sha256 \(d.source.sha256.prefix(12))…\n"
        out += lang == .zh ? "   数字（万元；数量为个数）：\n" : "   Figures (万元; counts are numbers):\n"
        let keys = FigureKey.sorted(d.figures.keys)
        let width = keys.map { displayWidth(label($0, lang)) }.max() ?? 0
        for key in keys {
            guard let f = d.figures[key] else { continue }
            let name = label(key, lang)
            let pad = String(repeating: " ", count: max(0, width - displayWidth(name)))
            let value = FigureKey.isPercent(key) ? f.value.plain + "%" : f.value.plain
            out += "     \(name)\(pad)  \(leftPad(value, 10))   \(lang == .zh ? "第" : "line ")\(f.provenance.line)\(lang == .zh ? "行" : "")  \(f.raw)\n"
        }
        let projects = d.performanceTables.filter { $0.scope == .project }.count
        let indicators = d.performanceTables.reduce(0) { $0 + $1.indicators.count }
        if lang == .zh {
            out += "   表格：绩效目标表 \(d.performanceTables.count) 张（项目 \(projects) 张，指标 \(indicators) 条），政府采购 \(d.procurement.count) 行，资产 \(d.assets.count) 行\n"
        } else {
            out += "   Tables: \(d.performanceTables.count) performance tables (\(projects) projects, \(indicators) indicators), \(d.procurement.count) procurement rows, \(d.assets.count) asset rows\n"
        }
        for w in d.warnings { out += (lang == .zh ? "   提示：" : "   warning: ") + w + "\n" }
        return out
    }

    static func leftPad(_ s: String, _ n: Int) -> String {
        String(repeating: " ", count: max(0, n - displayWidth(s))) + s
    }

    /// Terminal columns: CJK and full-width characters take two.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : (u.properties.generalCategory == .nonspacingMark ? 0 : 1))
        }
    }
}
