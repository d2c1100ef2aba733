import Foundation
import YusuanModel

/// A JSON value with ordered object keys, written deterministically. Numbers are written from their
/// exact decimal text, so 9250.53 never becomes 9250.530000000001. Not `indirect`: arrays and objects hold
/// their values in arrays already, and a string or number in a box of its own cost an allocation each.
public enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    /// An amount, written as `Decimal.plain` when the value is written (no String made for it).
    case decimal(Decimal)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// Compact when `indent` is nil; otherwise pretty with that many spaces per level.
    public func serialized(indent: Int? = 2) -> String {
        var out = ByteOutput()
        write(into: &out, indent: indent, level: 0)
        return String(decoding: out.take(), as: UTF8.self)
    }

    /// The value as it is written nested `level` deep in a pretty document: for documents written in parts.
    public func serialized(indent: Int, level: Int) -> String {
        var out = ByteOutput()
        write(into: &out, indent: indent, level: level)
        return String(decoding: out.take(), as: UTF8.self)
    }

    func write(into out: inout ByteOutput, indent: Int?, level: Int) {
        switch self {
        case .null: out.append("null" as StaticString)
        case .bool(let b): out.append(b ? "true" as StaticString : "false")
        case .number(let n): out.append(n)
        case .decimal(let d): out.write(upTo: Decimal.plainRoom) { d.writePlain(to: $0) }
        case .int(let i): JSON.write(i, into: &out)
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let xs):
            if xs.isEmpty { out.append("[]" as StaticString); return }
            out.append(0x5B)
            for (i, x) in xs.enumerated() {
                JSON.newline(&out, indent: indent, level: level + 1)
                x.write(into: &out, indent: indent, level: level + 1)
                if i < xs.count - 1 { out.append(0x2C) }
            }
            JSON.newline(&out, indent: indent, level: level)
            out.append(0x5D)
        case .object(let kvs):
            if kvs.isEmpty { out.append("{}" as StaticString); return }
            out.append(0x7B)
            for (i, (k, v)) in kvs.enumerated() {
                JSON.newline(&out, indent: indent, level: level + 1)
                JSON.escape(k, into: &out)
                out.append(0x3A)
                if indent != nil { out.append(0x20) }
                v.write(into: &out, indent: indent, level: level + 1)
                if i < kvs.count - 1 { out.append(0x2C) }
            }
            JSON.newline(&out, indent: indent, level: level)
            out.append(0x7D)
        }
    }

    /// A line break and the padding of `level` (nothing when compact).
    static func newline(_ out: inout ByteOutput, indent: Int?, level: Int) {
        guard let indent else { return }
        let n = max(indent * level, 0)
        out.write(upTo: n + 1) { lineBreak(n, to: $0) }
    }

    /// A line break and `n` spaces at `p` (room for `n + 1` bytes); returns how many bytes. The usual depths are
    /// copied in one piece from a fixed run of them.
    @inline(__always)
    static func lineBreak(_ n: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let run: StaticString = "\n                                                               "
        if n < run.utf8CodeUnitCount {
            copy(run.utf8Start, n + 1, to: p)
        } else {
            p[0] = 0x0A
            (p + 1).initialize(repeating: 0x20, count: n)
        }
        return n + 1
    }

    /// The decimal digits of `i`, as `String(i)` writes them.
    static func write(_ i: Int, into out: inout ByteOutput) {
        out.write(upTo: intRoom) { digits(i, to: $0) }
    }

    /// The most bytes `digits` writes: a sign and the 19 digits of Int.min's magnitude.
    static let intRoom = 20

    /// Writes the decimal digits of `i` at `p` (room for `intRoom` bytes); returns how many.
    static func digits(_ i: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var m = i.magnitude
        var n = 0
        repeat {
            p[n] = UInt8(truncatingIfNeeded: 0x30 &+ m % 10)
            n += 1
            m /= 10
        } while m > 0
        if i < 0 { p[n] = 0x2D; n += 1 }
        // Written least significant first: turn them round.
        var digits = UnsafeMutableBufferPointer(start: p, count: n)
        digits.reverse()
        return n
    }

    /// Quotes `s`: a run of bytes that needs no escape is copied as it is.
    static func escape(_ s: String, into out: inout ByteOutput) {
        s.withBytes { b in out.write(upTo: escapedRoom(b.count)) { escape(b, to: $0) } }
    }

    /// The most bytes `escape` writes for `n` bytes: the quotes, and six ("\u00XX") for each.
    @inline(__always)
    static func escapedRoom(_ n: Int) -> Int { 6 * n + 2 }

    /// Writes `b` quoted and escaped at `p`, which has room for `escapedRoom(b.count)` bytes; returns how many
    /// bytes it wrote. Most strings need no escape: the bytes up to the next one that does are found eight at a
    /// time (`nextEscape`) and copied in one piece.
    static func escape(_ b: UnsafeBufferPointer<UInt8>, to p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = 0x22
        guard let base = b.baseAddress else { p[1] = 0x22; return 2 }
        var n = 1, kept = 0
        var i = nextEscape(b, from: 0)
        while i < b.count {
            copy(base + kept, i - kept, to: p + n)
            n += i - kept
            let c = b[i]
            p[n] = 0x5C
            switch c {
            case 0x22, 0x5C: p[n + 1] = c; n += 2
            case 0x0A: p[n + 1] = 0x6E; n += 2
            case 0x0D: p[n + 1] = 0x72; n += 2
            case 0x09: p[n + 1] = 0x74; n += 2
            default:
                let hex: StaticString = "0123456789abcdef"
                p[n + 1] = 0x75; p[n + 2] = 0x30; p[n + 3] = 0x30
                p[n + 4] = hex.utf8Start[Int(c >> 4)]
                p[n + 5] = hex.utf8Start[Int(c & 0x0F)]
                n += 6
            }
            kept = i + 1
            i = nextEscape(b, from: kept)
        }
        copy(base + kept, b.count - kept, to: p + n)
        n += b.count - kept
        p[n] = 0x22
        return n + 1
    }

    /// Copies `count` bytes from `from` to `p` (not overlapping). Up to 16 bytes in at most two loads and two stores
    /// each of a word or part of one (the second overlapping the first): most strings and keys of the format are
    /// that short, and memcpy's call costs more than such a copy.
    @inline(__always)
    static func copy(_ from: UnsafePointer<UInt8>, _ count: Int, to p: UnsafeMutablePointer<UInt8>) {
        let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(p)
        @inline(__always) func pair<T: FixedWidthInteger>(_: T.Type) {
            let size = MemoryLayout<T>.size
            let head = src.loadUnaligned(as: T.self), tail = src.loadUnaligned(fromByteOffset: count - size, as: T.self)
            dst.storeBytes(of: head, as: T.self)
            dst.storeBytes(of: tail, toByteOffset: count - size, as: T.self)
        }
        switch count {
        case 8...16: pair(UInt64.self)
        case 4..<8: pair(UInt32.self)
        case 2..<4: pair(UInt16.self)
        case 1: p[0] = from[0]
        case 0: break
        default: p.initialize(from: from, count: count)
        }
    }

    /// The index of the first byte at or after `from` that needs an escape, or `b.count`. Eight bytes at a time;
    /// the last fewer-than-eight are read as the eight bytes that end the buffer,
    /// so that only a buffer shorter than eight is read byte by byte.
    @inline(__always)
    static func nextEscape(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = b.baseAddress, from < b.count else { return b.count }
        let raw = UnsafeRawPointer(base)
        if b.count < 8 {
            var i = from
            while i < b.count, !needsEscape(b[i]) { i += 1 }
            return i
        }
        var i = from
        while i + 8 <= b.count {
            let m = escapeMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if m != 0 { return i + m.trailingZeroBitCount / 8 }
            i += 8
        }
        guard i < b.count else { return b.count }
        // The last eight bytes, shifted down past the `s` of them read already: a borrow from a byte before `from`
        // (the one just escaped) cannot reach the rest, and the zeros shifted in count only past the end.
        let last = b.count - 8, s = i - last
        let k = escapeMask(raw.loadUnaligned(fromByteOffset: last, as: UInt64.self) >> UInt64(8 * s)).trailingZeroBitCount / 8
        return k < 8 - s ? i + k : b.count
    }

    /// A control byte (below 0x20), a quote or a backslash. Most bytes are above the quote and are not the backslash.
    @inline(__always)
    static func needsEscape(_ c: UInt8) -> Bool {
        (c <= 0x22 || c == 0x5C) && (c < 0x20 || c == 0x22 || c == 0x5C)
    }

    /// The high bit of each of the eight bytes of `w` (little-endian) that is a control byte, a quote or a
    /// backslash. Exact up to the lowest set bit (a borrow only runs upward from a byte that is set), which is
    /// all `nextEscape` reads.
    @inline(__always)
    static func escapeMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs = ones &* 0x80
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        return ((w &- ones &* 0x20) & ~w | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
    }
}

