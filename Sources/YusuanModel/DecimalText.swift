import Foundation

extension Decimal {
    /// Exact plain notation without exponent ("9250.53", "-901.2", "0"), rounded to 8 places:
    /// how JSON, reports and messages print amounts.
    public var plain: String {
        // Rounding to 8 places leaves a value with no more than 8 decimals exactly as it is (same bytes).
        if DecimalDigits.layoutKnown, DecimalDigits.exponent(self) >= -8, let s = DecimalDigits.plain(self) { return s }
        var d = self
        var r = Decimal()
        NSDecimalRound(&r, &d, 8, .plain)
        if DecimalDigits.layoutKnown, let s = DecimalDigits.plain(r) { return s }
        return NSDecimalNumber(decimal: r).stringValue
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

    static func plain(_ r: Decimal) -> String? {
        if r.isNaN { return nil }
        return withUnsafeBytes(of: r) { raw -> String? in
            guard raw.count == 20 else { return nil }
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 8 else { return nil }
            var words = [UInt32](repeating: 0, count: length)
            for k in 0..<length { words[k] = UInt32(raw[4 + 2 * k]) | UInt32(raw[5 + 2 * k]) << 8 }
            var top = length
            while top > 0 && words[top - 1] == 0 { top -= 1 }
            guard top > 0 else { return "0" }
            // Digits, least significant first: divide the 16-bit words by 10 until nothing is left.
            var digits: [UInt8] = []
            digits.reserveCapacity(40)
            while top > 0 {
                var rem: UInt32 = 0
                var k = top - 1
                while k >= 0 {
                    let cur = rem << 16 | words[k]
                    words[k] = cur / 10
                    rem = cur % 10
                    k -= 1
                }
                digits.append(UInt8(48 + rem))
                while top > 0 && words[top - 1] == 0 { top -= 1 }
            }
            var out: [UInt8] = []
            out.reserveCapacity(digits.count + 3 + abs(exponent))
            if negative { out.append(0x2D) }
            if exponent >= 0 {
                out.append(contentsOf: digits.reversed())
                out.append(contentsOf: repeatElement(0x30, count: exponent))
            } else if digits.count > -exponent {
                out.append(contentsOf: digits[(-exponent)...].reversed())
                out.append(0x2E)
                out.append(contentsOf: digits[..<(-exponent)].reversed())
            } else {
                out.append(contentsOf: [0x30, 0x2E])
                out.append(contentsOf: repeatElement(0x30, count: -exponent - digits.count))
                out.append(contentsOf: digits.reversed())
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
