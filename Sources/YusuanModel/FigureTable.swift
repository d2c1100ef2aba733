import Foundation

/// A figure name interned to a small number, once per process: tables and the panel store the number, not the
/// string. Numbers are given in first-come order (which differs between runs), so nothing may be ordered or
/// printed by them; use `name`.
public struct FigureID: Hashable, Sendable {
    public let raw: UInt32

    /// The number of `name`, given it on first use.
    public init(_ name: String) { raw = FigureNameTable.shared.intern(name) }

    /// The figure with this number (from `raw` of an interned one).
    public init(raw: UInt32) { self.raw = raw }

    /// The number of `name` if any table has used it; nil otherwise (then no table holds that figure).
    public static func existing(_ name: String) -> FigureID? { FigureNameTable.shared.lookup(name).map(FigureID.init(raw:)) }

    public var name: String { FigureNameTable.shared.name(raw) }

    /// How many names have been interned: every raw value is below it.
    public static var count: Int { FigureNameTable.shared.count }
}

/// The one process-wide table behind `FigureID`. Ingest may run on several threads, so it takes a lock; the
/// set of names is small and bounded (canonical keys and their prefixed forms).
final class FigureNameTable: @unchecked Sendable {
    static let shared = FigureNameTable()
    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var names: [String] = []

    init() { for k in FigureKey.canonical { _ = intern(k) } }

    func intern(_ name: String) -> UInt32 {
        lock.lock(); defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func lookup(_ name: String) -> UInt32? {
        lock.lock(); defer { lock.unlock() }
        return ids[name]
    }

    func name(_ id: UInt32) -> String {
        lock.lock(); defer { lock.unlock() }
        return Int(id) < names.count ? names[Int(id)] : ""
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return names.count
    }
}

/// The figures of one document, keyed by canonical name, stored compactly: one 40-byte entry per figure (the
/// value's and step's exact Decimal parts, line, page, key number) and the quoted texts in one string per
/// document, a text said twice stored once. Reads like a dictionary of `Figure`; iterates in contract order
/// (`FigureKey.sorted`). A figure whose parts do not fit the entry (a 25-digit mantissa, a line past 2³¹) is
/// kept whole beside it, so nothing is ever rounded.
public struct FigureTable: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    struct Entry: Sendable {
        /// The value's mantissa; for a spilled entry, the index into `spill`.
        var mantissa: UInt64
        var key: UInt32
        var line: Int32
        /// `Int32.min`: no page.
        var page: Int32
        var textStart: UInt32
        var rawStart: UInt32
        var textCount: UInt16
        var rawCount: UInt16
        var stepMantissa: UInt16
        var exponent: Int8
        var stepExponent: Int8
        var flags: UInt8
        var stepFlags: UInt8
        var bits: UInt8

        static let spilled: UInt8 = 1, table: UInt8 = 2, ocr: UInt8 = 4
    }

    var entries: [Entry] = []
    var pool = ""
    var spill: [Figure] = []

    public init() {}

    public init(_ figures: [String: Figure]) {
        entries.reserveCapacity(figures.count)
        for k in FigureKey.sorted(figures.keys) { if let f = figures[k] { append(k, f) } }
    }

