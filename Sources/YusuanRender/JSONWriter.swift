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
        case .decimal(let d): d.withPlainBytes { out.append($0) }
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
        // The line break and the padding in one copy from a fixed run of them, for the usual depths.
        let n = max(indent * level, 0)
        let padding: StaticString = "\n                                                               "
        if n < padding.utf8CodeUnitCount {
            out.append(UnsafeBufferPointer(start: padding.utf8Start, count: n + 1))
            return
        }
        out.append(0x0A)
        for _ in 0..<n { out.append(0x20) }
    }

    /// The decimal digits of `i`, as `String(i)` writes them.
    static func write(_ i: Int, into out: inout ByteOutput) {
        // 20 bytes: a sign and the 19 digits of Int.min's magnitude.
        out.write(upTo: 20) { p in
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
    }

    /// Quotes `s`: a run of bytes that needs no escape is copied as it is.
    static func escape(_ s: String, into out: inout ByteOutput) {
        s.withBytes { b in
            guard let base = UnsafeRawPointer(b.baseAddress) else { out.append("\"\"" as StaticString); return }
            // Most strings need no escape: find the first byte that does, eight bytes at a time, and copy up to it.
            var i = 0
            while i + 8 <= b.count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            while i < b.count, !needsEscape(b[i]) { i += 1 }
            out.write(upTo: i + 2) { p in
                p[0] = 0x22
                (p + 1).initialize(from: b.baseAddress.unsafelyUnwrapped, count: i)
                if i == b.count { p[i + 1] = 0x22; return i + 2 }
                return i + 1
            }
            guard i < b.count else { return }
            var kept = i
            while i < b.count {
                if i + 8 <= b.count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let c = b[i]
                i += 1
                guard needsEscape(c) else { continue }
                out.append(UnsafeBufferPointer(rebasing: b[kept..<(i - 1)]))
                switch c {
                case 0x22: out.append("\\\"" as StaticString)
                case 0x5C: out.append("\\\\" as StaticString)
                case 0x0A: out.append("\\n" as StaticString)
                case 0x0D: out.append("\\r" as StaticString)
                case 0x09: out.append("\\t" as StaticString)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append("\\u00" as StaticString)
                    out.append(hex.utf8Start[Int(c >> 4)])
                    out.append(hex.utf8Start[Int(c & 0x0F)])
                }
                kept = i
            }
            out.append(UnsafeBufferPointer(rebasing: b[kept..<b.count]))
            out.append(0x22)
        }
    }

    /// A control byte (below 0x20), a quote or a backslash. Most bytes are above the quote and are not the backslash.
    @inline(__always)
    static func needsEscape(_ c: UInt8) -> Bool {
        (c <= 0x22 || c == 0x5C) && (c < 0x20 || c == 0x22 || c == 0x5C)
    }

    /// Whether one of the eight bytes of `w` is a control byte (below 0x20), a quote or a backslash. Exact when
    /// it says no; a yes is looked at byte by byte.
    @inline(__always)
    static func mayNeedEscape(_ w: UInt64) -> Bool {
        UTF8Text.anyByte(below: 0x20, in: w) || UTF8Text.anyByte(0x22, in: w) || UTF8Text.anyByte(0x5C, in: w)
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
}

extension JSONSink {
    /// A field whose name is written in the code (see `key(literal:)`); a computed name goes through `key`.
    public mutating func field(_ k: StaticString, _ v: JSON) {
        key(literal: k)
        value(v)
    }
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
    public private(set) var out = ByteOutput()
    private let indent: Int?
    /// How deep the first value sits in the document being written (for documents written in parts).
    private let base: Int
    /// How many values each open container holds so far.
    private var counts: [Int] = []
    private var afterKey = false

    public init(indent: Int? = 2, level: Int = 0) {
        self.indent = indent
        base = level
    }

    /// Before a value or a key: the comma and line break that separate it from the one before.
    private mutating func separate() { separated(then: 0) { _ in 0 } }

    /// The separator, then what `body` writes (at most `extra` bytes), in one write into `out`: a key costs
    /// one check for room, not one per piece.
    private mutating func separated(then extra: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        var comma = false
        var padding = -1
        if let last = counts.indices.last {
            comma = counts[last] > 0
            counts[last] += 1
            if let indent { padding = max(indent * (base + counts.count), 0) }
        }
        out.write(upTo: 2 + max(padding, 0) + extra) { p in
            var n = 0
            if comma { p[n] = 0x2C; n += 1 }
            if padding >= 0 {
                p[n] = 0x0A
                (p + n + 1).initialize(repeating: 0x20, count: padding)
                n += 1 + padding
            }
            return n + body(p + n)
        }
    }

    private mutating func begin(_ bracket: UInt8) {
        if afterKey { afterKey = false } else { separate() }
        out.append(bracket)
        counts.append(0)
    }

    private mutating func end(_ bracket: UInt8) {
        if let n = counts.popLast(), n > 0 { JSON.newline(&out, indent: indent, level: base + counts.count) }
        out.append(bracket)
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
        let name = UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)
        assert(!name.contains(where: JSON.needsEscape), "a literal key that needs an escape")
        let spaced = indent != nil
        separated(then: name.count + 4) { p in
            p[0] = 0x22
            (p + 1).initialize(from: k.utf8Start, count: name.count)
            p[name.count + 1] = 0x22
            p[name.count + 2] = 0x3A
            if spaced { p[name.count + 3] = 0x20 }
            return name.count + (spaced ? 4 : 3)
        }
        afterKey = true
    }

    /// The colon after a key (and the space of the pretty layout).
    private mutating func colon() {
        out.append(0x3A)
        if indent != nil { out.append(0x20) }
        afterKey = true
    }

    public mutating func value(_ v: JSON) {
        if afterKey { afterKey = false } else { separate() }
        v.write(into: &out, indent: indent, level: base + counts.count)
    }
}
