import Foundation
import YusuanModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why bytes could not be turned into text.
public enum DecodingError: Error, Equatable, Sendable {
    case empty
    case binary(reason: String)
    case undecodable
}

/// Text decoded from bytes, with the encoding it was found in.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    public var encoding: String
    /// Problems that did not stop decoding, e.g. a few corrupt bytes replaced by U+FFFD.
    public var warnings: [String] = []
}

/// Detects the encoding of text bytes and decodes them: UTF-8 (with or without BOM), UTF-16 with a BOM
/// (or without one when the NUL pattern is unmistakable), and GB18030 (a superset of GBK and GB2312) via iconv.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> DecodedText {
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw .undecodable }
            return try checked(DecodedText(text: s, encoding: "UTF-8 (BOM)"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return try checked(DecodedText(text: try utf16(bytes.dropFirst(2), littleEndian: true), encoding: "UTF-16LE"))
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return try checked(DecodedText(text: try utf16(bytes.dropFirst(2), littleEndian: false), encoding: "UTF-16BE"))
        }
        if let endian = bomlessUTF16(bytes) {
            return try checked(DecodedText(text: try utf16(bytes[...], littleEndian: endian), encoding: endian ? "UTF-16LE" : "UTF-16BE"))
        }
        // memchr: a byte-by-byte look over the whole file costs more than the rest of this check.
        if bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }) {
            throw .binary(reason: "contains NUL bytes")
        }
        if let s = String(validating: bytes, as: UTF8.self) {
            return try checked(DecodedText(text: s, encoding: "UTF-8"))
        }
        // Mostly valid UTF-8 with a few corrupt bytes: keep the text, mark the damage, say where.
        // Tried before GB18030 because GBK text is invalid UTF-8 at nearly every Chinese character,
        // while damaged UTF-8 would often "decode" as GB18030 into nonsense.
        if let lossy = lossyUTF8(bytes) {
            return try checked(lossy)
        }
        if let s = iconv(bytes, from: "GB18030") {
            return try checked(DecodedText(text: s, encoding: "GB18030"))
        }
        throw .binary(reason: "not valid UTF-8, UTF-16 or GB18030")
    }

    /// Decodes UTF-8 replacing invalid sequences with U+FFFD when they are rare (at most 1 in 200 bytes).
    static func lossyUTF8(_ bytes: [UInt8]) -> DecodedText? {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var out = String.UnicodeScalarView()
        var errors = 0
        var line = 1
        var firstErrorLine: Int?
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u):
                if u == "\n" { line += 1 }
                out.append(u)
            case .emptyInput: break loop
            case .error:
                errors += 1
                if firstErrorLine == nil { firstErrorLine = line }
                out.append("\u{FFFD}")
            }
        }
        guard errors * 200 <= bytes.count else { return nil }
        let warning = "\(errors) invalid UTF-8 byte sequence\(errors == 1 ? "" : "s") replaced by �, the first on line \(firstErrorLine ?? 1)"
        return DecodedText(text: String(out), encoding: "UTF-8 (damaged)", warnings: [warning])
    }

    /// Refuses decoded "text" that is mostly control characters: a binary file that happened to decode.
    /// Counted on the UTF-8 bytes: C0 controls but TAB, LF, FF and CR; DEL; the C1 controls (C2 80–C2 9F); U+FFFD
    /// (EF BF BD), over the first 65,536 scalars.
    private static func checked(_ d: DecodedText) throws(DecodingError) -> DecodedText {
        let (control, total) = d.text.withBytes { b -> (Int, Int) in
            var control = 0, total = 0
            var i = 0
            while i < b.count && total < controlWindow {
                let c = b[i]
                total += 1
                // Printable ASCII and the characters led by E0–EE and F0–F4 are never counted: most text is these.
                if c >= 0x20 && c < 0x7F { i += 1; continue }
                if c >= 0xE0 && c != 0xEF { i += c < 0xF0 ? 3 : 4; continue }
                if c < 0x20 {
                    if c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { control += 1 }
                } else if c == 0x7F {
                    control += 1
                } else if c == 0xC2, i + 1 < b.count, b[i + 1] >= 0x80 && b[i + 1] <= 0x9F {
                    control += 1
                } else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBF, b[i + 2] == 0xBD {
                    control += 1
                }
                // Valid UTF-8: step over the whole character.
                i += UTF8Text.scalarLength(lead: c)
            }
            return (control, total)
        }
        try judge(control: control, total: total)
        return d
    }

    /// The scalars `checked` looks at.
    private static let controlWindow = 65_536

    private static func judge(control: Int, total: Int) throws(DecodingError) {
        if total == 0 { throw .empty }
        if control * 20 > total { throw .binary(reason: "\(control) of the first \(total) characters are control characters") }
    }

    /// `decode` giving UTF-8 bytes. Plain UTF-8, the common case, is validated and checked for control characters
    /// in one pass and kept as it is: no String of the whole text is made. Other text goes through `decode`.
    static func decodeToUTF8(_ bytes: [UInt8]) throws(DecodingError) -> (utf8: [UInt8], encoding: String, warnings: [String]) {
        if bytes.isEmpty { throw .empty }
        let marked = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !marked, bomlessUTF16(bytes) == nil, let scan = bytes.withUnsafeBufferPointer(scanUTF8) {
            if scan.nul { throw .binary(reason: "contains NUL bytes") }
            try judge(control: scan.control, total: scan.total)
            return (bytes, "UTF-8", [])
        }
        let d = try decode(bytes)
        return (Array(d.text.utf8), d.encoding, d.warnings)
    }

    /// One pass over bytes: nil when they are not valid UTF-8 (RFC 3629: no overlong forms, surrogates or scalars
    /// past U+10FFFF); else whether a NUL is among them, and what `checked` counts: the control characters among
    /// the first `controlWindow` scalars, and those scalars.
    static func scanUTF8(_ b: UnsafeBufferPointer<UInt8>) -> (control: Int, total: Int, nul: Bool)? {
        let n = b.count
        // Every scalar is counted; controls only while fewer than `controlWindow` came before them (they are rare,
        // so the window is looked at only for them).
        var i = 0, control = 0, scalars = 0
        var nul = false
        let base = UnsafeRawPointer(b.baseAddress)
        while i < n {
            // Eight bytes at a time where they are two plain three-byte characters (CJK and most punctuation, the
            // bulk of the text) or eight printable ASCII bytes: no control can be among them. Anything else, and the
            // leads that need a closer look (E0, ED, EF BF), take the exact path below, one scalar.
            if i + 8 <= n, let base {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0, plainLead(w), plainLead(w >> 24) {
                    scalars += 2
                    i += 6
                    continue
                }
                if w & 0x8080_8080_8080_8080 == 0, !UTF8Text.anyByte(below: 0x20, in: w), !UTF8Text.anyByte(0x7F, in: w) {
                    scalars += 8
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c & 0xF0 == 0xE0 {
                // Three bytes: CJK characters and most punctuation, the bulk of the text.
                guard i + 2 < n else { return nil }
                let m = b[i + 1], l = b[i + 2]
                guard m & 0xC0 == 0x80, l & 0xC0 == 0x80 else { return nil }
                if c == 0xE0 || c == 0xED || c == 0xEF {
                    if c == 0xE0 && m < 0xA0 { return nil }  // overlong
                    if c == 0xED && m > 0x9F { return nil }  // surrogate
                    if c == 0xEF && m == 0xBF && l == 0xBD && scalars < controlWindow { control += 1 }
                }
                scalars += 1
                i += 3
            } else if c < 0x80 {
                if c < 0x20 || c == 0x7F {
                    if c == 0 { nul = true }
                    if scalars < controlWindow, c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { control += 1 }
                }
                scalars += 1
                i += 1
            } else if c < 0xE0 {
                guard c >= 0xC2, i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return nil }
                if c == 0xC2 && b[i + 1] <= 0x9F && scalars < controlWindow { control += 1 }
                scalars += 1
                i += 2
            } else {
                guard c <= 0xF4, i + 3 < n, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return nil }
                let m = b[i + 1]
                switch c {
                case 0xF0: guard m >= 0x90 && m <= 0xBF else { return nil }
                case 0xF4: guard m >= 0x80 && m <= 0x8F else { return nil }
                default: guard m & 0xC0 == 0x80 else { return nil }
                }
                scalars += 1
                i += 4
            }
        }
        return (control, min(scalars, controlWindow), nul)
    }

    /// Whether the three-byte character whose lead is the low byte of `w` (a lead E0–EF, its continuation bytes
    /// checked) is valid and no control whatever follows it: not E0 or ED, whose second byte is limited (overlong
    /// forms, surrogates), nor EF BF (U+FFFD is counted as a control).
    @inline(__always)
    private static func plainLead(_ w: UInt64) -> Bool {
        let low = w & 0x0F
        if low == 0x00 || low == 0x0D { return false }
        return low != 0x0F || (w >> 8) & 0xFF != 0xBF
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws(DecodingError) -> String {
        guard bytes.count % 2 == 0 else { throw .undecodable }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        var out = String.UnicodeScalarView()
        var it = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: break loop
            case .error: throw .undecodable
            }
        }
        return String(out)
    }

    /// UTF-16 without a BOM: text that is mostly ASCII or CJK puts NULs in every other byte.
    private static func bomlessUTF16(_ bytes: [UInt8]) -> Bool? {
        let n = min(bytes.count, 4096)
        guard n >= 8, n % 2 == 0 || bytes.count > n else { return nil }
        var evenZero = 0, oddZero = 0
        for i in 0..<n { if bytes[i] == 0 { if i % 2 == 0 { evenZero += 1 } else { oddZero += 1 } } }
        let half = n / 2
        if oddZero * 10 > half * 4 && evenZero * 50 < half { return true }
        if evenZero * 10 > half * 4 && oddZero * 50 < half { return false }
        return nil
    }

    /// Converts to UTF-8 text with the C library's iconv; nil when the bytes are not valid in `from`.
    public static func iconv(_ bytes: [UInt8], from: String) -> String? {
        convert(bytes, from: from, to: "UTF-8").flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Converts bytes between encodings with iconv; nil when the input is not valid in `from`.
    public static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        guard !bytes.isEmpty else { return [] }
        let cd = iconv_open(to, from)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // Between UTF-8, UTF-16 and GB18030 no character grows more than 4×.
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
            output.withUnsafeMutableBufferPointer { outBuf -> Int? in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return nil }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let r = Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let n = written else { return nil }
        return Array(output.prefix(n))
    }
}
