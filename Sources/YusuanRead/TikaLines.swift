#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YusuanModel
/// Builds text in the Tika layout (DESIGN.md) from structured documents (.docx, .xlsx, HTML), so one block
/// parser and one extractor serve every format: a paragraph is a line; a table cell starts with a TAB and
/// continues on the following lines; a blank line ends a row; another blank line ends the table.
struct TikaLines {
    /// The lines so far, each ended by LF, as one buffer.
    private var bytes: [UInt8] = []
    private var count = 0
    /// Whether the last line is empty (a table starts after one).
    private var lastIsEmpty = true
    /// UTF-8 bytes held so far, for the per-document limit.
    var size: Int { bytes.count }
    /// Text per document: a disclosure's is a few megabytes at most. Past this, reading is refused.
    static let maxBytes = 32 * 1024 * 1024
    static let maxLines = 4_000_000

    func checkSize() throws(ContainerError) {
        if size > Self.maxBytes || count > Self.maxLines {
            throw ContainerError("the document holds more than \(Self.maxBytes / 1_048_576) MB of text or \(Self.maxLines) lines: refused (a disclosure has far less)")
        }
    }

    /// Where the lines stand, to go back to (content read tentatively, then replaced).
    struct Mark: Equatable { fileprivate let count: Int, size: Int, lastIsEmpty: Bool }
    var mark: Mark { Mark(count: count, size: bytes.count, lastIsEmpty: lastIsEmpty) }
    mutating func rewind(to m: Mark) {
        bytes.removeSubrange(min(m.size, bytes.count)...)
        count = m.count
        lastIsEmpty = m.lastIsEmpty
    }

    private mutating func append(_ line: UnsafeBufferPointer<UInt8>, after prefix: UInt8? = nil) {
        if let prefix { bytes.append(prefix) }
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        count += 1
        lastIsEmpty = prefix == nil && line.isEmpty
    }

    private mutating func appendEmpty() { append(UnsafeBufferPointer(start: nil, count: 0)) }

    mutating func paragraph(_ text: String) {
        var text = text
        text.withUTF8 { paragraph(bytes: $0) }
    }

    /// A paragraph from valid UTF-8: each of its pieces that is not empty is a line.
    mutating func paragraph(bytes text: UnsafeBufferPointer<UInt8>) {
        Self.forEachPiece(text, keepingCRLF: true) { if !$0.isEmpty { append($0) } }
    }

    mutating func table(_ rows: [[String]]) {
        var grid = TextGrid()
        for row in rows {
            for var cell in row { cell.withUTF8 { grid.addCell($0) } }
            grid.endRow()
        }
        table(grid)
    }

    mutating func table(_ grid: TextGrid) {
        guard grid.rows.contains(where: { !$0.isEmpty }) else { return }
        if count > 0, !lastIsEmpty { appendEmpty() }
        grid.text.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else {
                // No text at all: every cell is empty.
                for row in grid.rows where !row.isEmpty {
                    for _ in row { append(text, after: 0x09) }
                    appendEmpty()
                }
                return
            }
            for row in grid.rows where !row.isEmpty {
                for c in row {
                    let r = grid.bytes(ofCell: c)
                    cell(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
                }
                appendEmpty()
            }
        }
        appendEmpty()
    }

    /// One cell from valid UTF-8: its first piece that is not empty after a TAB, the others on the following lines.
    private mutating func cell(_ text: UnsafeBufferPointer<UInt8>) {
        var first = true
        Self.forEachPiece(text, keepingCRLF: false) { p in
            guard !p.isEmpty else { return }
            if first {
                append(p, after: 0x09)
                first = false
                return
            }
            // Continuation lines must not look like a new cell or a heading.
            let s = String(decoding: p, as: UTF8.self)
            if TikaTextReader.looksLikeHeading(s) {
                var marked = "·" + s
                marked.withUTF8 { append($0) }
            } else {
                append(p)
            }
        }
        if first { append(UnsafeBufferPointer(start: nil, count: 0), after: 0x09) }
    }

    /// `b` (valid UTF-8) cut at each LF, each piece with tabs (which mark cells) as spaces, no CR, trimmed. With
    /// `keepingCRLF` an LF after a CR does not cut (as String.split on Characters, where "\r\n" is one Character);
    /// without, every LF cuts (the CR goes anyway). Pieces are given in place: most text holds no LF, tab or CR.
    static func forEachPiece(_ b: UnsafeBufferPointer<UInt8>, keepingCRLF: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = b.baseAddress else { body(b); return }
        var scratch: [UInt8] = []
        func piece(_ from: Int, _ to: Int) {
            let raw = UnsafeBufferPointer(start: base + from, count: to - from)
            guard memchr(base + from, 0x09, to - from) != nil || memchr(base + from, 0x0D, to - from) != nil else {
                let r = UTF8Text.trimmed(b, from, to)
                body(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
                return
            }
            scratch.removeAll(keepingCapacity: true)
            for c in raw where c != 0x0D { scratch.append(c == 0x09 ? 0x20 : c) }
            scratch.withUnsafeBufferPointer { s in
                let r = UTF8Text.trimmed(s, 0, s.count)
                body(UnsafeBufferPointer(start: s.baseAddress.map { $0 + r.lowerBound }, count: r.count))
            }
        }
        var start = 0, i = 0
        while i < b.count, let hit = memchr(base + i, 0x0A, b.count - i) {
            let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            i = k + 1
            if keepingCRLF && k > 0 && b[k - 1] == 0x0D { continue }
            piece(start, k)
            start = k + 1
        }
        piece(start, b.count)
    }

    /// The lines joined by LF.
    var text: String { String(decoding: bytes.dropLast(), as: UTF8.self) }

    /// The same as UTF-8 bytes, for text known to be valid UTF-8.
    var utf8: [UInt8] { Array(bytes.dropLast()) }
}

/// A table's cells as UTF-8, one after another, for TikaLines: where each cell's text ends, and after how many
/// cells each row ends. Invariant: cellEnds never decreases and its last is text.count; rowEnds likewise over cells.
struct TextGrid {
    private(set) var text: [UInt8] = []
    private(set) var cellEnds: [Int] = []
    private(set) var rowEnds: [Int] = []

    var cellCount: Int { cellEnds.count }

    mutating func addCell(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
        cellEnds.append(text.count)
    }

    /// The cells added since the last row ended make a row (perhaps of none).
    mutating func endRow() { rowEnds.append(cellEnds.count) }

    /// Keeps the first `n` cells only (rows that end after them are not touched: only the open row is rewound).
    mutating func removeCells(after n: Int) {
        guard n < cellEnds.count else { return }
        cellEnds.removeSubrange(max(0, n)...)
        text.removeSubrange((cellEnds.last ?? 0)...)
    }

    /// Each row as the range of its cells' indices.
    var rows: [Range<Int>] {
        var start = 0
        return rowEnds.map { end in
            let end = max(start, min(end, cellEnds.count))
            defer { start = end }
            return start..<end
        }
    }

    /// Where cell `i`'s text stands in `text`.
    func bytes(ofCell i: Int) -> Range<Int> { (i == 0 ? 0 : cellEnds[i - 1])..<cellEnds[i] }

    /// Row `r`'s cells that are not empty, joined by a space: a row of a table flattened into a cell.
    func flattenedRow(_ r: Range<Int>, into out: inout [UInt8]) {
        var first = true
        for c in r {
            let b = bytes(ofCell: c)
            guard !b.isEmpty else { continue }
            if !first { out.append(0x20) }
            out.append(contentsOf: text[b])
            first = false
        }
    }
}
