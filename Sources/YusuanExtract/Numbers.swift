import Foundation

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

    /// 10¹² 万元: far beyond any budget (a whole country's is below 10⁹ 万元). A larger amount is a misreading or
    /// hostile input, and would overflow what formats it, so it is refused with a warning naming its line.
    public static let maxAmount = Decimal(sign: .plus, exponent: 12, significand: 1)

    /// The warning for an amount beyond `maxAmount`, or nil when it is plausible.
    public static func implausible(_ value: Decimal, raw: String, line: Int) -> String? {
        guard abs(value) > maxAmount else { return nil }
        return "line \(line): \"\(raw)\" is more than 10^12 万元, beyond any budget: ignored"
    }

    /// Parses "1,234.56", "-3", "0.5" exactly. Rejects anything else, and numbers too long to be money.
    public static func decimal<S: StringProtocol>(_ s: S) -> Decimal? {
        var digits = ""
        var seenDot = false, seenDigit = false
        for (i, c) in s.enumerated() {
            if c.isASCII, c.isNumber { digits.append(c); seenDigit = true }
            else if c == "." && !seenDot && seenDigit { digits.append(c); seenDot = true }
            else if c == "," && seenDigit && !seenDot { continue }
            else if (c == "-" || c == "+") && i == 0 { if c == "-" { digits.append(c) } }
            else { return nil }
        }
        guard seenDigit, digits.count <= 24, !digits.hasSuffix(".") else { return nil }
        return Decimal(string: digits, locale: posix)
    }

    /// A number with a unit found in running text.
    public struct Mention: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case amount, percent }
        public var kind: Kind
        /// 万元 for amounts, percentage points for percents.
        public var value: Decimal
        /// Start and end (exclusive) offsets in the scanned characters.
        public var start: Int
        public var end: Int
        public var raw: String
        /// The display step in the value's unit (0.01 for "9250.53万元").
        public var step: Decimal
    }

    /// The display step of a number as written, scaled to 万元: "9250.53" → 0.01; "300" in 元 → 0.0001.
    public static func step<S: StringProtocol>(_ number: S, factor: Decimal) -> Decimal {
        var decimals = 0
        if let dot = number.firstIndex(of: ".") {
            decimals = number[number.index(after: dot)...].prefix(while: { $0.isASCII && $0.isNumber }).count
        }
        // factor × 10^−decimals, exactly and without a division per digit.
        return Decimal(sign: .plus, exponent: -min(decimals, 12), significand: factor)
    }

    /// Finds every amount ("9,250.53万元", "92505300元", "1.2亿元", "500万") and percentage ("12.5%") in `chars`.
    /// A bare number ("2021年", "149个") is not a mention. Digits glued to Latin letters (catalog codes) are skipped.
    public static func mentions(in chars: [Character]) -> [Mention] {
        var out: [Mention] = []
        var i = 0
        let n = chars.count
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < n {
            guard isDigit(chars[i]) else { i += 1; continue }
            if i > 0, chars[i - 1].isASCII, chars[i - 1].isLetter || chars[i - 1] == "." || chars[i - 1] == "_" {
                while i < n, isDigit(chars[i]) || chars[i] == "." { i += 1 }
                continue
            }
            var start = i
            if i > 0, chars[i - 1] == "-" && (i == 1 || !isDigit(chars[i - 2])) { start = i - 1 }
            var j = i
            while j < n {
                let c = chars[j]
                if isDigit(c) { j += 1; continue }
                if c == ",", j + 3 < n, isDigit(chars[j + 1]), isDigit(chars[j + 2]), isDigit(chars[j + 3]),
                   j + 4 >= n || !isDigit(chars[j + 4]) {
                    j += 1; continue
                }
                if c == ".", j + 1 < n, isDigit(chars[j + 1]) { j += 1; continue }
                break
            }
            let numberEnd = j
            var numberText = String(chars[start..<numberEnd])
            // "1, 537.4万元": a thousands group broken by a stray space. The lead digits were skipped as a bare number.
            if start >= 3, chars[start - 1] == " ", chars[start - 2] == ",", isDigit(chars[start - 3]),
               chars[start..<numberEnd].prefix(while: isDigit).count == 3 {
                var lead = start - 3
                while lead > 0, isDigit(chars[lead - 1]) { lead -= 1 }
                if start - 2 - lead <= 3, lead == 0 || !(isDigit(chars[lead - 1]) || chars[lead - 1] == "," || chars[lead - 1] == ".") {
                    numberText = String(chars[lead..<(start - 2)]) + numberText
                    start = lead
                }
            }
            var k = j
            while k < n, chars[k] == " " { k += 1 }
            var unit = ""
            if k < n {
                if chars[k] == "%" { unit = "%" }
                else if k + 1 < n, chars[k] == "万", chars[k + 1] == "元" { unit = "万元" }
                else if k + 1 < n, chars[k] == "亿", chars[k + 1] == "元" { unit = "亿元" }
                else if k + 1 < n, chars[k] == "千", chars[k + 1] == "元" { unit = "千元" }
                else if chars[k] == "元" { unit = "元" }
                else if chars[k] == "万" || chars[k] == "亿" {
                    // "500万" is money; "1.2万人" is not.
                    let next: Character? = k + 1 < n ? chars[k + 1] : nil
                    if next == nil || !(next!.isLetter) || next == "，" { unit = String(chars[k]) }
                }
            }
            guard !unit.isEmpty, let number = decimal(numberText) else {
                i = max(numberEnd, i + 1)
                continue
            }
            let end = k + unit.count
            if unit == "%" {
                let text = numberText
                out.append(Mention(kind: .percent, value: number, start: start, end: end, raw: String(chars[start..<end]),
                                   step: step(text, factor: 1)))
            } else if let f = factor(forUnit: unit) {
                let text = numberText
                out.append(Mention(kind: .amount, value: number * f, start: start, end: end, raw: String(chars[start..<end]),
                                   step: step(text, factor: f)))
            }
            i = end
        }
        return out
    }

    /// The unit a table states for its amounts ("单位：万元", "金额单位：元"), if any, as a factor to 万元.
    public static func statedTableUnit(_ text: String) -> Decimal? {
        guard let r = text.byteRange(of: "单位") else { return nil }
        let after = text[r.upperBound...].drop(while: { $0 == "：" || $0 == ":" || $0 == " " })
        for u in ["亿元", "万元", "千元", "元"] where after.hasPrefix(u) { return factor(forUnit: u) }
        return nil
    }
}