/// Where JSON goes as it is made, container by container: into a tree of `JSON` values (`JSONTree`) or straight
/// into bytes (`JSONBytes`). A writer such as `DisclosureJSON` is written once against it and serves both.
public protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The key of the next value inside an object.
    mutating func key(_ k: String)
    /// A key written in the code: ASCII that needs no escape (a field name of the format), so that a writer of
    /// bytes copies it as it is. (A literal given to `key` is taken as a String, hence the label.)
    mutating func key(literal k: StaticString)
    /// A whole value: inside an array an element, inside an object the value of the last key.
    mutating func value(_ v: JSON)
    /// A field of a string, null when it is nil: `field(k, .optional(v))`, which a writer of bytes writes
    /// without making a `JSON` value. The same for the two below.
    mutating func field(_ k: StaticString, string v: String?)
    /// `field(k, v.map(JSON.int) ?? .null)`.
    mutating func field(_ k: StaticString, int v: Int?)
    /// `field(k, v.map(JSON.decimal) ?? .null)`.
    mutating func field(_ k: StaticString, decimal v: Decimal?)
    /// A field of a string given as its UTF-8 bytes (valid UTF-8).
    mutating func field(_ k: StaticString, utf8 v: UnsafeBufferPointer<UInt8>)
}

extension JSONSink {
    /// A field whose name is written in the code (see `key(literal:)`); a computed name goes through `key`.
    public mutating func field(_ k: StaticString, _ v: JSON) {
        key(literal: k)
        value(v)
    }

