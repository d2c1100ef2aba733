import Foundation
import YusuanCollect
import YusuanModel

/// What 财预〔2016〕143号 (地方预决算公开操作规程) requires a departmental disclosure to contain,
/// and how much of it a document has.
public enum Completeness {
    public struct Item: Sendable {
        public var id: String
        public var zh: String
        public var en: String
    }

    public static let budgetTables = ["部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
                                      "一般公共预算基本支出表", "一般公共预算三公经费支出表", "政府性基金预算支出表"]
    public static let finalAccountsTables = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
                                             "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
                                             "一般公共预算财政拨款三公经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
                                             "国有资本经营预算财政拨款支出决算表"]

    public struct Score: Sendable, Equatable {
        public var present: [String]
        public var missing: [String]
        public var total: Int { present.count + missing.count }
    }

    public static func score(_ d: Disclosure) -> Score {
        let outline = d.outline.map { $0.text.filter { !"“”\"‘’ ".contains($0) } }
        func mentions(_ words: [String]) -> Bool { outline.contains { o in words.contains { o.contains($0) } } }
        func has(_ keys: [String]) -> Bool { keys.allSatisfy { d.figures[$0] != nil } }
        var checks: [(String, Bool)] = [
            ("部门职责", mentions(["职责", "职能"])),
            ("机构设置", mentions(["机构设置", "机构情况", "内设机构", "所属单位", "单位构成", "部门构成"])),
            ("收支总体情况", has(["revenue.total", "expenditure.total"]) || mentions(["总体情况"])),
            ("增减变化", d.figures.keys.contains { $0.hasPrefix("change") } || mentions(["增减"])),
            ("机关运行经费", d.figures["operating_costs"] != nil),
            ("“三公”经费总额", d.figures["three_public.total"] != nil),
            ("因公出国（境）费", d.figures["three_public.overseas_travel"] != nil),
            ("公务用车购置及运行费", d.figures["three_public.vehicles"] != nil
                || has(["three_public.vehicles.purchase", "three_public.vehicles.operation"])),
            ("公务接待费", d.figures["three_public.reception"] != nil),
            ("政府采购", d.figures["procurement.total"] != nil || !d.procurement.isEmpty),
            ("国有资产占用", d.figures["assets.total"] != nil || !d.assets.isEmpty),
            ("绩效目标", !d.performanceTables.isEmpty || mentions(["绩效目标"])),
            ("名词解释", mentions(["名词解释", "名词解析", "专业名词"])),
        ]
        let tables = d.identity.kind == .finalAccounts ? finalAccountsTables : budgetTables
        for t in tables {
            // A longer table name that contains this one does not count for it ("支出决算表" ⊂ "…拨款支出决算表").
            let longer = tables.filter { $0 != t && $0.contains(t) }
            let found = outline.contains { o in o.contains(t) && !longer.contains { o.contains($0) } }
            checks.append((t, found))
        }
        return Score(present: checks.filter(\.1).map(\.0), missing: checks.filter { !$0.1 }.map(\.0))
    }

    static func finding(_ d: Disclosure, key: PanelKey) -> Finding {
        let s = score(d)
        let pct = s.total == 0 ? 100 : s.present.count * 100 / s.total
        let zh = s.missing.isEmpty
            ? "公开内容完整：\(s.present.count)/\(s.total) 项"
            : "公开内容 \(s.present.count)/\(s.total) 项（\(pct)%），缺少：\(s.missing.joined(separator: "、"))"
        let en = s.missing.isEmpty
            ? "complete: \(s.present.count)/\(s.total) required items"
            : "\(s.present.count)/\(s.total) required items (\(pct)%); missing: \(s.missing.joined(separator: ", "))"
        let line = d.identity.provenance?.line ?? 1
        return Checks.finding("completeness", key, zh, en,
                              [Evidence(path: d.source.path, line: line, text: d.identity.provenance?.text ?? "")],
                              severity: s.missing.isEmpty ? .info : .warning)
    }
}
