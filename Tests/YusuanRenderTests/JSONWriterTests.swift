import Foundation
import Testing
import YusuanModel
@testable import YusuanRender

/// The byte writers of JSON against plain references: the escape against one made scalar by scalar, and
/// `JSONBytes` (fields written without a `JSON` value) against `JSONTree` serialized, on random input.
@Suite("JSON writer")
struct JSONWriterTests {
    static let palette = ["a", "\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", " ", "中", "预算", "é", "😀",
                          "12345678", "指标值/单位", "/", "\u{2028}"]

    static func randomText(_ rng: inout SplitMix64) -> String {
        (0..<Int(rng.next() % 40)).map { _ in palette[Int(rng.next() % UInt64(palette.count))] }.joined()
    }

    /// JSON's escape, one scalar at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20: out += "\\u00" + String(u.value >> 4, radix: 16) + String(u.value & 0xF, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    @Test func escapeMatchesScalarByScalar() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<3000 {
            let s = JSONWriterTests.randomText(&rng)
            #expect(JSON.string(s).serialized() == JSONWriterTests.reference(s), "\(Array(s.unicodeScalars))")
        }
        #expect(JSON.string("").serialized() == "\"\"")
    }

    /// The word-at-a-time search for the next byte to escape against a byte-by-byte one, from every start, on
    /// random bytes near the edges of what needs an escape (0x1F/0x20, the quote, the backslash, high bytes).
    @Test func nextEscapeMatchesByteByByte() {
        var rng = SplitMix64(seed: 41)
        let alphabet: [UInt8] = [0x00, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x41, 0x7F, 0x80, 0xE4, 0xFF]
        for _ in 0..<4000 {
            let count = Int(rng.next() % 40)
            // Mostly bytes that need no escape, so that long clean runs and words occur.
            let bytes = (0..<count).map { _ in rng.next() % 4 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : 0x61 }
            bytes.withUnsafeBufferPointer { b in
                for from in 0...count {
                    let expected = b[from...].firstIndex(where: JSON.needsEscape) ?? count
                    #expect(JSON.nextEscape(b, from: from) == expected, "\(bytes) from \(from)")
                }
                var out = [UInt8](repeating: 0, count: JSON.escapedRoom(count))
                let n = out.withUnsafeMutableBufferPointer { JSON.escape(b, to: $0.baseAddress!) }
                #expect(Array(out[..<n]) == JSONWriterTests.referenceBytes(bytes), "\(bytes)")
            }
        }
    }

    /// The short-run copy against Array's, at every length up to past its word paths, the bytes around left alone.
    @Test func copyMatchesArrayCopy() {
        var rng = SplitMix64(seed: 43)
        for count in 0...40 {
            for _ in 0..<20 {
                let source = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                var out = [UInt8](repeating: 0xAA, count: count + 16)
                source.withUnsafeBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        JSON.copy(s.baseAddress ?? UnsafePointer(o.baseAddress!), count, to: o.baseAddress! + 8)
                    }
                }
                #expect(Array(out[8..<(8 + count)]) == source, "\(count) bytes")
                #expect(out[..<8].allSatisfy { $0 == 0xAA } && out[(8 + count)...].allSatisfy { $0 == 0xAA }, "\(count) bytes")
            }
        }
    }

    /// JSON's escape, one byte at a time.
    static func referenceBytes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for c in bytes {
            switch c {
            case 0x22, 0x5C: out += [0x5C, c]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", Int(c)).utf8)
            default: out.append(c)
            }
        }
        return out + [0x22]
    }

    /// One field of a random document, written the same way into any sink.
    enum Field {
        case string(String?), int(Int?), decimal(Decimal?), nested([Field]), list([Field])

        static func random(_ rng: inout SplitMix64, depth: Int) -> Field {
            switch rng.next() % (depth < 3 ? 5 : 3) {
            case 0: return .string(rng.next() % 4 == 0 ? nil : JSONWriterTests.randomText(&rng))
            case 1:
                let ints = [0, 7, -7, 1234567, Int.min, Int.max]
                return .int(rng.next() % 4 == 0 ? nil : ints[Int(rng.next() % UInt64(ints.count))])
            case 2:
                let decimals = ["0", "9250.53", "-901.2", "0.0001", "300.00", "123456789012345678901234567890.123"]
                return .decimal(rng.next() % 4 == 0 ? nil : Decimal(string: decimals[Int(rng.next() % UInt64(decimals.count))]))
            case 3: return .nested((0..<Int(rng.next() % 4)).map { _ in random(&rng, depth: depth + 1) })
            default: return .list((0..<Int(rng.next() % 4)).map { _ in random(&rng, depth: depth + 1) })
            }
        }

        func write<S: JSONSink>(as name: StaticString?, into s: inout S) {
            switch self {
            case .string(let v): if let name { s.field(name, string: v) } else { s.value(.optional(v)) }
            case .int(let v): if let name { s.field(name, int: v) } else { s.value(v.map(JSON.int) ?? .null) }
            case .decimal(let v): if let name { s.field(name, decimal: v) } else { s.value(v.map(JSON.decimal) ?? .null) }
            case .nested(let fields):
                if let name { s.key(literal: name) }
                s.beginObject()
                for f in fields { f.write(as: "k", into: &s) }
                s.endObject()
            case .list(let items):
                if let name { s.key(literal: name) }
                s.beginArray()
                for f in items { f.write(as: nil, into: &s) }
                s.endArray()
            }
        }
    }

    @Test func bytesWriteWhatTheTreeSerializes() {
        var rng = SplitMix64(seed: 7)
        for n in 0..<600 {
            let fields = (0..<Int(rng.next() % 6)).map { _ in Field.random(&rng, depth: 0) }
            let indent: Int? = n % 3 == 0 ? nil : 2
            let level = indent == nil ? 0 : n % 2 * 2
            var tree = JSONTree()
            var bytes = JSONBytes(indent: indent, level: level)
            tree.beginObject()
            bytes.beginObject()
            for f in fields {
                f.write(as: "field", into: &tree)
                f.write(as: "field", into: &bytes)
            }
            tree.endObject()
            bytes.endObject()
            let expected = indent.map { tree.root.serialized(indent: $0, level: level) } ?? tree.root.serialized(indent: nil)
            #expect(String(decoding: bytes.out.bytes, as: UTF8.self) == expected)
        }
    }

    /// Pieces appended through growth after growth come out as an array of them would hold them.
    @Test func byteOutputKeepsWhatItGrowsOver() {
        var rng = SplitMix64(seed: 29)
        var out = ByteOutput(capacity: 16)
        var expected: [UInt8] = []
        for _ in 0..<2000 {
            let piece = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if rng.next() % 2 == 0 {
                piece.withUnsafeBufferPointer { out.append($0) }
            } else {
                // Room asked for beyond what is written, as the JSON writers ask for the most they may write.
                out.write(upTo: piece.count * 3) { p in
                    for (i, c) in piece.enumerated() { p[i] = c }
                    return piece.count
                }
            }
            expected += piece
            // Now and then cut back, as the .docx reader takes back text it has read (to a point past the end too).
            if rng.next() % 5 == 0 {
                let keep = Int(rng.next() % UInt64(expected.count + 10))
                out.removeAll(after: keep)
                expected = Array(expected.prefix(keep))
            }
            #expect(out.withBytes { Array($0) } == expected)
        }
        #expect(out.count == expected.count)
        #expect(out.bytes == expected)
        #expect(out.take() == expected)
    }
}
