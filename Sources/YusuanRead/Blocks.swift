/// A paragraph: one line of text (a document paragraph), with its line number.
public struct Paragraph: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var page: Int?

    public init(text: String, line: Int, page: Int? = nil) {
        self.text = text
        self.line = line
        self.page = page
    }
}

/// A table cell. Its text may span several lines (continuation lines in extracted text).
public struct TableCell: Sendable, Equatable {
    public let lines: [String]
    public let line: Int
    /// The cell's text with wrapped lines joined. A line break is kept only where the next line
    /// starts a list item ("2.…", "（二）…"); elsewhere it is word wrap and is dropped.
    public let text: String
    /// The text with all whitespace removed: for matching labels such as "合  计" or "计量  单位".
    public let compact: String

    public init(lines: [String], line: Int) {
        self.lines = lines
        self.line = line
        // Computed once: extraction asks for these many times.
        text = TableCell.join(lines)
        // Only text with a space-like byte (ASCII whitespace, or the lead bytes of NBSP and the Unicode spaces) needs filtering.
        if text.utf8.contains(where: { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 }) {
            compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
        } else {
            compact = text
        }
    }

    static func join(_ lines: [String]) -> String {
        var out = ""
        for (i, raw) in lines.enumerated() {
            let l = raw.trimmingSpaces()
            if l.isEmpty { continue }
            if i > 0 && !out.isEmpty {
                if TableCell.startsListItem(l) { out += "\n" }
                else if let last = out.last, last.isASCII, last.isLetter || last.isNumber, let first = l.first, first.isASCII, first.isLetter || first.isNumber {
                    out += " "
                }
            }
            out += l
        }
        return out
    }

    public var isEmpty: Bool { compact.isEmpty }

    static func startsListItem(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars.prefix(4))
        guard let first = scalars.first else { return false }
        if first == "（" || first == "(" { return true }
        if first.properties.numericType != nil || ("0"..."9").contains(first) {
            if scalars.count > 1, [".", "、", "．", ")", "）"].contains(scalars[1]) { return true }
            if scalars.count > 2, ("0"..."9").contains(scalars[1]), [".", "、", "．"].contains(scalars[2]) { return true }
        }
        return false
    }
}

public struct TableRow: Sendable, Equatable {
    public var cells: [TableCell]
    public var line: Int

    public init(cells: [TableCell], line: Int) {
        self.cells = cells
        self.line = line
    }
}

public struct Table: Sendable, Equatable {
    public var rows: [TableRow]
    public var line: Int
    public var page: Int?

    public init(rows: [TableRow], line: Int, page: Int? = nil) {
        self.rows = rows
        self.line = line
        self.page = page
    }
}

public enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case table(Table)

    public var line: Int {
        switch self {
        case .paragraph(let p): return p.line
        case .table(let t): return t.line
        }
    }
}

/// What every reader produces: the normalised lines (1-based numbering: `lines[0]` is line 1) and blocks.
public struct TextDocument: Sendable, Equatable {
    public var lines: [String]
    public var blocks: [Block]
    public var encoding: String
    /// Pages per line for paged formats (PDF); nil otherwise.
    public var pages: [Int]?
    /// Problems the reader worked around (damaged bytes …); they end up in the Disclosure's warnings.
    public var warnings: [String]
    /// The lines as written, when the reader changed them beyond clean-up (traditional characters converted
    /// to simplified): provenance quotes these.
    public var originalLines: [String]?
    /// The text was read from page images by OCR, not from the file's text.
    public var ocr = false

    public init(lines: [String], blocks: [Block], encoding: String, pages: [Int]? = nil, warnings: [String] = []) {
        self.lines = lines
        self.blocks = blocks
        self.encoding = encoding
        self.pages = pages
        self.warnings = warnings
    }

    /// The text of a 1-based line, or "" when out of range.
    public func line(_ n: Int) -> String { n >= 1 && n <= lines.count ? lines[n - 1] : "" }

    /// The line as the document wrote it (before traditional → simplified conversion).
    public func originalLine(_ n: Int) -> String {
        guard let o = originalLines else { return line(n) }
        return n >= 1 && n <= o.count ? o[n - 1] : ""
    }
}

extension StringProtocol {
    /// Trims ASCII and Unicode whitespace at both ends (no Foundation needed).
    public func trimmingSpaces() -> String {
        let s = self.unicodeScalars
        guard let a = s.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let b = s.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(s[a...b]))
    }
}
