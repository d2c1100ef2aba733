import Foundation
import YusuanModel
import YusuanRead

/// Who published the document, for which year, and whether it is a budget or final accounts.
enum IdentityReader {
    static let provinces = [
        "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
        "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
        "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    ]
    static let provinceWords = WordSet(provinces)
    static let nameEndings = ["部", "局", "委", "办", "院", "会", "中心", "所", "站", "馆", "队", "处", "室", "厅", "组", "社",
                              "团", "校", "园", "政府", "办公室", "委员会", "街道", "镇", "乡", "联合会", "协会", "学校", "医院", "集团",
                              "机关", "所属机构", "小学", "中学", "大学", "公司", "署", "台", "场", "联", "政协", "人大", "科协", "监狱"]
    /// Words a title puts after the department's name ("X局财政拨款“三公”经费…", "2015年X局部门“三公”…").
    static let topicWords = ["财政拨款", "一般公共预算", "“三公", "\"三公", "三公", "部门预算", "部门决算", "单位预算", "单位决算",
                             "部门", "单位", "预算", "决算", "收支", "政府性基金", "关于", "年度"]
    /// Title keywords: a paragraph with a year and one of these is the title.
    static let titleWords = ["预算", "决算", "收支总表", "支出表", "收入表", "经费"]
    /// Labels before a department's name in cover pages and table headers.
    static let nameLabels = ["预算主管部门", "部门（单位）名称", "部门(单位)名称", "单位名称", "部门名称", "编制单位", "填报单位", "预算单位"]

    static func read(_ doc: TextDocument) -> Identity {
        var id = Identity()
        // The first 80 paragraphs, in a plain loop: a lazy compactMap with a prefix copied every block it passed.
        var paragraphs: [Paragraph] = []
        for b in doc.blocks {
            if paragraphs.count == 80 { break }
            if case .paragraph(let p) = b { paragraphs.append(p) }
        }

        // The title: an early short paragraph with the disclosure's year and 预算/决算 ("2021年部门预算信息公开情况说明"),
        // taken with the lines it goes on over ("2017年度一般公共预算财政拨款" / "“三公”经费决算情况说明").
        // A long sentence serves when no short one does (news articles, run-on texts).
        var titleIndex: Int?
        for maxLength in [80, Int.max] where titleIndex == nil {
            titleIndex = paragraphs.prefix(40).indices.first { i in
                let t = paragraphs[i].text
                return (maxLength == Int.max || t.characterCount(atMost: maxLength) <= maxLength) && !isFileName(t) && !isBreadcrumb(t) && !disclosureYears(t).isEmpty && titleWords.contains { t.includes($0) }
            }
        }
        if let i = titleIndex {
            let p = paragraphs[i]
            var title = p.text
            var j = i + 1
            while j < paragraphs.count, j <= i + 2, !endsTitle(title), continuesTitle(paragraphs[j].text) {
                title += paragraphs[j].text
                j += 1
            }
            let years = disclosureYears(title)
            if let (year, yearIndex) = years.max(by: { $0.0 < $1.0 }) {
                id.fiscalYear = year
                // With several years ("2010年…决算数，以及2011年…预算数") the kind is the one said of the chosen year.
                id.kind = kind(inTitle: years.count > 1 ? String(title[yearIndex...]) : title)
                id.provenance = Provenance(line: p.line, page: p.page, text: p.text)
                id.department = name(in: title)
                // The name on the lines above the title ("眉山市人民检察院" / "关于…" / "2014年情况的说明").
                for k in stride(from: i - 1, through: max(0, i - 2), by: -1) where id.department == nil {
                    let above = paragraphs[k].text
                    if k > 0 && isPublisherLabel(paragraphs[k - 1].text) { break }
                    if let n = cleanName(above) { id.department = n } else if let n = name(in: above) { id.department = n }
                    if !continuesTitle(above) { break }
                }
                let whole = lead(paragraphs, before: i) + title
                if whole != p.text { id.title = whole }
            }
        }
        if id.department == nil { id.department = labelledName(paragraphs) }
        if id.department == nil { id.department = headingName(paragraphs) }
        if id.department == nil || id.fiscalYear == nil {
            // The body: "现将XX2021年部门预算公开如下", "X局2016年度部门决算…", "2019年X局财政拨款…".
            for p in paragraphs.prefix(60) {
                let years = disclosureYears(p.text)
                guard !years.isEmpty || id.department == nil else { continue }
                if id.department == nil, let n = name(in: p.text, body: true) { id.department = n }
                if id.fiscalYear == nil, let (year, yi) = years.first {
                    id.fiscalYear = year
                    if id.kind == nil { id.kind = kind(inTitle: String(p.text[yi...])) }
                    if id.provenance == nil { id.provenance = Provenance(line: p.line, page: p.page, text: p.text) }
                }
                if id.department != nil && id.fiscalYear != nil { break }
            }
        }
        if id.department == nil { id.department = describedName(paragraphs) }
        if id.department == nil { id.department = standaloneName(paragraphs, doc: doc) }
        if let dept = id.department {
            id.department = dept.replacingAll(" ", with: "")
            id.normalizedDepartment = normalize(dept)
            id.region = region(of: dept, document: doc)
            id.departmentCode = code(before: dept, in: doc)
        }
        id.newsReport = newsLine(paragraphs).map { Provenance(line: $0.line, page: $0.page, text: $0.text) }
        return id
    }

    /// Datelines of news reports: "本报讯", "某某网讯", "新京报快讯", "长江商报消息". The "X月X日电" of an agency is
    /// found apart (`datelined`).
    static let newsDatelines = ["本报讯", "网讯", "快讯", "报消息", "日报讯", "晚报讯"].map { Array($0.utf8) }
    /// A reporter is named "（记者 某某）", "新京报记者…", "本报记者…", or reports what they saw or heard ("记者从…了解到",
    /// "记者看到", "记者梳理发现"). A department's own text names 记者 in other ways (新闻记者证 in a press office's duties).
    static let reporter = Array("记者".utf8)
    static let reporterBefore: [UInt32] = "报社网台本（(".unicodeScalars.map(\.value)
    static let reporterAfter = ["从", "获悉", "看到", "了解", "梳理", "注意到", "采访", "发现", "查阅", "翻阅"].map { Array($0.utf8) }

    /// The first of the opening paragraphs that shows the document is a news report about a disclosure. On the
    /// paragraphs' bytes: it runs on every document.
    static func newsLine(_ paragraphs: [Paragraph]) -> Paragraph? {
        // The words are compared without whitespace ("本 报 讯" in a letter-spaced PDF line).
        paragraphs.prefix(20).first { p in p.text.withBytes(datelined) || p.text.removingWhitespace.withBytes(namesNews) }
    }

    /// A news dateline, or a reporter (see `reporter`), in text without whitespace.
    static func namesNews(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if newsDatelines.contains(where: { TextSearch.find(t, $0) != nil }) { return true }
        var from = 0
        while from < t.count, let hit = TextSearch.find(UnsafeBufferPointer(rebasing: t[from...]), reporter) {
            let at = from + hit
            if at > 0, reporterBefore.contains(UTF8Text.scalar(t, at: UTF8Text.scalarStart(t, before: at))) { return true }
            let after = at + reporter.count
            if reporterAfter.contains(where: { w in w.withUnsafeBufferPointer { TextSearch.equal(t, after, $0) } }) { return true }
            from = after
        }
        return false
    }

    static let dayDian = Array("日电".utf8), month = Array("月".utf8)
    static let datelineFollowers = ["(", "（", "—", "-"].map { Array($0.utf8) }

    /// An agency's dateline opening a paragraph: "中新网7月18日电 …", "新华社北京3月5日电（记者…）" — within its first 20
    /// characters a month, a day, 电, then a space or a bracket (not "3月15日电费", a date before an electricity bill).
    static func datelined(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = UTF8Text.trimmed(b, 0, b.count).lowerBound
        let window = UnsafeBufferPointer(rebasing: b[start..<min(b.count, start + 20 * 4 + dayDian.count)])
        guard let hit = TextSearch.find(window, dayDian) else { return false }
        let at = start + hit
        guard UTF8Text.scalarCount(b, start, at) <= 20 else { return false }
        var digits = at
        while digits > start, UTF8Text.isDigit(b[digits - 1]) { digits -= 1 }
        guard (1...2).contains(at - digits), month.withUnsafeBufferPointer({ TextSearch.equal(b, digits - $0.count, $0) }) else { return false }
        let next = at + dayDian.count
        guard next < b.count else { return false }
        return UTF8Text.spaceLength(b, at: next) > 0 || datelineFollowers.contains { f in f.withUnsafeBufferPointer { TextSearch.equal(b, next, $0) } }
    }

    /// A web page's navigation trail ("当前位置：首页>政务公开>2021年预算"): it names the site's sections.
    static func isBreadcrumb(_ t: String) -> Bool {
        ["当前位置", "您的位置", "现在的位置", "所在位置"].contains { t.includes($0) }
            || arrowBytes(t) >= 2 && t.filter({ $0 == ">" || $0 == "›" || $0 == "»" }).count >= 2
    }

    /// How often the bytes of ">", "›" (E2 80 BA) or "»" (C2 BB) occur: at least as often as those Characters
    /// (a Character with a mark on it holds the bytes too), so fewer than two rules the Characters out.
    static func arrowBytes(_ t: String) -> Int {
        t.withBytes { b in
            var n = 0
            for i in b.indices {
                switch b[i] {
                case 0x3E: n += 1
                case 0xBB where i >= 1 && b[i - 1] == 0xC2: n += 1
                case 0xBA where i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80: n += 1
                default: break
                }
            }
            return n
        }
    }

    /// An attachment's file name ("…支出决算表.xls"): it names a table, not the disclosure.
    static func isFileName(_ t: String) -> Bool {
        // No "." Character without its byte: most texts are passed over after one memchr.
        guard t.withBytes({ b in b.baseAddress.map { memchr($0, 0x2E, b.count) != nil } ?? false }),
              let dot = t.lastIndex(of: ".") else { return false }
        return ["xls", "xlsx", "doc", "docx", "pdf", "wps", "et", "zip", "rar"].contains(t[t.index(after: dot)...].lowercased())
    }

    // MARK: years

    /// The years in `s` that can be the disclosure's ("2021年", "2021年度"), with where they start. Not a year
    /// compared with ("比2020年", "较2020年度决算数", "与上年"), cited in a regulation's name ("《…(2022年修订)》"),
    /// or in a date ("2017年3月15日").
    static func disclosureYears(_ s: String) -> [(Int, String.Index)] {
        s.withBytes { b in
            var out: [(Int, String.Index)] = []
            var openTitle = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                // 《 E3 80 8A, 》 E3 80 8B.
                if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80 {
                    if b[i + 2] == 0x8A { openTitle += 1 } else if b[i + 2] == 0x8B { openTitle = max(0, openTitle - 1) }
                }
                guard let y = FigureLabels.year(b, at: i), i == 0 || !UTF8Text.isDigit(b[i - 1]) else {
                    i += UTF8Text.scalarLength(lead: c)
                    continue
                }
                // Two characters before, four after the 年.
                var before = i
                for _ in 0..<2 where before > 0 { before = UTF8Text.scalarStart(b, before: before) }
                let afterStart = i + 7
                var afterEnd = afterStart
                for _ in 0..<4 where afterEnd < b.count { afterEnd += UTF8Text.scalarLength(lead: b[afterEnd]) }
                afterEnd = min(afterEnd, b.count)
                func endsBefore(_ w: String) -> Bool { w.withBytes { $0.count <= i - before && TextSearch.equal(b, i - $0.count, $0) } }
                func startsAfter(_ w: String) -> Bool { w.withBytes { $0.count <= afterEnd - afterStart && TextSearch.equal(b, afterStart, $0) } }
                let compared = ["比", "较", "与", "同", "对比", "截至", "截止"].contains(where: endsBefore)
                let after = UnsafeBufferPointer(rebasing: b[afterStart..<afterEnd])
                let date = afterStart < afterEnd && UTF8Text.isDigit(b[afterStart])
                    && (["月", "日"].contains { w in w.withBytes { TextSearch.find(after, $0) != nil } })
                // A revision, or part of a year ("2016年上半年预算执行情况"): a disclosure covers a whole year.
                let revision = ["修订", "版", "上半年", "下半年", "前三季度"].contains(where: startsAfter)
                if !compared && !date && !revision && openTitle == 0 {
                    out.append((y, s.utf8.index(s.utf8.startIndex, offsetBy: i)))
                }
                i += 7
            }
            return out
        }
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    // MARK: kind

    /// Final accounts when the title says 决算 or compares with the budget; a budget when it says 预算 in
    /// another sense; nil otherwise.
    static func kind(inTitle t: String) -> DisclosureKind? {
        let (final, budget) = kindWords(t)
        return final > 0 ? .finalAccounts : budget > 0 ? .budget : nil
    }

    /// The kind from the words of the whole text, for documents whose title does not say.
    static func kind(fromWording doc: TextDocument) -> DisclosureKind {
        let text = doc.lines.joined()
        let (final, budget) = kindWords(text)
        if final == 0 && budget == 0 && (text.includes("开支") || text.includes("实际支出")) { return .finalAccounts }
        return final > budget ? .finalAccounts : .budget
    }

    /// How often `text` speaks of final accounts (决算, and comparisons with the budget: "比预算数减少", "完成预算的")
    /// and of a budget (预算 otherwise). Names of funds and laws ("一般公共预算", "《预算法》", "预算管理") say neither.
    static func kindWords(_ t: String) -> (final: Int, budget: Int) {
        var text = t
        for neutral in ["一般公共预算", "预算法", "预算管理", "预决算", "预算单位"] where text.includes(neutral) {
            text = text.replacingAll(neutral, with: "")
        }
        var final = occurrences("决算", in: text)
        var budget = occurrences("预算", in: text)
        for actual in ["比预算", "较预算", "完成预算", "比年初预算", "较年初预算", "完成年初预算", "预算执行"] {
            let n = occurrences(actual, in: text)
            final += n
            budget -= n
        }
        return (final, budget)
    }

    static func occurrences(_ word: String, in text: String) -> Int {
        var n = 0
        var rest = Substring(text)
        while let r = rest.byteRange(of: word) { n += 1; rest = rest[r.upperBound...] }
        return n
    }

    // MARK: names

    /// A title's natural end: "…情况说明", "…公开", "…统计表".
    static func endsTitle(_ t: String) -> Bool {
        ["说明", "公开", "表", "报告", "公告", "情况"].contains { t.hasSuffix($0) }
    }

    /// A short line with no sentence punctuation and no year of its own (not even a date's: a cover's date ends
    /// its title) goes on a title; a numbered heading or a contents page's heading (目录) begins the body, and a
    /// line without a Chinese character (a table's rules "| |", a bullet and a date) is no title's.
    static func continuesTitle(_ t: String) -> Bool {
        t.count <= 30 && !["。", "，", "：", ":", ";", "；"].contains(where: { t.includes($0) }) && FigureLabels.years(in: t).isEmpty
            && !TikaTextReader.looksLikeHeading(t) && t.removingWhitespace != "目录" && t.unicodeScalars.contains(where: TextNormalization.isHan)
    }

    /// The lines above the title line (at most two) that begin the title: the department's name, or the first
    /// part of a title broken before its year ("某局财政拨款“三公”经费" / "2017年度决算情况说明"). Not a publisher's
    /// line under "来源：", a navigation trail, or a line that ends a title of its own.
    static func lead(_ paragraphs: [Paragraph], before i: Int) -> String {
        var lead = ""
        for k in stride(from: i - 1, through: max(0, i - 2), by: -1) {
            let above = paragraphs[k].text
            guard continuesTitle(above), !endsTitle(above), !isBreadcrumb(above),
                  !(k > 0 && isPublisherLabel(paragraphs[k - 1].text)) else { break }
            lead = above + lead
        }
        return lead
    }

    /// The department named in a title or a sentence: right before a year ("X局2016年度…", "现将X局2021年…"),
    /// between a year and the topic ("2015年X局部门“三公”经费…", "2019年X局财政拨款…"), or before the topic
    /// ("X局财政拨款“三公”经费预算2014年…", "关于X厅财政拨款…").
    static func name(in text: String, body: Bool = false) -> String? {
        for (_, yi) in disclosureYears(text) {
            var after = text[yi...].drop(while: { $0.isNumber })
            for unit in ["年度", "年"] where after.hasPrefix(unit) { after = after.dropFirst(unit.count); break }
            // "财政厅晒出2016年省级“三公”经费决算": a whole level's figures, published by, not of, the name before.
            if aggregateScopes.contains(where: { after.hasPrefix($0) }) { continue }
            var before = clauseTail(String(text[..<yi]))
            // "X公布的2015年部门预算", "X晒出2015年…": news wording between the name and the year.
            for verb in ["公布的", "公开的", "发布的", "公布了", "公开了", "公布", "公开", "晒出", "发布"] where before.hasSuffix(verb) {
                before = String(before.dropLast(verb.count))
                break
            }
            if let n = cleanName(before) ?? cleanName(beforeTopic(before)) { return n }
            if let n = cleanName(beforeTopic(String(after))) { return n }
        }
        // In the body only a name followed by what a title says ("X局财政拨款…") counts: "国务院关于…" cites.
        let head = clauseTail(text, fromStart: true)
        let cut = beforeTopic(head)
        if body, !strongTopicWords.contains(where: { head.dropFirst(cut.count).hasPrefix($0) }) { return nil }
        return cleanName(cut)
    }

    /// What ends a clause for `clauseTail`: "，。；：:,;、 ".
    static let clauseMarks = Set("，。；：:,;、 ".unicodeScalars.map(\.value))

    static let aggregateScopes = ["省级", "市级", "县级", "区级", "全省", "全市", "全县", "全区", "省本级", "市本级", "县本级", "区本级"]

    static let strongTopicWords = ["财政拨款", "一般公共预算", "“三公", "\"三公", "三公", "部门预算", "部门决算", "单位预算", "单位决算"]

    /// The clause that ends `s`: from the last sentence or list mark (or 现将 / 关于) on.
    static func clauseTail(_ s: String, fromStart: Bool = false) -> String {
        var t = Substring(s.trimmingSpaces())
        if !fromStart, let i = t.unicodeScalars.lastIndex(where: { clauseMarks.contains($0.value) }) {
            t = t[t.unicodeScalars.index(after: i)...]
        }
        for lead in ["现将", "关于"] {
            if let r = t.byteRange(of: lead), fromStart ? t.distance(from: t.startIndex, to: r.lowerBound) <= 2 : true { t = t[r.upperBound...] }
        }
        return String(t)
    }

    /// The text before the first topic word.
    static func beforeTopic(_ s: String) -> String {
        var end = s.endIndex
        for w in topicWords { if let r = s.byteRange(of: w), r.lowerBound < end { end = r.lowerBound } }
        return String(s[..<end])
    }

    /// `s` trimmed of list numbering, bullets and a leading verb ("纳入X局…", "按照X…"), when it reads as a
    /// department's name.
    static func cleanName(_ s: String) -> String? {
        var t = Substring(s.trimmingSpaces())
        if let r = t.byteRange(of: "、"), t.distance(from: t.startIndex, to: r.lowerBound) <= 3 { t = t[r.upperBound...] }
        t = t.drop(while: { !($0.unicodeScalars.first.map(TextNormalization.isHan) ?? false) })
        for verb in ["按照", "根据", "依据", "纳入", "现将", "关于", "对于"] where t.startsWithBytes(verb) { t = Substring(t.utf8.dropFirst(verb.utf8.count)) }
        let name = String(t).trimmingSpaces()
        return looksLikeName(name) ? name : nil
    }

    static func looksLikeName(_ s: String) -> Bool {
        let t = s.trimmingSpaces()
        let length = t.characterCount(atMost: 40)
        guard length >= 2, length <= 40, !t.utf8.contains(where: UTF8Text.isDigit),
              !["。", "，", ",", "、", "《", "“", "”", "预算", "决算", "经费", "支出", "收入", "情况", "说明", "公开", "当前位置", ">", ":", "：", " ", "来源", "发布", "网站"].contains(where: { t.includes($0) }),
              let first = t.first, !"我本该各全其此".contains(first) else { return false }
        // A name may end in a qualifier in brackets: "X局（本级）", "X局(汇总)", "X局（乡镇学校）".
        var core = Substring(t)
        if let last = core.last, last == "）" || last == ")", let open = core.lastIndex(where: { $0 == "（" || $0 == "(" }),
           core.distance(from: open, to: core.endIndex) <= 12 {
            core = core[..<open]
        }
        // More than a place word before the ending: "外交部", "X局", but not "区政府", "国办" or "政府" alone.
        return nameEndings.contains { core.endsWithBytes($0) && core.characterCount >= $0.characterCount + 2 }
    }

    /// "预算主管部门：X", "单位名称：X    单位：万元".
    static func labelledName(_ paragraphs: [Paragraph]) -> String? {
        for p in paragraphs.prefix(60) {
            for label in nameLabels {
                guard let r = p.text.byteRange(of: label) else { continue }
                var rest = p.text[r.upperBound...].drop(while: { $0 == " " })
                guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
                rest = rest.dropFirst().drop(while: { $0 == " " })
                var value = String(rest)
                if let gap = value.byteRange(of: "  ") { value = String(value[..<gap.lowerBound]) }
                for stop in ["单位：", "单位:", "金额单位"] { if let s = value.byteRange(of: stop) { value = String(value[..<s.lowerBound]) } }
                if let n = cleanName(value) { return n }
            }
        }
        return nil
    }

    /// "一、X概况", "第一部分 X概况".
    static func headingName(_ paragraphs: [Paragraph]) -> String? {
        for p in paragraphs.prefix(60) where p.text.count <= 40 && p.text.hasSuffix("概况") {
            var t = Substring(p.text.dropLast(2))
            if t.hasPrefix("第"), let r = t.byteRange(of: "部分") { t = t[r.upperBound...] }
            t = t.drop(while: { " :：".contains($0) })
            if let n = cleanName(String(t)) { return n }
        }
        return nil
    }

    /// "X小学是一所…", "主要负责：X中心是由政府举办的…": the unit described at the start of a clause.
    static func describedName(_ paragraphs: [Paragraph]) -> String? {
        for p in paragraphs.prefix(30) {
            guard let r = p.text.byteRange(of: "是") else { continue }
            if let n = cleanName(clauseTail(String(p.text[..<r.lowerBound]))) { return n }
        }
        return nil
    }

    /// A department named by the file ("某县教育局2021年部门预算.pdf", "某县教育局.docx") or, failing that, by
    /// its folder ("某县教育局/2021.txt").
    static func name(fromPath path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        var stem = url.lastPathComponent
        if let dot = stem.firstIndex(of: ".") { stem = String(stem[..<dot]) }
        for candidate in [stem, url.deletingLastPathComponent().lastPathComponent] {
            let t = TextNormalization.repair(TextNormalization.normalize(candidate))
            if let n = cleanName(t) ?? name(in: t) { return n }
        }
        return nil
    }

    /// A line that is only a name: on the cover (not a publisher's line under "发布机构"), or signing the text
    /// off above its date at the end.
    static func standaloneName(_ paragraphs: [Paragraph], doc: TextDocument) -> String? {
        for (i, p) in paragraphs.prefix(20).enumerated() {
            guard let n = cleanName(p.text) else { continue }
            if i > 0 && isPublisherLabel(paragraphs[i - 1].text) { continue }
            return n
        }
        let closing = doc.blocks.suffix(8).compactMap { b -> Paragraph? in if case .paragraph(let p) = b { return p } else { return nil } }
        for (i, p) in closing.enumerated().reversed() {
            let next = i + 1 < closing.count ? closing[i + 1].text : ""
            guard next.first.map(isDigit) == true, let n = cleanName(p.text) else { continue }
            return n
        }
        return nil
    }

    /// A page's metadata label ("发布机构", "来源：") above a name: the name is the publisher's.
    static func isPublisherLabel(_ t: String) -> Bool {
        ["发布", "来源", "机构", ":", "："].contains { t.includes($0) }
    }

    static func normalize(_ name: String) -> String { DepartmentNames.normalize(name) }

    /// "中国共产党廊坊市广阳区委员会组织部" → "廊坊市广阳区"; a province named in the text is put in front.
    static func region(of name: String, document: TextDocument) -> String? {
        var parts = DepartmentNames.split(name).regions
        guard !parts.isEmpty else { return nil }
        if !provinces.contains(where: { parts[0] == $0 }) {
            // The province is rarely in the name but usually in the text ("《河北省省级预算公开办法》").
            // Counted by the province's index in `provinces` (its index in `provinceWords`), without hashing names.
            var counts = [Int](repeating: 0, count: provinces.count)
            for i in document.lines.indices.prefix(200) {
                document.lines.withBytes(ofLine: i) { b in provinceWords.forEach(in: b) { counts[$0] += 1 } }
            }
            // The most named; of those named as often, the first by its bytes (Unicode order, as String's `<`).
            var best: Int?
            for i in counts.indices where counts[i] > 0 {
                if let b = best, counts[i] < counts[b] || (counts[i] == counts[b] && !provinces[i].precedesByBytes(provinces[b])) { continue }
                best = i
            }
            if let best { parts.insert(provinces[best], at: 0) }
        }
        return parts.joined()
    }

    /// A department code in brackets right before the name: "[263001]中国共产党…".
    static func code(before name: String, in doc: TextDocument) -> String? {
        let length = name.utf8.count
        let closers = codeClosers
        for i in doc.lines.indices(containing: name) {
            // On the line's bytes first: most lines that name the department have no bracket right before it, and
            // those are passed over without a String of the line.
            let closed = name.withBytes { n in
                doc.lines.withBytes(ofLine: i) { b -> Bool in
                    guard let at = TextSearch.find(b, n) else { return false }
                    let head = UTF8Text.trimmed(b, 0, at)
                    return !head.isEmpty && closers.contains(UTF8Text.scalar(b, at: UTF8Text.scalarStart(b, before: head.upperBound)))
                }
            }
            guard closed else { continue }
            let line = doc.lines[i]
            guard line.utf8.count >= length, let r = line.byteRange(of: name) else { continue }
            let head = line[..<r.lowerBound].trimmingSpaces()
            guard let close = head.last, "]】)）".contains(close) else { continue }
            // The ASCII digits right before the bracket, read on the bytes: a digit with a mark on it is not a
            // Character of ASCII, and its bytes end in a byte that is no digit either.
            let inner = head.dropLast().utf8.reversed().prefix(while: UTF8Text.isDigit)
            if inner.count >= 3 { return String(decoding: inner.reversed(), as: UTF8.self) }
        }
        return nil
    }

    /// The scalars of "]】)）", whose Characters close a code.
    static let codeClosers = Set("]】)）".unicodeScalars.map(\.value))
}
