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
public struct Panel: Sendable {
    let store: PanelStore

    public var disclosures: [Disclosure] { store.disclosures }
    public var departments: [DepartmentInfo] { store.departments }
    /// Documents that could not be placed (no fiscal year or no department), with the reason.
    public var unplaced: [Unplaced] { store.unplaced }

    // MARK: cells by number

    public var cellCount: Int { store.cellYear.count }
    /// The cells of department number `department`, in year order.
    public func cells(of department: Int) -> Range<Int> {
        Int(store.departmentStart[department])..<Int(store.departmentStart[department + 1])
    }
    public func department(of cell: Int) -> Int { Int(store.cellDepartment[cell]) }
    public func year(of cell: Int) -> Int { store.cellYear[cell] }
    public func kind(of cell: Int) -> DisclosureKind { store.cellKind[cell] == 0 ? .budget : .finalAccounts }
    /// Indices into `disclosures` of the documents read for this cell, in input order.
    public func documents(of cell: Int) -> ArraySlice<Int32> {
        store.documents[Int(store.documentStart[cell])..<Int(store.documentStart[cell + 1])]
    }
    /// True when no document for this year was read: all its figures are derived.
    public func isDerivedOnly(_ cell: Int) -> Bool { store.documentStart[cell] == store.documentStart[cell + 1] }
    /// The same department's cell of the same kind for the year before, if there is one.
    public func previousYear(of cell: Int) -> Int? {
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
    public func departmentIndex(_ id: String) -> Int? { store.departmentIndex[ByteKey(id)].map(Int.init) }

    // MARK: figures by column

    /// Figure names, one per column, in contract order.
    public var figureNames: [String] { store.figureNames }
    public func column(_ figure: String) -> Int? {
        guard let id = FigureID.existing(figure), Int(id.raw) < store.columnOfID.count else { return nil }
        let c = store.columnOfID[Int(id.raw)]
        return c < 0 ? nil : Int(c)
    }
    /// The cell has this figure, stated or derived.
    public func has(_ cell: Int, _ column: Int) -> Bool {
        let c = store.columns[column]
        return c.own[cell] || c.derived[cell]
    }
    public func hasOwn(_ cell: Int, _ column: Int) -> Bool { store.columns[column].own[cell] }
    public func hasDerived(_ cell: Int, _ column: Int) -> Bool { store.columns[column].derived[cell] }
    /// Two documents for the cell state this figure differently.
    public func hasConflict(_ cell: Int, _ column: Int) -> Bool { store.columns[column].conflict[cell] }

    /// `Decimal.double` of the cell's value (its own, else the derived one), for statistics. The cell must have it.
    public func double(_ cell: Int, _ column: Int) -> Double {
        if let f = store.columns[column].fixed(cell) { return f.double }
        return exact(cell, column)?.double ?? .nan
    }

    /// `(b − a).double` with b and a the two cells' values of this figure, computed exactly.
    public func changeDouble(from a: Int, to b: Int, _ column: Int) -> Double {
        let c = store.columns[column]
        if let x = c.fixed(b), let y = c.fixed(a), let d = x - y { return d.double }
        guard let x = exact(b, column), let y = exact(a, column) else { return .nan }
        return (x - y).double
    }

    /// The cell's value is exactly zero. The cell must have it.
    public func isZero(_ cell: Int, _ column: Int) -> Bool {
        if let f = store.columns[column].fixed(cell) { return f.isZero }
        return exact(cell, column) == 0
    }

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

/// A string compared and hashed by its UTF-8 bytes: department ids are made by one normalisation, so byte
/// equality is the right equality, and it skips the Unicode work String's own hashing does for Chinese text.
struct ByteKey: Hashable, Sendable {
    let string: String
    init(_ s: String) { string = s }
    static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.sameBytes(b.string) }
    func hash(into h: inout Hasher) {
        var s = string
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func precedes(_ a: String, _ b: String) -> Bool { a.precedesByBytes(b) }
}

/// Values keyed by name with String's equality (canonical equivalence), at the cost of byte equality while
/// every name seen is simple (`SimpleName.isSimple`: then the two agree). The first other name builds the
/// String-keyed index once, and from then on both are kept.
struct NameKeyed<Value> {
    private var bytes: [ByteKey: Value] = [:]
    private var unicode: [String: Value]?

    static func equal(_ a: String, _ b: String) -> Bool {
        SimpleName.isSimple(a) && SimpleName.isSimple(b) ? a.sameBytes(b) : a == b
    }

    /// The value of `name` or of a name equal to it; `sameBytes` says whether it was found under these bytes.
    mutating func existing(_ name: String) -> (value: Value, sameBytes: Bool)? {
        if let v = bytes[ByteKey(name)] { return (v, true) }
        if unicode == nil, !SimpleName.isSimple(name) {
            // Until now every name was simple, so no two keys are equal without being the same bytes.
            unicode = Dictionary(bytes.map { ($0.key.string, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        return unicode?[name].map { ($0, false) }
    }

    mutating func insert(_ name: String, _ value: Value) {
        bytes[ByteKey(name)] = value
        if unicode != nil, unicode?[name] == nil { unicode?[name] = value }
    }
}

/// A fixed-size set of cell numbers.
struct BitSet: Sendable {
    var words: [UInt64]
    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
    subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set { if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) } }
    }
}

/// One figure over every cell: each cell's value (own, else derived) as a `Fixed8` mantissa and places.
struct Column: Sendable {
    /// `places` of a value that is not `Fixed8`-fast: its exact value is read from the documents.
    static let slow: UInt8 = .max
    var mantissa: [Int64]
    var places: [UInt8]
    var own: BitSet
    var derived: BitSet
    var conflict: BitSet

    init(count: Int) {
        mantissa = [Int64](repeating: 0, count: count)
        places = [UInt8](repeating: Column.slow, count: count)
        own = BitSet(count: count)
        derived = BitSet(count: count)
        conflict = BitSet(count: count)
    }

    @inline(__always)
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
final class PanelStore: Sendable {
    let disclosures: [Disclosure]
    let departments: [DepartmentInfo]
    let unplaced: [Unplaced]
    let departmentIndex: [ByteKey: Int32]
    let departmentStart: [Int32]
    let cellDepartment: [Int32]
    let cellYear: [Int]
    let cellKind: [UInt8]
    let previousYear: [Int32]
    let documentStart: [Int32]
    let documents: [Int32]
    let figureNames: [String]
    let figureIDs: [FigureID]
    let columnOfID: [Int32]
    let columns: [Column]
    /// The distinct years of budget cells and of final-accounts cells, ascending.
    let yearsByKind: [[Int]]

    init(disclosures: [Disclosure], departments: [DepartmentInfo], unplaced: [Unplaced],
         departmentStart: [Int32], cellDepartment: [Int32], cellYear: [Int], cellKind: [UInt8], previousYear: [Int32],
         documentStart: [Int32], documents: [Int32], figureIDs: [FigureID], columnOfID: [Int32], columns: [Column]) {
        self.disclosures = disclosures
        self.departments = departments
        self.unplaced = unplaced
        var index: [ByteKey: Int32] = [:]
        index.reserveCapacity(departments.count)
        for (i, d) in departments.enumerated() { index[ByteKey(d.id)] = Int32(i) }
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
        var unplaced: [Unplaced] = []
        var last: (name: String, n: Name)?
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
                if !infos[Int(n.department)].names.contains(where: { NameKeyed<Name>.equal($0, name) }) { infos[Int(n.department)].names.append(name) }
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
                if !infos[Int(p)].names.contains(where: { NameKeyed<Name>.equal($0, name) }) { infos[Int(p)].names.append(name) }
            }
            last = (name, n)
            let p = Int(n.department)
            if !n.aliased, year >= latestYear[p] { infos[p].name = name; latestYear[p] = year }
            if infos[p].region == nil { infos[p].region = disclosures[index].identity.region }
            if infos[p].code == nil { infos[p].code = disclosures[index].identity.departmentCode }
            docDepartment[index] = n.department
        }

        // 2. Departments in the order of their ids' bytes; documents grouped by department, in input order.
        let order = infos.indices.sorted { ByteKey.precedes(infos[$0].id, infos[$1].id) }
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
        // cell that states a change of a figure it also states (that year's figure can be derived).
        var changeBase = ChangeBases()
        var departmentStart: [Int32] = [0]
        var cellDepartment: [Int32] = [], cellYear: [Int] = [], cellKind: [UInt8] = [], documentStart: [Int32] = [0]
        var documents: [Int32] = []
        cellDepartment.reserveCapacity(disclosures.count + disclosures.count / 8)
        cellYear.reserveCapacity(cellDepartment.capacity); cellKind.reserveCapacity(cellDepartment.capacity)
        documentStart.reserveCapacity(cellDepartment.capacity + 1); documents.reserveCapacity(disclosures.count)
        var used = [Bool](repeating: false, count: FigureID.count)
        var ids: [UInt32] = []
        struct Placed { var year: Int; var kind: UInt8; var doc: Int32 }
        var placed: [Placed] = []
        var derivedTargets: [(year: Int, kind: UInt8)] = []
        for r in 0..<infos.count {
            placed.removeAll(keepingCapacity: true)
            for doc in byDepartment[docStart[r]..<docStart[r + 1]] {
                placed.append(Placed(year: disclosures[Int(doc)].identity.fiscalYear ?? 0,
                                     kind: disclosures[Int(doc)].identity.kind == .finalAccounts ? 1 : 0, doc: doc))
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
                        used[Int(id)] = true
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

        // 4. One column per figure any document states, in contract order.
        let figureIDs = FigureKey.sorted(used.indices.filter { used[$0] }.map { FigureID(raw: UInt32($0)).name }).map { FigureID($0) }
        var columnOfID = [Int32](repeating: -1, count: FigureID.count)
        for (c, id) in figureIDs.enumerated() { columnOfID[Int(id.raw)] = Int32(c) }
        var columns = figureIDs.map { _ in Column(count: cellCount) }

        // Own values: the first document stating a figure gives it; a later one stating it differently is a conflict.
        for c in 0..<cellCount {
            for doc in documents[Int(documentStart[c])..<Int(documentStart[c + 1])] {
                let t = disclosures[Int(doc)].figures
                for e in 0..<t.count {
                    let col = Int(columnOfID[Int(t.id(at: e).raw)])
                    if !columns[col].own[c] {
                        columns[col].own[c] = true
                        columns[col].set(c, t.fixedValue(at: e))
                    } else if !columns[col].conflict[c] {
                        let same: Bool
                        if let a = columns[col].fixed(c), let b = t.fixedValue(at: e) { same = (a - b)?.isZero ?? false }
                        else { same = firstValue(disclosures, documents[Int(documentStart[c])..<Int(documentStart[c + 1])], t.id(at: e)) == t.value(at: e) }
                        if !same { columns[col].conflict[c] = true }
                    }
                }
            }
        }

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
