import Foundation
import YusuanModel

/// A value in the panel with where it came from. `derived` values were implied by another year's
/// 比上年增减 sentence (the sentence is the source); they never replace a year's own figure.
/// Made on demand from the panel's columns and the documents (the panel itself keeps no strings per value).
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

public struct DepartmentInfo: Sendable, Equatable {
    public var id: String
    /// The name as the most recent document writes it.
    public var name: String
    public var names: [String]
    public var region: String?
    public var code: String?
}

/// Disclosures collected into department × year × kind, stored by column.
///
/// Departments are numbered once, in the order of their ids' UTF-8 bytes; cells (one department, year and
/// kind) are numbered in (department, year, kind) order, budget before final accounts. Each figure is a
/// column over the cells: the exact value in units of 10⁻⁸ (`Fixed8`) with bit masks for stated (own) and
/// derived values. Provenance is not copied: a value's source is found again in the cell's documents when it
/// is printed (`value(_:_:)`). Analyses run over these numbers; `cells`, `PanelCell` and `PanelKey` read the
/// same store by name for code that wants one cell at a time.
///
/// The accessors analyses call once per cell are `@inlinable`, so that loops in other modules compile to loads
/// from the columns rather than a call each.
public struct Panel: Sendable {
    @usableFromInline let store: PanelStore

    public var disclosures: [Disclosure] { store.disclosures }
    public var departments: [DepartmentInfo] { store.departments }
    /// Documents that could not be placed (no fiscal year or no department), with the reason.
    public var unplaced: [Unplaced] { store.unplaced }

    // MARK: cells by number

