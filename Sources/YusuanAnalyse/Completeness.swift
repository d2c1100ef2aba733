import Foundation
import YusuanCollect
import YusuanModel

/// What 财预〔2016〕143号 (地方预决算公开操作规程) requires a departmental disclosure to contain,
/// and how much of it a document has. The items and their names are data (`CompletenessItems.swift`).
public enum Completeness {
    public struct Score: Sendable, Equatable {
        public var present: [String]
        public var missing: [String]
        /// The document is a statement of its 三公 expenses alone, scored against those items only.
        public var threePublicOnly = false
        public var total: Int { present.count + missing.count }
    }

    public static func score(_ d: Disclosure) -> Score {
        let titles = Titles(body(d.outline, department: d.identity.department).map { compact($0.text) })
        var present: [String] = [], missing: [String] = []
        let alone = isThreePublicStatement(line: d.identity.provenance?.text ?? "", title: d.identity.title)
        for item in alone ? threePublicItems : items(for: d.identity.kind) {
            if shows(item, titles: titles, d) { present.append(item.name) } else { missing.append(item.name) }
        }
        return Score(present: present, missing: missing, threePublicOnly: alone)
    }

    /// Whether a document's title makes it a statement of its 三公 expenses alone ("某局2021年“三公”经费预算情况说明",
    /// "2019年部门预算“三公”经费公开说明"), published apart from the departmental disclosure: then the rest of
    /// 143号 is not missing from it. A title naming the whole disclosure as well ("部门预算及“三公”经费") is not one.
    /// `line` is the line the year was read from, `title` the whole title when it is set over several lines
    /// ("某法院" / "2017年度一般公共预算财政拨款" / "“三公”经费决算情况说明"): 三公 may be said on another line.
    static func isThreePublicStatement(line: String, title: String? = nil) -> Bool {
        // A long line is a sentence, not a title; the lines a title goes on over are short (IdentityReader).
        let line = withoutRules(line)
        guard compact(line).count <= 60 else { return false }
        let t = compact(title.map(withoutRules) ?? line)
        guard let three = t.range(of: "三公") else { return false }
        for whole in ["部门预算", "部门决算", "单位预算", "单位决算", "收支预算", "收支决算", "部门收支", "预决算"] {
            guard let r = t.range(of: whole, options: .backwards) else { continue }
            if r.lowerBound > three.lowerBound { return false }
            let between = t[r.upperBound..<three.lowerBound]
            if ["及", "和", "与", "、", "暨", "以及"].contains(where: { between.contains($0) }) { return false }
        }
        return true
    }

