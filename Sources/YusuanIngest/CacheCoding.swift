import Foundation

/// Bytes that are not what a `CacheWriter` wrote (truncated, damaged, from another version).
public struct CacheCorrupt: Error {
    public init() {}
}

/// Appends values: unsigned LEB128 varints, zigzag for signed, strings once each. A document repeats its
/// lines (a figure and its statements quote the same one): a string already written is written as its
/// number (n + 1), a new one as 0, its length and its UTF-8. That halves an entry and what reading it allocates.
/// Classes, not structs: the array and optional helpers take the writer's own methods as arguments.
public final class CacheWriter {
    public init() {}

    public private(set) var bytes: [UInt8] = []
    private var written: [String: Int] = [:]

    public func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    public func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)) }
    public func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
    public func string(_ s: String) {
        if let n = written[s] { uint(UInt64(n + 1)); return }
        written[s] = written.count
        bytes.append(0)
        uint(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
    public func optional<T>(_ v: T?, _ put: (T) -> Void) {
        guard let v else { bytes.append(0); return }
        bytes.append(1)
        put(v)
    }
    public func array<T>(_ xs: [T], _ put: (T) -> Void) {
        uint(UInt64(xs.count))
        for x in xs { put(x) }
    }

    /// Sign, exponent and a 64-bit significand when that gives back the same value (every amount a
    /// disclosure states); the decimal text otherwise.
    public func decimal(_ d: Decimal) {
        let s = d.isNaN ? 0 : NSDecimalNumber(decimal: d.significand).uint64Value
        if !d.isNaN, Decimal(sign: d.sign, exponent: d.exponent, significand: Decimal(s)) == d {
            bytes.append(d.sign == .minus ? 2 : 1)
            int(d.exponent)
            uint(s)
        } else {
            bytes.append(0)
            string(d.description)
        }
    }
}

/// Reads what a `CacheWriter` wrote. Nothing is trusted: every length is checked against what is left, strings
/// must be UTF-8, and enums must be known; anything else throws `CacheCorrupt`.
public final class CacheReader {
    let bytes: ArraySlice<UInt8>
    var at: Int
    var strings: [String] = []

    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; at = bytes.startIndex }

    public var atEnd: Bool { at == bytes.endIndex }

    public func byte() throws(CacheCorrupt) -> UInt8 {
        guard at < bytes.endIndex else { throw CacheCorrupt() }
        defer { at += 1 }
        return bytes[at]
    }
    public func uint() throws(CacheCorrupt) -> UInt64 {
        var v: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let b = try byte()
            v |= UInt64(b & 0x7F) << UInt64(shift)
            if b < 0x80 { return v }
        }
        throw CacheCorrupt()
    }
    public func int() throws(CacheCorrupt) -> Int {
        let z = try uint()
        return Int(truncatingIfNeeded: Int64(bitPattern: z >> 1 ^ (0 &- (z & 1))))
    }
    /// A count of things still to read, each at least one byte: never more than the bytes left.
    public func count() throws(CacheCorrupt) -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.endIndex - at) else { throw CacheCorrupt() }
        return Int(n)
    }
    public func bool() throws(CacheCorrupt) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CacheCorrupt()
        }
    }
    public func string() throws(CacheCorrupt) -> String {
        let ref = try uint()
        if ref > 0 {
            guard ref <= UInt64(strings.count) else { throw CacheCorrupt() }
            return strings[Int(ref - 1)]
        }
        let n = try count()
        defer { at += n }
        guard let s = String(validating: bytes[at..<at + n], as: UTF8.self) else { throw CacheCorrupt() }
        strings.append(s)
        return s
    }
    public func enumeration<E: RawRepresentable>(_: E.Type) throws(CacheCorrupt) -> E where E.RawValue == String {
        guard let e = E(rawValue: try string()) else { throw CacheCorrupt() }
        return e
    }
    public func optional<T>(_ get: () throws(CacheCorrupt) -> T) throws(CacheCorrupt) -> T? {
        try bool() ? try get() : nil
    }
    public func array<T>(_ get: () throws(CacheCorrupt) -> T) throws(CacheCorrupt) -> [T] {
        let n = try count()
        var xs: [T] = []
        xs.reserveCapacity(n)
        for _ in 0..<n { xs.append(try get()) }
        return xs
    }
    public func decimal() throws(CacheCorrupt) -> Decimal {
        switch try byte() {
        case 0:
            guard let d = Decimal(string: try string(), locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { throw CacheCorrupt() }
            return d
        case let sign where sign <= 2:
            let exponent = try int()
            let significand = try uint()
            // Decimal holds exponents of -128…127; a larger one is not something the writer made.
            guard (-128...127).contains(exponent) else { throw CacheCorrupt() }
            let d = Decimal(sign: sign == 2 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
            guard !d.isNaN else { throw CacheCorrupt() }
            return d
        default: throw CacheCorrupt()
        }
    }
}
