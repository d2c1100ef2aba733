import Foundation

/// Maps the words in front of an amount to a canonical figure name. Rules go from the most specific
/// to the most general; the totals match only when nothing but neutral words (year, 预算, 合计 …) remains,
/// so "事业收入" or "一般公共服务支出" never pass for a total.
public enum FigureLabels {
    /// The canonical keys a label names; empty when it names none. "收支" names both totals.
    public static func keys(for rawLabel: String) -> [String] {
        // "收、支总计" is "收支总计" written as a list; "本部门（含下属单位）总收入" names the unit's total.
        let s = strip(droppingInclusions(rawLabel)).replacingAll("收、支", with: "收支")
        if s.isEmpty { return [] }
        if let spending = generalPublicBudgetSpending(s) { return spending }
        for rule in rules where rule.matches(s) { return [rule.key] }
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
        guard let source = ["一般公共预算财政拨款", "一般公共预算拨款", "一般公共财政预算拨款", "一般公共预算", "一般公共财政预算"]
            .first(where: { s.includes($0) }),
            s.includes("支出") || s.includes("经费"), !s.includes("收入"), !s.includes("三公"), !s.includes("机关运行") else { return nil }
        let rest = s.replacingAll(source, with: "")
        let own = keys(for: rest).filter { $0.hasPrefix("expenditure.") && $0 != "expenditure.grand_total" }
        return own.isEmpty ? nil : own.map { "gpb." + $0 }
    }

    /// Removes "（含…）" / "(含…)" from a label: what a total includes does not change what it is.
    static func droppingInclusions(_ s: String) -> String {
        var out = Substring(s)
        for (open, close) in [("（含", "）"), ("(含", ")")] {
            while let r = out.byteRange(of: open), let e = out[r.upperBound...].firstIndex(of: Character(close)) {
                out = out[..<r.lowerBound] + out[out.index(after: e)...]
            }
        }
        return String(out)
    }

    static func totals(_ rest: String) -> [String]? {
        if rest == "收支" || rest == "收支总" { return ["revenue.total", "expenditure.total"] }
        if rest == "收入" || rest == "总收入" { return ["revenue.total"] }
        if rest == "支出" || rest == "总支出" { return ["expenditure.total"] }
        return nil
    }

    /// "民政局收支" → "收支": the unit naming itself in front of a total ("水务局本年支出合计").
    static func droppingUnitName(_ rest: String) -> String {
        for total in ["收支", "收入", "支出"] where rest.hasSuffix(total) {
            let name = rest.dropLast(total.count)
            if unitNameEndings.contains(where: { name.count > $0.count && name.hasSuffix($0) }) { return total }
        }
        return rest
    }

    static let unitNameEndings = ["局", "委", "办", "院", "中心", "所", "站", "馆", "队", "处", "厅", "学校", "小学", "中学", "医院",
                                  "大学", "幼儿园", "政府", "街道", "镇", "乡"]

    /// The years a text names ("2021年", "2021年度"), in order.
    static func years(in s: String) -> [Int] {
        guard s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let c = Array(s)
        var out: [Int] = []
        var i = 0
        while i + 4 < c.count {
            if c[i...(i + 3)].allSatisfy({ $0.isASCII && $0.isNumber }), c[i + 4] == "年",
               i == 0 || !(c[i - 1].isASCII && c[i - 1].isNumber), let y = Int(String(c[i...(i + 3)])), (1990...2100).contains(y) {
                out.append(y); i += 5
            } else { i += 1 }
        }
        return out
    }

    static func firstYear(in s: String) -> Int? { years(in: s).first }

    struct Rule {
        let key: String
        let any: [String]
        var all: [String] = []
        var none: [String] = []
        func matches(_ s: String) -> Bool {
            any.contains(where: { s.includes($0) }) && all.allSatisfy { s.includes($0) } && !none.contains(where: { s.includes($0) })
        }
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

    static let neutralLongestFirst = neutral.sorted { $0.count > $1.count }

    static func removingNeutral(_ s: String) -> String {
        var t = s
        // Years ("2021年", "2021年度") first, then the neutral words longest first.
        t = removingYears(t)
        for w in neutralLongestFirst where t.includes(w) {
            t = t.replacingAll(w, with: "")
        }
        return t
    }

    static func removingYears(_ s: String) -> String {
        var out: [Character] = []
        let c = Array(s)
        var i = 0
        while i < c.count {
            if i + 4 < c.count, c[i...(i + 3)].allSatisfy({ $0.isASCII && $0.isNumber }), c[i + 4] == "年" {
                i += 5
                if i < c.count, c[i] == "度" || c[i] == "初" { i += 1 }
                continue
            }
            out.append(c[i]); i += 1
        }
        return String(out)
    }

    /// Drops punctuation, spaces, quotes and list connectors ("其中", "包括", "和") from the ends.
    static let dropped = Set(" \t“”\"'‘’《》「」".unicodeScalars)
    static let edges = Set("，,、；;：:（(）)。.".unicodeScalars)
    static let leading: [[Unicode.Scalar]] = ["其中", "包括", "包含", "含", "以及", "和", "及", "与", "另", "分别", "主要是", "主要为", "即"]
        .map { Array($0.unicodeScalars) }

    static func strip(_ s: String) -> String {
        let u = s.unicodeScalars.filter { !dropped.contains($0) }
        let a = Array(u)
        var lo = 0, hi = a.count
        var changed = true
        while changed && lo < hi {
            changed = false
            while lo < hi, edges.contains(a[lo]) { lo += 1; changed = true }
            while lo < hi, edges.contains(a[hi - 1]) { hi -= 1; changed = true }
            for w in leading where hi - lo >= w.count && a[lo..<(lo + w.count)].elementsEqual(w) {
                lo += w.count
                changed = true
            }
            // Numbering in front of a label: "(一)", "（二）", "三、", "1.", "2、".
            let numerals = Set("一二三四五六七八九十0123456789".unicodeScalars)
            var k = lo
            while k < hi, numerals.contains(a[k]) { k += 1 }
            if k > lo, k < hi, k - lo <= 3, "、.．)）".unicodeScalars.contains(a[k]) {
                lo = k + 1
                changed = true
            }
        }
        return lo >= hi ? "" : String(String.UnicodeScalarView(a[lo..<hi]))
    }
}

