import YusuanModel
/// Tables that web pages and text dumps carry without Tika's TAB cells, separated by "|":
/// - one row per line: "合 计 | 46 | 38 |" (a leading "|" and empty cells "| |" allowed);
/// - one cell per line: "合 计 |", "49.9 |", "7.69 |", where a lone "|" is an empty cell or a row break.
/// Both become the one `Table` model. A run that cannot be laid out without guessing stays prose.
public enum PipeTables {
    /// A line that belongs to a pipe table: it ends or starts with "|", or has " | " inside.
    /// "a|b" inside a word (site banners, URLs) is not one.
    public static func isPipeLine(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        guard t.utf8.contains(0x7C) else { return false }
        return t.hasSuffix("|") || t.hasPrefix("|") || t.includes(" | ")
    }

    /// Text dumps of spreadsheets give a row per line with its cells apart by runs of spaces:
    /// "合 计      46      38". The cells of such a line (split on two or more spaces), when it has two or more
    /// and at least one is an amount; nil otherwise. A line of prose has no such runs.
    public static func spacedCells(_ line: String) -> [String]? {
        let t = line.trimmingSpaces()
        guard t.utf8.count >= 3, t.includes("  ") || t.includes("\u{3000}") else { return nil }
        var cells: [String] = []
        var current = "", spaces = 0
        for ch in t {
            if ch == " " || ch == "\u{3000}" { spaces += ch == " " ? 1 : 2; continue }
            if spaces >= 2, !current.isEmpty { cells.append(current); current = "" } else if spaces == 1 { current += " " }
            spaces = 0
            current.append(ch)
        }
        if !current.isEmpty { cells.append(current) }
        // "项  目", "合  计": a label spaced over the cell's width is one cell, not one per character.
        var joined: [String] = []
        for c in cells {
            if c.count == 1, let last = joined.last, last.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }),
               c.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }), last.count <= 3 {
                joined[joined.count - 1] += c
            } else {
                joined.append(c)
            }
        }
        cells = joined
        guard cells.count >= 2, cells.contains(where: { isValue($0) && !$0.isEmpty }) || cells.allSatisfy({ $0.count <= 12 }) else { return nil }
        return cells
    }

    /// A run of two or more space-separated rows from `start` (rows with an amount, and header rows of short
    /// labels between them), and the index after it; nil when there is none. Every row's cells as written.
    public static func spacedRun<L: RandomAccessCollection<String>>(_ lines: L, at start: Int) -> (rows: [TableRow], end: Int)? where L.Index == Int {
        var rows: [TableRow] = []
        var i = start
        while i < lines.count, lines[i].utf8.first != 0x09, let cells = spacedCells(lines[i]) {
            rows.append(TableRow(cells: cells.map { TableCell(lines: [$0], line: i + 1) }, line: i + 1))
            i += 1
        }
        let withAmounts = rows.filter { r in r.cells.dropFirst().contains { isValue($0.text) && !$0.text.isEmpty } }.count
        guard rows.count >= 3, withAmounts >= 2 else { return nil }
        // Without separators an empty cell leaves no trace: a row shorter than the table cannot say which of
        // its cells is missing, so only its label is kept.
        let width = rows.map(\.cells.count).max() ?? 0
        let laidOut = rows.map { r in r.cells.count == width ? r : TableRow(cells: [r.cells[0]], line: r.line) }
        return (laidOut, i)
    }

    /// The cells of one pipe line, trimmed; empty cells kept.
    static func cells(_ line: String) -> [String] {
        var t = Substring(line.trimmingSpaces())
        if t.hasPrefix("|") { t = t.dropFirst() }
        if t.hasSuffix("|") { t = t.dropLast() }
        return t.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
    }

    /// Rows of a run of pipe lines (`lines` as (text, 1-based line number)); nil when the run is not a table.
    public static func rows(_ lines: [(text: String, line: Int)]) -> [TableRow]? {
        let split = lines.map { (cells: cells($0.text), line: $0.line) }
        let multi = split.filter { $0.cells.count >= 2 && $0.cells.contains { !$0.isEmpty } }.count
        if multi >= 2 && multi * 2 >= split.count {
            let rows = split.filter { $0.cells.contains { !$0.isEmpty } }
                .map { r in TableRow(cells: r.cells.map { TableCell(lines: [$0], line: r.line) }, line: r.line) }
            return rows.count >= 2 ? rows : nil
        }
        return cellPerLine(split.flatMap { r in r.cells.map { (text: $0, line: r.line) } })
    }

    /// One cell per line: a label starts a row, the amounts (and empty cells) after it belong to it. The
    /// label-only rows just above the first amounts are the header, as many as the widest row has cells;
    /// label-only rows before those (a title, "单位：万元") stay as one-cell rows on top.
    public static func cellPerLine(_ cells: [(text: String, line: Int)]) -> [TableRow]? {
        anchoredByLabels(cells) ?? laidOutByPosition(cells)
    }

    /// Cells in reading order that fill a grid of `width` columns exactly, empty cells included: labels (or
    /// nothing) in the first column, amounts (or nothing) in the others, a header row of labels on top. The
    /// first width that fits, from 2 to 6; nil when none does, or when empty cells were lost and it cannot.
    static func laidOutByPosition(_ all: [(text: String, line: Int)]) -> [TableRow]? {
        // A title or unit line may come first ("单位：万元"): a one-cell row on top.
        for skip in 0...2 where all.count > skip && all[..<skip].allSatisfy({ !$0.text.isEmpty && !isValue($0.text) }) {
            if let rows = grid(Array(all[skip...])) {
                return all[..<skip].map { TableRow(cells: [TableCell(lines: [$0.text], line: $0.line)], line: $0.line) } + rows
            }
        }
        return nil
    }

    private static func grid(_ cells: [(text: String, line: Int)]) -> [TableRow]? {
        for width in 2...6 where cells.count >= width * 4 {
            var rows = stride(from: 0, to: cells.count, by: width).map { Array(cells[$0..<min($0 + width, cells.count)]) }
            if let last = rows.last, last.count < width {
                guard last.allSatisfy({ $0.text.isEmpty }) else { continue }
                rows.removeLast()
            }
            let header = rows[0], data = rows.dropFirst()
            let fits = header.dropFirst().contains { !$0.text.isEmpty && !isValue($0.text) }
                && data.allSatisfy { r in !isValue(r[0].text) || r[0].text.isEmpty }
                && data.allSatisfy { r in r.dropFirst().allSatisfy { isValue($0.text) } }
                && data.filter({ !$0[0].text.isEmpty }).count >= 3
            guard fits else { continue }
            return rows.map { r in TableRow(cells: r.map { TableCell(lines: [$0.text], line: $0.line) }, line: r[0].line) }
        }
        return nil
    }

    static func anchoredByLabels(_ cells: [(text: String, line: Int)]) -> [TableRow]? {
        var grouped: [[(text: String, line: Int)]] = []
        for c in cells {
            if !c.text.isEmpty && !isValue(c.text) { grouped.append([c]) }
            else if !grouped.isEmpty { grouped[grouped.count - 1].append(c) }
        }
        func trimmed(_ r: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
            var r = r
            while r.count > 1, r.last?.text.isEmpty == true { r.removeLast() }
            return r
        }
        grouped = grouped.map(trimmed)
        guard let firstData = grouped.firstIndex(where: { $0.dropFirst().contains { isValue($0.text) && !$0.text.isEmpty } }) else { return nil }
        let data = grouped[firstData...]
        let width = data.map(\.count).max() ?? 0
        let headerCount = min(width, firstData)
        // A header of one label over several amounts per row cannot be laid out: keep it as prose.
        guard width >= 2, headerCount >= 2 else { return nil }
        let header = grouped[(firstData - headerCount)..<firstData].map { $0[0] }
        // Label-only rows inside the header that hold extra empty cells are fine; extra amounts are not.
        guard grouped[(firstData - headerCount)..<firstData].allSatisfy({ $0.dropFirst().allSatisfy { $0.text.isEmpty } }) else { return nil }
        func row(_ r: [(text: String, line: Int)]) -> TableRow {
            TableRow(cells: r.map { TableCell(lines: [$0.text], line: $0.line) }, line: r[0].line)
        }
        var out = grouped[..<(firstData - headerCount)].map { row([$0[0]]) }
        out.append(row(header))
        out += data.map(row)
        return out
    }

    /// Web pages saved as text often give a table one cell per line with a blank line after each cell, right
    /// under its title or unit line ("单位：万元"). The run of cells from `start`, and the index after it; nil
    /// when the lines there are not such a run (long lines, few amounts, no title above).
    public static func blankSeparatedRun(_ lines: TextLines, at start: Int) -> (cells: [(text: String, line: Int)], end: Int)? {
        // On the lines' bytes: a String is made only for a line that becomes a cell.
        func trimmed(_ k: Int) -> Range<Int> { lines.withBytes(ofLine: k) { UTF8Text.trimmed($0, 0, $0.count) } }
        var titled = false
        var back = start - 1, seen = 0
        while back >= 0, seen < 3 {
            let t = trimmed(back)
            if !t.isEmpty {
                seen += 1
                let title = lines.withBytes(ofLine: back) { b in
                    let line = UnsafeBufferPointer(rebasing: b[t])
                    return table.withUnsafeBufferPointer { TextSearch.equal(line, line.count - $0.count, $0) }
                        || TextSearch.find(line, unitColon) != nil || TextSearch.find(line, unitWideColon) != nil
                }
                if title { titled = true; break }
            }
            back -= 1
        }
        guard titled else { return nil }
        var cells: [(text: String, line: Int)] = []
        // A line of spaces alone is an empty cell ("&nbsp;"), a truly empty line the gap between cells: the
        // empty cell just above the first one (over the label column) belongs to the run.
        func spaceCell(_ k: Int) -> Bool { k >= 0 && k < lines.count && !lines.range(ofLine: k).isEmpty && trimmed(k).isEmpty }
        if spaceCell(start - 2), lines.range(ofLine: start - 1).isEmpty { cells.append(("", start - 1)) }
        var i = start
        while i < lines.count {
            let r = trimmed(i)
            if r.isEmpty {
                // A cell is one line; two blank lines end nothing, a long line does.
                if spaceCell(i), cells.last?.line != i { cells.append(("", i + 1)) }
                i += 1
                continue
            }
            guard lines.withBytes(ofLine: i, { $0.first }) != 0x09 else { break }
            let t = lines.withBytes(ofLine: i) { UTF8Text.string($0, r.lowerBound, r.upperBound) }
            guard t.characterCount <= 24, !isPipeLine(t) else { break }
            // Cells alternate with blank lines: a line straight after another is prose.
            if let last = cells.last, last.line == i { break }
            cells.append((t, i + 1))
            i += 1
        }
        // The table ends with its last amount; the short lines after it are the text that follows.
        guard let lastValue = cells.lastIndex(where: { isValue($0.text) && !$0.text.isEmpty }) else { return nil }
        cells = Array(cells[...lastValue])
        let values = cells.filter { isValue($0.text) && !$0.text.isEmpty }.count
        guard cells.count >= 8, values * 10 >= cells.count * 3 else { return nil }
        return (cells, cells[lastValue].line)
    }

    private static let table: [UInt8] = Array("表".utf8), unitColon: [UInt8] = Array("单位:".utf8),
                       unitWideColon: [UInt8] = Array("单位：".utf8)

    /// An amount cell ("46", "1,014", "-204.61", "-7.03%") or a dash for "none".
    static func isValue(_ s: String) -> Bool {
        let t = s.replacingAll(" ", with: "")
        if t.isEmpty || t == "-" || t == "—" || t == "－" || t == "/" { return true }
        var digits = 0
        for (i, u) in t.unicodeScalars.enumerated() {
            switch u {
            case "0"..."9": digits += 1
            case ".", ",": continue
            case "-", "+": if i != 0 { return false }
            case "%": if i != t.unicodeScalars.count - 1 { return false }
            default: return false
            }
        }
        return digits > 0
    }
}
