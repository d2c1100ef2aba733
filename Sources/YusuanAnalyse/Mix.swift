import Foundation
import YusuanCollect
import YusuanModel

/// The shape of spending: basic vs project, personnel vs public use, 三公 and 机关运行经费 against basic.
public enum Mix {
    public static let shares: [(id: String, numerator: String, denominator: String, zh: String, en: String)] = [
        ("basic_share", "expenditure.basic", "expenditure.total", "基本支出占比", "basic / total"),
        ("project_share", "expenditure.project", "expenditure.total", "项目支出占比", "project / total"),
        ("personnel_share", "expenditure.basic.personnel", "expenditure.basic", "人员经费占基本支出", "personnel / basic"),
        ("public_share", "expenditure.basic.public", "expenditure.basic", "公用经费占基本支出", "public use / basic"),
        ("three_public_to_basic", "three_public.total", "expenditure.basic", "“三公”经费占基本支出", "three public / basic"),
        ("operating_costs_to_basic", "operating_costs", "expenditure.basic", "机关运行经费占基本支出", "operating costs / basic"),
    ]

    /// One value per share of `Mix.shares` (by position), nil where it cannot be computed. Kept inline (no
    /// allocation per row): NaN marks a missing share, and there are at most 8 shares.
    public struct Values: Sendable, Equatable {
        private var lanes = SIMD8<Double>(repeating: .nan)

        public subscript(index: Int) -> Double? {
            get { lanes[index].isNaN ? nil : lanes[index] }
            set { lanes[index] = newValue ?? .nan }
        }
        public subscript(id: String) -> Double? { Mix.shares.firstIndex { $0.id == id }.flatMap { self[$0] } }
        public var values: [Double?] { Mix.shares.indices.map { self[$0] } }
        public var isEmpty: Bool { Mix.shares.indices.allSatisfy { lanes[$0].isNaN } }

        public static func == (a: Values, b: Values) -> Bool { a.values == b.values }
    }

    public struct Row: Sendable {
        public var year: Int
        /// Percentage (0–100) per share.
        public var shares: Values
        /// Change in percentage points on the previous row, per share.
        public var changes: Values
        /// True when any figure behind the row is derived.
        public var derived: Bool
    }

    /// The panel columns of each share's numerator and denominator (nil where no document states the figure).
    public static func columns(_ panel: Panel) -> [(numerator: Int?, denominator: Int?)] {
        shares.map { (panel.column($0.numerator), panel.column($0.denominator)) }
    }

    /// One share in one cell, in %, from its columns (`columns(_:)`).
    public static func share(_ panel: Panel, cell: Int, _ columns: (numerator: Int?, denominator: Int?)) -> Double? {
        guard let d = columns.denominator else { return nil }
        return share(panel, cell: cell, numerator: columns.numerator, denominator: denominator(panel, cell: cell, d))
    }

    /// The cell's value of a share's denominator column, nil where it has none or it is zero.
    static func denominator(_ panel: Panel, cell: Int, _ column: Int) -> Double? {
        panel.has(cell, column) && !panel.isZero(cell, column) ? panel.double(cell, column) : nil
    }

    static func share(_ panel: Panel, cell: Int, numerator: Int?, denominator: Double?) -> Double? {
        guard let n = numerator, let d = denominator, panel.has(cell, n) else { return nil }
        return panel.double(cell, n) / d * 100
    }

    public static func rows(_ panel: Panel, department: String, kind: DisclosureKind) -> [Row] {
        guard let d = panel.departmentIndex(department) else { return [] }
        return rows(panel, department: d, kind: kind, columns: columns(panel))
    }

    public static func rows(_ panel: Panel, department: Int, kind: DisclosureKind, columns: [(numerator: Int?, denominator: Int?)]) -> [Row] {
        var out: [Row] = []
        for cell in panel.cells(of: department) where panel.kind(of: cell) == kind {
            var row = Row(year: panel.year(of: cell), shares: Values(), changes: Values(), derived: false)
            // Shares follow one another with the same denominator (total, then basic): each is read once per cell.
            var denominatorColumn: Int?, denominatorValue: Double?
            for (s, c) in columns.enumerated() {
                if let d = c.denominator, d != denominatorColumn { denominatorColumn = d; denominatorValue = denominator(panel, cell: cell, d) }
                guard let v = share(panel, cell: cell, numerator: c.numerator, denominator: c.denominator == nil ? nil : denominatorValue) else { continue }
                row.shares[s] = v
                if let n = c.numerator, let d = c.denominator, !panel.hasOwn(cell, n) || !panel.hasOwn(cell, d) { row.derived = true }
                if let prev = out.last?.shares[s] { row.changes[s] = v - prev }
            }
            if !row.shares.isEmpty { out.append(row) }
        }
        return out
    }
}
