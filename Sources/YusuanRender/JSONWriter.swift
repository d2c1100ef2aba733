import Foundation
import YusuanModel

/// A JSON value with ordered object keys, written deterministically. Numbers are written from their
/// exact decimal text, so 9250.53 never becomes 9250.530000000001.
public indirect enum JSON: Equatable, Sendable {
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
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    /// The value as it is written nested `level` deep in a pretty document: for documents written in parts.
    public func serialized(indent: Int, level: Int) -> String {
        var out = ""
        write(into: &out, indent: indent, level: level)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        let nl = indent == nil ? "" : "\n"
        let pad = { (l: Int) in String(repeating: " ", count: (indent ?? 0) * l) }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let xs):
            if xs.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, x) in xs.enumerated() {
                out += pad(level + 1)
                x.write(into: &out, indent: indent, level: level + 1)
                out += (i < xs.count - 1 ? "," : "") + nl
            }
            out += pad(level) + "]"
        case .object(let kvs):
            if kvs.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in kvs.enumerated() {
                out += pad(level + 1)
                JSON.escape(k, into: &out)
                out += indent == nil ? ":" : ": "
                v.write(into: &out, indent: indent, level: level + 1)
                out += (i < kvs.count - 1 ? "," : "") + nl
            }
            out += pad(level) + "}"
        }
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

