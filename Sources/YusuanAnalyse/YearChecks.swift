import Foundation
import YusuanCollect
import YusuanModel

/// Years that do not belong: a heading or table title about another year's 预算/决算 (often a template
/// left from last year), or a 截至 date that is not the document's.
enum YearChecks {
    static let family = Rules.Family(
        rules: [
            Rules.Rule(id: "year.heading", severity: .warning, zh: "标题或表名中的预算/决算年度与文件年度不符",
                       en: "a heading or table title names another year's budget or final accounts"),
            Rules.Rule(id: "year.as_of", severity: .warning, zh: "“截至某年”的日期与文件年度不符",
                       en: "a \"截至\" (as of) date outside the document's year"),
        ],
        run: check)

    /// Words right before a year that make it a comparison or a span, not the year a heading is about.
    static let comparisonWords = ["比", "较", "与", "同", "对比", "上", "至", "截至", "截止", "到"]
    static let asOfWords = ["截至", "截止"]
    static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] {
        guard let year = d.identity.fiscalYear else { return [] }
        return headings(d, key: key, year: year) + asOf(d, key: key, year: year)
    }

    static func compact(_ s: String) -> String { s.removingWhitespace }

    /// Numbering that opens a heading: 第一部分 / 一、 / （一） / 1. / 1、 / 表1.
    static func isNumbered(_ text: String) -> Bool {
        let c = Array(text.prefix(8))
        func numeral(_ x: Character) -> Bool { chineseNumerals.contains(x) || x.isASCII && x.isNumber }
        guard let first = c.first else { return false }
        if first == "第" { return text.prefix(8).includes("部分") }
        if first == "（" || first == "(" {
            return c.count > 2 && numeral(c[1]) && c.dropFirst(2).prefix(3).contains { $0 == "）" || $0 == ")" }
        }
        if first == "表" { return c.count > 1 && c[1].isASCII && c[1].isNumber }
        guard numeral(first), let end = c.firstIndex(where: { !numeral($0) }) else { return false }
        return "、.．".contains(c[end])
    }

    /// A numbered heading or a table title, about a 预算 or 决算.
    static func isHeading(_ text: String) -> Bool {
        guard text.includes("预算") || text.includes("决算") else { return false }
        return isNumbered(text) || text.hasSuffix("表") || text.hasSuffix("表》")
    }

    /// Each "YYYY年" in `text` (19xx/20xx) with the text before it.
    static func yearMentions(_ text: String) -> [(year: Int, before: Substring)] {
        var out: [(Int, Substring)] = []
        var i = text.startIndex
        while let at = text[i...].firstIndex(of: "年") {
            let start = text.index(at, offsetBy: -4, limitedBy: text.startIndex) ?? text.startIndex
            let digits = text[start..<at]
            if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(digits), (1900..<2100).contains(y) {
                out.append((y, text[..<start]))
            }
            i = text.index(after: at)
        }
        return out
    }

    /// The years a heading is about: each YYYY年 not preceded by a comparison word.
    static func years(in text: String) -> [Int] {
        yearMentions(text).filter { m in !comparisonWords.contains { m.before.hasSuffix($0) } }.map(\.year)
    }

    /// The years of 截至 / 截止(到/于) dates.
    static func asOfYears(in text: String) -> [Int] {
        yearMentions(text).compactMap { m in
            var before = m.before
            if before.hasSuffix("到") || before.hasSuffix("于") { before = before.dropLast() }
            return asOfWords.contains { before.hasSuffix($0) } ? m.year : nil
        }
    }

    static func headings(_ d: Disclosure, key: PanelKey, year: Int) -> [Finding] {
        var out: [Finding] = []
        for e in d.outline {
            let text = compact(e.text)
            guard isHeading(text) else { continue }
            // A budget may report on last year's execution (2022年预算执行情况) under its own heading.
            let allowed = d.identity.kind == .budget && text.includes("执行") ? [year, year - 1] : [year]
            let others = years(in: text).filter { !allowed.contains($0) }
            guard let other = others.first else { continue }
            out.append(Checks.finding("year.heading", key,
                                      "\(year)年度的文件中，标题“\(e.text)”写的是\(other)年",
                                      "a \(year) document has a heading about \(other): \"\(e.text)\"",
                                      [Evidence(path: d.source.path, line: e.line, text: e.text)]))
        }
        return out
    }

    /// 截至 dates in the lines the document's headings and figures were read from. A budget states assets
    /// as of the end of the year before; final accounts as of the end of their own year.
    static func asOf(_ d: Disclosure, key: PanelKey, year: Int) -> [Finding] {
        var lines: [(line: Int, page: Int?, text: String)] = d.outline.map { ($0.line, nil, $0.text) }
        lines += (d.statements + d.figures.values).map { ($0.provenance.line, $0.provenance.page, $0.provenance.text) }
        let allowed = d.identity.kind == .budget ? [year - 1, year] : [year]
        var seen: Set<Int> = []
        var out: [Finding] = []
        // Every as-of word holds 截: a line without it needs no closer look.
        for l in lines.sorted(by: { $0.line < $1.line }) where !seen.contains(l.line) && l.text.includes("截") {
            let text = compact(l.text)
            guard let other = asOfYears(in: text).first(where: { !allowed.contains($0) }) else { continue }
            seen.insert(l.line)
            out.append(Checks.finding("year.as_of", key,
                                      "\(year)年度的文件中写有“截至\(other)年”",
                                      "a \(year) document gives a date as of \(other)",
                                      [Evidence(path: d.source.path, line: l.line, page: l.page, text: l.text)]))
        }
        return out
    }
}
