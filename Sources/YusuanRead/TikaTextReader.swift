import YusuanModel
/// Reads text extracted from a Word document in the Apache Tika style (DESIGN.md): paragraphs are lines;
/// a table cell is a line that starts with a TAB; a line without the TAB continues the cell above;
/// a blank line ends a table row; two blank lines (or a paragraph after a finished row) end the table.
public enum TikaTextReader {
    public static func read(bytes: [UInt8]) throws(DecodingError) -> TextDocument {
        let decoded = try TextDecoding.decodeToUTF8(bytes)
        var doc = read(utf8: decoded.utf8, encoding: decoded.encoding)
        doc.warnings = decoded.warnings + doc.warnings
        return doc
    }

    public static func read(text: String, encoding: String = "UTF-8") -> TextDocument {
        read(utf8: Array(text.utf8), encoding: encoding)
    }

    /// `bytes`: valid UTF-8 (a String's bytes), kept as the buffer the lines stand in.
    static func read(utf8 bytes: [UInt8], encoding: String) -> TextDocument {
        let (lines, originals, traditional, flags, unconverted) = TextNormalization.prepare(bytes: bytes)
        var doc = TextDocument(lines: lines, blocks: blocks(lines, flags: flags), encoding: encoding)
        doc.originalLines = originals
        doc.missingLibrary = unconverted
        if traditional { doc.warnings.append("traditional characters converted to simplified (OpenCC t2s) for reading; sources quote the original") }
        return doc
    }

    /// `flags`: what `LineScan` found in each line. Lines are looked at on their bytes; Strings are made for what
    /// the blocks hold (a paragraph's text, a cell's lines).
    static func blocks(_ lines: TextLines, flags: [LineScan.Flags]) -> [Block] {
        lines.withBuffer { b in blocks(lines, b, flags: flags) }
    }

    private static func blocks(_ lines: TextLines, _ b: UnsafeBufferPointer<UInt8>, flags: [LineScan.Flags]) -> [Block] {
        var blocks: [Block] = []
        var rows: [TableRow] = []
        // The open row's cells; its last cell is made when the next one starts or the row ends, for continuation
        // lines may still come. `last` is nil exactly when no row is open.
        var cells: [TableCell] = []
        // The lines are kept as their bytes' ranges (the first past the TAB): the cell is made from the bytes.
        var last: (first: Range<Int>, more: [Range<Int>], line: Int)?
        var tableLine = 0
        var strings = CellStrings(lines: lines.count)

        func closeCell() {
            guard let c = last else { return }
            cells.append(c.more.isEmpty ? strings.cell(b, c.first, line: c.line) : TableCell(b, first: c.first, more: c.more, line: c.line))
            last = nil
        }
        func endRow() {
            closeCell()
            if !cells.isEmpty {
                // Room for a table's rows at once: most tables have a dozen or more, grown one doubling at a time else.
                if rows.isEmpty { rows.reserveCapacity(16) }
                rows.append(TableRow(cells: cells, line: cells[0].line))
                cells.removeAll(keepingCapacity: true)
            }
        }
        func endTable() {
            endRow()
            if !rows.isEmpty { blocks.append(.table(Table(rows: rows, line: tableLine))); rows = [] }
        }
        func isPipeLine(_ k: Int) -> Bool { flags[k].contains(.pipe) && PipeTables.isPipeLine(lines[k]) }

        var i = 0
        while i < lines.count {
            let r = lines.range(ofLine: i)
            let shape = flags[i]
            let n = i + 1
            i += 1
            // Web pages and text dumps give tables as "|"-separated lines instead of TAB cells.
            if last == nil, !shape.contains(.tab), isPipeLine(i - 1) {
                var run = [(text: lines[i - 1], line: n)]
                while i < lines.count, !flags[i].contains(.tab), isPipeLine(i) { run.append((lines[i], i + 1)); i += 1 }
                endTable()
                if let rows = PipeTables.rows(run) {
                    blocks.append(.table(Table(rows: rows, line: n)))
                } else {
                    for r in run { blocks.append(.paragraph(Paragraph(text: r.text.trimmingSpaces(), line: r.line))) }
                }
                continue
            }
            if last == nil, rows.isEmpty, !shape.contains(.tab), shape.contains(.wideGap), let run = PipeTables.spacedRun(lines, at: i - 1) {
                endTable()
                blocks.append(.table(Table(rows: run.rows, line: n)))
                i = run.end
                continue
            }
            if last == nil, rows.isEmpty, !shape.contains(.tab), !shape.contains(.blank), underTitle(lines, b, flags, before: i - 1),
               let run = PipeTables.blankSeparatedRun(lines, at: i - 1), let tableRows = PipeTables.cellPerLine(run.cells) {
                endTable()
                blocks.append(.table(Table(rows: tableRows, line: n)))
                i = run.end
                continue
            }
            if shape.contains(.tab) {
                if rows.isEmpty && last == nil { tableLine = n }
                closeCell()
                last = (r.lowerBound + 1..<r.upperBound, [], n)
                continue
            }
            if shape.contains(.blank) {
                if last != nil { endRow() } else { endTable() }
                continue
            }
            // A line without the TAB inside an open row continues the last cell, unless it is a
            // section heading: some extractions drop the blank line that should close the table.
            if last != nil && !isHeading(b, r) {
                last?.more.append(r)
                continue
            }
            endTable()
            let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
            blocks.append(.paragraph(Paragraph(text: UTF8Text.string(b, t.lowerBound, t.upperBound), line: n)))
        }
        endTable()
        return blocks
    }

