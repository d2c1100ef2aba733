import YusuanModel
/// Reads text extracted from a Word document in the Apache Tika style (DESIGN.md): paragraphs are lines;
/// a table cell is a line that starts with a TAB; a line without the TAB continues the cell above;
/// a blank line ends a table row; two blank lines (or a paragraph after a finished row) end the table.
public enum TikaTextReader {
    public static func read(bytes: [UInt8]) throws(DecodingError) -> TextDocument {
        let decoded = try TextDecoding.decode(bytes)
        var doc = read(text: decoded.text, encoding: decoded.encoding)
        doc.warnings = decoded.warnings + doc.warnings
        return doc
    }

    public static func read(text: String, encoding: String = "UTF-8") -> TextDocument {
        let (lines, originals, traditional) = TextNormalization.prepare(TextNormalization.lines(text))
        var doc = TextDocument(lines: lines, blocks: blocks(lines), encoding: encoding)
        doc.originalLines = originals
        if traditional { doc.warnings.append("traditional characters converted to simplified (OpenCC t2s) for reading; sources quote the original") }
        return doc
    }

    static func blocks(_ lines: [String]) -> [Block] {
        var blocks: [Block] = []
        var rows: [TableRow] = []
        // The open row's cells as (lines, first line): continuation lines still arrive; cells are built at row end.
        var cells: [(lines: [String], line: Int)] = []
        var tableLine = 0

        func endRow() {
            if !cells.isEmpty {
                rows.append(TableRow(cells: cells.map { TableCell(lines: $0.lines, line: $0.line) }, line: cells[0].line))
                cells = []
            }
        }
        func endTable() {
            endRow()
            if !rows.isEmpty { blocks.append(.table(Table(rows: rows, line: tableLine))); rows = [] }
        }

        var i = 0
        while i < lines.count {
            let line = lines[i]
            let n = i + 1
            i += 1
            // Web pages and text dumps give tables as "|"-separated lines instead of TAB cells.
            if cells.isEmpty, line.utf8.first != 0x09, PipeTables.isPipeLine(line) {
                var run = [(text: line, line: n)]
                while i < lines.count, lines[i].utf8.first != 0x09, PipeTables.isPipeLine(lines[i]) { run.append((lines[i], i + 1)); i += 1 }
                endTable()
                if let rows = PipeTables.rows(run) {
                    blocks.append(.table(Table(rows: rows, line: n)))
                } else {
                    for r in run { blocks.append(.paragraph(Paragraph(text: r.text.trimmingSpaces(), line: r.line))) }
                }
                continue
            }
            if cells.isEmpty, rows.isEmpty, line.utf8.first != 0x09, let run = PipeTables.spacedRun(lines, at: i - 1) {
                endTable()
                blocks.append(.table(Table(rows: run.rows, line: n)))
                i = run.end
                continue
            }
            if cells.isEmpty, rows.isEmpty, line.utf8.first != 0x09, !line.trimmingSpaces().isEmpty,
               let run = PipeTables.blankSeparatedRun(lines, at: i - 1), let tableRows = PipeTables.cellPerLine(run.cells) {
                endTable()
                blocks.append(.table(Table(rows: tableRows, line: n)))
                i = run.end
                continue
            }
            if line.utf8.first == 0x09 {
                if rows.isEmpty && cells.isEmpty { tableLine = n }
                cells.append(([String(line.dropFirst())], n))
                continue
            }
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || line.trimmingSpaces().isEmpty {
                if !cells.isEmpty { endRow() } else { endTable() }
                continue
            }
            // A line without the TAB inside an open row continues the last cell, unless it is a
            // section heading: some extractions drop the blank line that should close the table.
            if !cells.isEmpty && !looksLikeHeading(line) {
                cells[cells.count - 1].lines.append(line)
                continue
            }
            endTable()
            blocks.append(.paragraph(Paragraph(text: line.trimmingSpaces(), line: n)))
        }
        endTable()
        return blocks
    }

    /// "七、国有资产信息", "第二部分 …", "（三）…": headings that cannot be a cell's continuation.
    public static func looksLikeHeading(_ line: String) -> Bool {
        let s = line.trimmingSpaces()
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        var idx = s.startIndex
        var count = 0
        while idx < s.endIndex, numerals.contains(s[idx]) { idx = s.index(after: idx); count += 1 }
        if count > 0, idx < s.endIndex, s[idx] == "、" { return true }
        if s.hasPrefix("第"), s.prefix(8).includes("部分") { return true }
        return false
    }
}