    public mutating func field(_ k: StaticString, string v: String?) { field(k, JSON.optional(v)) }
    public mutating func field(_ k: StaticString, int v: Int?) { field(k, v.map(JSON.int) ?? .null) }
    public mutating func field(_ k: StaticString, decimal v: Decimal?) { field(k, v.map(JSON.decimal) ?? .null) }
    public mutating func field(_ k: StaticString, utf8 v: UnsafeBufferPointer<UInt8>) { field(k, .string(String(decoding: v, as: UTF8.self))) }
}

/// Builds `JSON` values.
public struct JSONTree: JSONSink {
    private enum Open { case object([(String, JSON)]), array([JSON]) }
    private var open: [Open] = []
    private var keys: [String] = []
    /// The last finished top-level value.
    public private(set) var root: JSON = .null

    public init() {}

    public mutating func beginObject() { open.append(.object([])) }
    public mutating func beginArray() { open.append(.array([])) }
    public mutating func key(_ k: String) { keys.append(k) }
    public mutating func key(literal k: StaticString) { keys.append(k.description) }

    public mutating func endObject() {
        guard case .object(let fields)? = open.popLast() else { return }
        value(.object(fields))
    }

    public mutating func endArray() {
        guard case .array(let items)? = open.popLast() else { return }
        value(.array(items))
    }

    public mutating func value(_ v: JSON) {
        switch open.popLast() {
        case .object(var fields)?:
            fields.append((keys.popLast() ?? "", v))
            open.append(.object(fields))
        case .array(var items)?:
            items.append(v)
            open.append(.array(items))
        case nil:
            root = v
        }
    }
}

/// Writes JSON text as it comes, in the layout of `JSON.serialized(indent:)` (the same bytes).
public struct JSONBytes: JSONSink {
    public private(set) var out: ByteOutput
    private let indent: Int?
    /// How deep the first value sits in the document being written (for documents written in parts).
    private let base: Int
    /// How many containers are open.
    private var depth = 0
    /// How many values the innermost open container holds so far; those of the ones around it in `outer`.
    /// Kept apart so that the separator before a value looks at no array.
    private var current = 0
    private var outer: [Int] = []
    /// The spaces before a value of the innermost container; -1 when compact or at the top level.
    private var padding = -1
    private var afterKey = false

    /// `capacity`: the bytes to make room for at the start.
    public init(indent: Int? = 2, level: Int = 0, capacity: Int = 256) {
        self.indent = indent
        base = level
        out = ByteOutput(capacity: capacity)
    }

    /// The bytes written, moved out without a copy (the writer is left empty).
    public mutating func take() -> [UInt8] { out.take() }

    /// Before a value or a key: the comma and line break that separate it from the one before.
    private mutating func separate() { separated(then: 0) { _ in 0 } }

