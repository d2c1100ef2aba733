import Foundation
import Testing
@testable import YusuanExtract
import YusuanModel
import YusuanRead

/// Extraction's byte-level parts against the slow, obviously right versions: Foundation's Decimal parsing and
/// printing, substring search, scalar-by-scalar stripping.
@Suite("Byte-level extraction")
struct ByteLevelExtractTests {
    @Test func mentionsAreByteRanges() {
        let text = "支出9,250.53万元，增长12.5%；另1, 537.4万元和-3亿元，1.2万人，A0201，500万。"
        let mentions = Numbers.mentions(in: text)
        let raws = mentions.map { m in String(decoding: Array(text.utf8)[m.start..<m.end], as: UTF8.self) }
        #expect(raws == ["9,250.53万元", "12.5%", "1, 537.4万元", "-3亿元", "500万"])
        let d = { (s: String) in Decimal(string: s) ?? .nan }
        #expect(mentions.map(\.value) == [d("9250.53"), d("12.5"), d("1537.4"), d("-30000"), d("500")])
        #expect(mentions.map(\.step) == [d("0.01"), d("0.1"), d("0.1"), d("10000"), d("1")])
        #expect(mentions.map(\.kind) == [.amount, .percent, .amount, .amount, .amount])
    }

    @Test func decimalsFromDigitsEqualFoundationsParse() {
        #expect(DecimalParts.agreesWithString)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            var s = rng.below(4) == 0 ? "-" : ""
            for _ in 0...rng.below(14) { s += String(rng.below(10)) }
            if rng.below(2) == 0 { s += "."; for _ in 0...rng.below(5) { s += String(rng.below(10)) } }
            let parsed = Numbers.decimal(s)
            let expected = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
            #expect(parsed == expected, "\(s)")
            if let parsed, let expected {
                // The same digits and exponent, not only the same value: they print the same.
                #expect(withUnsafeBytes(of: parsed) { Array($0) } == withUnsafeBytes(of: expected) { Array($0) }, "\(s)")
                #expect(parsed.plain == NSDecimalNumber(decimal: expected.rounded(8)).stringValue, "\(s)")
            }
        }
        #expect(Numbers.decimal("1,234.56") == Decimal(string: "1234.56"))
        #expect(Numbers.decimal("+3") == 3)
        #expect(Numbers.decimal("3.") == nil && Numbers.decimal("1.2.3") == nil && Numbers.decimal("１２") == nil)
        #expect(Numbers.decimal(String(repeating: "9", count: 25)) == nil)
    }

    @Test func wordSetFindsWhatSearchFinds() {
        let words = ["预算", "基本支出", "支出", "三公", "车", "a", "出国"]
        let set = WordSet(words)
        var rng = SplitMix64(seed: 11)
        let palette = ["预", "算", "基", "本", "支", "出", "三", "公", "车", "a", "国", "，", "1"]
        for _ in 0..<5000 {
            let s = (0..<rng.below(10)).map { _ in palette[rng.below(palette.count)] }.joined()
            let present = s.withBytes { set.present(in: $0) }
            for (i, w) in words.enumerated() { #expect(present.has(i) == s.includes(w), "\(s) \(w)") }
        }
    }

    /// Repeats and empty words are dropped, in first-seen order, so each word keeps one index.
    @Test func wordSetKeepsFirstOfRepeats() {
        let set = WordSet(["支出", "预算", "", "支出", "a", "预算", "一般公共"])
        #expect(set.words == [Array("支出".utf8), Array("预算".utf8), Array("a".utf8), Array("一般公共".utf8)])
        #expect(set.index(of: "预算") == 1 && set.index(of: "一般公共") == 3 && set.index(of: "") == nil)
        let present = "一般公共预算支出".withBytes { set.present(in: $0) }
        #expect(present.has(0) && present.has(1) && !present.has(2) && present.has(3))
    }

    /// Long texts too: runs of characters that start no word are passed over in a loop of their own.
    @Test func wordSetCountsWhatSearchCounts() {
        let set = IdentityReader.provinceWords
        var rng = SplitMix64(seed: 13)
        let palette = ["河北省", "河北", "北京市", "省", "市", "河", "北", "内蒙古自治区", "自治区", "预算", "，", "1", "a", " ", "é", "𠀀"]
        for _ in 0..<3000 {
            let s = (0..<rng.below(40)).map { _ in palette[rng.below(palette.count)] }.joined()
            var counts = [Int](repeating: 0, count: IdentityReader.provinces.count)
            s.withBytes { b in set.forEach(in: b) { counts[$0] += 1 } }
            for (i, w) in IdentityReader.provinces.enumerated() {
                #expect(counts[i] == IdentityReader.occurrences(w, in: s), "\(s) \(w)")
            }
        }
    }

    /// `nextDigit` steps over eight non-ASCII bytes at once: it finds the digit a byte-by-byte scan finds.
    @Test func nextDigitAsByteScan() {
        var rng = SplitMix64(seed: 17)
        let palette = ["预", "算", "，", "1", "9", "0", "a", " ", "é", "%", "万元", "𠀀", "."]
        for _ in 0..<5000 {
            let s = (0..<rng.below(30)).map { _ in palette[rng.below(palette.count)] }.joined()
            let bytes = Array(s.utf8)
            let from = rng.below(bytes.count + 2)
            let expected = bytes.indices.first { $0 >= from && bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } ?? bytes.count
            #expect(bytes.withUnsafeBufferPointer { Numbers.nextDigit($0, from: from) } == expected, "\(s) \(from)")
        }
    }

    /// `keys` stops before the totals when a label has neither 收 nor 支: what it would then find is nothing.
    @Test func labelsWithoutShouZhiNameNoTotal() {
        var rng = SplitMix64(seed: 19)
        let palette = ["收", "支", "入", "出", "总", "本年", "2021年", "度", "合计", "财政拨款", "局", "民政", "预算", "决算", "部门", "的", "总计"]
        for _ in 0..<5000 {
            let s = (0..<rng.below(8)).map { _ in palette[rng.below(palette.count)] }.joined()
            guard !s.includes("收"), !s.includes("支") else { continue }
            let rest = FigureLabels.removingNeutral(s)
            #expect(FigureLabels.totals(rest) == nil && FigureLabels.totals(FigureLabels.droppingUnitName(rest)) == nil, "\(s)")
            #expect(FigureLabels.totals(FigureLabels.removingNeutral(s.replacingAll("财政拨款", with: ""))) == nil, "\(s)")
        }
    }

    /// The one-pass test for a 三公 part's characters says what a search for each says.
    @Test func partMarksAsSearch() {
        var rng = SplitMix64(seed: 29)
        let palette = ["车", "购", "出", "接", "三", "计", "合", "费", "公务", "，", "1", " ", "é"]
        for _ in 0..<3000 {
            let s = (0..<rng.below(8)).map { _ in palette[rng.below(palette.count)] }.joined()
            #expect(ThreePublicTables.mayNamePart(s) == ["车", "购", "出", "接", "三", "计"].contains { s.includes($0) }, "\(s)")
        }
    }

    /// `strip` of a piece's bytes gives what `strip` of a String of the piece gives.
    @Test func stripOfBytesAsOfString() {
        var rng = SplitMix64(seed: 41)
        let palette = ["（", "一", "）", "“", "”", "其中", "：", "基本", "支出", "、", "1", ".", " ", "，", "和", "及", "《", "a"]
        for _ in 0..<5000 {
            let s = (0..<rng.below(10)).map { _ in palette[rng.below(palette.count)] }.joined()
            let bytes = Array(s.utf8)
            #expect(bytes.withUnsafeBufferPointer { FigureLabels.strip(bytes: $0) }.sameBytes(FigureLabels.strip(s)), "\(s)")
        }
    }

    /// A parsed amount scaled by 1 without multiplying has the bytes the multiplication gives; other factors multiply.
    @Test func scaledByOneAsMultiplied() {
        var rng = SplitMix64(seed: 43)
        for _ in 0..<20_000 {
            var s = rng.below(4) == 0 ? "-" : ""
            for _ in 0...rng.below(22) { s += String(rng.below(rng.below(3) == 0 ? 2 : 10)) }
            if rng.below(2) == 0 { s += "."; for _ in 0...rng.below(5) { s += String(rng.below(10)) } }
            guard let v = Numbers.decimal(s) else { continue }
            for f in [Decimal(1), Decimal(string: "0.0001") ?? 0, 10000] {
                let fast = Numbers.scaled(v, by: f, factorIsOne: f == 1)
                let product = v * f
                #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: product) { Array($0) }, "\(s) \(f)")
            }
        }
    }

    /// The paragraph gate's characters: every gate word holds one, so text without them holds no gate word.
    @Test func gateWordsHoldAGateCharacter() {
        for w in ProseFigures.flatPhrases + Wordings.noneWords + ["辆"] {
            #expect(w.withBytes { ProseFigures.mayHoldGateWord($0) }, "\(w)")
        }
        var rng = SplitMix64(seed: 47)
        let palette = ["持", "平", "无", "增", "减", "没", "有", "未", "安排", "辆", "车", "预算", "，", "1"]
        for _ in 0..<3000 {
            let s = (0..<rng.below(10)).map { _ in palette[rng.below(palette.count)] }.joined()
            let present = s.withBytes { ProseFigures.gateWords.present(in: $0) }
            if !present.isEmpty { #expect(s.withBytes { ProseFigures.mayHoldGateWord($0) }, "\(s)") }
        }
    }

    /// The comparison year found from each 年 back is the one a scan of every byte finds.
    @Test func comparisonYearOffsetAsByteScan() {
        func scan(_ b: [UInt8]) -> Int? {
            guard b.contains(0x31) || b.contains(0x32) else { return nil }
            var i = 0
            while i + 9 < b.count {
                let c = b[i]
                let isWord = (c == 0xE6 && b[i + 1] == 0xAF && b[i + 2] == 0x94) || (c == 0xE8 && b[i + 1] == 0xBE && b[i + 2] == 0x83)
                    || (c == 0xE4 && b[i + 1] == 0xB8 && b[i + 2] == 0x8E)
                if isWord, (3...6).allSatisfy({ UTF8Text.isDigit(b[i + $0]) }), b[i + 7] == 0xE5, b[i + 8] == 0xB9, b[i + 9] == 0xB4 { return i }
                i += 1
            }
            return nil
        }
        var rng = SplitMix64(seed: 53)
        let palette = ["比", "较", "与", "年", "2021", "2", "9", "1999", "度", "上年", "，", "a", "预算", "比2020年", "较9999年"]
        for _ in 0..<8000 {
            let s = (0..<rng.below(10)).map { _ in palette[rng.below(palette.count)] }.joined()
            let bytes = Array(s.utf8)
            #expect(bytes.withUnsafeBufferPointer { ProseFigures.comparisonYearOffset($0) } == scan(bytes), "\(s)")
        }
    }

    /// The arrow bytes are counted at least as often as the arrow Characters, so the count rules a breadcrumb out
    /// only where the Characters would.
    @Test func arrowBytesBoundArrowCharacters() {
        var rng = SplitMix64(seed: 59)
        let palette = [">", "›", "»", "\u{301}", "首页", "a", "，", "\u{C2}", "€", "º"]
        for _ in 0..<5000 {
            let s = (0..<rng.below(8)).map { _ in palette[rng.below(palette.count)] }.joined()
            #expect(IdentityReader.arrowBytes(s) >= s.filter({ $0 == ">" || $0 == "›" || $0 == "»" }).count, "\(s)")
        }
        #expect(IdentityReader.arrowBytes("首页>政务›公开»") == 3)
    }

    @Test func stripOnBytes() {
        #expect(FigureLabels.strip("（一）“三公”经费，") == "三公经费")
        #expect(FigureLabels.strip("其中：基本支出") == "基本支出")
        #expect(FigureLabels.strip("2、 项目支出。") == "项目支出")
        #expect(FigureLabels.strip("1234、基本") == "1234、基本")
        #expect(FigureLabels.strip("以及和及") == "")
        #expect(FigureLabels.strip("《预算法》") == "预算法")
        #expect(FigureLabels.removingNeutral("2021年度部门预算总计") == "")
        #expect(FigureLabels.removingNeutral("本年支出合计") == "支出")
        #expect(FigureLabels.years(in: "较2020年增加，2021年度，12021年，1989年") == [2020, 2021])
    }

    /// The performance columns found by bits over one search of each label, as `TableHeaders.column` finds them
    /// with one search per label, word and lookup.
    @Test func performanceColumnsByBitsAsBySearch() {
        var rng = SplitMix64(seed: 23)
        let palette = ["一级指标", "二级指标", "三级", "指标", "名称", "描述", "内容", "说明", "指标值", "/", "符号", "单位", "计量",
                       "值", "目标值", "依据", "项目名称", "绩效", " ", "a"]
        for _ in 0..<3000 {
            let labels = (0..<rng.below(9)).map { _ in (0..<rng.below(4)).map { _ in palette[rng.below(palette.count)] }.joined() }
            let present = TableHeaders.present(labels, PerformanceTables.headerWords)
            for c in PerformanceTables.Column.allCases {
                let words = PerformanceTables.columnWords[c] ?? ([], [])
                #expect(TableHeaders.column(present, PerformanceTables.columnBits[c.rawValue])
                        == TableHeaders.column(labels, any: words.any, none: words.none), "\(labels) \(c)")
            }
        }
    }

    /// One `Heads` carried across many tables gives each head its own columns, as a fresh search of its labels
    /// does: a head seen just before is reused, any other is searched again.
    @Test func performanceHeadsKeptAcrossTablesAsSearchedAfresh() {
        var rng = SplitMix64(seed: 41)
        let palette = ["一级指标", "二级指标", "三级指标", "指标名称", "指标描述", "指标值", "目标值", "依据", "项目名称", "/符号",
                       "指标值/值", "/计量单位", "a"]
        var heads = PerformanceTables.Heads()
        var last: [String] = []
        for _ in 0..<3000 {
            // Often the head just read again, as a document's tables repeat one head.
            let labels = rng.below(2) == 0 ? last
                : (0..<rng.below(9)).map { _ in (0..<rng.below(3)).map { _ in palette[rng.below(palette.count)] }.joined() }
            let present = TableHeaders.present(labels, PerformanceTables.headerWords)
            let fresh = PerformanceTables.columnBits.map { TableHeaders.column(present, $0) }
            #expect(heads.columns(labels) == fresh, "\(labels)")
            last = labels
        }
    }

    /// A row's labels for the three-public header, made in one pass, as the compact texts filtered of blanks and
    /// then of repeats are.
    @Test func threePublicLabelsAsFilteredAndCollapsed() {
        var rng = SplitMix64(seed: 47)
        let palette = ["", " ", "公务接待费", "公务用车", "小计", "因公出国", "合计", "a b", "1.5", "费"]
        for _ in 0..<3000 {
            let cells = (0..<rng.below(8)).map { j in
                TableCell(first: (0..<rng.below(3)).map { _ in palette[rng.below(palette.count)] }.joined(), line: j)
            }
            let row = TableRow(cells: cells, line: 1)
            let compact = cells.map(\.compact).filter { !$0.isEmpty }
            let collapsed = compact.indices.filter { $0 == 0 || compact[$0 - 1] != compact[$0] }.map { compact[$0] }
            #expect(ThreePublicTables.labels(row) == collapsed, "\(compact)")
        }
    }

    /// The unit of an indicator value, compared on the bytes, as the String-based reading gives it: the text after
    /// the number, trimmed, without a closing 以上/以内 (not trimmed again); 百分之 or ％ (or a leading 百分之) read as "%"; none when blank.
    @Test func indicatorUnitsAsByStrings() {
        var rng = SplitMix64(seed: 43)
        let heads = ["", "", "≥", "不少于", "百分之", " "]
        let units = ["", "百分之", "％", "%", "个", "人次", " ", "百分", "％％", "万元", "以上", "以内", "之"]
        for _ in 0..<5000 {
            let head = heads[rng.below(heads.count)]
            let tail = (0..<rng.below(4)).map { _ in units[rng.below(units.count)] }.joined()
            let raw = head + String(rng.below(1000)) + tail
            var unit = tail.trimmingCharacters(in: .whitespaces)
            for word in ["以上", "以内"] where unit.hasSuffix(word) {
                unit = String(unit.dropLast(word.count))
            }
            // A head of spaces is trimmed away with the cell's; a head of 百分之 makes the unit a percentage.
            let expected: String? = head == "百分之" || unit == "百分之" || unit == "％" ? "%" : unit.isEmpty ? nil : unit
            #expect(IndicatorValue.parse(raw).unit == expected, "\(raw)")
        }
    }

    /// A figure whose raw text is too long for an entry (its short provenance text already placed) is kept whole
    /// and the pool cut back: every figure, before and after it, reads back as it was given.
    @Test func figureTableSpillLeavesThePoolAsItWas() {
        let long = String(repeating: "长", count: 30_000)
        let figures: [String: Figure] = [
            "revenue.total": Figure(key: "revenue.total", value: 12, raw: "12万元", provenance: Provenance(line: 3, text: "收入12万元")),
            "expenditure.total": Figure(key: "expenditure.total", value: 5, raw: long, provenance: Provenance(line: 4, text: "支出5万元")),
            "expenditure.basic": Figure(key: "expenditure.basic", value: 7, raw: "7万元", provenance: Provenance(line: 9, text: "支出5万元")),
        ]
        let table = FigureTable(figures)
        #expect(table.count == 3)
        for (key, figure) in figures { #expect(table[key] == figure, "\(key)") }
    }

    /// The scope words removed only where present say what removing each in turn says, joins included
    /// ("部门一般公共预算预算" → "部门预算" → "").
    @Test func budgetScopesRemovedAsInTurn() {
        var rng = SplitMix64(seed: 37)
        let palette = ["预", "算", "预算", "一般公共", "部门", "单位", "管理", "绩效", "内", "公开", "决算", "一般公共预算", "，", "1"]
        #expect(Wordings.withoutBudgetScopes("部门一般公共预算预算支出") == "支出")
        for _ in 0..<5000 {
            let s = (0..<rng.below(8)).map { _ in palette[rng.below(palette.count)] }.joined()
            var expected = s
            for w in Wordings.budgetNotMeasure { expected = expected.replacingAll(w, with: "") }
            #expect(Wordings.withoutBudgetScopes(s).sameBytes(expected), "\(s)")
        }
    }

    /// The bound on amounts, looked at through a double first, says what the exact comparison says.
    @Test func implausibleAsComparedExactly() {
        var rng = SplitMix64(seed: 31)
        var values = ["1000000000000", "1000000000000.0001", "999999999999.9999", "-1000000000000.01", "0", "500000000000",
                      "2000000000000", "1999999999999.99", "499999999999.99", "-3"].compactMap { Decimal(string: $0) }
        for _ in 0..<5000 {
            let digits = (0...rng.below(16)).map { _ in String(rng.below(10)) }.joined()
            let places = rng.below(6)
            let text = (rng.below(3) == 0 ? "-" : "") + digits + (places > 0 ? "." + String(repeating: "7", count: places) : "")
            if let d = Decimal(string: text) { values.append(d) }
        }
        for v in values {
            #expect((Numbers.implausible(v, raw: "x", line: 1) != nil) == (abs(v) > Numbers.maxAmount), "\(v)")
        }
    }
}