    @inlinable public var cellCount: Int { store.cellYear.count }
    /// The cells of department number `department`, in year order.
    @inlinable public func cells(of department: Int) -> Range<Int> {
        Int(store.departmentStart[department])..<Int(store.departmentStart[department + 1])
    }
    @inlinable public func department(of cell: Int) -> Int { Int(store.cellDepartment[cell]) }
    @inlinable public func year(of cell: Int) -> Int { store.cellYear[cell] }
    @inlinable public func kind(of cell: Int) -> DisclosureKind { store.cellKind[cell] == 0 ? .budget : .finalAccounts }
    /// Indices into `disclosures` of the documents read for this cell, in input order.
    public func documents(of cell: Int) -> ArraySlice<Int32> {
        store.documents[Int(store.documentStart[cell])..<Int(store.documentStart[cell + 1])]
    }
    /// True when no document for this year was read: all its figures are derived.
    public func isDerivedOnly(_ cell: Int) -> Bool { store.documentStart[cell] == store.documentStart[cell + 1] }
    /// The same department's cell of the same kind for the year before, if there is one.
    @inlinable public func previousYear(of cell: Int) -> Int? {
        let p = store.previousYear[cell]
        return p < 0 ? nil : Int(p)
    }
    public func cell(department: Int, year: Int, kind: DisclosureKind) -> Int? {
        let k: UInt8 = kind == .budget ? 0 : 1
        let range = cells(of: department)
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if (store.cellYear[mid], store.cellKind[mid]) < (year, k) { lo = mid + 1 } else { hi = mid }
        }
        return lo < range.upperBound && store.cellYear[lo] == year && store.cellKind[lo] == k ? lo : nil
    }
    /// The years any cell of this kind has, ascending.
    public func years(of kind: DisclosureKind) -> [Int] { store.yearsByKind[kind == .budget ? 0 : 1] }

    /// The number of the department with this id.
    public func departmentIndex(_ id: String) -> Int? { store.departmentIndex.index(of: id).map(Int.init) }

    // MARK: figures by column

    /// Figure names, one per column, in contract order.
    public var figureNames: [String] { store.figureNames }
    public func column(_ figure: String) -> Int? {
        guard let id = FigureID.existing(figure), Int(id.raw) < store.columnOfID.count else { return nil }
        let c = store.columnOfID[Int(id.raw)]
        return c < 0 ? nil : Int(c)
    }
    /// The cell has this figure, stated or derived.
    @inlinable public func has(_ cell: Int, _ column: Int) -> Bool {
        store.columns[column].own[cell] || store.columns[column].derived[cell]
    }
    @inlinable public func hasOwn(_ cell: Int, _ column: Int) -> Bool { store.columns[column].own[cell] }
    @inlinable public func hasDerived(_ cell: Int, _ column: Int) -> Bool { store.columns[column].derived[cell] }
    /// Two documents for the cell state this figure differently.
    public func hasConflict(_ cell: Int, _ column: Int) -> Bool { store.columns[column].conflict[cell] }

    /// `Decimal.double` of the cell's value (its own, else the derived one), for statistics. The cell must have it.
    @inlinable public func double(_ cell: Int, _ column: Int) -> Double {
        if let f = store.columns[column].fixed(cell) { return f.double }
        return exactDouble(cell, column)
    }
    @usableFromInline func exactDouble(_ cell: Int, _ column: Int) -> Double { exact(cell, column)?.double ?? .nan }

    /// `(b − a).double` with b and a the two cells' values of this figure, computed exactly.
    @inlinable public func changeDouble(from a: Int, to b: Int, _ column: Int) -> Double {
        if let x = store.columns[column].fixed(b), let y = store.columns[column].fixed(a), let d = x - y { return d.double }
        return exactChangeDouble(from: a, to: b, column)
    }
    @usableFromInline func exactChangeDouble(from a: Int, to b: Int, _ column: Int) -> Double {
        guard let x = exact(b, column), let y = exact(a, column) else { return .nan }
        return (x - y).double
    }

    /// The cell's value is exactly zero. The cell must have it.
    @inlinable public func isZero(_ cell: Int, _ column: Int) -> Bool {
        if let f = store.columns[column].fixed(cell) { return f.isZero }
        return exactIsZero(cell, column)
    }
    @usableFromInline func exactIsZero(_ cell: Int, _ column: Int) -> Bool { exact(cell, column) == 0 }

    /// The exact value: own, else derived.
    public func exact(_ cell: Int, _ column: Int) -> Decimal? {
        if hasOwn(cell, column) { return ownSource(cell, column).map { disclosures[$0.document].figures.value(at: $0.entry) } }
        return derivedValue(cell, column)?.value
    }

    /// The cell's figure with its source: its own when it has one, else the derived one.
    public func value(_ cell: Int, _ column: Int) -> SourcedValue? {
        ownValue(cell, column) ?? derivedValue(cell, column)
    }

    /// The figure as the cell's first document stating it gives it.
    public func ownValue(_ cell: Int, _ column: Int) -> SourcedValue? {
        guard let s = ownSource(cell, column) else { return nil }
        let d = disclosures[s.document]
        return SourcedValue(d.figures.figure(at: s.entry), path: d.source.path)
    }

    /// The figure implied by the next year's stated change (next year's figure − the change), with the
    /// change's sentence as its source.
    public func derivedValue(_ cell: Int, _ column: Int) -> SourcedValue? {
        guard hasDerived(cell, column), year(of: cell) < Int.max,
              let next = self.cell(department: department(of: cell), year: year(of: cell) + 1, kind: kind(of: cell)),
              let change = self.column("change." + store.figureNames[column]),
              let current = ownValue(next, column), let ch = ownValue(next, change) else { return nil }
        return SourcedValue(value: current.value - ch.value, step: current.step + ch.step, path: ch.path, line: ch.line,
                            page: ch.page, text: ch.text, raw: ch.raw, derived: true)
    }

    /// Every statement of the figure by the cell's documents after the first that differs from the first.
    public func conflicts(_ cell: Int, _ column: Int) -> [SourcedValue] {
        guard hasConflict(cell, column), let first = ownValue(cell, column) else { return [] }
        var out: [SourcedValue] = []
        var seenFirst = false
        for doc in documents(of: cell) {
            let d = disclosures[Int(doc)]
            guard let i = d.figures.index(of: store.figureIDs[column]) else { continue }
            if !seenFirst { seenFirst = true; continue }
            if d.figures.value(at: i) != first.value { out.append(SourcedValue(d.figures.figure(at: i), path: d.source.path)) }
        }
        return out
    }

    /// The document and entry the cell's own value of this figure comes from: the first document stating it.
    func ownSource(_ cell: Int, _ column: Int) -> (document: Int, entry: Int)? {
        guard hasOwn(cell, column) else { return nil }
        let id = store.figureIDs[column]
        for doc in documents(of: cell) {
            if let i = disclosures[Int(doc)].figures.index(of: id) { return (Int(doc), i) }
        }
        return nil
    }
}

