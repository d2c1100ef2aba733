import Foundation
import Testing
import YusuanModel
@testable import YusuanRead

/// The byte-level fast paths against plain Unicode-scalar versions of the same rules, on random text made of
/// the characters that matter (CJK, digits, ASCII and full-width punctuation, every kind of space, brackets,
/// pinyin, line breaks) and on hand-picked cases.
@Suite("Byte-level reading")
struct ByteLevelTests {
    /// Deterministic text: the same cases on every run.
    struct Text {
        var rng = SplitMix64(seed: 20_240_601)
        static let palette: [String] = [
            "预", "算", "支", "出", "合", "计", "表", "单", "位", "万", "元", "年", "一", "二", "、", "。", "，", "；", "（", "）",
            "0", "1", "2", "9", ".", ",", "%", "-", "+", "a", "b", "x", "A", "(", ")", "[", "]", "{", "}", "|", ":",
            " ", " ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{200B}", "\u{FEFF}", "\u{1680}", "\u{2028}", "\u{0085}",
            "１", "２", "．", "，", "％", "－", "＋", "Ａ", "ｂ", "\u{2212}", "ū", "à", "(wù)", "（jué）", "門", "費",
            "[bookmark: _x]", "{ TC 1 }", "{ PAGE }", "单位：万元", "\u{00AD}",
        ]

        mutating func line(maxLength: Int = 12) -> String {
            (0..<Int(rng.next() % UInt64(maxLength + 1))).map { _ in Text.palette[Int(rng.next() % UInt64(Text.palette.count))] }.joined()
        }
    }

