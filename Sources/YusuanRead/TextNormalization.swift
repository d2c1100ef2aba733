import YusuanModel
/// Line-level clean-up that every reader applies before extraction. It never joins or splits lines,
/// so line numbers stay those of the decoded file.
public enum TextNormalization {
    /// Splits on LF, CRLF or a lone CR.
    public static func lines(_ text: String) -> [String] {
        let ranges = text.withBytes { LineScan($0, markerLines: 0).ranges }
        return ranges.map { text.substring(bytes: $0) }
    }

    /// Normalises one line: drops Word noise (`[bookmark: …]`, field codes such as `{ TC … }`), folds
    /// full-width digits, letters and number punctuation to ASCII, and turns exotic spaces into plain ones.
    public static func normalize(_ line: String) -> String {
        guard LineScan.flags(of: line).contains(.normalize) else { return line }
        return normalizing(line)
    }

    /// `normalize` without the byte-level gate. On the bytes: only a scalar led by C2, E2, E3 or EF can change, so
    /// the runs between them are copied whole; the digits around a scalar are those of the line without its noise.
    static func normalizing(_ line: String) -> String {
        line.withBytes { raw in withoutNoise(raw) { b in
            // ASCII or full-width digit at `p`; `p` may be past the end.
            func isDigit(_ p: Int) -> Bool {
                guard p < b.count else { return false }
                return UTF8Text.isDigit(b[p]) || (p + 2 < b.count && b[p] == 0xEF && b[p + 1] == 0xBC && b[p + 2] >= 0x90 && b[p + 2] <= 0x99)
            }
            func next(_ p: Int) -> Int { p < b.count ? p + UTF8Text.scalarLength(lead: b[p]) : p }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var from = 0, i = 0
            while i < b.count {
                let c = b[i]
                guard c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF else { i += 1; continue }
                let v = UTF8Text.scalar(b, at: i)
                let after = next(i)
                let before = i > 0 && isDigit(UTF8Text.scalarStart(b, before: i))
                let replacement: UInt8?
                switch v {
                case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: replacement = UInt8(v - 0xFEE0)
                case 0xFF05: replacement = 0x25
                case 0xFF0E where before && isDigit(after): replacement = 0x2E
                case 0xFF0C where before && isDigit(after) && isDigit(next(next(after))) && !isDigit(next(next(next(after))))
                    && isDigit(next(after)):
                    // "9，250.53": a full-width comma inside a digit group is a thousands separator.
                    replacement = 0x2C
                case 0xFF0D: replacement = 0x2D
                case 0x2212 where isDigit(after): replacement = 0x2D
                case 0xFF0B where isDigit(after): replacement = 0x2B
                case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: replacement = 0x20
                case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: replacement = nil
                default: i = after; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<i]))
                if let r = replacement { out.append(r) }
                i = after
                from = after
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<b.count]))
            return String(decoding: out, as: UTF8.self)
        } }
    }

    /// A document's lines made ready for reading: clean-up (`normalize`), reading repairs (`repair`) and
    /// traditional → simplified conversion. `originals` holds the cleaned-up lines when a repair or the
    /// conversion changed any line, so provenance can quote the document as written; `traditional` tells
    /// whether the conversion ran. The lines hold no line breaks (as `lines(_:)` gives them): they are read as a
    /// text of those lines is, each ended by LF.
    public static func prepare(_ raw: [String]) -> (lines: [String], originals: [String]?, traditional: Bool) {
        var bytes: [UInt8] = []
        for line in raw {
            line.withBytes { bytes.append(contentsOf: $0) }
            bytes.append(0x0A)
        }
        let p = prepare(bytes: bytes)
        return (Array(p.lines), p.originals.map { Array($0) }, p.traditional)
    }

    /// `prepare` for a text's UTF-8 bytes (valid UTF-8) scanned in one pass (`LineScan`): the lines stay byte
    /// ranges into the bytes, and only those whose flags ask for it are cleaned up or repaired, their new text
    /// appended to the buffer. The flags of the lines as they come out are returned for the block parser.
    /// `unconverted`: why a traditional text could not be converted (see `Traditional.simplified`).
    static func prepare(bytes: [UInt8]) -> (lines: TextLines, originals: TextLines?, traditional: Bool, flags: [LineScan.Flags], unconverted: String?) {
        let scan = bytes.withUnsafeBufferPointer { LineScan($0) }
        var buffer = bytes
        var ranges = scan.ranges
        var flags = scan.flags
        // Where a repair changed a line, the cleaned-up line's range: the lines as written differ only there.
        var beforeRepair: [(index: Int, range: Range<Int>)] = []
        func append(_ s: String) -> Range<Int> {
            let start = buffer.count
            s.withBytes { buffer.append(contentsOf: $0) }
            return start..<buffer.count
        }
        for i in ranges.indices where !flags[i].isDisjoint(with: [.normalize, .repair]) {
            var f = flags[i]
            var c = buffer.withUnsafeBufferPointer { UTF8Text.string($0, ranges[i].lowerBound, ranges[i].upperBound) }
            if f.contains(.normalize) {
                let n = normalizing(c)
                if !n.isSameText(as: c) { ranges[i] = append(n) }
                c = n
                f = LineScan.flags(of: c)
            }
            if f.contains(.repair) {
                let r = repairing(c)
                if !r.isSameText(as: c) {
                    beforeRepair.append((i, ranges[i]))
                    ranges[i] = append(r)
                    f = LineScan.flags(of: r)
                }
            }
            flags[i] = f
        }
        let lines = TextLines(bytes: buffer, ranges: ranges)
        var cleaned: TextLines {
            var r = ranges
            for (i, range) in beforeRepair { r[i] = range }
            return TextLines(bytes: buffer, ranges: r)
        }
        let changed = !beforeRepair.isEmpty
        guard scan.markers >= Traditional.markersNeeded else { return (lines, changed ? cleaned : nil, false, flags, nil) }
        let (converted, simplified, unconverted) = Traditional.simplified(Array(lines))
        if simplified != nil { flags = converted.map(LineScan.flags(of:)) }
        let originals = cleaned
        let out = TextLines(converted)
        return (out, out == originals ? nil : originals, simplified != nil, flags, unconverted)
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
        var out = ScalarBytes(capacity: line.utf8.count)
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
                if out.last != u { out.append(u) }
                i = end
                continue
            }
            out.append(u)
            i += 1
        }
        return out.string
    }

    /// Byte-level test: a space next to a multi-byte character or a digit, or a bracket followed by a lower-case
    /// letter or the lead byte of a toned vowel (ā á ǎ à …). Lines without either cost one pass over their bytes.
    static func mayNeedRepair(_ line: String) -> Bool { LineScan.flags(of: line).contains(.repair) }

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
        line.withBytes { b in withoutNoise(b) { $0.count == b.count ? line : String(decoding: $0, as: UTF8.self) } }
    }

    /// `body` of the bytes of `b` (valid UTF-8) without noise (as `stripNoise`): `b` itself when it holds none, else a
    /// copy of the runs between the noise.
    private static func withoutNoise<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var out: [UInt8] = []
        var stripped = false
        var from = 0, i = 0
        while i < b.count {
            let c = b[i]
            guard c == 0x5B || c == 0x7B else { i += 1; continue }
            // To the "]" or "}", or to the end of the line.
            let end: UInt8
            if c == 0x5B, bookmark.withBytes({ TextSearch.equal(b, i, $0) }) {
                end = 0x5D
            } else if c == 0x7B, isFieldCode(b, from: i + 1) {
                end = 0x7D
            } else {
                i += 1
                continue
            }
            if !stripped { out.reserveCapacity(b.count); stripped = true }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<i]))
            i = (b[i...].firstIndex(of: end)).map { $0 + 1 } ?? b.count
            from = i
        }
        guard stripped else { return body(b) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<b.count]))
        return out.withUnsafeBufferPointer(body)
    }

    private static let bookmark = "[bookmark:"

    private static let fieldNames = ["TC", "TOC", "PAGE", "PAGEREF", "HYPERLINK", "REF", "SEQ", "NUMPAGES",
                                     "MERGEFORMAT", "FORMTEXT", "XE", "INCLUDEPICTURE", "EMBED", "SYMBOL", "DATE"]

    /// A field name (spaces before it allowed) starting at `from`, followed by a space, "}" or the end.
    private static func isFieldCode(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        var i = from
        while i < b.count, b[i] == 0x20 { i += 1 }
        let start = i
        while i < b.count, (b[i] >= 0x41 && b[i] <= 0x5A) || (b[i] >= 0x61 && b[i] <= 0x7A) { i += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self).uppercased()
        return fieldNames.contains(word) && (i == b.count || b[i] == 0x20 || b[i] == 0x7D)
    }
}

/// Scalars written out as UTF-8 bytes: the slow paths of clean-up and repair build their line here rather than
/// scalar by scalar in a `String.UnicodeScalarView`.
struct ScalarBytes {
    private var bytes: [UInt8] = []
    private(set) var last: Unicode.Scalar?

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ u: Unicode.Scalar) {
        let v = u.value
        switch v {
        case ..<0x80:
            bytes.append(UInt8(v))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | (v >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
        last = u
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
