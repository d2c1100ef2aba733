import Foundation
import YusuanCollect
import YusuanModel

/// 三公 × economic-classification line items. The basic-expenditure table by economic class lists the
/// 一般公共预算 money spent on 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费 and
/// 31013 公务用车购置; the 三公 figure adds project spending on the same things. So a line item may be
/// less than its 三公 part, never more.
enum LineItemChecks {
    static let family = Rules.Family(
        rules: [Rules.Rule(id: "three_public.line_item", severity: .error,
                           zh: "经济分类科目（30212/30217/30231/31013）大于对应的“三公”经费",
                           en: "an economic-class line item (30212/30217/30231/31013) exceeds its part of the three public expenses")],
        run: check)

    /// Economic-class code → the 三公 part it is spent under.
    static let parts: [(code: String, key: String)] = [
        ("30212", "three_public.overseas_travel"), ("30217", "three_public.reception"),
        ("30231", "three_public.vehicles.operation"), ("31013", "three_public.vehicles.purchase"),
    ]

    /// Tables whose items are within the 三公 scope: 一般公共预算 money by economic class. A table of all
    /// sources of funds (部门支出经济分类表) may hold money the 三公 figure does not cover, so it is not used.
    /// Of the document's own kind only: a final-accounts table names 决算; a budget table does not.
    static func isInScope(_ title: String?, kind: DisclosureKind?) -> Bool {
        guard let t = title?.filter({ !$0.isWhitespace }) else { return false }
        let sameKind = (kind == .finalAccounts) == t.contains("决算")
        return sameKind && t.contains("一般公共预算") && (t.contains("基本支出") || t.contains("经济分类"))
    }

    /// The row's amount: its total column, else the one value all its columns agree on. Rows whose columns
    /// differ with no total (budget and final side by side) give none.
    static func amount(_ item: LineItem) -> Decimal? {
        let totals = item.values.filter { k, _ in
            k.hasSuffix("expenditure.basic") || k.hasSuffix("expenditure.total") || k.contains("合计") || k.contains("小计")
        }
        if Set(totals.values).count == 1 { return totals.values.first }
        if totals.isEmpty, Set(item.values.values).count == 1 { return item.values.values.first }
        return nil
    }

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        for item in d.lineItems where isInScope(item.table, kind: d.identity.kind) {
            guard let part = parts.first(where: { $0.code == item.code }), let figure = d.figures[part.key],
                  let value = amount(item) else { continue }
            let excess = value - figure.value
            guard excess > Tolerance.pair(figure.step, 0) else { continue }
            let name = FigureNames.zh(part.key), nameEn = FigureNames.en(part.key)
            let zh = figure.value == 0
                ? "\(name)为 0，但\(item.table ?? "")中 \(item.code) \(item.name) 为 \(value.plain)"
                : "\(item.table ?? "")中 \(item.code) \(item.name) 为 \(value.plain)，大于\(name) \(figure.value.plain)（多 \(excess.plain)）"
            let en = figure.value == 0
                ? "\(nameEn) is 0, but line item \(item.code) \(item.name) is \(value.plain)"
                : "line item \(item.code) \(item.name) is \(value.plain), more than \(nameEn) \(figure.value.plain) (by \(excess.plain))"
            let itemText = ([item.code, item.name] + [value.plain]).joined(separator: " | ")
            out.append(Checks.finding("three_public.line_item", key, zh, en,
                                      [Evidence(figure, in: d), Evidence(path: d.source.path, line: item.line, text: itemText)]))
        }
        return out
    }
}
