import Foundation
import YusuanCollect
import YusuanModel

/// Runs every rule in `Rules.all` over a panel. Findings come out in a stable order.
public enum Checks {
    public static func run(_ panel: Panel) -> [Finding] {
        // Each department-year is checked on its own, so all of them at once on every core, joined in key order.
        let keys = panel.sortedKeys
        var out = Parallel.map(keys.count) { check(keys[$0], panel) }.flatMap { $0 }
        // A document the panel could not place (no department or no year) still gets every check that needs
        // only itself: it is checked on its own, and its findings name no department (and no year if it has none).
        let unplaced = Set(panel.unplaced.map(\.path))
        for d in panel.disclosures where unplaced.contains(d.source.path) {
            out += alone(d)
        }
        return out
    }

    static func check(_ key: PanelKey, _ panel: Panel) -> [Finding] {
        guard let cell = panel.cells[key] else { return [] }
        var out: [Finding] = []
        out += sums(cell)
        out += priorSums(cell)
        out += priorDisagreements(cell)
        out += percentages(cell, panel: panel)
        out += conflicts(cell)
        for i in cell.documents {
            let d = panel.disclosures[i]
            out += procurement(d, key: key)
            out += Indicators.check(d, key: key)
            out += assetSum(d, key: key)
            out += statementDisagreements(d, key: key)
            out.append(Completeness.finding(d, key: key))
            for family in Rules.families { out += family.run(d, key) }
        }
        return out
    }

    static func alone(_ d: Disclosure) -> [Finding] {
        var placed = d
        placed.identity.department = d.source.path
        placed.identity.fiscalYear = d.identity.fiscalYear ?? 0
        return run(PanelBuilder.build([placed])).map { f in
            var f = f
            f.department = nil
            if d.identity.fiscalYear == nil { f.year = nil }
            return f
        }
    }

    static func finding(_ rule: String, _ key: PanelKey, _ zh: String, _ en: String, _ evidence: [Evidence],
                        severity: Finding.Severity? = nil) -> Finding {
        Finding(rule: rule, severity: severity ?? Rules.rule(rule).severity, department: key.department, year: key.year,
                kind: key.kind, message: LocalizedText(zh: zh, en: en), evidence: evidence)
    }

    // MARK: sum identities (on own and derived figures alike)

    static let identities: [(rule: String, total: String, parts: [String])] = [
        ("sum.expenditure", "expenditure.total", ["expenditure.basic", "expenditure.project"]),
        ("sum.basic", "expenditure.basic", ["expenditure.basic.personnel", "expenditure.basic.public"]),
        ("sum.three_public", "three_public.total", ["three_public.overseas_travel", "three_public.vehicles", "three_public.reception"]),
        ("sum.vehicles", "three_public.vehicles", ["three_public.vehicles.purchase", "three_public.vehicles.operation"]),
    ]
    static let revenueSources = ["revenue.general_public_budget", "revenue.government_fund", "revenue.state_capital",
                                 "revenue.special_account", "revenue.other", "revenue.carryover"]

    static func sums(_ cell: PanelCell) -> [Finding] {
        sums(cell.key, year: cell.key.year) { cell.value($0) }
    }

    /// Last year's amounts as this year's documents state them (`prior.*`), under the same identities.
    static func priorSums(_ cell: PanelCell) -> [Finding] {
        sums(cell.key, year: cell.key.year - 1, rule: { _ in "prior.sum" }) { cell.own["prior." + $0] }
    }