    /// A title without the rules of a table printed beside it ("…情况说明 | ||||||" in a text dump of a Word page):
    /// they are no words, and they made a short title look like a long line.
    static func withoutRules(_ s: String) -> String {
        func isRule(_ u: Unicode.Scalar) -> Bool { u == "|" || u == "｜" || (0x2500...0x257F).contains(u.value) }
        guard s.unicodeScalars.contains(where: isRule) else { return s }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: s.unicodeScalars.filter { !isRule($0) })
        return String(kept)
    }

    static func shows(_ item: Item, titles: Titles, _ d: Disclosure) -> Bool {
        // The cheap tests first: what the document's content or figures show needs no search of its titles.
        let byContent = item.content.contains { c in
            switch c {
            case .procurement: return !d.procurement.isEmpty
            case .assets: return !d.assets.isEmpty
            case .performance: return !d.performanceTables.isEmpty
            }
        }
        let byFigures = byContent || item.figures.contains { group in group.allSatisfy { k in has(k, d.figures) } }
        return byFigures || item.titles.contains { pattern in
            titles.any(holding: pattern.split(separator: "…").first ?? "") { t in
                matches(t, pattern) && !item.excluding.contains { t.includes($0) }
            }
        }
    }

    /// A document's titles, joined by line breaks (a compacted title holds none), so that a pattern is looked
    /// for once in all of them rather than once in each: a document has dozens of titles and 143号 dozens of
    /// patterns.
    struct Titles {
        let titles: [String]
        let joined: [UInt8]
        /// Where each title starts in `joined`, ascending.
        let starts: [Int]

        init(_ titles: [String]) {
            self.titles = titles
            var joined: [UInt8] = [], starts: [Int] = []
            for t in titles {
                starts.append(joined.count)
                joined += t.utf8
                joined.append(0x0A)
            }
            self.joined = joined
            self.starts = starts
        }

        /// Whether a title holding `segment` passes `test`; each such title is tested once, in order.
        func any(holding segment: Substring, _ test: (String) -> Bool) -> Bool {
            let needle = Array(segment.utf8)
            var from = 0
            while from < joined.count {
                let hit: Int? = joined.withUnsafeBufferPointer { all in
                    needle.withUnsafeBufferPointer { TextSearch.find(UnsafeBufferPointer(rebasing: all[from...]), $0) }
                }
                guard let offset = hit.map({ $0 + from }) ?? (needle.isEmpty ? from : nil) else { return false }
                // The title the hit is in: the last that starts at or before it.
                var lo = 0, hi = starts.count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
                }
                if test(titles[lo]) { return true }
                from = lo + 1 < starts.count ? starts[lo + 1] : joined.count
            }
            return false
        }
    }

    /// A figure by its key, or any figure under a prefix ending in "*" ("three_public.*"); compared as bytes.
    /// By position in the table: no figure is built to be looked at.
    static func has(_ key: String, _ figures: FigureTable) -> Bool {
        guard key.utf8.last == UInt8(ascii: "*") else { return FigureID.existing(key).flatMap(figures.index(of:)) != nil }
        let prefix = key.utf8.dropLast()
        return figures.keys.contains { $0.utf8.starts(with: prefix) }
    }

    /// Whether `text` holds the pattern's segments ("…" between them) in order.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard pattern.includes("…") else { return text.includes(pattern) }
        var rest = text[...]
        for segment in pattern.split(separator: "…") {
            guard let r = rest.byteRange(of: segment) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    static let ignored: Set<Character> = ["“", "”", "\"", "‘", "’", "'", "《", "》", "〈", "〉"]
    static let ignoredText = ignored.map { String($0) }
    static func compact(_ s: String) -> String {
        let t = s.removingWhitespace
        return ignoredText.contains { t.includes($0) } ? t.filter { !ignored.contains($0) } : t
    }

    // MARK: contents pages

    /// The outline without its contents pages: a table listed in a 目录 is not the table. A contents block
    /// runs from a 目录 heading to the first entry that repeats one of its entries (the body begins with what
    /// the contents listed), or to a gap of more than `contentsGap` lines (body text between two headings).
    static func body(_ outline: [OutlineEntry], department: String?) -> [OutlineEntry] {
        var out: [OutlineEntry] = []
        var i = 0
        while i < outline.count {
            let e = outline[i]
            i += 1
            guard compact(e.text) == "目录" else { out.append(e); continue }
            var listed: [String] = []
            var previousLine = e.line
            while i < outline.count {
                let next = outline[i]
                let name = contentsName(next.text, department: department)
                if next.line - previousLine > contentsGap || listed.contains(where: { repeats(name, $0) }) { break }
                if !name.isEmpty { listed.append(name) }
                previousLine = next.line
                i += 1
            }
        }
        return out
    }

    static let contentsGap = 3

    /// Two contents names are one when equal, or when one ends the other and is long enough to mean something
    /// (a body heading may add the department's name: "一、X局2020年三公经费支出预算表").
    static func repeats(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        return min(a.count, b.count) >= 4 && (a.hasSuffix(b) || b.hasSuffix(a))
    }

    static let leaders: Set<Character> = ["…", "⋯", ".", "．", "·", "-", "—", "_"]
    static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// An entry as a contents page and a body both write it: no numbering, dot leaders, page number or
    /// department name.
    static func contentsName(_ text: String, department: String?) -> String {
        var s = compact(text)
        if let department, !department.isEmpty { s = s.replacingAll(compact(department), with: "") }
        // Trailing page number and leaders.
        while let last = s.last, last.isASCII && last.isNumber || leaders.contains(last) { s.removeLast() }
        // Leading numbering: 第一部分, 一、, （一）, 1., 1、, 表1.
        if s.hasPrefix("第"), let r = s.byteRange(of: "部分"), s.distance(from: s.startIndex, to: r.lowerBound) <= 4 {
            s = String(s[r.upperBound...])
        }
        if s.hasPrefix("表") { s.removeFirst() }
        let opened = s.hasPrefix("（") || s.hasPrefix("(")
        if opened { s.removeFirst() }
        let number = s.prefix { numerals.contains($0) || $0.isASCII && $0.isNumber }
        if !number.isEmpty {
            let after = s.dropFirst(number.count)
            if let c = after.first, "、.．）):：".contains(c) { s = String(after.dropFirst()) }
        }
        while let first = s.first, leaders.contains(first) { s.removeFirst() }
        return s
    }

    static func finding(_ d: Disclosure, key: PanelKey) -> Finding {
        // A news report about a disclosure is not the disclosure: what it leaves out is not missing from it.
        if let news = d.identity.newsReport {
            return Checks.finding("completeness", key, "新闻报道，不是部门公开文件本身：不按143号文评分",
                                  "a news report on a disclosure, not the disclosure itself: not scored against 财预〔2016〕143号",
                                  [Evidence(path: d.source.path, line: news.line, page: news.page, text: news.text)], severity: .info)
        }
        let s = score(d)
        let pct = s.total == 0 ? 100 : s.present.count * 100 / s.total
        let scopeZh = s.threePublicOnly ? "“三公”经费说明，" : ""
        let scopeEn = s.threePublicOnly ? "a statement of 三公 expenses: " : ""
        let zh = scopeZh + (s.missing.isEmpty
            ? "公开内容完整：\(s.present.count)/\(s.total) 项"
            : "公开内容 \(s.present.count)/\(s.total) 项（\(pct)%），缺少：\(s.missing.joined(separator: "、"))")
        let en = scopeEn + (s.missing.isEmpty
            ? "complete: \(s.present.count)/\(s.total) required items"
            : "\(s.present.count)/\(s.total) required items (\(pct)%); missing: \(s.missing.joined(separator: ", "))")
        let line = d.identity.provenance?.line ?? 1
        return Checks.finding("completeness", key, zh, en,
                              [Evidence(path: d.source.path, line: line, text: d.identity.provenance?.text ?? "")],
                              severity: s.missing.isEmpty ? .info : .warning)
    }
}
