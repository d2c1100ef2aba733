/// Byte-level tests on UTF-8 text for the hot paths of reading and extraction: they look at a line's bytes in
/// place instead of building Characters or Unicode scalars. Every function takes a buffer of valid UTF-8 (a
/// String's own storage) and byte offsets into it; none reads outside `0..<b.count`.
public enum UTF8Text {
    /// The length of the Unicode White_Space scalar starting at `i` (what `Unicode.Scalar.Properties.isWhitespace`
    /// accepts: TAB…CR, space, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000),
    /// or 0 when the scalar there is not one.
    @inlinable
    public static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        switch c {
        case 0xC2:
            guard i + 1 < b.count else { return 0 }
            return b[i + 1] == 0x85 || b[i + 1] == 0xA0 ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard i + 2 < b.count else { return 0 }
            return isSpace3(c, b[i + 1], b[i + 2]) ? 3 : 0
        default:
            return 0
        }
    }

    /// The length of the White_Space scalar that ends just before `end`, or 0.
    @inlinable
    public static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        guard end >= 1 else { return 0 }
        let c = b[end - 1]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        // A lead byte is never a continuation byte, so the scalar's start is unambiguous.
        if end >= 2, b[end - 2] == 0xC2 { return c == 0x85 || c == 0xA0 ? 2 : 0 }
        if end >= 3 { return isSpace3(b[end - 3], b[end - 2], c) ? 3 : 0 }
        return 0
    }

    /// The three-byte White_Space scalars: U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    @inlinable
    public static func isSpace3(_ a: UInt8, _ m: UInt8, _ c: UInt8) -> Bool {
        switch (a, m) {
        case (0xE1, 0x9A): return c == 0x80
        case (0xE2, 0x80): return c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF
        case (0xE2, 0x81): return c == 0x9F
        case (0xE3, 0x80): return c == 0x80
        default: return false
        }
    }

    /// Whether any byte could start a White_Space scalar (ASCII space or control, or the lead bytes above).
    @inlinable
    public static func mayHoldSpace(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let c = b[i]
            if c <= 0x20 || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 { return true }
            i += 1
        }
        return false
    }

    /// `from..<to` without the White_Space scalars at either end.
    @inlinable
    public static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Range<Int> {
        var lo = from, hi = to
        while lo < hi {
            let k = spaceLength(b, at: lo)
            if k == 0 || lo + k > hi { break }
            lo += k
        }
        while hi > lo {
            let k = spaceLength(b, before: hi)
            if k == 0 || hi - k < lo { break }
            hi -= k
        }
        return lo..<hi
    }

    /// Whether `from..<to` is all White_Space (or empty).
    @inlinable
    public static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        trimmed(b, from, to).isEmpty
    }

    /// The number of Unicode scalars in `from..<to`: the bytes that are not continuation bytes.
    @inlinable
    public static func scalarCount(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if b[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    /// The length of the scalar whose lead byte is `lead`.
    @inlinable
    public static func scalarLength(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar value starting at `i` (valid UTF-8 assumed, as in a String's storage).
    @inlinable
    public static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let c = UInt32(b[i])
        if c < 0x80 { return c }
        if c < 0xE0 { return i + 1 < b.count ? (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F) : c }
        if c < 0xF0 {
            return i + 2 < b.count ? (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F) : c
        }
        guard i + 3 < b.count else { return c }
        return (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
    }

    /// The offset of the scalar that ends at `end` (the start of the last scalar before it).
    @inlinable
    public static func scalarStart(_ b: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        var i = end - 1
        while i > 0, b[i] & 0xC0 == 0x80 { i -= 1 }
        return max(i, 0)
    }

    @inlinable
    public static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inlinable
    public static func isASCIILetterOrDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// A String made from `from..<to` of a String's own bytes (always valid UTF-8 at scalar boundaries).
    @inlinable
    public static func string(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        guard from < to, let base = b.baseAddress else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
    }
}

extension UTF8Text {
    /// Whether one of the eight bytes of `w` is below `n` (at most 0x80): the word-at-a-time test
    /// `(w - n·0x01…) & ~w & 0x80…`. Exact when it says no, so a scan can step over eight bytes at once.
    @inlinable
    public static func anyByte(below n: UInt8, in w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (w &- ones &* UInt64(n)) & ~w & (ones &* 0x80) != 0
    }

    /// Whether one of the eight bytes of `w` is `c`: a zero byte after XOR with `c` in every byte.
    @inlinable
    public static func anyByte(_ c: UInt8, in w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return anyByte(below: 1, in: w ^ (ones &* UInt64(c)))
    }
}

extension StringProtocol {
    /// `count` (Characters) without grapheme breaking when it cannot matter: text of scalars that always stand
    /// alone as a Character (ASCII but CR, Latin-1 and Latin Extended, general punctuation, CJK symbols,
    /// kana, CJK ideographs, full-width forms) has as many Characters as scalars. Other text is counted by `count`.
    @inlinable
    public var characterCount: Int { characterCount(atMost: Int.max - 1) }

    /// `characterCount` when it is at most `limit`; otherwise `limit + 1` (long text is not counted to its end).
    @inlinable
    public func characterCount(atMost limit: Int) -> Int {
        let fast: Int?? = utf8.withContiguousStorageIfAvailable { b -> Int? in
            var n = 0
            var i = 0
            while i < b.count {
                if n > limit { return limit + 1 }
                let c = b[i]
                if c < 0x80 {
                    if c == 0x0D { return nil }
                    n += 1
                    i += 1
                    continue
                }
                // Leads E4–E9 start U+4000–U+9FFF (CJK ideographs, most of a disclosure's text), which all stand
                // alone: counted without decoding.
                if c >= 0xE4 && c <= 0xE9 {
                    n += 1
                    i += 3
                    continue
                }
                let v = UTF8Text.scalar(b, at: i)
                guard UTF8Text.standsAlone(v) else { return nil }
                n += 1
                i += UTF8Text.scalarLength(lead: c)
            }
            return n
        }
        if let fast, let n = fast { return Swift.min(n, limit + 1) }
        return Swift.min(count, limit + 1)
    }
}

extension UTF8Text {
    /// Scalars that are a Character of their own wherever they stand: no grapheme rule joins them to a neighbour.
    @inlinable
    public static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0x2FF, 0x2010...0x2027, 0x2030...0x205F, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF,
             0xFE30...0xFE4F, 0xFF01...0xFF9D:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// The text of the bytes `r` (which must start and end on character boundaries, as line breaks do) as a
    /// String of its own: a copy of the bytes, not validated again.
    @inlinable
    public func substring(bytes r: Range<Int>) -> String {
        let u = utf8
        let lo = u.index(u.startIndex, offsetBy: r.lowerBound)
        let hi = u.index(lo, offsetBy: r.count)
        return String(self[lo..<hi])
    }

    /// Runs `body` over the string's UTF-8 bytes in place (a native string's storage; other strings are copied
    /// once into a native one).
    @inlinable
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}

extension Substring {
    /// Runs `body` over the substring's UTF-8 bytes in place.
    @inlinable
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}
