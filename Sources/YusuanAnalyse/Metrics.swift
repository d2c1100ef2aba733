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
    /// Items come in the order of their ids' UTF-8 bytes (the panel's department order).
    public static func items(_ panel: Panel, _ metric: Metric, year: Int? = nil, kind: DisclosureKind = .budget)
        -> (items: [OutlierItem], year: Int?) {
        // Only the year asked for is computed; without one, years are tried from the latest down.
        let years = year.map { [$0] } ?? panel.years(of: kind).reversed()
        for y in years {
            var items = self.items(panel, metric, in: y, kind: kind)
            if items.isEmpty { continue }
            if metric.logScale {
                // Only positive values have a logarithm; the others are left out of the comparison.
                items = items.filter { $0.value > 0 }.map { OutlierItem(id: $0.id, label: $0.label, value: log10($0.value)) }
            }
            return (items, y)
        }
        return ([], year ?? years.first)
    }

    static func items(_ panel: Panel, _ metric: Metric, in y: Int, kind: DisclosureKind) -> [OutlierItem] {
        var out: [OutlierItem] = []
        let figureColumn: Int?
        switch metric.kind {
        case .figure(let k), .growth(let k), .cagr(let k): figureColumn = panel.column(k)
        default: figureColumn = nil
        }
        let shareColumns: (numerator: Int?, denominator: Int?)?
        if case .share(let id) = metric.kind, let s = Mix.shares.firstIndex(where: { $0.id == id }) {
            shareColumns = Mix.columns(panel)[s]
        } else {
            shareColumns = nil
        }
        // By index: a copy of each DepartmentInfo would retain and release every string and array in it.
        let departments = panel.departments
        for d in departments.indices {
            guard let cell = panel.cell(department: d, year: y, kind: kind) else { continue }
            func item(_ v: Double) -> OutlierItem { OutlierItem(id: departments[d].id, label: departments[d].name, value: v) }
            switch metric.kind {
            case .figure:
                if let c = figureColumn, panel.has(cell, c) { out.append(item(panel.double(cell, c))) }
            case .growth:
                if let c = figureColumn, panel.has(cell, c), let p = panel.previousYear(of: cell), panel.has(p, c), !panel.isZero(p, c) {
                    out.append(item(panel.changeDouble(from: p, to: cell, c) / abs(panel.double(p, c)) * 100))
                }
            case .cagr:
                guard let c = figureColumn else { continue }
                let g = Growth.numbers(panel, department: d, kind: kind, column: c)
                if let r = g.cagr, g.cells.last.map({ panel.year(of: $0) }) == y { out.append(item(r * 100)) }
            case .share:
                if let c = shareColumns, let v = Mix.share(panel, cell: cell, c) { out.append(item(v)) }
            case .unitCost(let per):
                for i in panel.documents(of: cell) {
                    let dept = departments[d]
                    for u in UnitCosts.from(panel.disclosures[Int(i)], department: dept.id) where per == nil || u.per == per {
                        out.append(OutlierItem(id: "\(dept.id)/\(u.project)", label: "\(dept.name)｜\(u.project)", value: u.unitCost.double))
                    }
                }
            }
        }
        // One item per department comes in department order, which is id order; project ids ("id/project")
        // are put in the order of their bytes, equal ids as they came.
        if case .unitCost = metric.kind {
            out = out.enumerated().sorted { a, b in
                a.element.id.utf8.elementsEqual(b.element.id.utf8) ? a.offset < b.offset : a.element.id.precedesByBytes(b.element.id)
            }.map(\.element)
        }
        return out
    }
}