    /// The separator, then what `body` writes (at most `extra` bytes), in one write into `out`: a field costs
    /// one check for room, not one per piece.
    @inline(__always)
    private mutating func separated(then extra: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let comma = depth > 0 && current > 0
        if depth > 0 { current += 1 }
        let padding = self.padding
        out.write(upTo: 2 + max(padding, 0) + extra) { p in
            var n = 0
            if comma { p[0] = 0x2C; n = 1 }
            if padding >= 0 { n += JSON.lineBreak(padding, to: p + n) }
            return n + body(p + n)
        }
    }

    /// The padding of a value `depth` containers deep.
    private func padding(at depth: Int) -> Int {
        guard depth > 0, let indent else { return -1 }
        return max(indent * (base + depth), 0)
    }

    private mutating func begin(_ bracket: UInt8) {
        if afterKey { afterKey = false } else { separate() }
        out.append(bracket)
        if depth > 0 { outer.append(current) }
        depth += 1
        current = 0
        padding = padding(at: depth)
    }

    private mutating func end(_ bracket: UInt8) {
        guard depth > 0 else { out.append(bracket); return }
        if current > 0 { JSON.newline(&out, indent: indent, level: base + depth - 1) }
        out.append(bracket)
        depth -= 1
        current = depth > 0 ? outer.removeLast() : 0
        padding = padding(at: depth)
    }

    public mutating func beginObject() { begin(0x7B) }
    public mutating func endObject() { end(0x7D) }
    public mutating func beginArray() { begin(0x5B) }
    public mutating func endArray() { end(0x5D) }

    public mutating func key(_ k: String) {
        separate()
        JSON.escape(k, into: &out)
        colon()
    }

    public mutating func key(literal k: StaticString) {
        let spaced = indent != nil
        separated(then: JSONBytes.keyRoom(k)) { JSONBytes.writeKey(k, spaced: spaced, to: $0) }
        afterKey = true
    }

    /// The most bytes `writeKey` writes for `k`.
    @inline(__always)
    private static func keyRoom(_ k: StaticString) -> Int { k.utf8CodeUnitCount + 4 }

    /// `"k": ` (`"k":` when not `spaced`, compact) at `p`; returns how many bytes.
    @inline(__always)
    private static func writeKey(_ k: StaticString, spaced: Bool, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let count = k.utf8CodeUnitCount
        assert(!UnsafeBufferPointer(start: k.utf8Start, count: count).contains(where: JSON.needsEscape), "a literal key that needs an escape")
        p[0] = 0x22
        JSON.copy(k.utf8Start, count, to: p + 1)
        p[count + 1] = 0x22
        p[count + 2] = 0x3A
        guard spaced else { return count + 3 }
        p[count + 3] = 0x20
        return count + 4
    }

    /// A literal key and what `body` writes after it (at most `extra` bytes), separator included, in one write.
    @inline(__always)
    private mutating func literalField(_ k: StaticString, extra: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let spaced = indent != nil
        separated(then: JSONBytes.keyRoom(k) + extra) { p in
            let n = JSONBytes.writeKey(k, spaced: spaced, to: p)
            return n + body(p + n)
        }
    }

    public mutating func field(_ k: StaticString, string v: String?) {
        guard let v else { literalField(k, extra: 4) { JSONBytes.null($0) }; return }
        v.withBytes { field(k, utf8: $0) }
    }

    public mutating func field(_ k: StaticString, utf8 v: UnsafeBufferPointer<UInt8>) {
        literalField(k, extra: JSON.escapedRoom(v.count)) { JSON.escape(v, to: $0) }
    }

    public mutating func field(_ k: StaticString, int v: Int?) {
        guard let v else { literalField(k, extra: 4) { JSONBytes.null($0) }; return }
        literalField(k, extra: JSON.intRoom) { JSON.digits(v, to: $0) }
    }

    public mutating func field(_ k: StaticString, decimal v: Decimal?) {
        guard let v else { literalField(k, extra: 4) { JSONBytes.null($0) }; return }
        literalField(k, extra: Decimal.plainRoom) { v.writePlain(to: $0) }
    }

    /// `null` at `p`.
    private static func null(_ p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = 0x6E; p[1] = 0x75; p[2] = 0x6C; p[3] = 0x6C
        return 4
    }

    /// The colon after a key (and the space of the pretty layout).
    private mutating func colon() {
        out.append(0x3A)
        if indent != nil { out.append(0x20) }
        afterKey = true
    }

    public mutating func value(_ v: JSON) {
        if afterKey { afterKey = false } else { separate() }
        v.write(into: &out, indent: indent, level: base + depth)
    }
}
