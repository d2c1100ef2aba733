import Foundation

extension Decimal {
    /// Exact plain notation without exponent ("9250.53", "-901.2", "0"), rounded to 8 places:
    /// how JSON, reports and messages print amounts.
    public var plain: String { withPlainBytes { String(decoding: $0, as: UTF8.self) } }

    /// The UTF-8 of `plain`, handed to `body` without making a String (for writers of bytes, such as JSON).
    public func withPlainBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Decimal.plainRoom) { buf in
            let p = buf.baseAddress.unsafelyUnwrapped
            return body(UnsafeBufferPointer(start: p, count: writePlain(to: p)))
        }
    }

    /// The most bytes `writePlain` writes.
    public static let plainRoom = DecimalDigits.maxLength

    /// Writes the UTF-8 of `plain` at `p`, which has room for `plainRoom` bytes, and returns its length: for
    /// writers of bytes that have the room at hand (no closure and no generic result, whose metadata a call
    /// through `withPlainBytes` looks up).
    public func writePlain(to p: UnsafeMutablePointer<UInt8>) -> Int {
        // Rounding to 8 places leaves a value with no more than 8 decimals exactly as it is (same bytes).
        if DecimalDigits.layoutKnown, DecimalDigits.exponent(self) >= -8, let n = DecimalDigits.write(self, to: p) { return n }
        var d = self
        var r = Decimal()
        NSDecimalRound(&r, &d, 8, .plain)
        if DecimalDigits.layoutKnown, let n = DecimalDigits.write(r, to: p) { return n }
        // Another Foundation's layout: its own text, which after rounding to 8 places is within `plainRoom` (at most
        // 39 digits, 127 zeros of exponent, a sign and a point).
        return NSDecimalNumber(decimal: r).stringValue.withBytes { b in
            let n = min(b.count, Decimal.plainRoom)
            if let from = b.baseAddress { p.initialize(from: from, count: n) }
            return n
        }
    }

    /// For statistics and layout only: money stays Decimal everywhere else. The same bits as
    /// NSDecimalNumber's doubleValue, without an object per call.
    public var double: Double { DecimalBits.known ? DecimalBits.double(self) : NSDecimalNumber(decimal: self).doubleValue }

    /// Rounded to `places` decimals (plain rounding, as for money).
    public func rounded(_ places: Int) -> Decimal {
        var v = self, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }
}

/// Plain notation written from the Decimal's own digits. `NSDecimalNumber.stringValue` gives the same text but
/// costs microseconds per number, most of the JSON output's time. The digits are read from the value's memory
/// (exponent, length and sign flags, then eight 16-bit mantissa words): `layoutKnown` checks that reading
/// against `stringValue` on sample values first, and every other Foundation falls back to `stringValue`.
enum DecimalDigits {
    static let layoutKnown: Bool = {
        let samples = ["0", "1", "-1", "9250.53", "-901.2", "1e12", "0.0001", "65536", "-0.00012345",
                       "123456789012345678901234567890.123", "300.00", "4294967296.5"]
        return samples.allSatisfy { s in
            guard let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            return plain(d) == NSDecimalNumber(decimal: d).stringValue && exponent(d) == d.exponent
        }
    }()

    /// The power of ten of the value (read from its memory: use only when `layoutKnown`).
    static func exponent(_ d: Decimal) -> Int {
        withUnsafeBytes(of: d) { Int(Int8(bitPattern: $0[0])) }
    }

    /// The most bytes `write` writes: a sign, "0.", 128 zeros after an exponent of -128, and 39 digits (the most
    /// that 128 bits of mantissa hold).
    static let maxLength = 1 + 2 + 128 + 39

    /// The plain notation of `r` (what `stringValue` gives) for tests: nil where `write` gives none.
    static func plain(_ r: Decimal) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buf in
            let p = buf.baseAddress.unsafelyUnwrapped
            return write(r, to: p).map { String(decoding: UnsafeBufferPointer(start: p, count: $0), as: UTF8.self) }
        }
    }

    /// Writes the plain notation of `r` at `p` (room for `maxLength` bytes) and returns its length; nil for NaN and
    /// for a layout it does not know. Works on the stack: a number costs no allocation.
    static func write(_ r: Decimal, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        if r.isNaN { return nil }
        return withUnsafeBytes(of: r) { raw -> Int? in
            guard raw.count == 20 else { return nil }
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 8 else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { w -> Int in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits -> Int in
                    for k in 0..<length { w[k] = UInt32(raw[4 + 2 * k]) | UInt32(raw[5 + 2 * k]) << 8 }
                    var top = length
                    while top > 0 && w[top - 1] == 0 { top -= 1 }
                    guard top > 0 else { p[0] = 0x30; return 1 }
                    // Digits, least significant first: divide the 16-bit words by 10 until nothing is left.
                    var nd = 0
                    while top > 0 {
                        var rem: UInt32 = 0
                        var k = top - 1
                        while k >= 0 {
                            let cur = rem << 16 | w[k]
                            w[k] = cur / 10
                            rem = cur % 10
                            k -= 1
                        }
                        digits[nd] = UInt8(48 + rem)
                        nd += 1
                        while top > 0 && w[top - 1] == 0 { top -= 1 }
                    }
                    var n = 0
                    func put(_ b: UInt8) { p[n] = b; n += 1 }
                    /// The digits from the `hi`-th (exclusive) down to the `lo`-th, most significant first.
                    func putDigits(_ lo: Int, _ hi: Int) { var i = hi; while i > lo { i -= 1; put(digits[i]) } }
                    if negative { put(0x2D) }
                    if exponent >= 0 {
                        putDigits(0, nd)
                        for _ in 0..<exponent { put(0x30) }
                    } else if nd > -exponent {
                        putDigits(-exponent, nd)
                        put(0x2E)
                        putDigits(0, -exponent)
                    } else {
                        put(0x30)
                        put(0x2E)
                        for _ in 0..<(-exponent - nd) { put(0x30) }
                        putDigits(0, nd)
                    }
                    return n
                }
            }
        }
    }
}
