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
    /// The lines as written when they are not just `[text]` (a one-line cell with nothing to trim, most cells, keeps
    /// no more Strings than its text and compact form; nil exactly then, so equal cells compare equal).
    private let written: [String]?
    public var lines: [String] { written ?? [text] }
    public let line: Int
    /// The cell's text with wrapped lines joined. A line break is kept only where the next line
    /// starts a list item ("2.…", "（二）…"); elsewhere it is word wrap and is dropped.
    public let text: String
    /// The text with all whitespace removed: for matching labels such as "合  计" or "计量  单位".
    public let compact: String

    /// The parts put together: each init below works them out first, so that a cell is assembled once.
    @inline(__always)
    private init(written: [String]?, line: Int, text: String, compact: String) {
        self.written = written
        self.line = line
        self.text = text
        self.compact = compact
    }

    public init(lines: [String], line: Int) {
        guard let first = lines.first else {
            self.init(written: [], line: line, text: "", compact: "")
            return
        }
        self.init(first: first, more: Array(lines.dropFirst()), line: line)
    }

    /// A cell of `first` and the lines that continue it.
    public init(first: String, more: [String] = [], line: Int) {
        // Computed once: extraction asks for these many times.
        if more.isEmpty {
            // One look at the line's bytes: what trimming keeps, and whether anything in it is a space.
            let (text, compact, trimmed) = first.withBytes { b -> (String, String, Bool) in
                let t = UTF8Text.trimmed(b, 0, b.count)
                let text = t.count == b.count ? first : UTF8Text.string(b, t.lowerBound, t.upperBound)
                return (text, TableCell.compacted(b, t, text), t.count != b.count)
            }
            self.init(written: trimmed ? [first] : nil, line: line, text: text, compact: compact)
            return
        }
        // The lines' bytes one after another, to be joined as a reader's lines are.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(more.count + 1)
        for l in CollectionOfOne(first).lazy + more {
            let start = bytes.count
            l.withBytes { bytes.append(contentsOf: $0) }
            ranges.append(start..<bytes.count)
        }
        let (text, compact) = bytes.withUnsafeBufferPointer { TableCell.joined($0, ranges) }
        self.init(written: [first] + more, line: line, text: text, compact: compact)
    }

    /// A cell of the lines at `first` and `more` in `b` (valid UTF-8, as `init(first:more:line:)` with those lines'
    /// Strings). A one-line cell's text is made from the trimmed bytes, and the line as written and the compact
    /// form only when they differ from it.
    init(_ b: UnsafeBufferPointer<UInt8>, first r: Range<Int>, more: [Range<Int>] = [], line: Int) {
        if more.isEmpty {
            self.init(Strings(b, r), line: line)
        } else {
            let (text, compact) = TableCell.joined(b, CollectionOfOne(r) + more)
            self.init(written: (CollectionOfOne(r) + more).map { UTF8Text.string(b, $0.lowerBound, $0.upperBound) },
                      line: line, text: text, compact: compact)
        }
    }

    /// A one-line cell's Strings without its line number: what `CellStrings` shares between equal lines.
    struct Strings {
        fileprivate let written: [String]?
        fileprivate let text: String
        fileprivate let compact: String

        /// The Strings of the one line at `r` in `b` (valid UTF-8), as `init(_:first:line:)` makes them.
        init(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
            let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
            text = UTF8Text.string(b, t.lowerBound, t.upperBound)
            written = t.count == r.count ? nil : [UTF8Text.string(b, r.lowerBound, r.upperBound)]
            compact = TableCell.compacted(b, t, text)
        }
    }

    init(_ s: Strings, line: Int) {
        self.init(written: s.written, line: line, text: s.text, compact: s.compact)
    }

    /// A space-like byte (ASCII whitespace, or the lead bytes of NBSP and the Unicode spaces) in `r`; U+1680
    /// alone (lead E1) has never counted.
    static func mayHoldSpace(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var i = UTF8Text.spaceCandidate(b, r.lowerBound, r.upperBound)
        while i < r.upperBound {
            if b[i] != 0xE1 { return true }
            i = UTF8Text.spaceCandidate(b, i + 1, r.upperBound)
        }
        return false
    }

    /// The compact form of `text`, the bytes at `r` in `b`: `text` itself unless it holds a space. One scan finds
    /// both whether the gate (`mayHoldSpace`) opens and where the first space is.
    private static func compacted(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ text: String) -> String {
        let end = r.upperBound
        var open = false
        var i = UTF8Text.spaceCandidate(b, r.lowerBound, end)
        while i < end {
            if b[i] != 0xE1 { open = true }
            if UTF8Text.spaceLength(b, at: i) > 0 { break }
            i = UTF8Text.spaceCandidate(b, i + 1, end)
        }
        guard i < end else { return text }
        if !open && !mayHoldSpace(b, i..<end) { return text }
        return compacted(b, r, from: i)
    }

    /// `text` without its White_Space scalars. Most cells hold none, and share `text`'s storage. Only text with a
    /// space-like byte (ASCII whitespace, or the lead bytes of NBSP and the Unicode spaces) is filtered; U+1680
    /// alone (lead E1) has never counted.
    static func compacted(_ text: String) -> String {
        text.withBytes { b in compacted(b, 0..<b.count, text) }
    }

    /// The bytes at `r` in `b` without their White_Space scalars, as a String made straight from them; nil when
    /// there are none. The runs between spaces are copied whole.
    static func compacted(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        let end = r.upperBound
        var i = UTF8Text.spaceCandidate(b, r.lowerBound, end)
        while i < end, UTF8Text.spaceLength(b, at: i) == 0 { i = UTF8Text.spaceCandidate(b, i + 1, end) }
        return i < end ? compacted(b, r, from: i) : nil
    }

    /// `compacted(b, r)` when the first space in `r` is at `first`.
    private static func compacted(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, from first: Int) -> String {
        guard let base = b.baseAddress else { return "" }
        let end = r.upperBound
        return String(unsafeUninitializedCapacity: r.count) { out in
            guard let o = out.baseAddress else { return 0 }
            // `from`: where the run not yet copied starts; `i`: a byte that may start a space.
            var n = 0, from = r.lowerBound, i = first
            while i < end {
                let k = UTF8Text.spaceLength(b, at: i)
                if k == 0 { i = UTF8Text.spaceCandidate(b, i + 1, end); continue }
                (o + n).update(from: base + from, count: i - from)
                n += i - from
                from = min(i + k, end)
                i = UTF8Text.spaceCandidate(b, from, end)
            }
            (o + n).update(from: base + from, count: end - from)
            return n + end - from
        }
    }

    /// The text and compact form of a cell of the lines at `lines` in `b`: wrapped lines joined as `join` does.
    static func joined<C: Collection<Range<Int>>>(_ b: UnsafeBufferPointer<UInt8>, _ lines: C) -> (text: String, compact: String) {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for r in lines {
            let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
            if t.isEmpty { continue }
            let l = UnsafeBufferPointer(rebasing: b[t])
            if !out.isEmpty {
                if startsListItem(l) { out.append(0x0A) }
                else if out.withUnsafeBufferPointer(endsWithASCIIWord), startsWithASCIIWord(l) { out.append(0x20) }
            }
            out.append(contentsOf: l)
        }
        return out.withUnsafeBufferPointer { o in
            let text = UTF8Text.string(o, 0, o.count)
            return (text, compacted(o, 0..<o.count, text))
        }
    }

    /// The last Character is an ASCII letter or digit. Decided on the last bytes: a Character ending in an ASCII
    /// byte after another ASCII byte is that one byte (CR LF aside, which is no letter).
    static func endsWithASCIIWord(_ s: String) -> Bool { s.withBytes(endsWithASCIIWord) }

    /// `endsWithASCIIWord` of the text in `b` (valid UTF-8).
    static func endsWithASCIIWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = b.last, UTF8Text.isASCIILetterOrDigit(last) else { return false }
        if b.count == 1 || b[b.count - 2] < 0x80 { return true }
        return String(decoding: b, as: UTF8.self).last.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
    }

    /// The first Character is an ASCII letter or digit: one ASCII byte, unless a combining mark follows it.
    static func startsWithASCIIWord(_ s: String) -> Bool { s.withBytes(startsWithASCIIWord) }

    /// `startsWithASCIIWord` of the text in `b` (valid UTF-8).
    static func startsWithASCIIWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first, UTF8Text.isASCIILetterOrDigit(first) else { return false }
        if b.count == 1 || b[1] < 0x80 { return true }
        return String(decoding: b, as: UTF8.self).first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
    }

    public var isEmpty: Bool { compact.isEmpty }

    /// "1.…", "2、…", "（二）…", "(3)…", "12.…": decided on the first bytes; the first character's numeric type
    /// (CJK numerals are numeric too) is asked for only when the punctuation after it fits.
    static func startsListItem(_ s: String) -> Bool { s.withBytes(startsListItem) }

    /// `startsListItem` of the text in `b` (valid UTF-8).
    static func startsListItem(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
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

/// The Strings of the one-line cells read from one buffer, by their bytes: a table repeats its labels and a document
/// its headers and amounts (more than half of a disclosure's cells repeat one above them), so each distinct line is
/// made into Strings (validated, trimmed, compacted) once and its Strings are shared. An open-addressing hash table
/// of the lines' byte ranges in the buffer, which must stay the same while the table is used.
struct CellStrings {
    /// 0 for an empty slot, else an index into `keys` and `strings` plus one. Never more than half full.
    private var slots: [Int32]
    private var keys: [Range<Int>] = []
    private var strings: [TableCell.Strings] = []

    /// `lines`: how many lines the buffer holds; no more cells can come from it, and about half of them repeat, so
    /// slots for all of them seldom need to grow.
    init(lines: Int) {
        var n = 256
        while n < lines { n *= 2 }
        slots = Array(repeating: 0, count: n)
    }

    /// A cell of the one line at `r` in `b` (valid UTF-8): `TableCell(b, first: r, line: line)`.
    mutating func cell(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, line: Int) -> TableCell {
        guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= b.count else { return TableCell(b, first: r, line: line) }
        let mask = slots.count - 1
        var k = Int(truncatingIfNeeded: CellStrings.hash(b, r)) & mask
        while true {
            let e = Int(slots[k]) - 1
            if e < 0 { break }
            let key = keys[e]
            if key.count == r.count, TextSearch.equal(b, r.lowerBound, UnsafeBufferPointer(rebasing: b[key])) {
                return TableCell(strings[e], line: line)
            }
            k = (k + 1) & mask
        }
        let s = TableCell.Strings(b, r)
        keys.append(r)
        strings.append(s)
        slots[k] = Int32(truncatingIfNeeded: keys.count)
        if keys.count * 2 > slots.count { grow(b) }
        return TableCell(s, line: line)
    }

    /// Twice the slots, every key placed again.
    private mutating func grow(_ b: UnsafeBufferPointer<UInt8>) {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, key) in keys.enumerated() {
            var k = Int(truncatingIfNeeded: CellStrings.hash(b, key)) & mask
            while slots[k] != 0 { k = (k + 1) & mask }
            slots[k] = Int32(truncatingIfNeeded: e + 1)
        }
    }

    /// A hash of the bytes at `r` (inside `b`, not empty), eight at a time: a multiply per word, then a final mix.
    static func hash(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> UInt64 {
        guard let base = UnsafeRawPointer(b.baseAddress) else { return 0 }
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(r.count) &* m
        var i = r.lowerBound
        while i + 8 <= r.upperBound {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* m
            i += 8
        }
        if i < r.upperBound {
            // The last bytes: the word that ends with them when the line is that long, else byte by byte.
            var w: UInt64 = 0
            if r.count >= 8 {
                w = base.loadUnaligned(fromByteOffset: r.upperBound - 8, as: UInt64.self)
            } else {
                while i < r.upperBound { w = w << 8 | UInt64(b[i]); i += 1 }
            }
            h = (h ^ w) &* m
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
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
    /// Why the document could not be read as it has to be: a library its reading needs could not be loaded
    /// (traditional characters without OpenCC). Ingest refuses such a document rather than read it half way.
    public var missingLibrary: String?

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

extension UTF8Text {
    /// The first offset in `from..<to` whose byte could start a White_Space scalar (ASCII space or control, or the
    /// lead bytes C2, E1, E2, E3), or `to`. Such a byte is never a continuation byte, so the offset is a scalar's
    /// start. Eight bytes at a time while none is one of them; `to` is at most `b.count`.
    @inline(__always)
    static func spaceCandidate(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var i = from
        if let base = UnsafeRawPointer(b.baseAddress) {
            while i + 8 <= to {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // E0–E3 are E0 once their two low bits are cleared: E0 is a false alarm the byte loop sorts out.
                let e = w & ~(0x0303_0303_0303_0303 as UInt64)
                if anyByte(below: 0x21, in: w) || anyByte(0xC2, in: w) || anyByte(0xE0, in: e) { break }
                i += 8
            }
        }
        while i < to {
            let c = b[i]
            if c <= 0x20 || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 { return i }
            i += 1
        }
        return to
    }
}
