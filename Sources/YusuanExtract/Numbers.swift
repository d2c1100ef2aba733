import Foundation
import YusuanModel

/// Parsing of numbers and amounts as Chinese disclosures write them. Exact: Decimal throughout.
public enum Numbers {
    /// How many 万元 one of `unit` is. nil when `unit` is not a money unit.
    public static func factor(forUnit unit: String) -> Decimal? {
        switch unit {
        case "万元", "万": return 1
        case "元": return Decimal(string: "0.0001")
        case "亿元", "亿": return 10000
        case "千元": return Decimal(string: "0.1")
        default: return nil
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
    private static let tenThousandth = Decimal(string: "0.0001") ?? 0
    private static let tenth = Decimal(string: "0.1") ?? 0

    /// 10¹² 万元: far beyond any budget (a whole country's is below 10⁹ 万元). A larger amount is a misreading or
    /// hostile input, and would overflow what formats it, so it is refused with a warning naming its line.
    public static let maxAmount = Decimal(sign: .plus, exponent: 12, significand: 1)

    /// The warning for an amount beyond `maxAmount`, or nil when it is plausible.
    public static func implausible(_ value: Decimal, raw: String, line: Int) -> String? {
        // Decimal comparison costs thousands of instructions; the double is within a part in 10^15 of the value,
        // so only values near the bound (and NaN) are compared exactly.
        let approx = value.double.magnitude
        if approx < 0.5e12 { return nil }
        guard approx > 2e12 || abs(value) > maxAmount else { return nil }
        return "line \(line): \"\(raw)\" is more than 10^12 万元, beyond any budget: ignored"
    }

    /// Parses "1,234.56", "-3", "0.5" exactly. Rejects anything else, and numbers too long to be money.
    public static func decimal<S: StringProtocol>(_ s: S) -> Decimal? {
        let parsed: Decimal?? = s.utf8.withContiguousStorageIfAvailable { decimal(bytes: $0) }
        if let parsed { return parsed }
        return Array(s.utf8).withUnsafeBufferPointer { decimal(bytes: $0) }
    }

    /// `decimal` on UTF-8 bytes: digits, one "." after a digit, "," between digits before the dot, a sign first.
    /// Any other byte (so any non-ASCII character) rejects the text. The text handed to `Decimal` drops the commas
    /// and a plus sign; at most 24 bytes, so it is a small string (no allocation).
    static func decimal(bytes b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var kept = 0
        var seenDot = false, seenDigit = false
        var last: UInt8 = 0
        for i in 0..<b.count {
            let c = b[i]
            if UTF8Text.isDigit(c) { kept += 1; seenDigit = true; last = c }
            else if c == 0x2E && !seenDot && seenDigit { kept += 1; seenDot = true; last = c }
            else if c == 0x2C && seenDigit && !seenDot { continue }
            else if (c == 0x2D || c == 0x2B) && i == 0 { if c == 0x2D { kept += 1; last = c } }
            else { return nil }
        }
        guard seenDigit, kept <= 24, last != 0x2E else { return nil }
        if DecimalParts.agreesWithString, let d = DecimalParts.value(b) { return d }
        let text = String(unsafeUninitializedCapacity: kept) { out in
            var n = 0
            for c in b where c != 0x2C && c != 0x2B && n < out.count {
                out[n] = c
                n += 1
            }
            return n
        }
        return Decimal(string: text, locale: posix)
    }

    /// A number with a unit found in running text.
    public struct Mention: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case amount, percent }
        public var kind: Kind
        /// 万元 for amounts, percentage points for percents.
        public var value: Decimal
        /// Start and end (exclusive) byte offsets in the scanned UTF-8: the text as written is `start..<end`.
        public var start: Int
        public var end: Int
        /// The display step in the value's unit (0.01 for "9250.53万元").
        public var step: Decimal
    }

    /// The display step of a number as written, scaled to 万元: "9250.53" → 0.01; "300" in 元 → 0.0001.
    public static func step<S: StringProtocol>(_ number: S, factor: Decimal) -> Decimal {
        number.utf8.withContiguousStorageIfAvailable { step(bytes: $0, factor: factor) }
            ?? Array(number.utf8).withUnsafeBufferPointer { step(bytes: $0, factor: factor) }
    }

    static func step(bytes b: UnsafeBufferPointer<UInt8>, factor: Decimal) -> Decimal {
        var decimals = 0
        if let dot = b.firstIndex(of: 0x2E) {
            var i = dot + 1
            while i < b.count, UTF8Text.isDigit(b[i]) { decimals += 1; i += 1 }
        }
        // factor × 10^−decimals, exactly and without a division per digit.
        return Decimal(sign: .plus, exponent: -min(decimals, 12), significand: factor)
    }

