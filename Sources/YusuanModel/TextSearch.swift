#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes. Foundation's `contains`/`range(of:)` on Linux bridge to NSString and
/// fold character clusters, which made them most of the extraction time; plain byte matching is exact for
/// UTF-8 (it is self-synchronising) and needs no locale. `@inlinable` so that callers in other modules get a
/// copy specialised for String/Substring: through the generic entry point every call paid for protocol
/// witness look-ups.
extension StringProtocol {
    @inlinable
    public func includes<T: StringProtocol>(_ needle: T) -> Bool { byteOffset(of: needle) != nil }

    /// The byte offset (into `utf8`) of the first occurrence of `needle`.
    @inlinable
    public func byteOffset<T: StringProtocol>(of needle: T) -> Int? {
        if needle.utf8.isEmpty { return 0 }
        let found: Int?? = utf8.withContiguousStorageIfAvailable { h in
            needle.utf8.withContiguousStorageIfAvailable { p in TextSearch.find(h, p) }
        } ?? nil
        if let found { return found }
        return Array(utf8).withUnsafeBufferPointer { h in Array(needle.utf8).withUnsafeBufferPointer { TextSearch.find(h, $0) } }
    }

    /// The first occurrence of `needle`, as indices of `self`.
    @inlinable
    public func byteRange<T: StringProtocol>(of needle: T) -> Range<Index>? {
        let m = needle.utf8.count
        guard m > 0 else { return startIndex..<startIndex }
        guard let k = byteOffset(of: needle) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: k)
        let upper = utf8.index(lower, offsetBy: m)
        return lower..<upper
    }

    /// Every occurrence of `target` replaced by `replacement`.
    @inlinable
    public func replacingAll<T: StringProtocol>(_ target: T, with replacement: String) -> String {
        guard !target.isEmpty, let first = byteRange(of: target) else { return String(self) }
        var out = String(self[..<first.lowerBound])
        out += replacement
        var rest = self[first.upperBound...]
        while let r = rest.byteRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }

    /// `==` on the bytes, without Unicode normalisation: for comparing with fixed words, as `includes` does.
    @inlinable
    public func isSameText<T: StringProtocol>(as other: T) -> Bool {
        utf8.count == other.utf8.count && startsWithBytes(other)
    }

    /// Whether the text is one of `words`, byte for byte.
    @inlinable
    public func isOne(of words: [String]) -> Bool { words.contains { isSameText(as: $0) } }

    /// `hasPrefix` on bytes: no grapheme breaking or normalisation (the needles are fixed CJK words).
    @inlinable
    public func startsWithBytes<T: StringProtocol>(_ prefix: T) -> Bool {
        let p = prefix.utf8, h = utf8
        guard p.count <= h.count else { return false }
        let fast: Bool?? = h.withContiguousStorageIfAvailable { hb in
            p.withContiguousStorageIfAvailable { pb in TextSearch.equal(hb, 0, pb) }
        }
        if let fast, let f = fast { return f }
        return h.prefix(p.count).elementsEqual(p)
    }

    /// `hasSuffix` on bytes.
    @inlinable
    public func endsWithBytes<T: StringProtocol>(_ suffix: T) -> Bool {
        let p = suffix.utf8, h = utf8
        guard p.count <= h.count else { return false }
        let fast: Bool?? = h.withContiguousStorageIfAvailable { hb in
            p.withContiguousStorageIfAvailable { pb in TextSearch.equal(hb, hb.count - pb.count, pb) }
        }
        if let fast, let f = fast { return f }
        return h.suffix(p.count).elementsEqual(p)
    }
}

extension String {
    /// `filter { !$0.isWhitespace }`, without walking Characters when no byte sequence of a whitespace scalar
    /// is in the text (most lines of a disclosure have none).
    public var removingWhitespace: String {
        let clean = utf8.withContiguousStorageIfAvailable { !TextSearch.mayHoldWhitespace($0) } ?? false
        return clean ? self : filter { !$0.isWhitespace }
    }
}

public enum TextSearch {
    /// Whether UTF-8 text may hold a White_Space scalar: U+0009–000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000. Exact for the three-byte ones, so that common CJK
    /// punctuation (、。《》 E3 80 8x, “” E2 80 9x) does not count.
    public static func mayHoldWhitespace(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            switch c {
            case 0x09...0x0D, 0x20, 0xC2, 0xE1: return true
            case 0xE2 where i + 2 < n:
                let (c1, c2) = (b[i + 1], b[i + 2])
                if c1 == 0x80 && (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) || c1 == 0x81 && c2 == 0x9F { return true }
            case 0xE3 where i + 2 < n:
                if b[i + 1] == 0x80 && b[i + 2] == 0x80 { return true }
            default: break
            }
            i += 1
        }
        return false
    }

    /// The offset of the first `p` in `h`. Invariant on return: offset + p.count <= h.count.
    @inlinable
    public static func find(_ h: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = h.count, m = p.count
        guard m <= n, let first = p.first, let hb = h.baseAddress, let pb = p.baseAddress else { return nil }
        if m == 1 {
            guard let hit = memchr(hb, Int32(first), n) else { return nil }
            return hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        // memchr finds candidates far faster than a byte loop. It looks for the needle's last byte: in Chinese
        // text that is a continuation byte, spread over 64 values, where a first byte (E4–E9 for most
        // characters) would stop it at nearly every character. Occurrences end in order, so the first end found
        // is the first occurrence.
        let last = p[m - 1]
        var i = m - 1
        while i < n {
            guard let hit = memchr(hb + i, Int32(last), n - i) else { return nil }
            let end = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = end - (m - 1)
            if memcmp(hb + start, pb, m - 1) == 0 { return start }
            i = end + 1
        }
        return nil
    }

    @inlinable
    public static func find(_ h: UnsafeBufferPointer<UInt8>, _ p: [UInt8]) -> Int? {
        p.withUnsafeBufferPointer { find(h, $0) }
    }

    /// Whether `h` holds the bytes of `p` at `at` (false when they would run past either end).
    @inlinable
    public static func equal(_ h: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard at >= 0, at + p.count <= h.count else { return false }
        guard let hb = h.baseAddress, let pb = p.baseAddress else { return p.isEmpty }
        return memcmp(hb + at, pb, p.count) == 0
    }

    /// Whether `p` occurs in `h[from..<to]`.
    @inlinable
    public static func contains(_ h: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard from < to, let base = h.baseAddress else { return false }
        return find(UnsafeBufferPointer(start: base + from, count: to - from), p) != nil
    }
}

extension String {
    /// Byte-for-byte equal (String's own == compares Unicode canonical equivalence).
    public func sameBytes(_ other: String) -> Bool {
        var x = self, y = other
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    /// Order by UTF-8 bytes: deterministic, and much cheaper than String's Unicode ordering for Chinese text.
    public func precedesByBytes(_ other: String) -> Bool {
        var x = self, y = other
        return x.withUTF8 { p in
            y.withUTF8 { q in
                let n = min(p.count, q.count)
                let r = n == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, n)
                return r != 0 ? r < 0 : p.count < q.count
            }
        }
    }
}