/// A set of cell numbers below a bound that only grows.
@usableFromInline struct BitSet: Sendable {
    @usableFromInline var words: [UInt64]
    init(count: Int, capacity: Int = 0) {
        words = []
        words.reserveCapacity((max(count, capacity) + 63) / 64)
        grow(to: count)
    }
    /// Only cells below `count` can be set (those at or above it must not be in the set).
    mutating func trim(to count: Int) {
        let n = (count + 63) / 64
        if n < words.count { words.removeLast(words.count - n) }
    }

    /// Cells up to `count` can be set; the new ones are not in the set.
    mutating func grow(to count: Int) {
        let n = (count + 63) / 64
        if n > words.count { words.append(contentsOf: repeatElement(0, count: n - words.count)) }
    }
    @inlinable subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set { if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) } }
    }
}

/// One figure over every cell: each cell's value (own, else derived) as a `Fixed8` mantissa and places.
@usableFromInline struct Column: Sendable {
    /// `places` of a value that is not `Fixed8`-fast: its exact value is read from the documents.
    @usableFromInline static let slow: UInt8 = .max
    @usableFromInline var mantissa: [Int64]
    @usableFromInline var places: [UInt8]
    @usableFromInline var own: BitSet
    @usableFromInline var derived: BitSet
    @usableFromInline var conflict: BitSet

    /// A column of `count` cells with no values, with room reserved for `capacity` cells (the pages of the
    /// room are not touched until cells are added).
    init(count: Int, capacity: Int = 0) {
        mantissa = []; places = []
        mantissa.reserveCapacity(max(count, capacity)); places.reserveCapacity(max(count, capacity))
        own = BitSet(count: count, capacity: capacity)
        derived = BitSet(count: count, capacity: capacity)
        conflict = BitSet(count: count, capacity: capacity)
        grow(to: count)
    }

    var count: Int { places.count }

    /// Drops the cells from `count` on (cells that were added but never given a value).
    mutating func trim(to count: Int) {
        guard count < places.count else { return grow(to: count) }
        mantissa.removeLast(mantissa.count - count)
        places.removeLast(places.count - count)
        own.trim(to: count); derived.trim(to: count); conflict.trim(to: count)
    }

    /// Adds cells with no values up to `count`.
    mutating func grow(to count: Int) {
        guard count > places.count else { return }
        mantissa.append(contentsOf: repeatElement(0, count: count - mantissa.count))
        places.append(contentsOf: repeatElement(Column.slow, count: count - places.count))
        own.grow(to: count); derived.grow(to: count); conflict.grow(to: count)
    }

    @inlinable
    func fixed(_ cell: Int) -> Fixed8? {
        let p = places[cell]
        return p == Column.slow ? nil : Fixed8(uncheckedMantissa: mantissa[cell], places: p)
    }

    @inline(__always)
    mutating func set(_ cell: Int, _ f: Fixed8?) {
        if let f { mantissa[cell] = f.mantissa; places[cell] = f.places } else { places[cell] = Column.slow }
    }
}

