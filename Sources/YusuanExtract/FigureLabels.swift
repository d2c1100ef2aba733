import Foundation
import YusuanModel

/// Maps the words in front of an amount to a canonical figure name. Rules go from the most specific
/// to the most general; the totals match only when nothing but neutral words (year, 预算, 合计 …) remains,
/// so "事业收入" or "一般公共服务支出" never pass for a total.
public enum FigureLabels {
    /// The canonical keys a label names; empty when it names none. "收支" names both totals.
    public static func keys(for rawLabel: String) -> [String] {
        // Every word below is Chinese: a label of ASCII only (an amount, a code) names nothing.
        guard rawLabel.utf8.contains(where: { $0 >= 0x80 }) else { return [] }
        // "收、支总计" is "收支总计" written as a list; "本部门（含下属单位）总收入" names the unit's total.
        let s = strip(droppingInclusions(rawLabel)).replacingAll("收、支", with: "收支")
        if s.isEmpty { return [] }
        let words = ruleWords
        let present = s.withBytes { words.present(in: $0) }
        // Every source of funds `generalPublicBudgetSpending` reads starts with 一般公共: the word bits say whether
        // the label has it.
        if present.intersects(publicBudgetBits), let spending = generalPublicBudgetSpending(s) { return spending }
        for rule in compiledRules where rule.matches(present) { return [rule.key] }
        // Every total below names 收 or 支, and removing words and years only drops whole characters: a label
        // without either names no total.
        guard present.intersects(totalCharacterBits) else { return [] }
        let rest = removingNeutral(s)
        if let totals = totals(rest) ?? totals(droppingUnitName(rest)) { return totals }
        // 财政拨款收支总计 is the appropriation's own total, a part of the unit's: a key of its own.
        if s.includes("财政拨款"), let totals = totals(removingNeutral(s.replacingAll("财政拨款", with: ""))) {
            return totals.map { "appropriation." + $0 }
        }
        return []
    }

    /// "一般公共预算财政拨款支出", "一般公共预算拨款基本支出": the spending of one source of funds, a part of the
    /// unit's, under the prefix the standard tables of that source use (`gpb.expenditure.total`). 三公 and
    /// 机关运行经费 are reported from this source by definition, so they keep their own keys.
    static func generalPublicBudgetSpending(_ s: String) -> [String]? {
        // Every source below starts with 一般公共: one search passes over the labels that name none.
        guard s.includes("一般公共"), let source = ["一般公共预算财政拨款", "一般公共预算拨款", "一般公共财政预算拨款", "一般公共预算", "一般公共财政预算"]
            .first(where: { s.includes($0) }),
            s.includes("支出") || s.includes("经费"), !s.includes("收入"), !s.includes("三公"), !s.includes("机关运行") else { return nil }
        let rest = s.replacingAll(source, with: "")
        let own = keys(for: rest).filter { $0.hasPrefix("expenditure.") && $0 != "expenditure.grand_total" }
        return own.isEmpty ? nil : own.map { "gpb." + $0 }
    }

    /// Removes "（含…）" / "(含…)" from a label: what a total includes does not change what it is.
    static func droppingInclusions(_ s: String) -> String {
        guard s.includes("含") else { return s }
        var out = Substring(s)
        for (open, close) in [("（含", "）"), ("(含", ")")] {
            while let r = out.byteRange(of: open), let e = out[r.upperBound...].firstIndex(of: Character(close)) {
                out = out[..<r.lowerBound] + out[out.index(after: e)...]
            }
        }
        return String(out)
    }

    static func totals(_ rest: String) -> [String]? {
        func `is`(_ w: String) -> Bool { rest.isSameText(as: w) }
        if `is`("收支") || `is`("收支总") { return ["revenue.total", "expenditure.total"] }
        if `is`("收入") || `is`("总收入") { return ["revenue.total"] }
        if `is`("支出") || `is`("总支出") { return ["expenditure.total"] }
        return nil
    }

    /// "民政局收支" → "收支": the unit naming itself in front of a total ("水务局本年支出合计").
    static func droppingUnitName(_ rest: String) -> String {
        for total in ["收支", "收入", "支出"] where rest.endsWithBytes(total) {
            let name = rest.utf8.dropLast(total.utf8.count)
            let length = name.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            if unitNameEndings.contains(where: { length > $0.unicodeScalars.count && name.reversed().starts(with: $0.utf8.reversed()) }) {
                return total
            }
        }
        return rest
    }

