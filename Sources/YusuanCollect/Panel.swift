import Foundation
import YusuanModel

/// A value in the panel with where it came from. `derived` values were implied by another year's
/// 比上年增减 sentence (the sentence is the source); they never replace a year's own figure.
public struct SourcedValue: Sendable, Equatable {
    public var value: Decimal
    /// Display step in 万元 (half of it is the rounding a stated value may carry).
    public var step: Decimal
    public var path: String
    public var line: Int
    public var page: Int?
    public var text: String
    public var raw: String
    public var derived: Bool

    public init(value: Decimal, step: Decimal, path: String, line: Int, page: Int? = nil, text: String, raw: String, derived: Bool = false) {
        self.value = value
        self.step = step
        self.path = path
        self.line = line
        self.page = page
        self.text = text
        self.raw = raw
        self.derived = derived
    }

    init(_ f: Figure, path: String) {
        self.init(value: f.value, step: f.step, path: path, line: f.provenance.line, page: f.provenance.page,
                  text: f.provenance.text, raw: f.raw)
    }
}

public struct PanelKey: Hashable, Comparable, Sendable {
    public var department: String
    public var year: Int
    public var kind: DisclosureKind

    public init(department: String, year: Int, kind: DisclosureKind) {
        self.department = department
        self.year = year
        self.kind = kind
    }

    public static func < (a: PanelKey, b: PanelKey) -> Bool {
        (a.department, a.year, a.kind.rawValue) < (b.department, b.year, b.kind.rawValue)
    }
}

/// One department, one year, one kind (budget or final accounts).
public struct PanelCell: Sendable {
    public var key: PanelKey
    /// Figures from this year's own documents.
    public var own: [String: SourcedValue] = [:]
    /// Figures implied by the next year's document.
    public var derived: [String: SourcedValue] = [:]
    /// Figures two documents for this cell state differently: every statement after the first.
    public var conflicts: [String: [SourcedValue]] = [:]
    /// The documents behind `own` (indices into `Panel.disclosures`).
    public var documents: [Int] = []

    /// The cell's figure: its own when it has one, else the derived one.
    public func value(_ figure: String) -> SourcedValue? { own[figure] ?? derived[figure] }

    /// True when no document for this year was read: all its figures are derived.
    public var isDerivedOnly: Bool { documents.isEmpty }

    public var allKeys: Set<String> { Set(own.keys).union(derived.keys) }
}

public struct DepartmentInfo: Sendable, Equatable {
    public var id: String
    /// The name as the most recent document writes it.
    public var name: String
    public var names: [String]
    public var region: String?
    public var code: String?
}

/// Disclosures collected into department × year × kind.
public struct Panel: Sendable {
    public var disclosures: [Disclosure]
    public var departments: [DepartmentInfo]
    public var cells: [PanelKey: PanelCell]
    /// Documents that could not be placed (no fiscal year or no department), with the reason.
    public var unplaced: [(path: String, reason: String)]

    public var sortedKeys: [PanelKey] { cells.keys.sorted() }

    public func department(_ id: String) -> DepartmentInfo? { departments.first { $0.id == id } }

    public func years(_ department: String, kind: DisclosureKind) -> [Int] {
        cells.keys.filter { $0.department == department && $0.kind == kind }.map(\.year).sorted()
    }

    /// Year → value of one figure for one department and kind, own figures first, then derived ones.
    public func series(_ department: String, kind: DisclosureKind, figure: String) -> [(year: Int, value: SourcedValue)] {
        years(department, kind: kind).compactMap { y in
            cells[PanelKey(department: department, year: y, kind: kind)]?.value(figure).map { (y, $0) }
        }
    }
}

public enum PanelBuilder {
    /// The change keys whose base figure can be reconstructed for the previous year.
    static func changeBase(_ key: String) -> String? {
        key.hasPrefix("change.") ? String(key.dropFirst("change.".count)) : nil
    }

    public static func build(_ disclosures: [Disclosure], aliases: AliasTable? = nil) -> Panel {
        var departments: [String: DepartmentInfo] = [:]
        var latestYear: [String: Int] = [:]
        var cells: [PanelKey: PanelCell] = [:]
        var unplaced: [(String, String)] = []

        for (index, d) in disclosures.enumerated() {
            guard let name = d.identity.department else { unplaced.append((d.source.path, "no department name")); continue }
            guard let year = d.identity.fiscalYear else { unplaced.append((d.source.path, "no fiscal year")); continue }
            let kind = d.identity.kind ?? .budget
            let id: String
            if let e = aliases?.entry(for: name) { id = e.id } else { id = DepartmentNames.matchKey(name) }
            var info = departments[id] ?? DepartmentInfo(id: id, name: aliases?.entry(for: name)?.name ?? name, names: [],
                                                         region: d.identity.region, code: d.identity.departmentCode)
            if !info.names.contains(name) { info.names.append(name) }
            if aliases?.entry(for: name) == nil, year >= latestYear[id, default: Int.min] { info.name = name; latestYear[id] = year }
            info.region = info.region ?? d.identity.region
            info.code = info.code ?? d.identity.departmentCode
            departments[id] = info

            let key = PanelKey(department: id, year: year, kind: kind)
            var cell = cells[key] ?? PanelCell(key: key)
            cell.documents.append(index)
            for (k, f) in d.figures {
                let v = SourcedValue(f, path: d.source.path)
                if let existing = cell.own[k] {
                    if existing.value != v.value { cell.conflicts[k, default: []].append(v) }
                } else {
                    cell.own[k] = v
                }
            }
            cells[key] = cell
        }

        // Prior years implied by 比上年增减: previous = this year's figure − stated change.
        for key in cells.keys.sorted() {
            guard let cell = cells[key] else { continue }
            for (k, change) in cell.own {
                guard let base = changeBase(k), let current = cell.own[base] else { continue }
                let prevKey = PanelKey(department: key.department, year: key.year - 1, kind: key.kind)
                var prev = cells[prevKey] ?? PanelCell(key: prevKey)
                guard prev.derived[base] == nil else { continue }
                prev.derived[base] = SourcedValue(
                    value: current.value - change.value, step: current.step + change.step, path: change.path,
                    line: change.line, page: change.page, text: change.text,
                    raw: "\(current.value.plain) − (\(change.value.plain))", derived: true)
                cells[prevKey] = prev
            }
        }
        return Panel(disclosures: disclosures, departments: departments.values.sorted { $0.id < $1.id }, cells: cells,
                     unplaced: unplaced)
    }
}
