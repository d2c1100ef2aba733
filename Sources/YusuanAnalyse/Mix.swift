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

    public struct Row: Sendable {
        public var year: Int
        /// share id → percentage (0–100).
        public var shares: [String: Double]
        /// share id → change in percentage points on the previous row.
        public var changes: [String: Double]
        /// True when any figure behind the row is derived.
        public var derived: Bool
    }

    public static func share(_ cell: PanelCell, _ id: String) -> Double? {
        guard let s = shares.first(where: { $0.id == id }), let n = cell.value(s.numerator), let d = cell.value(s.denominator),
              d.value != 0 else { return nil }
        return n.value.double / d.value.double * 100
    }

    public static func rows(_ panel: Panel, department: String, kind: DisclosureKind) -> [Row] {
        var out: [Row] = []
        for y in panel.years(department, kind: kind) {
            guard let cell = panel.cells[PanelKey(department: department, year: y, kind: kind)] else { continue }
            var row = Row(year: y, shares: [:], changes: [:], derived: false)
            for s in shares {
                guard let v = share(cell, s.id) else { continue }
                row.shares[s.id] = v
                if cell.own[s.numerator] == nil || cell.own[s.denominator] == nil { row.derived = true }
                if let prev = out.last?.shares[s.id] { row.changes[s.id] = v - prev }
            }
            if !row.shares.isEmpty { out.append(row) }
        }
        return out
    }
}
