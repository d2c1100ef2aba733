import Foundation
import YusuanModel

/// A JSON value with ordered object keys, written deterministically. Numbers are written from their
/// exact decimal text, so 9250.53 never becomes 9250.530000000001. Not `indirect`: arrays and objects hold
/// their values in arrays already, and a string or number in a box of its own cost an allocation each.
public enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func decimal(_ d: Decimal) -> JSON { .number(d.plain) }
    public static func int(_ i: Int) -> JSON { .number(String(i)) }
    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// Compact when `indent` is nil; otherwise pretty with that many spaces per level.
    public func serialized(indent: Int? = 2) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of the serialised value to `out`: bytes, not a String grown piece by piece.
    public func write(into out: inout [UInt8], indent: Int? = 2) {
        write(into: &out, indent: indent, level: 0)
    }

    /// The value as it is written nested `level` deep in a pretty document: for documents written in parts.
    public func serialized(indent: Int, level: Int) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent, level: level)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], indent: Int?, level: Int) {
        switch self {
        case .null: JSON.append("null", to: &out)
        case .bool(let b): JSON.append(b ? "true" : "false", to: &out)
        case .number(let n): JSON.append(n, to: &out)
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let xs):
            if xs.isEmpty { JSON.append("[]", to: &out); return }
            out.append(0x5B)
            for (i, x) in xs.enumerated() {
                JSON.newline(&out, indent: indent, level: level + 1)
                x.write(into: &out, indent: indent, level: level + 1)
                if i < xs.count - 1 { out.append(0x2C) }
            }
            JSON.newline(&out, indent: indent, level: level)
            out.append(0x5D)
        case .object(let kvs):
            if kvs.isEmpty { JSON.append("{}", to: &out); return }
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
    static func newline(_ out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        // The line break and the padding in one copy from a fixed run of them, for the usual depths.
        let n = max(indent * level, 0)
        if n < padding.count {
            out.append(contentsOf: UnsafeBufferPointer(start: padding.base, count: n + 1))
            return
        }
        out.append(0x0A)
        for _ in 0..<n { out.append(0x20) }
    }

    /// A line feed and 63 spaces. Made once, never freed.
    nonisolated(unsafe) private static let padding: (base: UnsafePointer<UInt8>, count: Int) = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        p.initialize(repeating: 0x20, count: 64)
        p[0] = 0x0A
        return (UnsafePointer(p), 64)
    }()

    static func append(_ s: String, to out: inout [UInt8]) {
        s.withBytes { out.append(contentsOf: $0) }
    }

    /// Quotes `s`: a run of bytes that needs no escape is copied as it is.
    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        s.withBytes { b in
            guard let base = UnsafeRawPointer(b.baseAddress) else { return }
            var kept = 0
            var i = 0
            while i < b.count {
                // Eight bytes at a time while none of them needs an escape: nearly all text.
                if i + 8 <= b.count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let c = b[i]
                i += 1
                // Most bytes are above the quote and are not the backslash.
                guard c <= 0x22 || c == 0x5C, c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<(i - 1)]))
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0x0F)]])
                }
                kept = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<b.count]))
        }
        out.append(0x22)
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
    /// A whole value: inside an array an element, inside an object the value of the last key.
    mutating func value(_ v: JSON)
}

extension JSONSink {
    public mutating func field(_ k: String, _ v: JSON) {
        key(k)
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
    public var out: [UInt8] = []
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
    private mutating func separate() {
        guard let last = counts.indices.last else { return }
        if counts[last] > 0 { out.append(0x2C) }
        counts[last] += 1
        JSON.newline(&out, indent: indent, level: base + counts.count)
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
        out.append(0x3A)
        if indent != nil { out.append(0x20) }
        afterKey = true
    }

    public mutating func value(_ v: JSON) {
        if afterKey { afterKey = false } else { separate() }
        v.write(into: &out, indent: indent, level: base + counts.count)
    }
}