    static let unitNameEndings = ["局", "委", "办", "院", "中心", "所", "站", "馆", "队", "处", "厅", "学校", "小学", "中学", "医院",
                                  "大学", "幼儿园", "政府", "街道", "镇", "乡"]

    /// The years a text names ("2021年", "2021年度"), in order: four ASCII digits (no digit before them) and 年
    /// (E5 B9 B4), from 1990 to 2100.
    static func years(in s: String) -> [Int] {
        s.withBytes { b in
            var out: [Int] = []
            var i = 0
            while i + 6 < b.count {
                if let y = year(b, at: i), i == 0 || !UTF8Text.isDigit(b[i - 1]) {
                    out.append(y)
                    i += 7
                } else {
                    i += 1
                }
            }
            return out
        }
    }

    /// The year written at `i` as four digits and 年, when it is one from 1990 to 2100.
    static func year(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i + 6 < b.count, UTF8Text.isDigit(b[i]), UTF8Text.isDigit(b[i + 1]), UTF8Text.isDigit(b[i + 2]), UTF8Text.isDigit(b[i + 3]),
              b[i + 4] == 0xE5, b[i + 5] == 0xB9, b[i + 6] == 0xB4 else { return nil }
        let y = (Int(b[i]) - 48) * 1000 + (Int(b[i + 1]) - 48) * 100 + (Int(b[i + 2]) - 48) * 10 + (Int(b[i + 3]) - 48)
        return (1990...2100).contains(y) ? y : nil
    }

    static func firstYear(in s: String) -> Int? { years(in: s).first }

    /// A key for labels holding one of `any`, all of `all` and none of `none`.
    struct Rule {
        let key: String
        let any: [String]
        var all: [String] = []
        var none: [String] = []
    }

    /// A rule as bit masks over `ruleWords`.
    struct CompiledRule {
        let key: String
        let any: WordSet.Bits, all: WordSet.Bits, none: WordSet.Bits
        func matches(_ present: WordSet.Bits) -> Bool {
            present.intersects(any) && present.contains(all) && !present.intersects(none)
        }
    }

    /// Every word the rules name, and the characters every total names, found in a label in one pass.
    static let ruleWords = WordSet(rules.flatMap { $0.any + $0.all + $0.none } + totalCharacters + ["一般公共"])
    static let totalCharacters = ["收", "支"]
    static let totalCharacterBits = ruleWords.bits(totalCharacters)
    static let publicBudgetBits = ruleWords.bits(["一般公共"])

    static let compiledRules: [CompiledRule] = rules.map { r in
        CompiledRule(key: r.key, any: ruleWords.bits(r.any), all: ruleWords.bits(r.all), none: ruleWords.bits(r.none))
    }

