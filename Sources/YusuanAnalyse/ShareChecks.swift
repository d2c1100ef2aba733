import Foundation
import YusuanCollect
import YusuanModel

/// Shares stated in the text ("占X%", `share_pct.K`): a share must agree with its amounts, and the shares of
/// all the parts of one total must add up to 100 %.
enum ShareChecks {
    static let family = Rules.Family(
        rules: [
            Rules.Rule(id: "share.sum", severity: .error, zh: "各部分所占百分比之和不等于 100%",
                       en: "the stated shares of the parts of one total do not add up to 100%"),
            Rules.Rule(id: "share.amount", severity: .error, zh: "所述占比与金额不符",
                       en: "a stated share disagrees with its amounts"),
        ],
        run: check)

    /// The totals whose parts' shares must add up to 100 %: 三公, basic + project, personnel + public use.
    static let groups = ["sum.three_public", "sum.expenditure", "sum.basic"]

    /// Part → the totals a share of it may be stated against, nearest first: its own total under the sum
    /// identities, that total's own total, and for the top totals the totals that include carry-overs.
    static let bases: [String: [String]] = {
        var parent: [String: String] = [:]
        for id in Checks.identities { for p in id.parts { parent[p] = id.total } }
        for p in Checks.revenueSources { parent[p] = "revenue.total" }
        var out: [String: [String]] = [:]
        for p in parent.keys {
            var chain: [String] = []
            var k = p
            while let up = parent[k], !chain.contains(up) { chain.append(up); k = up }
            if chain.last == "expenditure.total" { chain.append("expenditure.grand_total") }
            if chain.last == "revenue.total" { chain.append("revenue.current_year") }
            out[p] = chain
        }
        return out
    }()

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] { amounts(d, key: key) + sums(d, key: key) }

    /// Whether the stated share of `part` is what its amount gives against `base`.
    static func agrees(_ d: Disclosure, _ part: String, base: String) -> Bool? {
        guard let s = d.figures["share_pct." + part], let p = d.figures[part], let t = d.figures[base], t.value != 0 else { return nil }
        let recomputed = p.value / t.value * 100
        return (recomputed - s.value).magnitude <= Tolerance.share(stated: s.value, part: (p.value, p.step), total: (t.value, t.step))
    }

    static func amounts(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        for k in d.figures.keys.sorted() where k.hasPrefix("share_pct.") {
            let part = String(k.dropFirst("share_pct.".count))
            guard let candidates = bases[part], let parent = candidates.first,
                  let s = d.figures[k], let p = d.figures[part], let t = d.figures[parent], t.value != 0 else { continue }
            // Quiet when the share is right against any total it may be stated against (占基本支出 / 占支出合计).
            guard !candidates.contains(where: { agrees(d, part, base: $0) == true }) else { continue }
            let recomputed = (p.value / t.value * 100).rounded(2)
            out.append(Checks.finding("share.amount", key,
                                      "\(FigureNames.zh(part))称占 \(s.value.plain)%，按金额为 \(recomputed.plain)%（\(p.value.plain) / \(FigureNames.zh(parent)) \(t.value.plain)）",
                                      "\(FigureNames.en(part)): a share of \(s.value.plain)% is stated, the amounts give \(recomputed.plain)% (\(p.value.plain) / \(FigureNames.en(parent)) \(t.value.plain))",
                                      dedup([s, p, t].map { Evidence($0, in: d) })))
        }
        return out
    }

    static func sums(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        for id in Checks.identities where groups.contains(id.rule) {
            let shares = id.parts.compactMap { d.figures["share_pct." + $0] }
            guard shares.count == id.parts.count else { continue }
            // A share stated against another total (人员经费占支出合计的X%) need not add up with its siblings.
            let elsewhere = id.parts.contains { p in
                agrees(d, p, base: id.total) != true && (bases[p] ?? []).dropFirst().contains { agrees(d, p, base: $0) == true }
            }
            guard !elsewhere else { continue }
            let sum = shares.reduce(Decimal(0)) { $0 + $1.value }
            let tolerance = max(Tolerance.percent(stated: 100), shares.reduce(Decimal(0)) { $0 + Tolerance.halfStep($1.step) })
            guard (sum - 100).magnitude > tolerance else { continue }
            let list = zip(id.parts, shares).map { "\(FigureNames.zh($0)) \($1.value.plain)%" }.joined(separator: " + ")
            let listEn = zip(id.parts, shares).map { "\(FigureNames.en($0)) \($1.value.plain)%" }.joined(separator: " + ")
            out.append(Checks.finding("share.sum", key,
                                      "\(FigureNames.zh(id.total))各部分占比：\(list) = \(sum.plain)%，不等于 100%",
                                      "shares of \(FigureNames.en(id.total)): \(listEn) = \(sum.plain)%, not 100%",
                                      dedup(shares.map { Evidence($0, in: d) })))
        }
        return out
    }
}
