import Foundation
import YusuanCollect
import YusuanModel

/// A panel metric that can be compared across departments:
/// `KEY` (a figure, e.g. expenditure.total), `growth:KEY` (% change on the previous year),
/// `cagr:KEY` (compound annual growth over each department's span, %), `share:ID` (a mix share, %),
/// `unit_cost` or `unit_cost:PER` (万元 per counted unit; one item per project).
public struct Metric: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case figure(String), growth(String), cagr(String), share(String), unitCost(String?) }
    public var kind: Kind
    public var description: String
    /// `log:` before a metric compares log10 of it: sizes of departments differ by orders of magnitude, and on
    /// a log scale a big department is not an outlier merely for being big.
    public var logScale = false

    public struct ParseError: Error, CustomStringConvertible, Equatable { public var description: String }

    public init(parsing s: String) throws {
        description = s
        var s = s
        if s.hasPrefix("log:") { logScale = true; s = String(s.dropFirst(4)) }
        let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("growth", 2): kind = .growth(parts[1])
        case ("cagr", 2): kind = .cagr(parts[1])
        case ("share", 2):
            guard Mix.shares.contains(where: { $0.id == parts[1] }) else {
                throw ParseError(description: "unknown share “\(parts[1])”; one of \(Mix.shares.map(\.id).joined(separator: ", "))")
            }
            kind = .share(parts[1])
        case ("unit_cost", 1): kind = .unitCost(nil)
        case ("unit_cost", 2): kind = .unitCost(parts[1])
        case (let key, 1) where !key.isEmpty && !key.contains(" "): kind = .figure(key)
        default:
            throw ParseError(description: "unknown metric “\(description)”: use a figure key (expenditure.total), growth:KEY, cagr:KEY, share:ID or unit_cost[:PER], optionally after log:")
        }
    }

    /// The unit values of this metric are in, for labels.
    public var unit: String {
        if logScale { return "log10" }
        switch kind {
        case .figure(let k): return FigureKey.isCount(k) ? "" : (FigureKey.isPercent(k) ? "%" : "万元")
        case .growth, .cagr, .share: return "%"
        case .unitCost: return "万元"
        }
    }
}

public enum Metrics {
    /// The values to compare for `metric` in `year` (default: the latest year any department has one).
    public static func items(_ panel: Panel, _ metric: Metric, year: Int? = nil, kind: DisclosureKind = .budget)
        -> (items: [OutlierItem], year: Int?) {
        // Only the year asked for is computed; without one, years are tried from the latest down.
        let years = year.map { [$0] } ?? Array(Set(panel.sortedKeys.filter { $0.kind == kind }.map(\.year))).sorted(by: >)
        for y in years {
            var items = self.items(panel, metric, in: y, kind: kind)
            if items.isEmpty { continue }
            if metric.logScale {
                // Only positive values have a logarithm; the others are left out of the comparison.
                items = items.filter { $0.value > 0 }.map { OutlierItem(id: $0.id, label: $0.label, value: log10($0.value)) }
            }
            return (items.sorted { $0.id < $1.id }, y)
        }
        return ([], year ?? years.first)
    }

    static func items(_ panel: Panel, _ metric: Metric, in y: Int, kind: DisclosureKind) -> [OutlierItem] {
        var out: [OutlierItem] = []
        for dept in panel.departments {
            guard let cell = panel.cells[PanelKey(department: dept.id, year: y, kind: kind)] else { continue }
            let item = { (v: Double) in OutlierItem(id: dept.id, label: dept.name, value: v) }
            switch metric.kind {
            case .figure(let k):
                if let v = cell.value(k) { out.append(item(v.value.double)) }
            case .growth(let k):
                if let v = cell.value(k), let p = panel.cells[PanelKey(department: dept.id, year: y - 1, kind: kind)]?.value(k), p.value != 0 {
                    out.append(item((v.value - p.value).double / p.value.magnitude.double * 100))
                }
            case .cagr(let k):
                let s = Growth.series(panel, department: dept.id, kind: kind, figure: k)
                if let c = s.cagr, s.points.last?.year == y { out.append(item(c * 100)) }
            case .share(let id):
                if let v = Mix.share(cell, id) { out.append(item(v)) }
            case .unitCost(let per):
                for i in cell.documents {
                    for u in UnitCosts.from(panel.disclosures[i], department: dept.id) where per == nil || u.per == per {
                        out.append(OutlierItem(id: "\(dept.id)/\(u.project)", label: "\(dept.name)｜\(u.project)", value: u.unitCost.double))
                    }
                }
            }
        }
        return out
    }
}