    /// The sum identities over the figures `value` gives (by canonical key), for the year `year`.
    static func sums(_ key: PanelKey, year: Int, rule: (String) -> String = { $0 },
                     value: (String) -> SourcedValue?) -> [Finding] {
        var out: [Finding] = []
        for id in identities {
            guard let total = value(id.total) else { continue }
            // Items outside the identity's parts ("其他交通工具购置") make it not apply.
            if value(id.total + ".other") != nil { continue }
            let parts = id.parts.compactMap { value($0) }
            guard parts.count == id.parts.count else { continue }
            if let f = sumFinding(rule(id.rule), key, year: year, total: (id.total, total), parts: Array(zip(id.parts, parts))) {
                out.append(f)
            }
        }
        // Revenue: a document may list only some sources; check when all are stated or the stated ones exceed the total.
        if let total = value("revenue.total") {
            let stated = revenueSources.compactMap { k in value(k).map { (k, $0) } }
            let sum = stated.reduce(Decimal(0)) { $0 + $1.1.value }
            if stated.count >= 2 && (stated.count == revenueSources.count || sum > total.value + Tolerance.sum(total, stated.map(\.1))) {
                if let f = sumFinding(rule("sum.revenue"), key, year: year, total: ("revenue.total", total), parts: stated) {
                    out.append(f)
                }
            }
        }
        return out
    }

    static func sumFinding(_ rule: String, _ key: PanelKey, year: Int, total: (String, SourcedValue),
                           parts: [(String, SourcedValue)]) -> Finding? {
        let sum = parts.reduce(Decimal(0)) { $0 + $1.1.value }
        let gap = total.1.value - sum
        guard gap.magnitude > Tolerance.sum(total.1, parts.map(\.1)) else { return nil }
        let anyDerived = total.1.derived || parts.contains { $0.1.derived }
        let ruleID = anyDerived ? "prior.reconstruction" : rule
        func name(_ k: String, _ v: SourcedValue) -> String { FigureNames.zh(k) + (v.derived ? "（推算）" : "") }
        func nameEn(_ k: String, _ v: SourcedValue) -> String { FigureNames.en(k) + (v.derived ? " (derived)" : "") }
        let partsZh = parts.map { "\(name($0.0, $0.1)) \($0.1.value.plain)" }.joined(separator: " + ")
        let partsEn = parts.map { "\(nameEn($0.0, $0.1)) \($0.1.value.plain)" }.joined(separator: " + ")
        let zh = "\(year)年：\(partsZh) = \(sum.plain)，但\(name(total.0, total.1))为 \(total.1.value.plain)，相差 \(gap.plain)"
        let en = "\(year): \(partsEn) = \(sum.plain), but \(nameEn(total.0, total.1)) is \(total.1.value.plain): off by \(gap.plain)"
        var evidence = [Evidence(total.1, total.0)]
        for p in parts where !evidence.contains(Evidence(p.1, p.0)) { evidence.append(Evidence(p.1, p.0)) }
        return finding(ruleID, key, zh, en, evidence)
    }

    static func assetSum(_ d: Disclosure, key: PanelKey) -> [Finding] {
        guard let total = d.figures["assets.total"] else { return [] }
        let classes = d.assets.filter { !$0.isSubItem && AssetClass.isClass($0.item) }
        let valued = classes.compactMap(\.value)
        guard valued.count >= 2 else { return [] }
        let sum = valued.reduce(0, +)
        let tol = Tolerance.halfStep(total.step) * Decimal(valued.count + 1)
        guard (total.value - sum).magnitude > tol else { return [] }
        let list = classes.compactMap { r in r.value.map { "\(r.item) \($0.plain)" } }.joined(separator: " + ")
        let ev = [Evidence(total, in: d)]
            + classes.map { Evidence(path: d.source.path, line: $0.line, text: $0.item) }
        return [finding("sum.assets", key, "\(list) = \(sum.plain)，但资产总额为 \(total.value.plain)",
                        "\(list) = \(sum.plain), but total assets are \(total.value.plain)", ev)]
    }

    // MARK: prior years

