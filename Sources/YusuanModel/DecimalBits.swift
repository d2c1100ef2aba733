import Foundation

/// Decimal's stored form read and written directly: Foundation exposes no public mantissa, and going through
/// NSDecimalNumber costs an object per conversion. The layout (exponent byte, length/sign/compact byte, two
/// reserved bytes, eight little-endian 16-bit mantissa words) is checked once against values built through
/// public API; if it ever differs, `known` is false and every caller takes the public, slower path.
enum DecimalBits {
    static let known: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        func check(_ s: String, exponent: Int8, negative: Bool, words: [UInt16]) -> Bool {
            guard let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            let ok = withUnsafeBytes(of: d) { b -> Bool in
                guard Int8(bitPattern: b[0]) == exponent, Int(b[1] >> 4) == words.count, (b[1] & 8 != 0) == negative,
                      b[2] == 0, b[3] == 0 else { return false }
                for i in 0..<8 where (UInt16(b[4 + 2 * i]) | UInt16(b[5 + 2 * i]) << 8) != (i < words.count ? words[i] : 0) { return false }
                return true
            }
            return ok && d.exponent == Int(exponent) && (d.sign == .minus) == negative
        }
        return check("-123.45", exponent: -2, negative: true, words: [12345])
            && check("4294967296.5", exponent: -1, negative: false, words: [5, 0, 10])
            && check("65536", exponent: 0, negative: false, words: [0, 1])
            && check("0", exponent: 0, negative: false, words: [])
    }()

    /// Mantissa (when it fits 64 bits), exponent and the length/sign/compact byte, exactly as stored.
    struct Parts: Equatable {
        var mantissa: UInt64
        var exponent: Int8
        var flags: UInt8
        var negative: Bool { flags & 8 != 0 }
        var length: Int { Int(flags >> 4) }
    }

    static func parts(_ d: Decimal) -> Parts? {
        guard known else { return nil }
        return withUnsafeBytes(of: d) { b -> Parts? in
            guard b[1] >> 4 <= 4, b[2] == 0, b[3] == 0 else { return nil }
            var m: UInt64 = 0
            for i in (0..<4).reversed() { m = m << 16 | (UInt64(b[4 + 2 * i]) | UInt64(b[5 + 2 * i]) << 8) }
            return Parts(mantissa: m, exponent: Int8(bitPattern: b[0]), flags: b[1])
        }
    }

    /// The Decimal with exactly these stored parts (only for parts read by `parts`).
    static func decimal(_ p: Parts) -> Decimal {
        var d = Decimal()
        withUnsafeMutableBytes(of: &d) { b in
            b[0] = UInt8(bitPattern: p.exponent)
            b[1] = p.flags
            b[2] = 0; b[3] = 0
            var m = p.mantissa
            for i in 0..<8 {
                let w = i < 4 ? UInt16(truncatingIfNeeded: m) : 0
                b[4 + 2 * i] = UInt8(truncatingIfNeeded: w); b[5 + 2 * i] = UInt8(truncatingIfNeeded: w >> 8)
                if i < 4 { m >>= 16 }
            }
        }
        return d
    }

    /// What NSDecimalNumber's doubleValue computes: the mantissa words accumulated high to low, then one
    /// division (or multiplication) by 10 per unit of exponent, in that order, so the result is the same bit
    /// for bit (a test holds it to NSDecimalNumber over many values).
    static func double(_ d: Decimal) -> Double {
        withUnsafeBytes(of: d) { b -> Double in
            let length = Int(b[1] >> 4), negative = b[1] & 8 != 0
            if length == 0 { return negative ? .nan : 0 }
            var x = 0.0
            for i in (0..<min(length, 8)).reversed() { x = x * 65536 + Double(UInt16(b[4 + 2 * i]) | UInt16(b[5 + 2 * i]) << 8) }
            let e = Int(Int8(bitPattern: b[0]))
            if e < 0 { for _ in e..<0 { x /= 10 } } else if e > 0 { for _ in 0..<e { x *= 10 } }
            return negative ? -x : x
        }
    }
}

/// Exact amounts as a 64-bit mantissa and a count of decimal places (at most 8, the places `Decimal.plain`
/// prints), for arithmetic over many values without Decimal's cost. A value is "fast" when it has at most 8
/// places, its stored mantissa is exact in a Double and |value × 10⁸| < 2⁵²: then sums and differences of two
/// fast values stay exact, and their Double (`double`) is bit for bit what `Decimal.double` gives for the same
/// Decimal arithmetic. Anything else is left to Decimal.
public struct Fixed8: Sendable, Equatable {
    public var mantissa: Int64
    public var places: UInt8

    public static let maxPlaces = 8
    static let limit: Int64 = 1 << 52
    @usableFromInline static let powers: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { x, _ in x * 10 } }
    /// The largest mantissa with p places that is still fast: mantissa × 10^(8 − p) < 2⁵².
    @usableFromInline static let maxMantissa: [UInt64] = (0...maxPlaces).map { p in UInt64(limit - 1) / UInt64(powers[maxPlaces - p]) }

    public init?(_ d: Decimal) {
        guard let p = DecimalBits.parts(d) else { return nil }
        self.init(p)
    }

    init?(_ p: DecimalBits.Parts) {
        guard p.length > 0 || !p.negative else { return nil } // NaN
        let e = Int(p.exponent)
        guard e >= -Self.maxPlaces, e <= 18 - Self.maxPlaces, p.mantissa < UInt64(Self.limit) else { return nil }
        // |value × 10⁸| < 2⁵²; whole tens (e > 0) go into the mantissa with 0 places.
        let (v, overflow) = Int64(p.mantissa).multipliedReportingOverflow(by: Self.powers[e + Self.maxPlaces])
        guard !overflow, v < Self.limit else { return nil }
        let m = e > 0 ? Int64(p.mantissa) * Self.powers[e] : Int64(p.mantissa)
        mantissa = p.negative ? -m : m
        places = UInt8(max(0, -e))
    }

    /// A value taken apart earlier (`mantissa` and `places` of a Fixed8): not checked again.
    @inlinable
    public init(uncheckedMantissa mantissa: Int64, places: UInt8) {
        self.mantissa = mantissa
        self.places = places
    }

    /// `Decimal.double` of this value: the mantissa is exact in a Double, so dividing it by 10 `places` times
    /// gives the same bits as Foundation does from any stored form of the same value.
    @inlinable
    public var double: Double {
        var x = Double(mantissa.magnitude)
        for _ in 0..<places { x /= 10 }
        return mantissa < 0 ? -x : x
    }

    /// a − b, exact, when the difference stays fast (|a|, |b| fast: no overflow on the way).
    @inlinable
    public static func - (a: Fixed8, b: Fixed8) -> Fixed8? {
        let p = max(a.places, b.places)
        let d = a.mantissa * powers[Int(p - a.places)] - b.mantissa * powers[Int(p - b.places)]
        return d.magnitude <= maxMantissa[Int(p)] ? Fixed8(uncheckedMantissa: d, places: p) : nil
    }

    @inlinable public var isZero: Bool { mantissa == 0 }
}
