import YusuanModel
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
    /// The lines as written: the first, and the ones that continue it (most cells have none; no array is
    /// allocated for them).
    private var firstLine: String?
    private let moreLines: [String]
    public var lines: [String] { firstLine.map { [$0] + moreLines } ?? [] }
    public let line: Int
    /// The cell's text with wrapped lines joined. A line break is kept only where the next line
    /// starts a list item ("2.…", "（二）…"); elsewhere it is word wrap and is dropped.
    public let text: String
    /// The text with all whitespace removed: for matching labels such as "合  计" or "计量  单位".
    public let compact: String

    public init(lines: [String], line: Int) {
        if let first = lines.first {
            self.init(first: first, more: Array(lines.dropFirst()), line: line)
        } else {
            self.init(first: "", line: line)
            firstLine = nil
        }
    }

    /// A cell of `first` and the lines that continue it.
    public init(first: String, more: [String] = [], line: Int) {
        // Computed once: extraction asks for these many times. Worked out before any stored property is set, so
        // that the cell is put together once.
        let text: String, compact: String
        if more.isEmpty {
            // One look at the line's bytes: what trimming keeps, and whether anything in it is a space.
            (text, compact) = first.withBytes { b -> (String, String) in
                let t = UTF8Text.trimmed(b, 0, b.count)
                let text = t.count == b.count ? first : UTF8Text.string(b, t.lowerBound, t.upperBound)
                return (text, TableCell.mayHoldSpace(b, t) ? TableCell.compacted(b, t) ?? text : text)
            }
        } else {
            text = TableCell.join([first] + more)
            compact = TableCell.compacted(text)
        }
        firstLine = first
        moreLines = more
        self.line = line
        self.text = text
        self.compact = compact
    }

    /// A cell of the one line at `r` in `b` (valid UTF-8, as `init(first:line:)` with that line's String): its text
    /// is made from the trimmed bytes, and the line as written and the compact form only when they differ from it.
    init(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, line: Int) {
        let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
        let text = UTF8Text.string(b, t.lowerBound, t.upperBound)
        let compact = TableCell.mayHoldSpace(b, t) ? TableCell.compacted(b, t) ?? text : text
        firstLine = t.count == r.count ? text : UTF8Text.string(b, r.lowerBound, r.upperBound)
        moreLines = []
        self.line = line
        self.text = text
        self.compact = compact
    }

    /// A space-like byte (ASCII whitespace, or the lead bytes of NBSP and the Unicode spaces) in `r`; U+1680
    /// alone (lead E1) has never counted.
    static func mayHoldSpace(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var i = r.lowerBound
        // Eight bytes at a time while none is below 0x21 or one of the lead bytes.
        if let base = UnsafeRawPointer(b.baseAddress) {
            while i + 8 <= r.upperBound {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if UTF8Text.anyByte(below: 0x21, in: w) || UTF8Text.anyByte(0xC2, in: w) || UTF8Text.anyByte(0xE2, in: w)
                    || UTF8Text.anyByte(0xE3, in: w) { break }
                i += 8
            }
        }
        while i < r.upperBound {
            let c = b[i]
            if c <= 0x20 || c == 0xC2 || c == 0xE2 || c == 0xE3 { return true }
            i += 1
        }
        return false
    }

    /// `text` without its White_Space scalars. Most cells hold none, and share `text`'s storage. Only text with a
    /// space-like byte (ASCII whitespace, or the lead bytes of NBSP and the Unicode spaces) is filtered; U+1680
    /// alone (lead E1) has never counted.
    static func compacted(_ text: String) -> String {
        text.withBytes { b in mayHoldSpace(b, 0..<b.count) ? compacted(b, 0..<b.count) ?? text : text }
    }

    /// The bytes at `r` in `b` without their White_Space scalars, as a String made straight from them; nil when
    /// there are none.
    static func compacted(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        var i = r.lowerBound
        while i < r.upperBound, UTF8Text.spaceLength(b, at: i) == 0 { i += 1 }
        guard i < r.upperBound, let base = b.baseAddress else { return nil }
        return String(unsafeUninitializedCapacity: r.count) { out in
            guard let o = out.baseAddress else { return 0 }
            var n = i - r.lowerBound
            (o).update(from: base + r.lowerBound, count: n)
            while i < r.upperBound {
                let k = UTF8Text.spaceLength(b, at: i)
                if k == 0 { o[n] = b[i]; n += 1; i += 1 } else { i += k }
            }
            return n
        }
    }

    static func join(_ lines: [String]) -> String {
        var out = ""
        for (i, raw) in lines.enumerated() {
            let l = raw.trimmingSpaces()
            if l.isEmpty { continue }
            if i > 0 && !out.isEmpty {
                if TableCell.startsListItem(l) { out += "\n" }
                else if endsWithASCIIWord(out), startsWithASCIIWord(l) { out += " " }
            }
            out += l
        }
        return out
    }

    /// The last Character is an ASCII letter or digit. Decided on the last bytes: a Character ending in an ASCII
    /// byte after another ASCII byte is that one byte (CR LF aside, which is no letter).
    static func endsWithASCIIWord(_ s: String) -> Bool {
        s.withBytes { b in
            guard let last = b.last, UTF8Text.isASCIILetterOrDigit(last) else { return false }
            if b.count == 1 || b[b.count - 2] < 0x80 { return true }
            return s.last.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
        }
    }

    /// The first Character is an ASCII letter or digit: one ASCII byte, unless a combining mark follows it.
    static func startsWithASCIIWord(_ s: String) -> Bool {
        s.withBytes { b in
            guard let first = b.first, UTF8Text.isASCIILetterOrDigit(first) else { return false }
            if b.count == 1 || b[1] < 0x80 { return true }
            return s.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
        }
    }

    public var isEmpty: Bool { compact.isEmpty }

    /// "1.…", "2、…", "（二）…", "(3)…", "12.…": decided on the first bytes; the first character's numeric type
    /// (CJK numerals are numeric too) is asked for only when the punctuation after it fits.
    static func startsListItem(_ s: String) -> Bool {
        s.withBytes { b in
            guard !b.isEmpty else { return false }
            // "（" EF BC 88, "(" 28.
            if b[0] == 0x28 || (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x88) { return true }
            let firstLength = UTF8Text.scalarLength(lead: b[0])
            guard firstLength < b.count else { return false }
            let second = firstLength
            let secondIsMark = isListMark(b, at: second, withParen: true)
            let secondIsDigit = UTF8Text.isDigit(b[second])
            guard secondIsMark || (secondIsDigit && second + 1 < b.count && isListMark(b, at: second + 1, withParen: false)) else { return false }
            if UTF8Text.isDigit(b[0]) { return true }
            guard let first = Unicode.Scalar(UTF8Text.scalar(b, at: 0)) else { return false }
            return first.properties.numericType != nil
        }
    }

    /// ".", "、" (E3 80 81), "．" (EF BC 8E), and with `withParen` also ")" and "）" (EF BC 89) at `i`.
    private static func isListMark(_ b: UnsafeBufferPointer<UInt8>, at i: Int, withParen: Bool) -> Bool {
        guard i < b.count else { return false }
        let c = b[i]
        if c == 0x2E || (withParen && c == 0x29) { return true }
        guard i + 2 < b.count else { return false }
        if c == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x81 { return true }
        if c == 0xEF && b[i + 1] == 0xBC && (b[i + 2] == 0x8E || (withParen && b[i + 2] == 0x89)) { return true }
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
    public var lines: TextLines
    public var blocks: [Block]
    public var encoding: String
    /// Pages per line for paged formats (PDF); nil otherwise.
    public var pages: [Int]?
    /// Problems the reader worked around (damaged bytes …); they end up in the Disclosure's warnings.
    public var warnings: [String]
    /// The lines as written, when the reader changed them beyond clean-up (traditional characters converted
    /// to simplified): provenance quotes these.
    public var originalLines: TextLines?
    /// The text was read from page images by OCR, not from the file's text.
    public var ocr = false

    public init(lines: [String], blocks: [Block], encoding: String, pages: [Int]? = nil, warnings: [String] = []) {
        self.init(lines: TextLines(lines), blocks: blocks, encoding: encoding, pages: pages, warnings: warnings)
    }

    public init(lines: TextLines, blocks: [Block], encoding: String, pages: [Int]? = nil, warnings: [String] = []) {
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
    /// Trims ASCII and Unicode whitespace at both ends (no Foundation needed). On the bytes: a string with nothing
    /// to trim is returned as it is, without a copy.
    @inlinable
    public func trimmingSpaces() -> String {
        let fast: String?? = utf8.withContiguousStorageIfAvailable { b -> String? in
            let r = UTF8Text.trimmed(b, 0, b.count)
            if r.count == b.count { return nil }
            return UTF8Text.string(b, r.lowerBound, r.upperBound)
        }
        switch fast {
        case .some(.some(let t)): return t
        case .some(.none): return String(self)
        case .none: return String(self).withBytes { b in
            let r = UTF8Text.trimmed(b, 0, b.count)
            return UTF8Text.string(b, r.lowerBound, r.upperBound)
        }
        }
    }
}