    /// Every amount ("9,250.53万元", "92505300元", "1.2亿元", "500万") and percentage ("12.5%") in the UTF-8 `b`.
    /// A bare number ("2021年", "149个") is not a mention. Digits glued to Latin letters (catalog codes) are
    /// skipped. Every character that decides is ASCII or a unit (万 E4 B8 87, 元 E5 85 83, 亿 E4 BA BF,
    /// 千 E5 8D 83), so the scan reads bytes, and a mention is a byte range: no String is made for it.
    public static func mentions(in b: UnsafeBufferPointer<UInt8>) -> [Mention] {
        var out: [Mention] = []
        let n = b.count
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < n && UTF8Text.isDigit(b[k]) }
        func at(_ k: Int, _ x: UInt8, _ y: UInt8, _ z: UInt8) -> Bool { k + 2 < n && b[k] == x && b[k + 1] == y && b[k + 2] == z }
        func isWan(_ k: Int) -> Bool { at(k, 0xE4, 0xB8, 0x87) }
        func isYi(_ k: Int) -> Bool { at(k, 0xE4, 0xBA, 0xBF) }
        func isQian(_ k: Int) -> Bool { at(k, 0xE5, 0x8D, 0x83) }
        func isYuan(_ k: Int) -> Bool { at(k, 0xE5, 0x85, 0x83) }
        var i = 0
        while i < n {
            // To the next digit: most bytes are not one.
            i = nextDigit(b, from: i)
            guard i < n else { break }
            if i > 0 {
                let p = b[i - 1]
                if (p >= 0x41 && p <= 0x5A) || (p >= 0x61 && p <= 0x7A) || p == 0x2E || p == 0x5F {
                    while i < n, UTF8Text.isDigit(b[i]) || b[i] == 0x2E { i += 1 }
                    continue
                }
            }
            var start = i
            if i > 0, b[i - 1] == 0x2D && (i == 1 || !isDigit(i - 2)) { start = i - 1 }
            var j = i
            while j < n {
                let c = b[j]
                if UTF8Text.isDigit(c) { j += 1; continue }
                if c == 0x2C, isDigit(j + 1), isDigit(j + 2), isDigit(j + 3), !isDigit(j + 4) { j += 1; continue }
                if c == 0x2E, isDigit(j + 1) { j += 1; continue }
                break
            }
            let numberEnd = j
            // "1, 537.4万元": a thousands group broken by a stray space. The lead digits were skipped as a bare number.
            var lead: Int?
            if start >= 3, b[start - 1] == 0x20, b[start - 2] == 0x2C, isDigit(start - 3),
               isDigit(start), isDigit(start + 1), isDigit(start + 2), !(start + 3 < numberEnd && isDigit(start + 3)) {
                var l = start - 3
                while l > 0, isDigit(l - 1) { l -= 1 }
                if start - 2 - l <= 3, l == 0 || !(isDigit(l - 1) || b[l - 1] == 0x2C || b[l - 1] == 0x2E) { lead = l }
            }
            var k = j
            while k < n, b[k] == 0x20 { k += 1 }
            var unitLength = 0
            var factor: Decimal = 1
            var percent = false
            var inWan = false
            if k < n {
                if b[k] == 0x25 { unitLength = 1; percent = true }
                else if isWan(k), isYuan(k + 3) { unitLength = 6; inWan = true }
                else if isYi(k), isYuan(k + 3) { unitLength = 6; factor = 10000 }
                else if isQian(k), isYuan(k + 3) { unitLength = 6; factor = tenth }
                else if isYuan(k) { unitLength = 3; factor = tenThousandth }
                else if isWan(k) || isYi(k) {
                    // "500万" is money; "1.2万人" is not.
                    let next = k + 3 < n ? Unicode.Scalar(UTF8Text.scalar(b, at: k + 3)) : nil
                    if next == nil || !(next?.properties.isAlphabetic ?? false) {
                        unitLength = 3
                        inWan = !isYi(k)
                        factor = inWan ? 1 : 10000
                    }
                }
            }
            let number: Decimal?
            if let lead {
                // The number is the lead digits and the rest, without the ", " between them.
                var joined = Array(UnsafeBufferPointer(rebasing: b[lead..<(start - 2)]))
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<numberEnd]))
                number = unitLength == 0 ? nil : joined.withUnsafeBufferPointer { decimal(bytes: $0) }
                start = lead
            } else {
                number = unitLength == 0 ? nil : decimal(bytes: UnsafeBufferPointer(rebasing: b[start..<numberEnd]))
            }
            guard unitLength > 0, let number else {
                i = max(numberEnd, i + 1)
                continue
            }
            let end = k + unitLength
            let numberBytes = UnsafeBufferPointer(rebasing: b[start..<numberEnd])
            if percent {
                out.append(Mention(kind: .percent, value: number, start: start, end: end, step: step(bytes: numberBytes, factor: 1)))
            } else {
                // In 万元 the number is the value. × 1 would give the same bytes, except for a zero written with
                // decimals ("0.00"), which the multiplication makes plain 0: zeros still go through it.
                let value = inWan && !number.isZero ? number : number * factor
                out.append(Mention(kind: .amount, value: value, start: start, end: end, step: step(bytes: numberBytes, factor: factor)))
            }
            i = end
        }
        return out
    }

    /// The offset of the first ASCII digit at or after `from`, or `b.count`. Eight bytes none of which is ASCII
    /// (most of a Chinese text) are passed over at once; the word is read only where all eight are in `b`.
    static func nextDigit(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = b.count
        guard let base = b.baseAddress else { return n }
        let raw = UnsafeRawPointer(base)
        var i = max(from, 0)
        while i < n {
            if n - i >= 8, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080 {
                i &+= 8
                continue
            }
            if b[i] &- 0x30 <= 9 { return i }
            i &+= 1
        }
        return n
    }

    static let unitWord = Array("单位".utf8)

    /// `value × factor`, without the multiplication (thousands of instructions) when the factor is 1 (万元, most
    /// tables): a parsed non-zero number times 1 has the same digits and exponent, as `mentions` relies on too.
    /// Zero still goes through it ("0.00" × 1 is plain 0). `factorIsOne`: `factor == 1`, decided once a table.
    static func scaled(_ value: Decimal, by factor: Decimal, factorIsOne: Bool) -> Decimal {
        factorIsOne && !value.isZero ? value : value * factor
    }

    /// The mentions in `text`.
    public static func mentions(in text: String) -> [Mention] {
        text.withBytes { mentions(in: $0) }
    }

    /// The unit a table states for its amounts ("单位：万元", "金额单位：元"), if any, as a factor to 万元.
    public static func statedTableUnit(_ text: String) -> Decimal? {
        // Most texts (every cell of a table's first rows is asked) have no 单位: one search on the bytes says so.
        let unit = unitWord
        guard text.withBytes({ b in unit.withUnsafeBufferPointer { TextSearch.find(b, $0) } }) != nil,
              let r = text.byteRange(of: "单位") else { return nil }
        let after = text[r.upperBound...].drop(while: { $0 == "：" || $0 == ":" || $0 == " " })
        for u in ["亿元", "万元", "千元", "元"] where after.startsWithBytes(u) { return factor(forUnit: u) }
        return nil
    }
}


