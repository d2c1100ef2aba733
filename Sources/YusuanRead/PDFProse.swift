/// One line of PDF prose: its text, where it is, whether it runs to the right edge of the text column (so
/// that the text wrapped there), and how many blank lines stand before it.
struct ProseLine {
    var text: String
    var line: Int
    var page: Int
    var full: Bool
    var blanksBefore: Int
    /// From geometry: whether the line starts indented (a paragraph's first line), and its distance from the line
    /// above in heights. Layout text has neither.
    var indented = true
    var gap: Double?
}

/// Joins PDF lines into paragraphs as a reader would. A line goes on into the next unless it ends a sentence,
/// the next is a numbered heading, or it is a title (it stops short of the right edge and has no punctuation
/// of running text, or it is a numbered heading that stops short). One blank line between lines does not end
/// a paragraph: exporters print one between every line of 1.5-spaced text. Words and units split at the line
/// end ("人⏎员经费", "0⏎万元") join because nothing is put between the lines.
struct ProseBuilder {
    private var para: (text: String, line: Int, page: Int, lines: Int, lastFull: Bool, lastText: String, lastGap: Double?)?

    mutating func add(_ l: ProseLine) -> [Block] {
        if var p = para, l.blanksBefore <= 1, !Self.isHeading(l.text),
           !Self.endsSentence(p.text, full: p.lastFull) || Self.sentenceGoesOn(p.lines, p.lastFull, p.lastGap, l),
           p.lastFull || !Self.standsAlone(p.lastText, heading: p.lines == 1 && Self.isHeading(p.text)) {
            p.text += Self.joiner(p.text, l.text) + l.text
            p.lines += 1
            p.lastFull = l.full
            p.lastText = l.text
            p.lastGap = l.gap
            para = p
            return []
        }
        let out = flush()
        para = (l.text, l.line, l.page, 1, l.full, l.text, nil)
        return out
    }

    /// A sentence that ends at the margin is followed by the paragraph's next sentence when the next line is not
    /// indented and sits as close as the paragraph's lines do (a new paragraph is indented or set apart).
    static func sentenceGoesOn(_ lines: Int, _ lastFull: Bool, _ lastGap: Double?, _ l: ProseLine) -> Bool {
        guard lines >= 2, lastFull, !l.indented, let g = l.gap, let before = lastGap else { return false }
        return g <= before + 0.1
    }

    mutating func flush() -> [Block] {
        defer { para = nil }
        guard let p = para else { return [] }
        return [.paragraph(Paragraph(text: p.text, line: p.line, page: p.page))]
    }

    /// A full stop ends a paragraph's sentence; a semicolon or colon only where the line stops short (a full
    /// line ending in "；" goes on with the next clause).
    static func endsSentence(_ s: String, full: Bool) -> Bool {
        guard let last = s.last else { return true }
        return "。！？!?".contains(last) || (!full && "；：;:".contains(last))
    }

    /// A line that stopped short: a title or heading stands alone; a line of running text (it has a comma or
    /// an enumeration mark) goes on.
    static func standsAlone(_ line: String, heading: Bool) -> Bool {
        heading || !line.contains(where: { "，,、；（(".contains($0) })
    }

    /// Numbered headings: "一、", "（一）", "1.", "1、", "第一部分".
    static func isHeading(_ line: String) -> Bool {
        let s = line.trimmingSpaces()
        if TikaTextReader.looksLikeHeading(s) { return true }
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        if s.hasPrefix("（") || s.hasPrefix("(") {
            let body = s.dropFirst().prefix { numerals.contains($0) || ($0.isASCII && $0.isNumber) }
            if !body.isEmpty, let close = s.dropFirst(1 + body.count).first, close == "）" || close == ")" { return true }
        }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let mark = s.dropFirst(digits.count).first, mark == "、" || mark == "．" {
            return true
        }
        // "1." but not "1.5万元": the dot is followed by no digit.
        if !digits.isEmpty, digits.count <= 2, s.dropFirst(digits.count).first == ".",
           let next = s.dropFirst(digits.count + 1).first, !(next.isASCII && next.isNumber) { return true }
        return false
    }

    /// Nothing between Chinese text; a space between two Latin words or numbers.
    static func joiner(_ a: String, _ b: String) -> String {
        guard let x = a.last, let y = b.first else { return "" }
        return x.isASCII && (x.isLetter) && y.isASCII && (y.isLetter) ? " " : ""
    }
}