    static func referenceTrim(_ s: String) -> String {
        let u = s.unicodeScalars
        guard let a = u.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let b = u.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(u[a...b]))
    }

    @Test func trimmingMatchesTheScalarRule() {
        var t = Text()
        for _ in 0..<5000 {
            let s = t.line()
            #expect(s.trimmingSpaces() == Self.referenceTrim(s), "\(Array(s.unicodeScalars))")
            #expect(s[...].trimmingSpaces() == Self.referenceTrim(s))
        }
    }

    @Test func cellCompactionMatchesTheScalarRule() {
        var t = Text()
        for _ in 0..<5000 {
            let s = t.line()
            let text = Self.referenceTrim(s)
            // Filtered only when a space-like byte is there (U+1680 alone never was); then every White_Space goes.
            let filtered = text.utf8.contains(where: { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 })
                ? String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace })) : text
            #expect(TableCell(lines: [s], line: 1).compact == filtered)
        }
    }

    @Test func linesSplitLikeTheScalarRule() {
        var t = Text()
        for _ in 0..<2000 {
            let parts = (0..<5).map { _ in t.line(maxLength: 6) }
            let breaks = ["\n", "\r", "\r\n", "\n\n", ""]
            let text = parts.enumerated().map { $1 + breaks[($0 + Int(t.rng.next() % 5)) % 5] }.joined()
            var reference: [String] = []
            var current = String.UnicodeScalarView()
            var lastWasCR = false
            for u in text.unicodeScalars {
                if u == "\r" { reference.append(String(current)); current = .init(); lastWasCR = true; continue }
                if u == "\n" {
                    if !lastWasCR { reference.append(String(current)); current = .init() }
                    lastWasCR = false
                    continue
                }
                lastWasCR = false
                current.append(u)
            }
            if !current.isEmpty { reference.append(String(current)) }
            #expect(TextNormalization.lines(text) == reference)
        }
    }

    /// The gates only skip work: a line they let through unchanged is one the slow paths leave alone.
    @Test func gatesSkipOnlyLinesTheSlowPathsKeep() {
        var t = Text()
        for _ in 0..<5000 {
            let s = t.line()
            let flags = LineScan.flags(of: s)
            if !flags.contains(.normalize) { #expect(TextNormalization.normalizing(s) == s, "\(Array(s.unicodeScalars))") }
            if !flags.contains(.repair) { #expect(TextNormalization.repairing(s) == s, "\(Array(s.unicodeScalars))") }
            #expect(flags.contains(.blank) == Self.referenceTrim(s).isEmpty)
            #expect(flags.contains(.pipe) == s.contains("|"))
            #expect(flags.contains(.tab) == s.hasPrefix("\t"))
        }
    }

    @Test func documentScanFlagsEachLineAsAlone() {
        var t = Text()
        for _ in 0..<500 {
            let text = (0..<6).map { _ in t.line() }.joined(separator: "\n")
            let scan = text.withBytes { LineScan($0) }
            let lines = TextNormalization.lines(text)
            #expect(scan.ranges.count == lines.count)
            for (k, line) in lines.enumerated() where k < scan.flags.count {
                #expect(scan.flags[k] == LineScan.flags(of: line), "\(Array(line.unicodeScalars))")
            }
        }
    }

    /// Page furniture decided on the bytes is what the String rules decide: the squeezed text, its page number, its
    /// prefixes, suffixes and count in Characters.
    @Test func furnitureOnBytesLikeOnStrings() {
        func reference(_ text: String) -> Bool {
            var s = ""
            for c in text where !c.isWhitespace { s.append(c) }
            guard s.count <= 40 else { return false }
            if PageFurniture.isPageNumber(s) { return true }
            if s.hasPrefix("单位：") || s.hasPrefix("单位:") || s.hasPrefix("金额单位") { return s.count <= 12 }
            return s.hasSuffix("（续）") || s.hasSuffix("(续)") || s.hasPrefix("续表") || s.hasSuffix("续表")
        }
        var rng = SplitMix64(seed: 31_337)
        let pieces = ["单位：", "单位:", "金额单位", "万元", "（续）", "(续)", "续表", "续", "表", "第", "页", "共", "/", "-", "—", "1", "23",
                      "4567", " ", "\u{3000}", "\u{00A0}", "\t", "\r\n", "预算支出", "e\u{301}", "\u{1680}", "\u{2003}", "é", "a"]
        for round in 0..<6000 {
            let n = round % 10 == 0 ? Int(rng.next() % 60) : Int(rng.next() % 8)
            let text = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(ContinuedTables.isFurniture(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
        #expect(ContinuedTables.isFurniture(" - 3 - ") && ContinuedTables.isFurniture("第 3 页 共 9 页"))
        #expect(ContinuedTables.isFurniture("单位： 万元") && ContinuedTables.isFurniture("支出预算表（续）"))
        #expect(!ContinuedTables.isFurniture("2024") && !ContinuedTables.isFurniture("单位：万元，以下各表同此口径不再另行说明"))
    }

    /// Lines given as Strings are prepared as the text of those lines is: line for line, empty ones (a last one
    /// too) kept, each cleaned up and repaired on its own; the cleaned-up lines kept when a repair changed one.
    @Test func preparedStringLinesAreEachLineCleanedAndRepaired() {
        var t = Text()
        for _ in 0..<1500 {
            let raw = (0..<Int(t.rng.next() % 6)).map { _ in t.rng.next() % 4 == 0 ? "" : t.line() }
            let p = TextNormalization.prepare(raw)
            #expect(p.lines.count == raw.count)
            guard !p.traditional else { continue }
            let cleaned = raw.map(TextNormalization.normalize)
            #expect(p.lines == cleaned.map(TextNormalization.repair), "\(raw.map { Array($0.unicodeScalars) })")
            #expect(p.originals == (p.lines == cleaned ? nil : cleaned))
        }
    }

    @Test func headingsOnBytes() {
        #expect(TikaTextReader.looksLikeHeading("七、国有资产信息"))
        #expect(TikaTextReader.looksLikeHeading("  十二、其他 "))
        #expect(TikaTextReader.looksLikeHeading("第二部分 情况说明"))
        #expect(TikaTextReader.looksLikeHeading("第一部分"))
        #expect(!TikaTextReader.looksLikeHeading("第一批次重点项目支出的部分"))
        #expect(!TikaTextReader.looksLikeHeading("七"))
        #expect(!TikaTextReader.looksLikeHeading("（三）专项"))
        #expect(!TikaTextReader.looksLikeHeading(""))
    }

    @Test func characterCountsWithoutGraphemeBreaking() {
        var t = Text()
        for _ in 0..<3000 {
            let s = t.line() + (t.rng.next() % 7 == 0 ? "e\u{301}\r\n" : "") + (t.rng.next() % 5 == 0 ? "预\u{301}算" : "")
            #expect(s.characterCount == s.count)
        }
    }

    @Test func traditionalMarkersOnBytes() {
        #expect(Traditional.looksTraditional("部門預算經費"))
        #expect(!Traditional.looksTraditional("部门预算经费"))
        #expect(Traditional.markerScalars.allSatisfy { $0 >= 0x4E00 && $0 < 0xA000 })
    }

    /// The document scan counts markers as `Traditional.markerCount` does, over its lines.
    @Test func scanCountsTraditionalMarkersLikeMarkerCount() {
        var t = Text()
        let marked = Text.palette + Traditional.markers.map(String.init) + ["预", "东", "鸡", "㐀", "\u{9FFF}", "\u{A000}"]
        for _ in 0..<2000 {
            let text = (0..<4).map { _ in
                (0..<Int(t.rng.next() % 8)).map { _ in marked[Int(t.rng.next() % UInt64(marked.count))] }.joined()
            }.joined(separator: "\n")
            let scan = text.withBytes { LineScan($0) }
            #expect(min(scan.markers, Traditional.markersNeeded) == text.withBytes { Traditional.markerCount($0) })
        }
    }

    /// A one-line cell made from the line's bytes is the cell made from its String.
    @Test func cellFromBytesIsCellFromString() {
        var t = Text()
        for _ in 0..<5000 {
            let s = t.line()
            let fromBytes = s.withBytes { TableCell($0, first: 0..<$0.count, line: 3) }
            let fromString = TableCell(lines: [s], line: 3)
            #expect(fromBytes == fromString, "\(Array(s.unicodeScalars))")
            #expect(fromBytes.lines == [s] && fromBytes.text == fromString.text && fromBytes.compact == fromString.compact)
        }
    }

    /// Cells whose Strings are shared between equal lines are the cells made from each line alone: on documents of
    /// random lines that often repeat (and sometimes differ by one byte or a trailing space), enough of them to grow
    /// the table several times.
    @Test func sharedCellStringsAreTheCellsOfEachLine() {
        var t = Text()
        for round in 0..<40 {
            let distinct = (0..<(20 + round * 20)).map { _ in t.line(maxLength: 14) }
            var bytes: [UInt8] = [], ranges: [Range<Int>] = []
            for _ in 0..<(distinct.count * 3) {
                var l = distinct[Int(t.rng.next() % UInt64(distinct.count))]
                if t.rng.next() % 5 == 0 { l += t.rng.next() % 2 == 0 ? " " : "x" }
                bytes.append(0x09)
                let start = bytes.count
                bytes += Array(l.utf8)
                ranges.append(start..<bytes.count)
            }
            var strings = CellStrings(lines: round % 2 == 0 ? 0 : ranges.count)
            bytes.withUnsafeBufferPointer { b in
                for (k, r) in ranges.enumerated() {
                    let shared = strings.cell(b, r, line: k + 1)
                    let alone = TableCell(b, first: r, line: k + 1)
                    #expect(shared == alone, "\(Array(String(decoding: b[r], as: UTF8.self).unicodeScalars))")
                    #expect(shared.lines == alone.lines && shared.text == alone.text && shared.compact == alone.compact)
                }
            }
        }
    }

    /// Word noise stripped on the bytes, runs copied whole, is what the rule on Characters keeps: "[bookmark:" to
    /// the "]", "{" and a field name (spaces before it, a space, "}" or the end after it) to the "}", either to the
    /// end of the line when it is not closed.
    @Test func noiseStrippedLikeTheRuleOnCharacters() {
        let names: Set<String> = ["TC", "TOC", "PAGE", "PAGEREF", "HYPERLINK", "REF", "SEQ", "NUMPAGES", "MERGEFORMAT", "FORMTEXT",
                                  "XE", "INCLUDEPICTURE", "EMBED", "SYMBOL", "DATE"]
        func reference(_ line: String) -> String {
            let c = Array(line)
            var out = ""
            var i = 0
            func skip(to close: Character) { i = c[i...].firstIndex(of: close).map { $0 + 1 } ?? c.count }
            while i < c.count {
                if c[i] == "[", String(c[i...].prefix(10)) == "[bookmark:" { skip(to: "]"); continue }
                if c[i] == "{" {
                    var j = i + 1
                    while j < c.count, c[j] == " " { j += 1 }
                    var word = ""
                    while j < c.count, c[j].isASCII, c[j].isLetter { word.append(c[j]); j += 1 }
                    if names.contains(word.uppercased()), j == c.count || c[j] == " " || c[j] == "}" { skip(to: "}"); continue }
                }
                out.append(c[i])
                i += 1
            }
            return out
        }
        var rng = SplitMix64(seed: 8_086)
        let pieces = ["[bookmark: _x]", "[bookmark:", "[book", "[", "]", "{", "}", "{ PAGE }", "{TOC \\o}", "{ page", "{ PAGES }", "{ XE",
                      "{ TC 1 }", " ", "预算", "a", "1", "（续）", "\u{3000}"]
        for _ in 0..<5000 {
            let line = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(TextNormalization.stripNoise(line) == reference(line), "\(line)")
        }
    }

    /// Clean-up by the rule, scalar by scalar: full-width digits and letters folded, number punctuation between
    /// digits made ASCII, exotic spaces made plain, invisible ones dropped (after Word noise is stripped).
    static func referenceNormalizing(_ line: String) -> String {
        let s = Array(TextNormalization.stripNoise(line).unicodeScalars)
        func isDigit(_ i: Int) -> Bool {
            guard i >= 0, i < s.count else { return false }
            return (0x30...0x39).contains(s[i].value) || (0xFF10...0xFF19).contains(s[i].value)
        }
        var out = String.UnicodeScalarView()
        for (i, u) in s.enumerated() {
            switch u.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            case 0xFF05: out.append("%")
            case 0xFF0E where isDigit(i - 1) && isDigit(i + 1): out.append(".")
            case 0xFF0C where isDigit(i - 1) && isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3) && !isDigit(i + 4): out.append(",")
            case 0xFF0D: out.append("-")
            case 0x2212 where isDigit(i + 1): out.append("-")
            case 0xFF0B where isDigit(i + 1): out.append("+")
            case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: out.append(" ")
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    @Test func normalizingMatchesTheScalarRule() {
        var t = Text()
        let more = ["３", "４", "５", "，", "，", "．", "\u{200C}", "\u{200D}", "\u{202F}", "\u{205F}", "\u{2002}", "\u{200A}", "ｚ", "Ｚ",
                    "\u{FF3B}", "\u{FF5B}", "７", "8", "\u{1F600}", "é"]
        for _ in 0..<6000 {
            let s = (0..<Int(t.rng.next() % 14)).map { _ in
                t.rng.next() % 2 == 0 ? more[Int(t.rng.next() % UInt64(more.count))] : Text.palette[Int(t.rng.next() % UInt64(Text.palette.count))]
            }.joined()
            #expect(TextNormalization.normalizing(s) == Self.referenceNormalizing(s), "\(Array(s.unicodeScalars))")
        }
    }

    /// Wrapped lines joined by the rule, on Characters: a line break before a list item, a space between ASCII words.
    static func referenceJoin(_ lines: [String]) -> String {
        func isWord(_ c: Character?) -> Bool { c.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false }
        var out = ""
        for l in lines.map(referenceTrim) where !l.isEmpty {
            if !out.isEmpty {
                if TableCell.startsListItem(l) { out += "\n" } else if isWord(out.last), isWord(l.first) { out += " " }
            }
            out += l
        }
        return out
    }

    /// A cell of several lines, made from their Strings and from the bytes of a document holding them, joins them
    /// by the rule, and compacts the joined text as a one-line cell does.
    @Test func multiLineCellJoinsLikeTheCharacterRule() {
        var t = Text()
        let starts = ["", "", "1.", "2、", "（二）", "(3)", "12.", "三、", "a", "Z9", "e\u{301}x", "\u{0600}1", " b", "\u{3000}"]
        for _ in 0..<3000 {
            let lines = (0..<(2 + Int(t.rng.next() % 3))).map { _ in
                starts[Int(t.rng.next() % UInt64(starts.count))] + t.line(maxLength: 6)
                    + (t.rng.next() % 3 == 0 ? "x" : t.rng.next() % 2 == 0 ? "\u{0600}7" : "")
            }
            let cell = TableCell(lines: lines, line: 5)
            let text = Self.referenceJoin(lines)
            #expect(cell.text == text, "\(lines.map { Array($0.unicodeScalars) })")
            #expect(cell.compact == TableCell(lines: [text], line: 5).compact)
            #expect(cell.lines == lines)
            // The same lines in one buffer after a TAB each, as the text reader sees them.
            var bytes: [UInt8] = [], ranges: [Range<Int>] = []
            for l in lines {
                bytes.append(0x09)
                let start = bytes.count
                bytes += Array(l.utf8)
                ranges.append(start..<bytes.count)
            }
            let fromBytes = bytes.withUnsafeBufferPointer { TableCell($0, first: ranges[0], more: Array(ranges.dropFirst()), line: 5) }
            #expect(fromBytes == cell)
        }
    }

    /// The word-at-a-time search for a byte that may start a space finds what a byte loop finds, from any offset.
    @Test func spaceCandidateIsTheFirstSpaceLikeByte() {
        var rng = SplitMix64(seed: 4_242)
        let bytes: [UInt8] = [0x41, 0x39, 0x7E, 0x21, 0x20, 0x09, 0x0A, 0x00, 0x1F, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE9,
                              0x80, 0x85, 0xA0, 0xBF, 0xEF, 0xFF, 0x03, 0x23]
        for _ in 0..<20000 {
            // Mostly bytes that are no candidate, so that whole words are stepped over.
            let n = Int(rng.next() % 40)
            let b = (0..<n).map { _ in rng.next() % 6 == 0 ? bytes[Int(rng.next() % UInt64(bytes.count))] : [0x41, 0xE4, 0xB8, 0xBF, 0xE9, 0x30][Int(rng.next() % 6)] }
            let from = n == 0 ? 0 : Int(rng.next() % UInt64(n + 1)), to = from + Int(rng.next() % UInt64(n - from + 1))
            let expected = (from..<to).first { [0xC2, 0xE1, 0xE2, 0xE3].contains(b[$0]) || b[$0] <= 0x20 } ?? to
            #expect(b.withUnsafeBufferPointer { UTF8Text.spaceCandidate($0, from, to) } == expected, "\(b) \(from) \(to)")
        }
    }

    /// The one-pass UTF-8 check of plain text against the standard library's validation and `decode`: random bytes
    /// around the edges of the encoding (overlong forms, surrogates, past U+10FFFF, cut sequences, controls, NUL).
    @Test func plainUTF8DecodedInOnePassLikeDecode() {
        var rng = SplitMix64(seed: 7_531)
        let pieces: [[UInt8]] = [
            Array("预算支出合计 12.5".utf8), [0x41], [0x0A], [0x09], [0x00], [0x01], [0x7F], [0x0C],
            [0xC2, 0x85], [0xC2, 0xA0], [0xC1, 0xBF], [0xC2], [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD], [0xEF, 0xBB, 0xBF], [0xE4, 0xB8],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xFF], [0xFE],
        ]
        func same(_ a: Result<([UInt8], String, [String]), DecodingError>, _ b: Result<DecodedText, DecodingError>) -> Bool {
            switch (a, b) {
            case (.success(let x), .success(let y)): return x.0 == Array(y.text.utf8) && x.1 == y.encoding && x.2 == y.warnings
            case (.failure(let x), .failure(let y)): return x == y
            default: return false
            }
        }
        for round in 0..<4000 {
            // Mostly text with a rare odd piece, so that both the valid and the damaged paths are taken.
            let count = Int(rng.next() % 12)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                let odd = round % 3 == 0 || rng.next() % 6 == 0
                bytes += pieces[odd ? Int(rng.next() % UInt64(pieces.count)) : 0]
            }
            let scan = bytes.withUnsafeBufferPointer(TextDecoding.scanUTF8)
            #expect((scan != nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            let fast = Result { () throws(DecodingError) in try TextDecoding.decodeToUTF8(bytes) }.map { ($0.utf8, $0.encoding, $0.warnings) }
            let slow = Result { () throws(DecodingError) in try TextDecoding.decode(bytes) }
            #expect(same(fast, slow), "\(bytes)")
        }
    }

    /// The same on text that is mostly CJK characters and full-width punctuation, eight bytes at a time, with the
    /// odd piece that the word test must leave to the exact path: E0, ED and EF BF leads, controls, cut sequences.
    @Test func plainUTF8DenseTextLikeDecode() {
        var rng = SplitMix64(seed: 97_531)
        let common: [[UInt8]] = [Array("预".utf8), Array("算".utf8), Array("，".utf8), Array("（".utf8), Array("、".utf8),
                                 Array("a".utf8), Array("12".utf8), Array(" ".utf8), Array("\u{FFE5}".utf8), Array("\u{E000}".utf8)]
        let odd: [[UInt8]] = [[0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD],
                              [0xEF, 0xBF, 0xBE], [0xE4, 0xB8], [0xE4, 0x38, 0x80], [0xE4, 0xB8, 0xC0], [0x01], [0x7F], [0x00],
                              [0x0A], [0x09], [0xC2, 0x85], [0x80], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBC, 0x7F]]
        for round in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 24) {
                bytes += rng.next() % 12 == 0 || round % 7 == 0 && rng.next() % 3 == 0
                    ? odd[Int(rng.next() % UInt64(odd.count))] : common[Int(rng.next() % UInt64(common.count))]
            }
            let scan = bytes.withUnsafeBufferPointer(TextDecoding.scanUTF8)
            #expect((scan != nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            guard let scan, let s = String(validating: bytes, as: UTF8.self) else { continue }
            // What `checked` counts, scalar by scalar.
            let u = s.unicodeScalars
            let control = u.filter { v in
                (v.value < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C].contains(v.value)) || (v.value >= 0x7F && v.value <= 0x9F) || v.value == 0xFFFD
            }.count
            #expect(scan.control == control && scan.total == u.count && scan.nul == bytes.contains(0), "\(bytes)")
        }
    }

    @Test func controlsCountedOverTheFirstScalarsOnly() throws {
        // 70,000 CJK characters, then controls: past the window they do not count.
        let text = Array(String(repeating: "预", count: 70_000).utf8) + [UInt8](repeating: 0x01, count: 10_000)
        #expect(try TextDecoding.decodeToUTF8(text).utf8 == text)
        #expect(throws: DecodingError.binary(reason: "contains NUL bytes")) { try TextDecoding.decodeToUTF8(text + [0]) }
        let binary = [UInt8](repeating: 0x01, count: 100) + Array("预算".utf8)
        #expect(throws: DecodingError.binary(reason: "100 of the first 102 characters are control characters")) {
            try TextDecoding.decodeToUTF8(binary)
        }
    }
}