    /// Whether one of the three non-blank lines above `k` may title a table: it ends in "表" or holds "单位". The
    /// gate of `PipeTables.blankSeparatedRun`, which looks for the same ("单位:" or "单位：") and then reads on.
    private static func underTitle(_ lines: TextLines, _ b: UnsafeBufferPointer<UInt8>, _ flags: [LineScan.Flags], before k: Int) -> Bool {
        var back = k - 1, seen = 0
        while back >= 0, seen < 3 {
            if !flags[back].contains(.blank) {
                seen += 1
                let r = lines.range(ofLine: back)
                let line = UnsafeBufferPointer(rebasing: b[r])
                if TextSearch.find(line, unit) != nil { return true }
                let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
                if t.count >= 3, b[t.upperBound - 3] == 0xE8, b[t.upperBound - 2] == 0xA1, b[t.upperBound - 1] == 0xA8 { return true }
            }
            back -= 1
        }
        return false
    }

    /// "单位" and "表" (E8 A1 A8) as UTF-8.
    private static let unit: [UInt8] = Array("单位".utf8)

    /// "七、国有资产信息", "第二部分 …", "（三）…": headings that cannot be a cell's continuation. On the bytes:
    /// Chinese numerals then "、", or "第" with "部分" within the first eight characters.
    public static func looksLikeHeading(_ line: String) -> Bool {
        line.withBytes { isHeading($0, 0..<$0.count) }
    }

    /// `looksLikeHeading` for the line at `r` in `b`.
    static func isHeading(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        let t = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
        var i = t.lowerBound
        var count = 0
        while i + 2 < t.upperBound, isNumeral(b[i], b[i + 1], b[i + 2]) { i += 3; count += 1 }
        // "、" E3 80 81.
        if count > 0, i + 2 < t.upperBound, b[i] == 0xE3, b[i + 1] == 0x80, b[i + 2] == 0x81 { return true }
        // "第" E7 AC AC, then "部分" (E9 83 A8 E5 88 86) inside the first eight scalars.
        guard t.count >= 3, b[t.lowerBound] == 0xE7, b[t.lowerBound + 1] == 0xAC, b[t.lowerBound + 2] == 0xAC else { return false }
        var end = t.lowerBound, scalars = 0
        while end < t.upperBound, scalars < 8 { end += UTF8Text.scalarLength(lead: b[end]); scalars += 1 }
        end = min(end, t.upperBound)
        guard let base = b.baseAddress else { return false }
        let head = UnsafeBufferPointer(start: base + t.lowerBound, count: end - t.lowerBound)
        return headingPart.withUnsafeBufferPointer { TextSearch.find(head, $0) != nil }
    }

    private static let headingPart: [UInt8] = Array("部分".utf8)

    /// 一二三四五六七八九十 as UTF-8.
    private static func isNumeral(_ a: UInt8, _ m: UInt8, _ c: UInt8) -> Bool {
        switch (a, m, c) {
        case (0xE4, 0xB8, 0x80), (0xE4, 0xBA, 0x8C), (0xE4, 0xB8, 0x89), (0xE5, 0x9B, 0x9B), (0xE4, 0xBA, 0x94),
             (0xE5, 0x85, 0xAD), (0xE4, 0xB8, 0x83), (0xE5, 0x85, 0xAB), (0xE4, 0xB9, 0x9D), (0xE5, 0x8D, 0x81):
            return true
        default:
            return false
        }
    }
}