    public init(dictionaryLiteral elements: (String, Figure)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Names in contract order.
    public var keys: [String] { entries.map { FigureID(raw: $0.key).name } }
    public var values: [Figure] { entries.indices.map(figure(at:)) }

    public subscript(key: String) -> Figure? {
        get { FigureID.existing(key).flatMap { index(of: $0) }.map(figure(at:)) }
        set {
            // Rebuilt through a dictionary: replacing or adding a figure after extraction is rare.
            var all = Dictionary(uniqueKeysWithValues: zip(keys, values))
            all[key] = newValue
            self = FigureTable(all)
        }
    }

    public func mapValues<T>(_ transform: (Figure) throws -> T) rethrows -> [String: T] {
        var out: [String: T] = [:]
        for i in entries.indices { out[FigureID(raw: entries[i].key).name] = try transform(figure(at: i)) }
        return out
    }

    /// The figures `isIncluded` keeps, as a table (as Dictionary.filter gives a dictionary).
    public func filter(_ isIncluded: ((key: String, value: Figure)) throws -> Bool) rethrows -> FigureTable {
        var kept: [String: Figure] = [:]
        for pair in self where try isIncluded(pair) { kept[pair.key] = pair.value }
        return FigureTable(kept)
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Figure)> {
        var i = 0
        return AnyIterator {
            guard i < entries.count else { return nil }
            defer { i += 1 }
            return (FigureID(raw: entries[i].key).name, figure(at: i))
        }
    }

    public static func == (a: FigureTable, b: FigureTable) -> Bool {
        a.count == b.count && a.entries.indices.allSatisfy { a.entries[$0].key == b.entries[$0].key && a.figure(at: $0) == b.figure(at: $0) }
    }

    // MARK: by position, for the panel

    /// The entry holding `id`, if any.
    public func index(of id: FigureID) -> Int? { entries.firstIndex { $0.key == id.raw } }

    public func id(at i: Int) -> FigureID { FigureID(raw: entries[i].key) }

    /// The value as a `Fixed8`, when fast; nil sends the caller to `value(at:)`.
    public func fixedValue(at i: Int) -> Fixed8? {
        let e = entries[i]
        guard e.bits & Entry.spilled == 0 else { return nil }
        return Fixed8(DecimalBits.Parts(mantissa: e.mantissa, exponent: e.exponent, flags: e.flags))
    }

    /// The exact value, as stored.
    public func value(at i: Int) -> Decimal {
        let e = entries[i]
        if e.bits & Entry.spilled != 0 { return spill[Int(e.mantissa)].value }
        return DecimalBits.decimal(.init(mantissa: e.mantissa, exponent: e.exponent, flags: e.flags))
    }

    public func figure(at i: Int) -> Figure {
        let e = entries[i]
        if e.bits & Entry.spilled != 0 { return spill[Int(e.mantissa)] }
        return Figure(key: FigureID(raw: e.key).name,
                      value: DecimalBits.decimal(.init(mantissa: e.mantissa, exponent: e.exponent, flags: e.flags)),
                      raw: text(e.rawStart, e.rawCount),
                      step: DecimalBits.decimal(.init(mantissa: UInt64(e.stepMantissa), exponent: e.stepExponent, flags: e.stepFlags)),
                      provenance: Provenance(line: Int(e.line), page: e.page == Int32.min ? nil : Int(e.page),
                                             text: text(e.textStart, e.textCount), ocr: e.bits & Entry.ocr != 0),
                      origin: e.bits & Entry.table != 0 ? .table : .prose)
    }

    /// Figure `i` but its texts: what a writer of it reads besides them.
    public struct Parts {
        public var value: Decimal
        public var line: Int
        public var page: Int?
        public var ocr: Bool
        public var origin: Figure.Origin
    }

    /// Figure `i` for a writer of bytes: its parts, and its provenance text and raw text as UTF-8 bytes in place
    /// (no String made and checked again for each, as `figure(at:)` makes them).
    public func withParts<R>(at i: Int, _ body: (Parts, _ text: UnsafeBufferPointer<UInt8>, _ raw: UnsafeBufferPointer<UInt8>) -> R) -> R {
        let e = entries[i]
        if e.bits & Entry.spilled != 0 {
            let f = spill[Int(e.mantissa)]
            let parts = Parts(value: f.value, line: f.provenance.line, page: f.provenance.page, ocr: f.provenance.ocr, origin: f.origin)
            return f.provenance.text.withBytes { text in f.raw.withBytes { raw in body(parts, text, raw) } }
        }
        let parts = Parts(value: DecimalBits.decimal(.init(mantissa: e.mantissa, exponent: e.exponent, flags: e.flags)),
                          line: Int(e.line), page: e.page == Int32.min ? nil : Int(e.page), ocr: e.bits & Entry.ocr != 0,
                          origin: e.bits & Entry.table != 0 ? .table : .prose)
        return pool.withBytes { b in
            // The ranges were placed inside the pool (`place`); clamped all the same.
            func slice(_ start: UInt32, _ count: UInt16) -> UnsafeBufferPointer<UInt8> {
                let from = Swift.min(Int(start), b.count)
                return UnsafeBufferPointer(rebasing: b[from..<Swift.min(from + Int(count), b.count)])
            }
            return body(parts, slice(e.textStart, e.textCount), slice(e.rawStart, e.rawCount))
        }
    }

    // MARK: storing

    private func text(_ start: UInt32, _ count: UInt16) -> String {
        if count == 0 { return "" }
        var p = pool
        return p.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start) + Int(count)]), as: UTF8.self) }
    }

    /// Where `s` already is in the pool (inside `within`, or as an earlier entry's text or raw), else appended.
    private mutating func place(_ s: String, within: (start: UInt32, count: UInt16)? = nil) -> (start: UInt32, count: UInt16)? {
        let count = s.utf8.count
        guard count <= Int(UInt16.max) else { return nil }
        if count == 0 { return (0, 0) }
        // Compared on the bytes in place: no array of the text's bytes is made for each figure.
        let found: Int? = s.withBytes { bytes in
            pool.withBytes { buf -> Int? in
                func matches(_ at: Int) -> Bool {
                    at + count <= buf.count && memcmp(buf.baseAddress! + at, bytes.baseAddress!, count) == 0
                }
                if let w = within, Int(w.count) >= count {
                    for at in Int(w.start)...(Int(w.start) + Int(w.count) - count) where buf[at] == bytes[0] && matches(at) { return at }
                }
                for e in entries where e.bits & Entry.spilled == 0 {
                    if Int(e.textCount) == count, matches(Int(e.textStart)) { return Int(e.textStart) }
                    if Int(e.rawCount) == count, matches(Int(e.rawStart)) { return Int(e.rawStart) }
                }
                return nil
            }
        }
        if let at = found { return (UInt32(at), UInt16(count)) }
        let start = pool.utf8.count
        guard start + count <= Int(UInt32.max) else { return nil }
        pool += s
        return (UInt32(start), UInt16(count))
    }

    private mutating func append(_ key: String, _ f: Figure) {
        let id = FigureID(key).raw
        func spilled() {
            entries.append(Entry(mantissa: UInt64(spill.count), key: id, line: 0, page: 0, textStart: 0, rawStart: 0, textCount: 0,
                                 rawCount: 0, stepMantissa: 0, exponent: 0, stepExponent: 0, flags: 0, stepFlags: 0, bits: Entry.spilled))
            spill.append(f)
        }
        guard f.key == key, let v = DecimalBits.parts(f.value), let s = DecimalBits.parts(f.step), s.length <= 1,
              let line = Int32(exactly: f.provenance.line) else { return spilled() }
        var page = Int32.min
        if let p = f.provenance.page {
            guard let q = Int32(exactly: p), q != Int32.min else { return spilled() }
            page = q
        }
        // The pool's length, not a copy of it: a copy held here would make every append to the pool copy it all.
        let poolCount = pool.utf8.count
        guard let text = place(f.provenance.text), let raw = place(f.raw, within: text) else {
            // `place` only appends whole texts: the pool up to its old length is the pool as it was.
            pool = String(decoding: pool.utf8.prefix(poolCount), as: UTF8.self)
            return spilled()
        }
        entries.append(Entry(mantissa: v.mantissa, key: id, line: line, page: page, textStart: text.start, rawStart: raw.start,
                             textCount: text.count, rawCount: raw.count, stepMantissa: UInt16(s.mantissa), exponent: v.exponent,
                             stepExponent: s.exponent, flags: v.flags, stepFlags: s.flags,
                             bits: (f.origin == .table ? Entry.table : 0) | (f.provenance.ocr ? Entry.ocr : 0)))
    }
}