/// A document the panel could not place, and why ("no department name", "no fiscal year").
public struct Unplaced: Sendable, Equatable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// The panel's storage: built once, then only read (shared by every copy of the panel and its cell views).
@usableFromInline final class PanelStore: Sendable {
    let disclosures: [Disclosure]
    let departments: [DepartmentInfo]
    let unplaced: [Unplaced]
    /// Department ids, numbered in department order.
    let departmentIndex: ByteIndex
    @usableFromInline let departmentStart: [Int32]
    @usableFromInline let cellDepartment: [Int32]
    @usableFromInline let cellYear: [Int]
    @usableFromInline let cellKind: [UInt8]
    @usableFromInline let previousYear: [Int32]
    let documentStart: [Int32]
    let documents: [Int32]
    let figureNames: [String]
    let figureIDs: [FigureID]
    let columnOfID: [Int32]
    @usableFromInline let columns: [Column]
    /// The distinct years of budget cells and of final-accounts cells, ascending.
    let yearsByKind: [[Int]]

    init(disclosures: [Disclosure], departments: [DepartmentInfo], unplaced: [Unplaced],
         departmentStart: [Int32], cellDepartment: [Int32], cellYear: [Int], cellKind: [UInt8], previousYear: [Int32],
         documentStart: [Int32], documents: [Int32], figureIDs: [FigureID], columnOfID: [Int32], columns: [Column]) {
        self.disclosures = disclosures
        self.departments = departments
        self.unplaced = unplaced
        var index = ByteIndex(capacity: departments.count)
        for d in departments { _ = index.add(d.id) }
        departmentIndex = index
        self.departmentStart = departmentStart
        self.cellDepartment = cellDepartment
        self.cellYear = cellYear
        self.cellKind = cellKind
        self.previousYear = previousYear
        self.documentStart = documentStart
        self.documents = documents
        self.figureIDs = figureIDs
        figureNames = figureIDs.map(\.name)
        self.columnOfID = columnOfID
        self.columns = columns
        var years: [Set<Int>] = [[], []]
        for (y, k) in zip(cellYear, cellKind) { years[Int(k)].insert(y) }
        yearsByKind = years.map { $0.sorted() }
    }
}

public enum PanelBuilder {
    /// The change keys whose base figure can be reconstructed for the previous year.
    static func changeBase(_ key: String) -> String? {
        key.hasPrefix("change.") ? String(key.dropFirst("change.".count)) : nil
    }