    static func priorDisagreements(_ cell: PanelCell) -> [Finding] {
        var out: [Finding] = []
        for k in cell.derived.keys.sorted() {
            guard let own = cell.own[k], let derived = cell.derived[k] else { continue }
            let gap = own.value - derived.value
            guard gap.magnitude > Tolerance.sum(own, [derived]) else { continue }
            out.append(finding("prior.disagrees", cell.key,
                               "\(cell.key.year)年\(FigureNames.zh(k))：本年文件为 \(own.value.plain)，次年文件推算为 \(derived.value.plain)，相差 \(gap.plain)",
                               "\(cell.key.year) \(FigureNames.en(k)): its own document states \(own.value.plain), the next year's implies \(derived.value.plain): off by \(gap.plain)",
                               [Evidence(own, k), Evidence(derived, k)]))
        }
        return out
    }

    // MARK: stated percentages

    static func percentages(_ cell: PanelCell, panel: Panel) -> [Finding] {
        var out: [Finding] = []
        for k in cell.own.keys.sorted() where k.hasPrefix("change_pct.") {
            guard let stated = cell.own[k] else { continue }
            let base = String(k.dropFirst("change_pct.".count))
            guard let current = cell.own[base] else { continue }
            // The previous value: from the stated change, else from the previous year's own document.
            let previous: Decimal
            var evidence = [Evidence(stated, k), Evidence(current, base)]
            if let change = cell.own["change." + base] {
                previous = current.value - change.value
                if !evidence.contains(Evidence(change, "change." + base)) { evidence.append(Evidence(change, "change." + base)) }
            } else if let prev = panel.cells[PanelKey(department: cell.key.department, year: cell.key.year - 1, kind: cell.key.kind)]?.own[base] {
                previous = prev.value
                evidence.append(Evidence(prev, base))
            } else { continue }
            if previous == 0 {
                // 0 → 0 stated as 0 % is vacuous, not wrong.
                if current.value == 0 && stated.value == 0 { continue }
                out.append(finding("pct.zero_base", cell.key,
                                   "\(FigureNames.zh(base))上年为 0，却称增减 \(stated.value.plain)%",
                                   "\(FigureNames.en(base)) was 0 last year, yet a change of \(stated.value.plain)% is stated", evidence))
                continue
            }
            let recomputed = ((current.value - previous) / previous.magnitude * 100).rounded(2)
            if (recomputed - stated.value).magnitude > Tolerance.percent(stated: stated.value) {
                out.append(finding("pct.recomputed", cell.key,
                                   "\(FigureNames.zh(base))称增减 \(stated.value.plain)%，按金额计算为 \(recomputed.plain)%（上年 \(previous.plain)，本年 \(current.value.plain)）",
                                   "\(FigureNames.en(base)): stated \(stated.value.plain)%, the amounts give \(recomputed.plain)% (\(previous.plain) → \(current.value.plain))",
                                   evidence))
            }
        }
        return out
    }

    // MARK: two documents for one cell

    static func conflicts(_ cell: PanelCell) -> [Finding] {
        cell.conflicts.keys.sorted().flatMap { k -> [Finding] in
            guard let first = cell.own[k] else { return [] }
            return (cell.conflicts[k] ?? []).map { other in
                finding("duplicate.conflict", cell.key,
                        "\(cell.key.year)年\(FigureNames.zh(k))：\(first.path) 第\(first.line)行为 \(first.value.plain)，\(other.path) 第\(other.line)行为 \(other.value.plain)",
                        "\(cell.key.year) \(FigureNames.en(k)): \(first.path):\(first.line) states \(first.value.plain), \(other.path):\(other.line) states \(other.value.plain)",
                        [Evidence(first, k), Evidence(other, k)])
            }
        }
    }

    // MARK: one figure stated twice in one document

