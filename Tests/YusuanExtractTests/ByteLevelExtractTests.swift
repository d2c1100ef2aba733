import Foundation
import Testing
@testable import YusuanExtract
import YusuanModel

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

    /// Every word `roleKey` removes before it looks for 预算 holds 预: it looks for them only in text with one.
    @Test func budgetScopeWordsHoldYu() {
        #expect(Wordings.budgetNotMeasure.allSatisfy { $0.includes("预") })
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
