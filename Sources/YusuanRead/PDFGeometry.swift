/// Word boxes of a PDF as `pdftotext -bbox-layout` prints them, and the visual lines they form.
/// Coordinates are PDF points from the page's top left (y grows downwards), as pdftotext gives them.
public struct PDFWord: Sendable, Equatable {
    public var text: String
    public var x0, y0, x1, y1: Double

    public init(_ text: String, x0: Double, y0: Double, x1: Double, y1: Double) {
        self.text = text
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    var height: Double { max(y1 - y0, 0.1) }
    var centre: Double { (y0 + y1) / 2 }
}

public struct PDFPage: Sendable, Equatable {
    public var words: [PDFWord]
    /// Borders drawn on the page (of table rows and columns), when they could be read.
    public var rules: PDFPageRules
    public init(words: [PDFWord], rules: PDFPageRules = PDFPageRules()) { self.words = words; self.rules = rules }
}

/// A run of words on one visual line with no column gap inside: a cell's line in a table, the whole line in prose.
struct PDFSegment: Equatable {
    var text: String
    var x0, x1, top, bottom: Double
    /// Index of its visual line within the page.
    var line: Int
    var height: Double { max(bottom - top, 0.1) }
}

/// Words of one page whose vertical centres agree, left to right, split into segments at column gaps.
struct PDFVisualLine: Equatable {
    var segments: [PDFSegment]
    var top, bottom: Double
    /// The median word height: the line's font size, near enough.
    var height: Double
    var x0: Double { segments.first?.x0 ?? 0 }
    var x1: Double { segments.last?.x1 ?? 0 }
    var centre: Double { (top + bottom) / 2 }
    /// Segments apart by two spaces, so that the line reads like pdftotext's layout text.
    var text: String { segments.map(\.text).joined(separator: "  ") }
}

enum PDFGeometry {
    /// Pages of `pdftotext -bbox-layout` XHTML. The output is poppler's own regular markup: `<page …>` and
    /// `<word xMin=… yMin=… xMax=… yMax=…>text</word>` elements; anything else is ignored.
    static func pages(_ xhtml: String) -> [PDFPage] {
        var pages: [PDFPage] = []
        var words: [PDFWord] = []
        var open = false
        var s = Substring(xhtml)
        while let lt = s.firstIndex(of: "<") {
            s = s[lt...]
            if s.hasPrefix("<page") {
                if open { pages.append(PDFPage(words: words)) }
                words = []; open = true
                s = s.dropFirst(5)
            } else if s.hasPrefix("<word"), let gt = s.firstIndex(of: ">") {
                let tag = s[..<gt]
                let rest = s[s.index(after: gt)...]
                guard let end = rest.firstRange(of: "</word>") else { break }
                let text = unescape(rest[..<end.lowerBound])
                if let a = attribute(tag, "xMin"), let b = attribute(tag, "yMin"), let c = attribute(tag, "xMax"), let d = attribute(tag, "yMax"),
                   !text.isEmpty {
                    words.append(PDFWord(text, x0: a, y0: b, x1: c, y1: d))
                }
                s = rest[end.upperBound...]
            } else {
                s = s.dropFirst()
            }
        }
        if open { pages.append(PDFPage(words: words)) }
        return pages
    }

    private static func attribute(_ tag: Substring, _ name: String) -> Double? {
        guard let r = tag.firstRange(of: " \(name)=\"") else { return nil }
        let v = tag[r.upperBound...].prefix(while: { $0 != "\"" })
        guard let d = Double(v), d.isFinite else { return nil }
        return d
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else { out += "&"; rest = after.dropFirst(); continue }
            let name = after[after.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let num = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                if let num, let u = Unicode.Scalar(num) { out.unicodeScalars.append(u) } else { out += after[...semi] }
            }
            rest = after[after.index(after: semi)...]
        }
        out += rest
        return out
    }

    /// Visual lines of a page, top to bottom. A word joins a line when its centre lies within `lineTolerance`
    /// of a height from the line's centre; words of a line split into segments at gaps wider than a column gap.
    static func lines(_ page: PDFPage, settings: PDFTableSettings) -> [PDFVisualLine] {
        let words = page.words.sorted { ($0.centre, $0.x0) < ($1.centre, $1.x0) }
        var groups: [[PDFWord]] = []
        var centre = 0.0, height = 0.0
        for w in words {
            if var g = groups.last, abs(w.centre - centre) <= settings.lineTolerance * min(height, w.height) {
                g.append(w)
                groups[groups.count - 1] = g
                centre = g.map(\.centre).reduce(0, +) / Double(g.count)
            } else {
                groups.append([w])
                centre = w.centre
                height = w.height
            }
        }
        var out: [PDFVisualLine] = []
        for g in groups {
            let ws = g.sorted { $0.x0 < $1.x0 }
            let heights = ws.map(\.height).sorted()
            let h = heights[heights.count / 2]
            let gap = max(settings.minColumnGap, settings.columnGap * h)
            var segments: [PDFSegment] = []
            var text = ""
            var first = ws[0]
            var last = ws[0]
            var top = ws[0].y0, bottom = ws[0].y1
            func close() {
                segments.append(PDFSegment(text: text, x0: first.x0, x1: last.x1, top: top, bottom: bottom, line: out.count))
            }
            text = ws[0].text
            for w in ws.dropFirst() {
                let d = w.x0 - last.x1
                // A drawn column border between two words parts them however close they sit (narrow columns).
                // Between their centres: text overflowing a narrow cell still parts at the border it crosses.
                let border = page.rules.columns.contains { r in
                    r.x > (last.x0 + last.x1) / 2 && r.x < (w.x0 + w.x1) / 2 && r.top <= w.centre && r.bottom >= w.centre
                }
                if d > gap || border {
                    close()
                    text = w.text; first = w; top = w.y0; bottom = w.y1
                } else {
                    // A visible space between words, except between Chinese characters that justification spread out.
                    if d >= settings.spaceGap * h, !(isCJK(text.unicodeScalars.last) && isCJK(w.text.unicodeScalars.first)) { text += " " }
                    text += w.text
                    top = min(top, w.y0); bottom = max(bottom, w.y1)
                }
                last = w
            }
            close()
            out.append(PDFVisualLine(segments: segments, top: segments.map(\.top).min() ?? 0, bottom: segments.map(\.bottom).max() ?? 0, height: h))
        }
        return out
    }

    static func isCJK(_ u: Unicode.Scalar?) -> Bool {
        guard let v = u?.value else { return false }
        return (0x3000...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
    }
}