    /// Where a document states one figure twice (text and table, two sentences), the statements must agree
    /// within their rounding. Text against a table is an error when they differ by more than 1 %; two
    /// statements of the same kind only a warning, since one of them may be a part the wording hides.
    static func statementDisagreements(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        var byKey: [String: [Figure]] = [:]
        // ".other" keys gather several items a document lists beside the identity's parts: not one figure.
        for s in d.statements where !FigureKey.isPercent(s.key) && !s.key.hasPrefix("completion_pct.") && !s.key.hasSuffix(".other") {
            byKey[s.key, default: []].append(s)
        }
        for k in byKey.keys.sorted() {
            guard let all = byKey[k], let kept = d.figures[k] ?? all.first else { continue }
            var reported: Set<Decimal> = []
            let keptHalf = Tolerance.halfStep(kept.step)
            for s in all where !reported.contains(s.value) && s.value != kept.value {
                let gap = (s.value - kept.value).magnitude
                guard gap > Tolerance.halfStep(s.step) + keptHalf else { continue }
                reported.insert(s.value)
                let mixed = s.origin != kept.origin
                let large = gap > max(s.value.magnitude, kept.value.magnitude) / 100
                let rule = mixed ? "statement.prose_table" : "statement.disagree"
                func origin(_ f: Figure, zh: Bool) -> String { f.origin == .table ? (zh ? "表格" : "table") : (zh ? "正文" : "text") }
                let zh = "\(FigureNames.zh(k))：第\(kept.provenance.line)行（\(origin(kept, zh: true))）为 \(kept.value.plain)，第\(s.provenance.line)行（\(origin(s, zh: true))）为 \(s.value.plain)，相差 \(gap.plain)"
                let en = "\(FigureNames.en(k)): line \(kept.provenance.line) (\(origin(kept, zh: false))) states \(kept.value.plain), line \(s.provenance.line) (\(origin(s, zh: false))) states \(s.value.plain): off by \(gap.plain)"
                let ev = [kept, s].map { Evidence($0, in: d) }
                out.append(finding(rule, key, zh, en, ev, severity: mixed && large ? .error : .warning))
            }
        }
        return out
    }

    // MARK: procurement

    static func procurement(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        let path = d.source.path
        let half = Tolerance.fallbackHalfStep
        for row in d.procurement {
            guard let q = row.quantity, let p = row.unitPrice, let a = row.amount else { continue }
            let product = q * p
            if (product - a).magnitude > half + q.magnitude * half {
                out.append(finding("procurement.line_total", key,
                                   "\(row.item)：\(q.plain) × \(p.plain) = \(product.plain)，但金额为 \(a.plain)",
                                   "\(row.item): \(q.plain) × \(p.plain) = \(product.plain) but the amount is \(a.plain)",
                                   [Evidence(path: path, line: row.line, text: procurementText(row))]))
            }
        }
        if let total = d.figures["procurement.total"], !d.procurement.isEmpty {
            let amounts = d.procurement.compactMap(\.amount)
            let sum = amounts.reduce(0, +)
            if amounts.count == d.procurement.count, (sum - total.value).magnitude > half * Decimal(amounts.count + 1) {
                out.append(finding("procurement.sum", key,
                                   "政府采购明细 \(amounts.count) 行合计 \(sum.plain)，但所述政府采购预算为 \(total.value.plain)（相差 \((total.value - sum).plain)；表格可能不完整）",
                                   "\(amounts.count) procurement rows sum to \(sum.plain) but the stated procurement total is \(total.value.plain) (gap \((total.value - sum).plain); the table may be incomplete)",
                                   [Evidence(path: path, line: total.provenance.line, text: total.provenance.text)]
                                    + [Evidence(path: path, line: d.procurement[0].line, text: procurementText(d.procurement[0]))]))
            }
        }
        return out
    }
}

func procurementText(_ r: ProcurementItem) -> String {
    [r.item, r.catalogCode ?? "", r.unit ?? "", r.quantity?.plain ?? "", r.unitPrice?.plain ?? "", r.amount?.plain ?? ""].joined(separator: "｜")
}

/// Asset rows that are classes of the total (房屋, 车辆, 设备, 其他) rather than the total itself.
enum AssetClass {
    static func isClass(_ item: String) -> Bool {
        !(item.contains("资产总额") || item.contains("资产总计") || item == "合计" || item == "总计")
    }
}