/// Decimals built from their digits: `Decimal(string:)` costs microseconds, most of the time of reading a table
/// cell. A non-zero number of at most 19 significant digits is a 64-bit mantissa and an exponent, with trailing
/// zeros moved into the exponent as `Decimal(string:)` does ("300.00" is 3 × 10²). Zero keeps the exponent it is
/// written with ("0.00"), so zeros and longer numbers go through `Decimal(string:)`. `agreesWithString` checks
/// on sample numbers that both give the same bytes; where they would not, only `Decimal(string:)` is used.
enum DecimalParts {
    static let agreesWithString: Bool = {
        ["300.00", "-901.20", "9250.53", "0.0001", "1234567890123456789", "-0.5", "65536", "000123.4500", "7"].allSatisfy { s in
            let bytes = Array(s.utf8)
            guard let fast = bytes.withUnsafeBufferPointer(value),
                  let slow = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            return withUnsafeBytes(of: fast) { a in withUnsafeBytes(of: slow) { b in a.elementsEqual(b) } }
        }
    }()

    /// The value of already validated number bytes (digits, at most one ".", a leading "-"; commas and "+" are
    /// skipped), or nil when it is zero or has more than 19 significant digits.
    static func value(_ b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var significant = 0, fraction = 0
        var seenDot = false, negative = false
        for c in b {
            switch c {
            case 0x2D: negative = true
            case 0x2E: seenDot = true
            case 0x30...0x39:
                let d = UInt64(c - 0x30)
                if mantissa == 0 && d == 0 {
                    if seenDot { fraction += 1 }
                    continue
                }
                guard significant < 19 else { return nil }
                mantissa = mantissa * 10 + d
                significant += 1
                if seenDot { fraction += 1 }
            default: continue
            }
        }
        guard mantissa != 0 else { return nil }
        var exponent = -fraction
        while mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa))
    }
}