    static let rules: [Rule] = [
        // 三公 and its parts. "购置及运维费" is the vehicles pair; the parts name one side.
        Rule(key: "three_public.vehicles", any: ["购置及运", "购置和运", "购置及使用", "购置与运"], all: ["车"]),
        Rule(key: "three_public.vehicles.purchase", any: ["购置"], all: ["车"]),
        Rule(key: "three_public.vehicles.operation", any: ["运维", "运行维护", "运行费", "使用费", "运行经费"], all: ["车"]),
        Rule(key: "three_public.vehicles", any: ["公务用车费", "公务用车经费", "公车费", "车辆费"]),
        // Without 车: "购置及运行维护费" names only the vehicles pair in a 三公 text.
        Rule(key: "three_public.vehicles", any: ["购置及运行维护费", "购置及运行费", "购置及运维费"]),
        Rule(key: "three_public.vehicles.operation", any: ["运行", "维护"], all: ["车"], none: ["机关运行"]),
        Rule(key: "three_public.overseas_travel", any: ["出国", "出境"]),
        // 外事接待 is a part of 公务接待 that some documents break out.
        Rule(key: "three_public.reception", any: ["接待"], none: ["外事接待"]),
        Rule(key: "three_public.total", any: ["三公"]),
        Rule(key: "operating_costs", any: ["机关运行经费", "机关运行费", "机关运转经费", "机关运行", "行政运行经费", "拨款运行经费"]),
        Rule(key: "procurement.goods", any: ["货物"], all: ["采购"]),
        Rule(key: "procurement.works", any: ["工程"], all: ["采购"]),
        Rule(key: "procurement.services", any: ["服务"], all: ["采购"]),
        Rule(key: "procurement.total", any: ["政府采购", "采购预算", "采购总额", "采购金额"], none: ["拟购置"]),
        Rule(key: "assets.planned_purchases", any: ["拟购置", "计划购置", "拟新购", "拟新增", "预计购置", "拟配置"]),
        Rule(key: "assets.total", any: ["资产总额", "资产总值", "资产总计", "固定资产", "资产原值", "国有资产"],
             none: ["车", "设备", "其他固定资产"]),
        Rule(key: "carryover.end", any: ["年末结转", "年末结余", "期末结转"]),
        // Final accounts: 本年收入合计 is this year's revenue; 收入总计 adds the carry-over from last year.
        Rule(key: "revenue.current_year", any: ["本年收入合计", "本年收入"], none: ["支出", "总计"]),
        // 支出总计 adds what is carried into next year; `Extractor` takes it as the total when nothing is.
        Rule(key: "expenditure.grand_total", any: ["支出总计"], none: ["本年"]),
        // Economic classes (301, 302, 303) are parts of 人员经费 / 公用经费, never the whole: keys of their own.
        Rule(key: "expenditure.basic.wages", any: ["工资福利", "工资和福利"]),
        Rule(key: "expenditure.basic.goods_services", any: ["商品和服务", "商品服务"]),
        Rule(key: "expenditure.basic.household_transfers", any: ["对个人和家庭", "对个人及家庭"]),
        Rule(key: "expenditure.basic.personnel", any: ["人员经费", "人员类经费", "人员支出", "人员类支出", "人员类项目"]),
        Rule(key: "expenditure.basic.public", any: ["公用经费", "公用支出", "公用类"]),
        // The performance section's amount ("涉及项目预算资金") covers the projects with targets: not 项目支出.
        Rule(key: "performance.project_funds", any: ["涉及项目预算资金", "涉及项目资金", "涉及预算资金", "涉及资金"]),
        Rule(key: "expenditure.project", any: ["项目支出", "项目经费", "特定目标类", "项目预算", "项目类支出"]),
        Rule(key: "expenditure.basic", any: ["基本支出", "基本经费"]),
        Rule(key: "revenue.carryover", any: ["上年结转", "年初结转", "上年结余", "结转和结余", "结转结余", "上年度结转"]),
        Rule(key: "revenue.general_public_budget", any: ["一般公共预算", "一般公共财政预算", "公共财政预算"], none: ["支出"]),
        Rule(key: "revenue.government_fund", any: ["政府性基金", "基金预算", "基金收入", "基金拨款"], none: ["支出"]),
        Rule(key: "revenue.state_capital", any: ["国有资本经营"], none: ["支出"]),
        Rule(key: "revenue.special_account", any: ["财政专户"], none: ["支出"]),
        Rule(key: "revenue.other", any: ["其他来源收入", "其他收入", "其他资金收入", "单位资金", "自有资金"], none: ["支出"]),
    ]

    /// Words that can stand around a total without changing what it is.
    static let neutral: [String] = [
        "本年度", "本年", "当年", "全年", "年初", "年度", "部门", "单位", "全部", "预算数", "预算", "安排", "合计", "总计", "共计",
        "总额", "总数", "总体", "总", "共", "计", "为", "是", "达", "了", "的", "数", "约", "拟", "本级",
        "我局", "我委", "我办", "我院", "我部", "我中心", "我单位", "本单位", "本部门", "我部门", "我区", "全区", "区级",
        "编制", "规模", "情况", "执行", "决算数", "决算", "完成", "实际", "资金",
    ]

    // Each word's length counted once: counting Characters inside the comparison repeated it n log n times.
    static let neutralLongestFirst = neutral.map { ($0, $0.count) }.sorted { $0.1 > $1.1 }.map(\.0)

