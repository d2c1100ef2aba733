import YusuanModel
/// Line-level clean-up that every reader applies before extraction. It never joins or splits lines,
/// so line numbers stay those of the decoded file.
public enum TextNormalization {
    /// Splits on LF, CRLF or a lone CR.
    public static func lines(_ text: String) -> [String] {
        text.withBytes { b in lineRanges(b).map { UTF8Text.string(b, $0.lowerBound, $0.upperBound) } }
    }

    /// The byte ranges of the lines of `b`, split on LF, CRLF or a lone CR. A last line without its end is kept
    /// when it is not empty.
    static func lineRanges(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            // Everything above CR is line content: one compare per byte in the common case.
            if c > 0x0D || (c != 0x0A && c != 0x0D) { i += 1; continue }
            out.append(start..<i)
            i += c == 0x0D && i + 1 < n && b[i + 1] == 0x0A ? 2 : 1
            start = i
        }
        if start < n { out.append(start..<n) }
        return out
    }

    /// Normalises one line: drops Word noise (`[bookmark: …]`, field codes such as `{ TC … }`), folds
    /// full-width digits, letters and number punctuation to ASCII, and turns exotic spaces into plain ones.
    public static func normalize(_ line: String) -> String {
        guard line.withBytes({ needsNormalizing($0, 0, $0.count) }) else { return line }
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
        var cleaned: [String] = []
        var repaired: [String] = []
        cleaned.reserveCapacity(raw.count)
        repaired.reserveCapacity(raw.count)
        var changed = false
        var markers = 0
        for (i, line) in raw.enumerated() {
            let c = normalize(line)
            cleaned.append(c)
            let fix = c.withBytes { b -> Bool in
                // Only the first 400 lines decide whether the text is traditional (`Traditional.simplified`).
                if i < 400 && markers < Traditional.markersNeeded { markers += Traditional.markerCount(b) }
                return mayNeedRepair(b)
            }
            let r = fix ? repairing(c) : c
            if fix, !r.utf8.elementsEqual(c.utf8) { changed = true }
            repaired.append(r)
        }
        // Clean-up and repairs only drop characters, so fewer markers than needed here means no conversion.
        guard markers >= Traditional.markersNeeded else { return (repaired, changed ? cleaned : nil, false) }
        let (lines, converted) = Traditional.simplified(repaired)
        return (lines, lines == cleaned ? nil : cleaned, converted != nil)
    }

    /// The byte-level gate of `normalize`: whether the line holds anything it changes. Most lines hold none of
    /// these, so they cost one pass over their bytes:
    /// - "[b" (a `[bookmark: …]` marker) or "{" (a field code);
    /// - U+00A0, U+00AD (C2 A0, C2 AD); U+2002–U+200D, U+202F, U+205F, U+2212 (E2 80 82–8D, E2 80 AF, E2 81 9F,
    ///   E2 88 92); U+3000 (E3 80 80); U+FEFF (EF BB BF);
    /// - full-width ％ ＋ － ． (EF BC 85, 8B, 8D, 8E), digits (EF BC 90–99) and letters (EF BC A1–BA, EF BD 81–9A);
    /// - a full-width comma right after an ASCII digit (EF BC 8C), which may be a thousands separator.
    static func needsNormalizing(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let c = b[i]
            if c < 0x5B || (c > 0x5B && c < 0x7B) || (c > 0x7B && c < 0xC2) { i += 1; continue }
            switch c {
            case 0x5B:
                if i + 1 < to && b[i + 1] == 0x62 { return true }
            case 0x7B:
                return true
            case 0xC2:
                if i + 1 < to && (b[i + 1] == 0xA0 || b[i + 1] == 0xAD) { return true }
            case 0xE2:
                if i + 2 < to {
                    let m = b[i + 1], l = b[i + 2]
                    if m == 0x80 && ((l >= 0x82 && l <= 0x8D) || l == 0xAF) { return true }
                    if m == 0x81 && l == 0x9F { return true }
                    if m == 0x88 && l == 0x92 { return true }
                }
            case 0xE3:
                if i + 2 < to && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return true }
            case 0xEF:
                if i + 2 < to {
                    let m = b[i + 1], l = b[i + 2]
                    if m == 0xBB && l == 0xBF { return true }
                    if m == 0xBC {
                        if l == 0x85 || l == 0x8B || l == 0x8D || l == 0x8E || (l >= 0x90 && l <= 0x99) || (l >= 0xA1 && l <= 0xBA) { return true }
                        if l == 0x8C && i > from && UTF8Text.isDigit(b[i - 1]) { return true }
                    }
                    if m == 0xBD && l >= 0x81 && l <= 0x9A { return true }
                }
            default:
                break
            }
            i += 1
        }
        return false
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
        mayNeedRepair(line) ? repairing(line) : line
    }

    /// `repair` without the byte-level gate.
    static func repairing(_ line: String) -> String {
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
    static func mayNeedRepair(_ line: String) -> Bool { line.withBytes(mayNeedRepair) }

    static func mayNeedRepair(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var prev: UInt8 = 0
        var prev2: UInt8 = 0
        for c in b {
            if prev == 0x20 {
                // Space between (a character or a digit) and (a character or a digit).
                let leftOK = prev2 >= 0x80 || (0x30...0x39).contains(prev2)
                let rightOK = c >= 0xE3 || (0x30...0x39).contains(c) || c == 0x25
                if leftOK && rightOK { return true }
            }
            if prev == 0x28 && ((0x61...0x7A).contains(c) || (0xC3...0xC7).contains(c)) { return true }
            // "（" is EF BC 88.
            if prev2 == 0xBC && prev == 0x88 && ((0x61...0x7A).contains(c) || (0xC3...0xC7).contains(c)) { return true }
            prev2 = prev
            prev = c
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
