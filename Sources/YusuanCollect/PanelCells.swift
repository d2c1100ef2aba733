import Foundation
import YusuanModel

/// A cell by name: department id, year and kind.
public struct PanelKey: Hashable, Comparable, Sendable {
    public var department: String
    public var year: Int
    public var kind: DisclosureKind

    public init(department: String, year: Int, kind: DisclosureKind) {
        self.department = department
        self.year = year
        self.kind = kind
    }

    // Equality and hashing by UTF-8 bytes, like the panel's department index.
    public static func == (a: PanelKey, b: PanelKey) -> Bool {
        a.year == b.year && a.kind == b.kind && a.department.sameBytes(b.department)
    }

    public func hash(into h: inout Hasher) {
        h.combine(year)
        h.combine(kind)
        h.combine(ByteKey(department))
    }

    /// Department ids compare by their UTF-8 bytes (the panel's department order), then year, then kind.
    public static func < (a: PanelKey, b: PanelKey) -> Bool {
        if !a.department.sameBytes(b.department) { return ByteKey.precedes(a.department, b.department) }
        if a.year != b.year { return a.year < b.year }
        return a.kind.rawValue < b.kind.rawValue
    }
}

/// One department, one year, one kind (budget or final accounts): a view of the panel's columns.
public struct PanelCell: Sendable {
    let panel: Panel
    /// The cell's number in the panel.
    public let index: Int

    public var key: PanelKey {
        PanelKey(department: panel.departments[panel.department(of: index)].id, year: panel.year(of: index), kind: panel.kind(of: index))
    }

    /// The cell's figure: its own when it has one, else the derived one.
    public func value(_ figure: String) -> SourcedValue? { panel.column(figure).flatMap { panel.value(index, $0) } }

    /// Figures from this year's own documents.
    public var own: Figures { Figures(cell: self, derived: false) }
    /// Figures implied by the next year's document.
    public var derived: Figures { Figures(cell: self, derived: true) }

    /// Figures two documents for this cell state differently: every statement after the first.
    public var conflicts: [String: [SourcedValue]] {
        var out: [String: [SourcedValue]] = [:]
        for c in panel.figureNames.indices where panel.hasConflict(index, c) { out[panel.figureNames[c]] = panel.conflicts(index, c) }
        return out
    }

    /// The documents behind `own` (indices into `Panel.disclosures`).
    public var documents: [Int] { panel.documents(of: index).map(Int.init) }

    /// True when no document for this year was read: all its figures are derived.
    public var isDerivedOnly: Bool { panel.isDerivedOnly(index) }

    public var allKeys: Set<String> {
        Set(panel.figureNames.indices.filter { panel.has(index, $0) }.map { panel.figureNames[$0] })
    }

    /// The cell's own or derived figures by name.
    public struct Figures: Sendable {
        let cell: PanelCell
        let derived: Bool

        public subscript(figure: String) -> SourcedValue? {
            guard let c = cell.panel.column(figure) else { return nil }
            return derived ? cell.panel.derivedValue(cell.index, c) : cell.panel.ownValue(cell.index, c)
        }

        /// Names in contract order.
        public var keys: [String] {
            let p = cell.panel
            return p.figureNames.indices.filter { derived ? p.hasDerived(cell.index, $0) : p.hasOwn(cell.index, $0) }.map { p.figureNames[$0] }
        }
    }
}

/// The panel's cells looked up by key.
public struct PanelCells: Sendable {
    let panel: Panel

    public var count: Int { panel.cellCount }

    public subscript(key: PanelKey) -> PanelCell? {
        guard let d = panel.departmentIndex(key.department), let c = panel.cell(department: d, year: key.year, kind: key.kind) else { return nil }
        return PanelCell(panel: panel, index: c)
    }

    /// Every cell, in key order.
    public var values: [PanelCell] { (0..<panel.cellCount).map { PanelCell(panel: panel, index: $0) } }
}

extension Panel {
    public var cells: PanelCells { PanelCells(panel: self) }

    public func cell(_ index: Int) -> PanelCell { PanelCell(panel: self, index: index) }

    /// Every cell's key, in order (department bytes, year, kind).
    public var sortedKeys: [PanelKey] { (0..<cellCount).map { cell($0).key } }

    public func department(_ id: String) -> DepartmentInfo? { departmentIndex(id).map { departments[$0] } }

    /// The years with a cell for this department and kind, ascending.
    public func years(_ department: String, kind: DisclosureKind) -> [Int] {
        guard let d = departmentIndex(department) else { return [] }
        return cells(of: d).filter { self.kind(of: $0) == kind }.map { year(of: $0) }
    }

    /// Year → value of one figure for one department and kind, own figures first, then derived ones.
    public func series(_ department: String, kind: DisclosureKind, figure: String) -> [(year: Int, value: SourcedValue)] {
        guard let d = departmentIndex(department), let col = column(figure) else { return [] }
        return cells(of: d).compactMap { c in
            self.kind(of: c) == kind ? value(c, col).map { (year(of: c), $0) } : nil
        }
    }
}