    static func removingNeutral(_ s: String) -> String {
        // Years ("2021年", "2021年度") first, then the neutral words longest first, each removed from what the ones
        // before left (a removal can join the two sides into another word).
        let withoutYears = removingYears(s)
        let words = neutralWords, order = neutralOrder, longestFirst = neutralLongestFirstBytes
        var present = withoutYears.withBytes { words.present(in: $0) }
        guard !present.isEmpty else { return withoutYears }
        // The removals are made in one byte array, in place, rather than in a new String each.
        var t = Array(withoutYears.utf8)
        for i in longestFirst.indices where present.has(order[i]) {
            if removeAll(longestFirst[i], from: &t) { present = t.withUnsafeBufferPointer { words.present(in: $0) } }
        }
        return t.count == withoutYears.utf8.count ? withoutYears : String(decoding: t, as: UTF8.self)
    }

    static let neutralLongestFirstBytes = neutralLongestFirst.map { Array($0.utf8) }

    /// Removes every occurrence of `word` from `t`, left to right as `replacingAll` finds them (an occurrence
    /// made by joining the two sides of a removal stays); whether any was removed.
    static func removeAll(_ word: [UInt8], from t: inout [UInt8]) -> Bool {
        let m = word.count
        guard m > 0, m <= t.count else { return false }
        let kept: Int = t.withUnsafeMutableBufferPointer { b in
            word.withUnsafeBufferPointer { w in
                var read = 0, write = 0
                let n = b.count
                while read < n {
                    if read + m <= n, b[read] == w[0], TextSearch.equal(UnsafeBufferPointer(b), read, w) {
                        read += m
                        continue
                    }
                    b[write] = b[read]
                    write += 1
                    read += 1
                }
                return write
            }
        }
        guard kept < t.count else { return false }
        t.removeLast(t.count - kept)
        return true
    }

    static let neutralWords = WordSet(neutralLongestFirst)
    /// `neutralLongestFirst[i]`'s index in `neutralWords`.
    static let neutralOrder: [Int] = neutralLongestFirst.map { neutralWords.index(of: $0) ?? 0 }

    /// Drops "2021年" and "2021年度" / "2021年初" (four ASCII digits, 年, then 度 or 初).
    static func removingYears(_ s: String) -> String {
        s.withBytes { b -> String in
            var out: [UInt8] = []
            var kept = 0
            var i = 0
            while i + 6 < b.count {
                guard UTF8Text.isDigit(b[i]), UTF8Text.isDigit(b[i + 1]), UTF8Text.isDigit(b[i + 2]), UTF8Text.isDigit(b[i + 3]),
                      b[i + 4] == 0xE5, b[i + 5] == 0xB9, b[i + 6] == 0xB4 else { i += 1; continue }
                if out.isEmpty { out.reserveCapacity(b.count) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<i]))
                i += 7
                // 度 E5 BA A6, 初 E5 88 9D.
                if i + 2 < b.count, b[i] == 0xE5, (b[i + 1] == 0xBA && b[i + 2] == 0xA6) || (b[i + 1] == 0x88 && b[i + 2] == 0x9D) { i += 3 }
                kept = i
            }
            if kept == 0 { return s }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<b.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Drops punctuation, spaces, quotes and list connectors ("其中", "包括", "和") from the ends.
    static let dropped = ScalarSet(" \t“”\"'‘’《》「」")
    static let edges = ScalarSet("，,、；;：:（(）)。.")
    static let leading: [[UInt8]] = ["其中", "包括", "包含", "含", "以及", "和", "及", "与", "另", "分别", "主要是", "主要为", "即"]
        .map { Array($0.utf8) }
    /// The first characters of `leading`: a label starting with none of them starts with no connector.
    static let leadingFirst = ScalarSet(String(leading.compactMap { String(decoding: $0, as: UTF8.self).first }))
    static let numerals = ScalarSet("一二三四五六七八九十0123456789")
    static let afterNumber = ScalarSet("、.．)）")

    /// On the bytes: the quotes and spaces anywhere, then edges, leading connectors and numbering ("(一)",
    /// "（二）", "三、", "1.", "2、") from the ends until none is left. Returns `s` itself when nothing goes.
    static func strip(_ s: String) -> String {
        s.withBytes { b -> String in
            if let kept = withoutDropped(b) { return stripped(kept) }
            let r = stripRange(b)
            return r.count == b.count ? s : UTF8Text.string(b, r.lowerBound, r.upperBound)
        }
    }

