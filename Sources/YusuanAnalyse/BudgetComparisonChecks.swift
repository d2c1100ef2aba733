import Foundation
import YusuanCollect
import YusuanModel

/// Final accounts set each figure against its budget (`budget.K`): "完成年初预算的X%" (`completion_pct.K`)
/// and "决算数大于/等于/小于预算数" (`comparison.K`, +1 / 0 / −1). Both must agree with the amounts.
enum BudgetComparisonChecks {
    static let family = Rules.Family(
        rules: [
            Rules.Rule(id: "completion.zero_budget", severity: .error, zh: "年初预算为 0，却称完成预算的X%",
                       en: "a percentage of budget completed where the budget was 0"),
            Rules.Rule(id: "comparison.contradicts", severity: .error, zh: "“决算数大于/等于/小于预算数”与金额相反",
                       en: "\"final greater than / equal to / less than budget\" contradicts the amounts"),
        ],
        run: check)

    /// Words that make an "equal" only roughly so (基本持平): no rounding bound can prove them wrong.
    static let hedges = ["基本", "大致", "大体", "接近", "略"]

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] {
        completionOnZero(d, key: key) + comparisons(d, key: key)
    }

    static func completionOnZero(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        for (k, stated) in figures(d, prefix: "completion_pct.") {
            guard let budget = d.figures["budget." + k], budget.value == 0 else { continue }
            let final = d.figures[k]
            // 0 of 0 stated as 0 % is vacuous; so is a 0 % with no final amount stated.
            if stated.value == 0 && (final?.value ?? 0) == 0 { continue }
            // Spending nothing of nothing and calling it X % is odd but harmless; spending money is not.
            let severity: Finding.Severity = (final?.value ?? 0) == 0 ? .warning : .error
            let finalZh = final.map { "，决算为 \($0.value.plain)" } ?? ""
            let finalEn = final.map { ", the final amount is \($0.value.plain)" } ?? ""
            let evidence = [stated, budget] + (final.map { [$0] } ?? [])
            out.append(Checks.finding("completion.zero_budget", key,
                                      "\(FigureNames.zh(k))年初预算为 0\(finalZh)，却称完成预算的 \(stated.value.plain)%",
                                      "\(FigureNames.en(k)): the budget was 0\(finalEn), yet \(stated.value.plain)% of budget is stated",
                                      dedup(evidence.map { Evidence($0, in: d) }), severity: severity))
        }
        return out
    }

    static func comparisons(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        for (k, stated) in figures(d, prefix: "comparison.") {
            guard let final = d.figures[k], let budget = d.figures["budget." + k] else { continue }
            let gap = final.value - budget.value
            let tolerance = Tolerance.pair(final.step, budget.step)
            let contradicts: Bool
            switch stated.value.sign == .minus ? -1 : (stated.value == 0 ? 0 : 1) {
            case 0: contradicts = gap.magnitude > tolerance && !hedges.contains { stated.provenance.text.contains($0) }
            case 1: contradicts = gap < -tolerance
            default: contradicts = gap > tolerance
            }
            guard contradicts else { continue }
            let word = stated.value == 0 ? ("等于", "equal to") : stated.value > 0 ? ("大于", "greater than") : ("小于", "less than")
            out.append(Checks.finding("comparison.contradicts", key,
                                      "\(FigureNames.zh(k))：称决算数\(word.0)预算数，但决算 \(final.value.plain)，预算 \(budget.value.plain)（相差 \(gap.plain)）",
                                      "\(FigureNames.en(k)): the final is said to be \(word.1) the budget, but the final is \(final.value.plain) and the budget \(budget.value.plain) (off by \(gap.plain))",
                                      dedup([Evidence(stated, in: d), Evidence(final, in: d), Evidence(budget, in: d)])))
        }
        return out
    }

    /// The document's figures under `prefix`, by the key they are about, in a stable order.
    static func figures(_ d: Disclosure, prefix: String) -> [(String, Figure)] {
        d.figures.keys.filter { $0.hasPrefix(prefix) }.sorted().compactMap { k in
            d.figures[k].map { (String(k.dropFirst(prefix.count)), $0) }
        }
    }
}

/// Evidence in order, each line once.
func dedup(_ evidence: [Evidence]) -> [Evidence] {
    var out: [Evidence] = []
    for e in evidence where !out.contains(e) { out.append(e) }
    return out
}