    public static func build(_ disclosures: [Disclosure], aliases: AliasTable? = nil) -> Panel {
        // 1. Each document's department, numbered in order of first appearance. A name seen before (byte for
        // byte) is not looked at again; a new one is matched by String equality, as names always were.
        var infos: [DepartmentInfo] = []
        var latestYear: [Int] = []
        var byID = NameKeyed<Int32>()
        struct Name { var department: Int32; var aliased: Bool }
        var byName = NameKeyed<Name>()
        var docDepartment = [Int32](repeating: -1, count: disclosures.count)
        // Year and kind of each placed document, read here once: later steps visit the documents department by
        // department, out of input order, and need not touch them again for these.
        var docYear = [Int](repeating: 0, count: disclosures.count)
        var docKind = [UInt8](repeating: 0, count: disclosures.count)
        var unplaced: [Unplaced] = []
        var last: (name: String, n: Name)?
        // In place (through inout): reading `infos[p].names` copies the whole DepartmentInfo first.
        func addName(_ name: String, to info: inout DepartmentInfo) {
            if !info.names.contains(where: { NameKeyed<Name>.equal($0, name) }) { info.names.append(name) }
        }
        for index in disclosures.indices {
            // Fields read in place: copying a Disclosure costs a retain per string and array in it.
            guard let name = disclosures[index].identity.department else { unplaced.append(Unplaced(path: disclosures[index].source.path, reason: "no department name")); continue }
            guard let year = disclosures[index].identity.fiscalYear else { unplaced.append(Unplaced(path: disclosures[index].source.path, reason: "no fiscal year")); continue }
            let n: Name
            // Documents of one department usually come together: the last name is tried first.
            if let l = last, l.name.sameBytes(name) { n = l.n }
            else if let known = byName.existing(name) {
                n = known.value
                if !known.sameBytes { byName.insert(name, n) }
                addName(name, to: &infos[Int(n.department)])
            } else {
                let entry = aliases?.entry(for: name)
                let id = entry?.id ?? DepartmentNames.matchKey(name)
                let p: Int32
                if let known = byID.existing(id) { p = known.value } else {
                    p = Int32(infos.count)
                    byID.insert(id, p)
                    infos.append(DepartmentInfo(id: id, name: entry?.name ?? name, names: [], region: disclosures[index].identity.region,
                                                code: disclosures[index].identity.departmentCode))
                    latestYear.append(Int.min)
                }
                n = Name(department: p, aliased: entry != nil)
                byName.insert(name, n)
                addName(name, to: &infos[Int(p)])
            }
            last = (name, n)
            let p = Int(n.department)
            func update(_ info: inout DepartmentInfo, _ latest: inout Int) {
                if !n.aliased, year >= latest { info.name = name; latest = year }
                if info.region == nil { info.region = disclosures[index].identity.region }
                if info.code == nil { info.code = disclosures[index].identity.departmentCode }
            }
            update(&infos[p], &latestYear[p])
            docDepartment[index] = n.department
            docYear[index] = year
            docKind[index] = disclosures[index].identity.kind == .finalAccounts ? 1 : 0
        }

        // 2. Departments in the order of their ids' bytes; documents grouped by department, in input order.
        // The ids taken out first: a comparison reading `infos[i].id` would copy two DepartmentInfos.
        let departmentIDs = infos.map(\.id)
        let order = departmentIDs.indices.sorted { ByteKey.precedes(departmentIDs[$0], departmentIDs[$1]) }
        var rank = [Int32](repeating: 0, count: infos.count)
        for (r, p) in order.enumerated() { rank[p] = Int32(r) }
        var docStart = [Int](repeating: 0, count: infos.count + 1)
        for p in docDepartment where p >= 0 { docStart[Int(rank[Int(p)]) + 1] += 1 }
        for i in 0..<infos.count { docStart[i + 1] += docStart[i] }
        var fill = docStart
        var byDepartment = [Int32](repeating: 0, count: docStart[infos.count])
        for (i, p) in docDepartment.enumerated() where p >= 0 {
            let r = Int(rank[Int(p)])
            byDepartment[fill[r]] = Int32(i)
            fill[r] += 1
        }

        // 3. Cells, department by department: one per (year, kind) with documents, plus the year before any
        // cell that states a change of a figure it also states (that year's figure can be derived). Each
        // department's own values are filled in right after its cells are made, while its documents' figures
        // are still in the cache; columns are made as figures are first met (`built`, by figure number in
        // `builtColumn`) and put in contract order at the end.
        var changeBase = ChangeBases()
        var departmentStart: [Int32] = [0]
        var cellDepartment: [Int32] = [], cellYear: [Int] = [], cellKind: [UInt8] = [], documentStart: [Int32] = [0]
        var documents: [Int32] = []
        // Room for the cells most panels have (a derived year for one in eight); more is added as needed.
        let capacity = disclosures.count + disclosures.count / 8
        cellDepartment.reserveCapacity(capacity); cellYear.reserveCapacity(capacity); cellKind.reserveCapacity(capacity)
        documentStart.reserveCapacity(capacity + 1); documents.reserveCapacity(disclosures.count)
        var built: [Column] = []
        var builtColumn = [Int32](repeating: -1, count: FigureID.count)
        var ids: [UInt32] = []
        struct Placed { var year: Int; var kind: UInt8; var doc: Int32 }
        var placed: [Placed] = []
        var derivedTargets: [(year: Int, kind: UInt8)] = []
        for r in 0..<infos.count {
            placed.removeAll(keepingCapacity: true)
            for doc in byDepartment[docStart[r]..<docStart[r + 1]] {
                placed.append(Placed(year: docYear[Int(doc)], kind: docKind[Int(doc)], doc: doc))
            }
            placed.sort { ($0.year, $0.kind, $0.doc) < ($1.year, $1.kind, $1.doc) }
            derivedTargets.removeAll(keepingCapacity: true)
            var i = 0
            while i < placed.count {
                var j = i
                ids.removeAll(keepingCapacity: true)
                while j < placed.count && placed[j].year == placed[i].year && placed[j].kind == placed[i].kind {
                    let t = disclosures[Int(placed[j].doc)].figures
                    for e in 0..<t.count {
                        let id = t.id(at: e).raw
                        if !ids.contains(id) { ids.append(id) }
                    }
                    j += 1
                }
                var derives = false
                for id in ids { if let b = changeBase[id], ids.contains(b) { derives = true; break } }
                if derives, placed[i].year > Int.min { derivedTargets.append((placed[i].year - 1, placed[i].kind)) }
                i = j
            }
            // Merge the cells with documents and the derived-only ones, in (year, kind) order.
            var own = 0, derived = 0
            derivedTargets.sort { ($0.year, $0.kind) < ($1.year, $1.kind) }
            while own < placed.count || derived < derivedTargets.count {
                let ownKey = own < placed.count ? (placed[own].year, placed[own].kind) : nil
                let derivedKey = derived < derivedTargets.count ? (derivedTargets[derived].year, derivedTargets[derived].kind) : nil
                if let o = ownKey, derivedKey.map({ o <= $0 }) ?? true {
                    if let dk = derivedKey, o == dk { derived += 1 }
                    cellDepartment.append(Int32(r)); cellYear.append(o.0); cellKind.append(o.1)
                    while own < placed.count && (placed[own].year, placed[own].kind) == o { documents.append(placed[own].doc); own += 1 }
                    documentStart.append(Int32(documents.count))
                } else if let dk = derivedKey {
                    derived += 1
                    if cellYear.count > Int(departmentStart[r]), (cellYear[cellYear.count - 1], cellKind[cellKind.count - 1]) == dk { continue }
                    cellDepartment.append(Int32(r)); cellYear.append(dk.0); cellKind.append(dk.1)
                    documentStart.append(Int32(documents.count))
                }
            }
            departmentStart.append(Int32(cellYear.count))

            // Own values: the first document stating a figure gives it; a later one stating it differently is a conflict.
            let end = cellYear.count
            // Grown by a page of cells at a time, not by each department's few; trimmed to the cells at the end.
            for i in built.indices where built[i].count < end { built[i].grow(to: end + 4096) }
            for c in Int(departmentStart[r])..<end {
                let docs = documents[Int(documentStart[c])..<Int(documentStart[c + 1])]
                for doc in docs {
                    let t = disclosures[Int(doc)].figures
                    for e in 0..<t.count {
                        let id = t.id(at: e)
                        if Int(id.raw) >= builtColumn.count { builtColumn += [Int32](repeating: -1, count: Int(id.raw) + 1 - builtColumn.count) }
                        var col = Int(builtColumn[Int(id.raw)])
                        if col < 0 {
                            col = built.count
                            builtColumn[Int(id.raw)] = Int32(col)
                            built.append(Column(count: end, capacity: capacity))
                        }
                        if !built[col].own[c] {
                            built[col].own[c] = true
                            built[col].set(c, t.fixedValue(at: e))
                        } else if !built[col].conflict[c] {
                            let same: Bool
                            if let a = built[col].fixed(c), let b = t.fixedValue(at: e) { same = (a - b)?.isZero ?? false }
                            else { same = firstValue(disclosures, docs, id) == t.value(at: e) }
                            if !same { built[col].conflict[c] = true }
                        }
                    }
                }
            }
        }
        let cellCount = cellYear.count

        // The year before, same department and kind.
        var previousYear = [Int32](repeating: -1, count: cellCount)
        for r in 0..<infos.count {
            let range = Int(departmentStart[r])..<Int(departmentStart[r + 1])
            var lastOfKind: [Int] = [-1, -1]
            for c in range {
                let k = Int(cellKind[c])
                if lastOfKind[k] >= 0, cellYear[c] > Int.min, cellYear[lastOfKind[k]] == cellYear[c] - 1 { previousYear[c] = Int32(lastOfKind[k]) }
                lastOfKind[k] = c
            }
        }

        // 4. The columns in contract order. `built` is emptied so that each column's storage has one owner
        // before the derived values are written into it.
        let figureIDs = FigureKey.sorted(builtColumn.indices.filter { builtColumn[$0] >= 0 }.map { FigureID(raw: UInt32($0)).name }).map { FigureID($0) }
        var columnOfID = [Int32](repeating: -1, count: max(FigureID.count, builtColumn.count))
        var columns: [Column] = []
        columns.reserveCapacity(figureIDs.count)
        for (c, id) in figureIDs.enumerated() {
            columnOfID[Int(id.raw)] = Int32(c)
            columns.append(built[Int(builtColumn[Int(id.raw)])])
        }
        built = []
        for c in columns.indices { columns[c].trim(to: cellCount) }

        // Derived values: the year before a cell that states a figure and its change gets figure − change.
        for (changeColumn, id) in figureIDs.enumerated() {
            guard let baseID = changeBase[id.raw], let base = columnOfID.indices.contains(Int(baseID)) ? Int(columnOfID[Int(baseID)]) : nil,
                  base >= 0 else { continue }
            for c in 0..<cellCount where columns[changeColumn].own[c] && columns[base].own[c] {
                // The year before always has a cell: step 3 made one.
                guard previousYear[c] >= 0 else { continue }
                let t = Int(previousYear[c])
                columns[base].derived[t] = true
                if columns[base].own[t] { continue }
                if let cur = columns[base].fixed(c), let ch = columns[changeColumn].fixed(c) { columns[base].set(t, cur - ch) }
            }
        }

        return Panel(store: PanelStore(
            disclosures: disclosures, departments: order.map { infos[$0] }, unplaced: unplaced, departmentStart: departmentStart,
            cellDepartment: cellDepartment, cellYear: cellYear, cellKind: cellKind, previousYear: previousYear,
            documentStart: documentStart, documents: documents, figureIDs: figureIDs, columnOfID: columnOfID, columns: columns))
    }

    /// The value of `id` in the first of `docs` that states it.
    static func firstValue(_ disclosures: [Disclosure], _ docs: ArraySlice<Int32>, _ id: FigureID) -> Decimal? {
        for doc in docs {
            let t = disclosures[Int(doc)].figures
            if let i = t.index(of: id) { return t.value(at: i) }
        }
        return nil
    }

    /// For each figure number: the number of the figure its `change.` key changes, if it is one.
    struct ChangeBases {
        /// By figure number: −2 not looked at yet, −1 not a change key, else the base figure's number.
        private var known: [Int64] = []
        subscript(id: UInt32) -> UInt32? {
            mutating get {
                let i = Int(id)
                if i >= known.count { known += [Int64](repeating: -2, count: i + 1 - known.count) }
                if known[i] == -2 {
                    known[i] = PanelBuilder.changeBase(FigureID(raw: id).name).flatMap { FigureID.existing($0) }.map { Int64($0.raw) } ?? -1
                }
                return known[i] < 0 ? nil : UInt32(known[i])
            }
        }
    }
}