    /// `strip` of a piece of text's UTF-8 (whole scalars), without a String of the piece first.
    static func strip(bytes b: UnsafeBufferPointer<UInt8>) -> String {
        if let kept = withoutDropped(b) { return stripped(kept) }
        let r = stripRange(b)
        return UTF8Text.string(b, r.lowerBound, r.upperBound)
    }

    private static func stripped(_ kept: [UInt8]) -> String {
        kept.withUnsafeBufferPointer { k in
            let r = stripRange(k)
            return UTF8Text.string(k, r.lowerBound, r.upperBound)
        }
    }

    /// The bytes without the `dropped` scalars, or nil when there are none.
    static func withoutDropped(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8]?
        var kept = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            let length = UTF8Text.scalarLength(lead: c)
            let drop: Bool
            switch c {
            case 0x20, 0x09, 0x22, 0x27: drop = true
            case 0xE2, 0xE3: drop = dropped.contains(UTF8Text.scalar(b, at: i))
            default: drop = false
            }
            if drop {
                if out == nil { out = []; out?.reserveCapacity(b.count) }
                out?.append(contentsOf: UnsafeBufferPointer(rebasing: b[kept..<i]))
                kept = min(i + length, b.count)
            }
            i += length
        }
        guard var kept2 = out else { return nil }
        kept2.append(contentsOf: UnsafeBufferPointer(rebasing: b[min(kept, b.count)..<b.count]))
        return kept2
    }

    /// The range `strip` keeps of bytes already without the dropped scalars.
    static func stripRange(_ a: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func scalar(at i: Int) -> UInt32 { UTF8Text.scalar(a, at: i) }
        let edges = edges, numerals = numerals, afterNumber = afterNumber, leading = leading, leadingFirst = leadingFirst
        var lo = 0, hi = a.count
        var changed = true
        while changed && lo < hi {
            changed = false
            while lo < hi, edges.contains(scalar(at: lo)) { lo += UTF8Text.scalarLength(lead: a[lo]); changed = true }
            while lo < hi {
                let start = UTF8Text.scalarStart(a, before: hi)
                guard start >= lo, edges.contains(scalar(at: start)) else { break }
                hi = start
                changed = true
            }
            if lo < hi, leadingFirst.contains(scalar(at: lo)) {
                for w in leading where hi - lo >= w.count && w.withUnsafeBufferPointer({ TextSearch.equal(a, lo, $0) }) {
                    lo += w.count
                    changed = true
                }
            }
            // Numbering in front of a label: "(一)", "（二）", "三、", "1.", "2、".
            var k = lo, digits = 0
            while k < hi, numerals.contains(scalar(at: k)) { k += UTF8Text.scalarLength(lead: a[k]); digits += 1 }
            if digits > 0, k < hi, digits <= 3, afterNumber.contains(scalar(at: k)) {
                lo = k + UTF8Text.scalarLength(lead: a[k])
                changed = true
            }
        }
        return lo >= hi ? 0..<0 : lo..<min(hi, a.count)
    }
}

/// A few scalars, looked up without hashing: a sorted array of their values.
struct ScalarSet {
    let values: [UInt32]
    init(_ s: String) { values = Array(Set(s.unicodeScalars.map(\.value))).sorted() }
    func contains(_ v: UInt32) -> Bool {
        for x in values { if x >= v { return x == v } }
        return false
    }
}

