#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes. Foundation's `contains`/`range(of:)` on Linux bridge to NSString and
/// fold character clusters, which made them most of the extraction time; plain byte matching is exact for
/// UTF-8 (it is self-synchronising) and needs no locale.
extension StringProtocol {
    public func includes<T: StringProtocol>(_ needle: T) -> Bool { byteRange(of: needle) != nil }

    /// The first occurrence of `needle`, as indices of `self`.
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

public enum TextSearch {
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

    static func find(_ h: UnsafeBufferPointer<UInt8>, _ p: [UInt8]) -> Int? {
        p.withUnsafeBufferPointer { find(h, $0) }
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
