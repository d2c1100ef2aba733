import YusuanModel
/// Line-level clean-up that every reader applies before extraction. It never joins or splits lines,
/// so line numbers stay those of the decoded file.
public enum TextNormalization {
    /// Splits on LF, CRLF or a lone CR.
    public static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var lastWasCR = false
        for u in text.unicodeScalars {
            if u == "\r" {
                out.append(String(current)); current = .init(); lastWasCR = true
                continue
            }
            if u == "\n" {
                if !lastWasCR { out.append(String(current)); current = .init() }
                lastWasCR = false
                continue
            }
            lastWasCR = false
            current.append(u)
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// Normalises one line: drops Word noise (`[bookmark: …]`, field codes such as `{ TC … }`), folds
    /// full-width digits, letters and number punctuation to ASCII, and turns exotic spaces into plain ones.
    public static func normalize(_ line: String) -> String {
        // Most lines need nothing: no Word noise and none of the code points below (their UTF-8 lead bytes
        // are C2 for NBSP/soft hyphen, E2 for the spaces, zero-widths and minus, E3 for the ideographic space,
        // EF for full-width forms and the BOM).
        if !line.utf8.contains(where: { $0 == 0x5B || $0 == 0x7B || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) {
            return line
        }
        let scalars = Array(stripNoise(line).unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        func isDigit(_ i: Int) -> Bool {
            guard i >= 0, i < scalars.count else { return false }
            let v = scalars[i].value
            return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
        }
        for (i, u) in scalars.enumerated() {
            let v = u.value
            switch v {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                out.append(Unicode.Scalar(v - 0xFEE0)!)
            case 0xFF05: out.append("%")
            case 0xFF0E where isDigit(i - 1) && isDigit(i + 1): out.append(".")
            case 0xFF0C where isDigit(i - 1) && isDigit(i + 1) && isDigit(i + 3) && !isDigit(i + 4) && isDigit(i + 2):
                // "9，250.53": a full-width comma inside a digit group is a thousands separator.
                out.append(",")
            case 0xFF0D, 0x2212 where isDigit(i + 1): out.append("-")
            case 0xFF0B where isDigit(i + 1): out.append("+")
            case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: out.append(" ")
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// A document's lines made ready for reading: clean-up (`normalize`), reading repairs (`repair`) and
    /// traditional → simplified conversion. `originals` holds the cleaned-up lines when a repair or the
    /// conversion changed any line, so provenance can quote the document as written; `traditional` tells
    /// whether the conversion ran.
    public static func prepare(_ raw: [String]) -> (lines: [String], originals: [String]?, traditional: Bool) {
        let cleaned = raw.map(normalize)
        let repaired = cleaned.map(repair)
        let (lines, converted) = Traditional.simplified(repaired)
        return (lines, lines == cleaned ? nil : cleaned, converted != nil)
    }

    /// Undoes what exporters and mirror sites do to the text, within one line (lines are never joined or split):
    /// - a single space between CJK and a number ("2024 年度", "比 2023 年", "2.55 万元");
    /// - letter-spaced labels ("本 年 收 入 合 计", "合 计"): single characters each standing alone between
    ///   single spaces. Runs of two or more spaces are left alone: in PDF layout text they separate columns;
    /// - pinyin glosses after characters ("公務(wù)用車"), and the doubled glyph some converters leave before
    ///   a glossed character ("部門門(mén)").
    ///
    /// A table cell in the Tika layout (a line that starts with a TAB) keeps its spaces: cells are matched by
    /// their space-free text, and a cell's value ("≥ 20 人") is quoted as written.
    public static func repair(_ line: String) -> String {
        guard mayNeedRepair(line) else { return line }
        let isCell = line.utf8.first == 0x09
        let s = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.count)
        func at(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < s.count ? s[i] : nil }
        // A character with no letter, digit or other character touching it on either side ("合 计", "“三 公”").
        func standsAlone(_ i: Int) -> Bool {
            guard let u = at(i), isHan(u) else { return false }
            return !(at(i - 1).map(isWordScalar) ?? false) && !(at(i + 1).map(isWordScalar) ?? false)
        }
        var i = 0
        while i < s.count {
            let u = s[i]
            if u == " ", !isCell, i > 0, i + 1 < s.count, s[i - 1] != " ", s[i + 1] != " " {
                let l = s[i - 1], r = s[i + 1]
                if (standsAlone(i - 1) && standsAlone(i + 1))
                    || (isHan(l) && isASCIIDigit(r))
                    || (isASCIIDigit(l) && (r == "%" || unitAfterNumber.contains(r.value))) {
                    i += 1
                    continue
                }
            }
            if isHan(u), let end = glossEnd(s, from: i + 1) {
                // "門門(mén)": the converter wrote the character, then the character again with its reading.
                if let last = out.last, last == u { } else { out.append(u) }
                i = end
                continue
            }
            out.append(u)
            i += 1
        }
        return String(out)
    }

    /// Byte-level test: a space next to a multi-byte character or a digit, or a bracket followed by a lower-case
    /// letter or the lead byte of a toned vowel (ā á ǎ à …). Lines without either cost one pass over their bytes.
    static func mayNeedRepair(_ line: String) -> Bool {
        var u = line.utf8.makeIterator()
        var prev: UInt8 = 0
        var prev2: UInt8 = 0
        while let b = u.next() {
            if prev == 0x20 {
                // Space between (a character or a digit) and (a character or a digit).
                let leftOK = prev2 >= 0x80 || (0x30...0x39).contains(prev2)
                let rightOK = b >= 0xE3 || (0x30...0x39).contains(b) || b == 0x25
                if leftOK && rightOK { return true }
            }
            if prev == 0x28 && ((0x61...0x7A).contains(b) || (0xC3...0xC7).contains(b)) { return true }
            // "（" is EF BC 88.
            if prev2 == 0xBC && prev == 0x88 && ((0x61...0x7A).contains(b) || (0xC3...0xC7).contains(b)) { return true }
            prev2 = prev
            prev = b
        }
        return false
    }

    /// CJK unified ideographs (and extension A).
    public static func isHan(_ u: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value) }

    static func isASCIIDigit(_ u: Unicode.Scalar) -> Bool { (0x30...0x39).contains(u.value) }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        isHan(u) || isASCIIDigit(u) || (0x41...0x5A).contains(u.value) || (0x61...0x7A).contains(u.value)
    }

    /// Characters that follow a number as its unit or as a date part: "2024 年", "2.55 万元", "3 个", "5 辆"
    /// (traditional forms too: repairs run before the conversion).
    static let unitAfterNumber: Set<UInt32> = Set("年月日万亿元千百个人名辆台次项家批所户套件间亩天余多倍号类条处位期季届级岁周萬億個輛臺項號類條處屆級歲週".unicodeScalars.map(\.value))

    /// Toned pinyin vowels: a gloss must carry at least one (plain letters in brackets are not a gloss).
    static let tonedVowels: Set<UInt32> = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars.map(\.value))

    /// When `(wù)` or `（wù）` starts at `i`, the index just after it.
    static func glossEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i < s.count, s[i] == "(" || s[i] == "（" else { return nil }
        var j = i + 1
        var toned = false
        while j < s.count, j - i <= 7 {
            let v = s[j].value
            if tonedVowels.contains(v) { toned = true } else if !((0x61...0x7A).contains(v) || v == 0xFC) { break }
            j += 1
        }
        guard toned, j > i + 1, j < s.count, s[j] == ")" || s[j] == "）" else { return nil }
        return j + 1
    }

    /// Removes `[bookmark: …]` markers and Word field codes (`{ TC … }`, `{ PAGE }`, `{ HYPERLINK … }` …).
    /// A field code cut off by the end of the line is removed to the end of the line.
    static func stripNoise(_ line: String) -> String {
        guard line.includes("[bookmark:") || line.utf8.contains(0x7B) else { return line }
        var s = Substring(line)
        var out = ""
        while let open = s.firstIndex(where: { $0 == "[" || $0 == "{" }) {
            out += s[..<open]
            let rest = s[open...]
            if rest.hasPrefix("[bookmark:") {
                if let close = rest.firstIndex(of: "]") { s = rest[rest.index(after: close)...] } else { s = "" }
                continue
            }
            if rest.hasPrefix("{"), isFieldCode(rest.dropFirst()) {
                if let close = rest.firstIndex(of: "}") { s = rest[rest.index(after: close)...] } else { s = "" }
                continue
            }
            out.append(rest.first!)
            s = rest.dropFirst()
        }
        out += s
        return out
    }

    private static let fieldNames = ["TC", "TOC", "PAGE", "PAGEREF", "HYPERLINK", "REF", "SEQ", "NUMPAGES",
                                     "MERGEFORMAT", "FORMTEXT", "XE", "INCLUDEPICTURE", "EMBED", "SYMBOL", "DATE"]

    private static func isFieldCode(_ s: Substring) -> Bool {
        let t = s.drop(while: { $0 == " " })
        let word = t.prefix(while: { $0.isASCII && $0.isLetter })
        return fieldNames.contains(String(word).uppercased()) && (word.count < t.count ? t[t.index(t.startIndex, offsetBy: word.count)] == " " || t[t.index(t.startIndex, offsetBy: word.count)] == "}" : true)
    }
}
