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

    // Hashing and equality by UTF-8 bytes: ids are all made by the same normalisation, so byte equality is
    // the right equality, and it skips the Unicode normalisation String's own hashing does for Chinese text.
    public static func == (a: PanelKey, b: PanelKey) -> Bool {
        a.year == b.year && a.kind == b.kind && a.department.utf8.elementsEqual(b.department.utf8)
    }

    public func hash(into h: inout Hasher) {
        h.combine(year)
        h.combine(kind)
        var d = department
        d.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Department ids compare by their UTF-8 bytes: deterministic, and much cheaper than Unicode ordering.
    public static func < (a: PanelKey, b: PanelKey) -> Bool {
        if a.department != b.department { return a.department.utf8.lexicographicallyPrecedes(b.department.utf8) }
        if a.year != b.year { return a.year < b.year }
        return a.kind.rawValue < b.kind.rawValue
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
    public let disclosures: [Disclosure]
    public let departments: [DepartmentInfo]
    public let cells: [PanelKey: PanelCell]
    /// Documents that could not be placed (no fiscal year or no department), with the reason.
    public let unplaced: [(path: String, reason: String)]
    public let sortedKeys: [PanelKey]
    private let departmentIndex: [String: Int]
    private let yearIndex: [String: [DisclosureKind: [Int]]]

    public init(disclosures: [Disclosure], departments: [DepartmentInfo], cells: [PanelKey: PanelCell],
                unplaced: [(path: String, reason: String)]) {
        self.disclosures = disclosures
        self.departments = departments
        self.cells = cells
        self.unplaced = unplaced
        sortedKeys = cells.keys.sorted()
        departmentIndex = Dictionary(departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var years: [String: [DisclosureKind: [Int]]] = [:]
        for k in sortedKeys { years[k.department, default: [:]][k.kind, default: []].append(k.year) }
        yearIndex = years
    }

    public func department(_ id: String) -> DepartmentInfo? { departmentIndex[id].map { departments[$0] } }

    /// The years with a cell for this department and kind, ascending.
    public func years(_ department: String, kind: DisclosureKind) -> [Int] {
        yearIndex[department]?[kind] ?? []
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

        var idByName: [String: String] = [:]
        cells.reserveCapacity(disclosures.count + disclosures.count / 4)
        for (index, d) in disclosures.enumerated() {
            guard let name = d.identity.department else { unplaced.append((d.source.path, "no department name")); continue }
            guard let year = d.identity.fiscalYear else { unplaced.append((d.source.path, "no fiscal year")); continue }
            let kind = d.identity.kind ?? .budget
            let id: String
            if let known = idByName[name] { id = known }
            else if let e = aliases?.entry(for: name) { id = e.id; idByName[name] = id }
            else { id = DepartmentNames.matchKey(name); idByName[name] = id }
            var info = departments[id] ?? DepartmentInfo(id: id, name: aliases?.entry(for: name)?.name ?? name, names: [],
                                                         region: d.identity.region, code: d.identity.departmentCode)
            if !info.names.contains(name) { info.names.append(name) }
            if aliases?.entry(for: name) == nil, year >= latestYear[id, default: Int.min] { info.name = name; latestYear[id] = year }
            info.region = info.region ?? d.identity.region
            info.code = info.code ?? d.identity.departmentCode
            departments[id] = info

            let key = PanelKey(department: id, year: year, kind: kind)
            // Mutated in place: taking the cell out and putting it back would copy its dictionaries.
            cells[key, default: PanelCell(key: key)].documents.append(index)
            for (k, f) in d.figures {
                let v = SourcedValue(f, path: d.source.path)
                if let existing = cells[key]?.own[k] {
                    if existing.value != v.value { cells[key]?.conflicts[k, default: []].append(v) }
                } else {
                    cells[key]?.own[k] = v
                }
            }
        }

        // Prior years implied by 比上年增减: previous = this year's figure − stated change. Each previous-year
        // cell gets derived values from one cell only (the next year's), so the order of this loop does not matter.
        for key in Array(cells.keys) {
            guard let cell = cells[key] else { continue }
            for (k, change) in cell.own {
                guard let base = changeBase(k), let current = cell.own[base] else { continue }
                let prevKey = PanelKey(department: key.department, year: key.year - 1, kind: key.kind)
                guard cells[prevKey]?.derived[base] == nil else { continue }
                cells[prevKey, default: PanelCell(key: prevKey)].derived[base] = SourcedValue(
                    value: current.value - change.value, step: current.step + change.step, path: change.path,
                    line: change.line, page: change.page, text: change.text, raw: change.raw, derived: true)
            }
        }
        return Panel(disclosures: disclosures,
                     departments: departments.values.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }, cells: cells,
                     unplaced: unplaced)
    }
}
