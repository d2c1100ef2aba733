#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes. Foundation's `contains`/`range(of:)` on Linux bridge to NSString and
/// fold character clusters, which made them most of the extraction time; plain byte matching is exact for
/// UTF-8 (it is self-synchronising) and needs no locale.
extension StringProtocol {
    // Inlinable: called across modules on String and Substring, it is then specialised for them instead of
    // going through the protocols' witness tables for every call.
    @inlinable
    public func includes<T: StringProtocol>(_ needle: T) -> Bool { byteRange(of: needle) != nil }

    /// The first occurrence of `needle`, as indices of `self`.
    @inlinable
    public func byteRange<T: StringProtocol>(of needle: T) -> Range<Index>? {
        let hay = self.utf8, pin = needle.utf8
        let m = pin.count
        guard m > 0 else { return startIndex..<startIndex }
        let found: Int? = hay.withContiguousStorageIfAvailable { h in
            pin.withContiguousStorageIfAvailable { p in TextSearch.find(h, p) } ?? TextSearch.find(h, Array(pin))
        } ?? {
            let h = Array(hay)
            return h.withUnsafeBufferPointer { hb in Array(pin).withUnsafeBufferPointer { TextSearch.find(hb, $0) } }
        }()
        guard let k = found else { return nil }
        let lower = hay.index(hay.startIndex, offsetBy: k)
        let upper = hay.index(lower, offsetBy: m)
        return lower..<upper
    }

    /// Every occurrence of `target` replaced by `replacement`.
    public func replacingAll<T: StringProtocol>(_ target: T, with replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.byteRange(of: target), !target.isEmpty {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
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

    public static func find(_ h: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = h.count, m = p.count
        guard m <= n, let first = p.first, let hb = h.baseAddress, let pb = p.baseAddress else { return nil }
        var i = 0
        while i <= n - m {
            // memchr finds the next candidate first byte far faster than a byte loop.
            guard let hit = memchr(hb + i, Int32(first), n - m - i + 1) else { return nil }
            i = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(hb + i, pb, m) == 0 { return i }
            i += 1
        }
        return nil
    }

    @usableFromInline
    static func find(_ h: UnsafeBufferPointer<UInt8>, _ p: [UInt8]) -> Int? {
        p.withUnsafeBufferPointer { find(h, $0) }
    }
}