/// Words looked for in labels, found all at once: each position of the label is looked up by its first
/// scalar, and only the words starting with it are compared. Presence comes back as a bit set.
struct WordSet {
    /// Up to 256 words.
    struct Bits: Equatable {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
        mutating func insert(_ i: Int) {
            let bit: UInt64 = 1 << UInt64(i & 63)
            switch i >> 6 { case 0: w0 |= bit; case 1: w1 |= bit; case 2: w2 |= bit; default: w3 |= bit }
        }
        func has(_ i: Int) -> Bool {
            let bit: UInt64 = 1 << UInt64(i & 63)
            switch i >> 6 { case 0: return w0 & bit != 0; case 1: return w1 & bit != 0; case 2: return w2 & bit != 0; default: return w3 & bit != 0 }
        }
        var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }
        func intersects(_ o: Bits) -> Bool { (w0 & o.w0) | (w1 & o.w1) | (w2 & o.w2) | (w3 & o.w3) != 0 }
        func contains(_ o: Bits) -> Bool { w0 & o.w0 == o.w0 && w1 & o.w1 == o.w1 && w2 & o.w2 == o.w2 && w3 & o.w3 == o.w3 }
    }

    let words: [[UInt8]]
    /// Words by the hash of their first scalar: `slots[h]..<slots[h + 1]` index `entries`.
    private let slots: [Int32]
    private let entries: [(first: UInt32, word: Int32)]
    private static let slotBits = 9
    /// The words' first scalars as bits over the Basic Multilingual Plane: most positions of a text start no
    /// word, and one bit says so before any slot is looked up.
    private let firstBits: [UInt64]

    init(_ list: [String]) {
        // Repeats are dropped by their bytes, which is what the words are matched by: comparing Strings would
        // normalize them, and the pairwise test cost a few million instructions at the start of every run.
        var unique: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        for w in list where !w.isEmpty {
            let bytes = Array(w.utf8)
            if seen.insert(bytes).inserted { unique.append(bytes) }
        }
        precondition(unique.count <= 256, "WordSet holds at most 256 words")
        words = unique
        var buckets = [[(UInt32, Int32)]](repeating: [], count: 1 << WordSet.slotBits)
        for (i, w) in unique.enumerated() {
            let first = w.withUnsafeBufferPointer { UTF8Text.scalar($0, at: 0) }
            buckets[WordSet.slot(first)].append((first, Int32(i)))
        }
        var slots: [Int32] = [0]
        var entries: [(first: UInt32, word: Int32)] = []
        for b in buckets {
            entries += b.map { (first: $0.0, word: $0.1) }
            slots.append(Int32(entries.count))
        }
        self.slots = slots
        self.entries = entries
        var firstBits = [UInt64](repeating: 0, count: 1024)
        for e in entries where e.first < 0x10000 { firstBits[Int(e.first >> 6)] |= 1 << UInt64(e.first & 63) }
        self.firstBits = firstBits
    }

    private static func slot(_ v: UInt32) -> Int { Int((v &* 0x9E37_79B1) >> UInt32(32 - slotBits)) }

    func index(of word: String) -> Int? { words.firstIndex(of: Array(word.utf8)) }

    func bits(_ list: [String]) -> Bits {
        var b = Bits()
        for w in list { if let i = index(of: w) { b.insert(i) } }
        return b
    }

    /// The words that occur in `b`.
    func present(in b: UnsafeBufferPointer<UInt8>) -> Bits {
        var out = Bits()
        forEach(in: b) { out.insert($0) }
        return out
    }

    /// Calls `body` with the index of every occurrence of a word in `b`, in order of position.
    func forEach(in b: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
              firstBits.withUnsafeBufferPointer { firstBits in
                var i = 0
                let n = b.count
                while i < n {
                    // Runs of three-byte scalars whose first two bytes pick a word of `firstBits` their third byte
                    // does not set, as most CJK characters are, are passed over without being decoded, in a loop of
                    // their own (`i + 2 < n` bounds every read, so the wrapping adds cannot overflow).
                    while i &+ 2 < n {
                        let c = b[i]
                        guard c & 0xF0 == 0xE0,
                              firstBits[Int(c & 0x0F) &<< 6 | Int(b[i &+ 1] & 0x3F)] & (1 &<< UInt64(b[i &+ 2] & 0x3F)) == 0
                        else { break }
                        i &+= 3
                    }
                    guard i < n else { break }
                    // So is ASCII that starts no word.
                    let c = b[i]
                    if c < 0x80, firstBits[Int(c &>> 6)] & (1 &<< UInt64(c & 63)) == 0 {
                        i &+= 1
                        continue
                    }
                    let v = UTF8Text.scalar(b, at: i)
                    if v < 0x10000, firstBits[Int(v >> 6)] & (1 << UInt64(v & 63)) == 0 {
                        i += UTF8Text.scalarLength(lead: b[i])
                        continue
                    }
                    let h = WordSet.slot(v)
                    var e = Int(slots[h])
                    let end = Int(slots[h + 1])
                    while e < end {
                        let entry = entries[e]
                        if entry.first == v {
                            let w = Int(entry.word)
                            if words[w].withUnsafeBufferPointer({ TextSearch.equal(b, i, $0) }) { body(w) }
                        }
                        e += 1
                    }
                    i += UTF8Text.scalarLength(lead: b[i])
                }
              }
            }
        }
    }
}
