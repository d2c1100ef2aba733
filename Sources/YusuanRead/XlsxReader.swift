import Foundation
import YusuanModel

/// Excel .xlsx workbooks of the standard tables: sheets found through workbook.xml and its rels, shared and
/// inline strings, merged cells (the value stands in the top-left cell; a merged header's label is repeated
/// across the columns it spans, so each column keeps its heading). Each sheet becomes a titled table.
public enum XlsxReader {
    public static func read(bytes: [UInt8]) throws(ContainerError) -> TextDocument {
        var zip = try OfficeZip(bytes: bytes)
        guard let wbBytes = try zip.read("xl/workbook.xml") else { throw ContainerError("a zip without xl/workbook.xml is not an .xlsx") }
        let workbook = try SafeXML.parse(wbBytes, what: "xl/workbook.xml")
        var targets: [String: String] = [:]
        if let relBytes = try zip.read("xl/_rels/workbook.xml.rels") {
            for r in try SafeXML.parse(relBytes, what: "workbook rels").all("Relationship") {
                if let id = r.attributes["Id"], let t = r.attributes["Target"] { targets[id] = t }
            }
        }
        var shared: [String] = []
        if let ss = try zip.read("xl/sharedStrings.xml") {
            shared = try SafeXML.parse(ss, what: "xl/sharedStrings.xml").all("si").map(text(of:))
        }
        var out = TikaLines()
        var budget = SheetGrid.Budget()
        let sheets = workbook.first("sheets")?.all("sheet") ?? []
        if sheets.isEmpty { throw ContainerError("the workbook lists no sheets") }
        for (i, sheet) in sheets.enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(i + 1)"
            let rid = sheet.attributes["r:id"] ?? ""
            var target = targets[rid] ?? "worksheets/sheet\(i + 1).xml"
            if target.hasPrefix("/") { target = String(target.dropFirst()) } else if !target.hasPrefix("xl/") { target = "xl/" + target }
            guard let sheetBytes = try zip.read(target) else { continue }
            try cells(try SafeXML.parse(sheetBytes, what: target), shared: shared, budget: &budget).write(name: name, into: &out)
            try out.checkSize()
        }
        return TikaTextReader.read(text: out.text, encoding: "UTF-8 (xlsx)")
    }

    static func text(of si: XMLNode) -> String {
        if let t = si.first("t") { return t.text }
        return si.all("r").compactMap { $0.first("t")?.text }.joined()
    }

    /// "B12" → (row 11, column 1), zero-based.
    static func position(_ ref: String) -> (Int, Int)? {
        var col = 0, row = 0, seenDigit = false
        for u in ref.unicodeScalars {
            if ("A"..."Z").contains(u), !seenDigit { col = col * 26 + Int(u.value - 64); if col > 16384 { return nil } }
            else if ("0"..."9").contains(u) { seenDigit = true; row = row * 10 + Int(u.value - 48); if row > 1_048_576 { return nil } }
            else { return nil }
        }
        guard col > 0, row > 0 else { return nil }
        return (row - 1, col - 1)
    }

    static func cells(_ sheet: XMLNode, shared: [String]) throws(ContainerError) -> SheetGrid {
        var budget = SheetGrid.Budget()
        return try cells(sheet, shared: shared, budget: &budget)
    }

    static func cells(_ sheet: XMLNode, shared: [String], budget: inout SheetGrid.Budget) throws(ContainerError) -> SheetGrid {
        var grid = SheetGrid(maxColumn: 16383)
        for row in sheet.first("sheetData")?.all("row") ?? [] {
            for c in row.all("c") {
                guard let ref = c.attributes["r"], let (r, col) = position(ref) else { continue }
                try budget.count()
                let value: String
                switch c.attributes["t"] {
                case "s": value = Int(c.first("v")?.text ?? "").flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = c.first("is").map(text(of:)) ?? ""
                default: value = number(c.first("v")?.text ?? "")
                }
                try grid.set(r, col, value)
            }
        }
        for m in sheet.first("mergeCells")?.all("mergeCell") ?? [] {
            let parts = (m.attributes["ref"] ?? "").split(separator: ":").map(String.init)
            guard parts.count == 2, let a = position(parts[0]), let b = position(parts[1]) else { continue }
            grid.merge(from: a, to: b)
        }
        return grid
    }

    /// Excel stores numbers as their shortest decimal text; "1.2E-3" style is spelled out.
    static func number(_ s: String) -> String {
        guard s.contains("E") || s.contains("e"), let d = Double(s), d.isFinite else { return s }
        var t = String(format: "%.10f", d)
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

/// The non-empty cells of one sheet, as both workbook readers (.xlsx, .xls) collect them, and how a sheet becomes
/// Tika text: its name, its one-cell top rows (title, unit line) as paragraphs, then the table.
struct SheetGrid {
    static let maxCells = 2_000_000
    /// Rows are padded to their last cell: the padded total is capped too (one cell far right on every row).
    static let maxSlots = 1_000_000
    /// The format's last column (0-based); cells beyond it are damage and are dropped.
    let maxColumn: Int
    private var cells: [Int: [Int: String]] = [:]
    private var merges: [((Int, Int), (Int, Int))] = []
    private var count = 0

    mutating func set(_ row: Int, _ col: Int, _ value: String) throws(ContainerError) {
        count += 1
        if count > SheetGrid.maxCells { throw ContainerError("the sheet has more than 2 million cells: refused") }
        let v = value.trimmingSpaces()
        if !v.isEmpty && col <= maxColumn { cells[row, default: [:]][col] = v }
    }

    /// A merged range (top-left, bottom-right), applied when the rows are taken.
    mutating func merge(from a: (Int, Int), to b: (Int, Int)) { merges.append((a, b)) }

    init(maxColumn: Int) { self.maxColumn = maxColumn }

    /// Limits per workbook, across its sheets: cells stated.
    struct Budget {
        static let maxCells = 250_000
        var cells = 0
        mutating func count() throws(ContainerError) {
            cells += 1
            if cells > Budget.maxCells {
                throw ContainerError("the workbook has more than \(Budget.maxCells) cells: refused (a disclosure has far fewer)")
            }
        }
    }

    /// Horizontally merged cells repeat their label over the columns they cover (headers spanning sub-columns).
    /// Rows are sparse: a run of more than 8 columns empty in every row stands as 8 empty columns, so a stray cell
    /// in the last column does not pad every row to thousands of cells, and ordinary layouts keep their places.
    func rows(name: String = "sheet") throws(ContainerError) -> [[String]] {
        var grid = cells
        for (a, b) in merges {
            guard b.0 >= a.0, b.1 > a.1, b.1 - a.1 < 64, let v = grid[a.0]?[a.1] else { continue }
            // Titles merged across a whole row stay one cell.
            if grid[a.0]?.count == 1 && b.1 - a.1 >= 3 { continue }
            for col in stride(from: a.1 + 1, through: min(b.1, maxColumn), by: 1) where grid[a.0]?[col] == nil { grid[a.0]?[col] = v }
        }
        var place: [Int: Int] = [:]
        var next = 0, previous = -1
        for col in Set(grid.values.flatMap(\.keys)).sorted() {
            next += min(col - previous - 1, 8)
            place[col] = next
            next += 1
            previous = col
        }
        var laidOut = 0
        var rows: [[String]] = []
        for r in grid.keys.sorted() {
            let cells = grid[r] ?? [:]
            let width = (cells.keys.compactMap { place[$0] }.max() ?? 0) + 1
            laidOut += width
            if laidOut > SheetGrid.maxSlots {
                throw ContainerError("sheet \(name) lays out more than \(SheetGrid.maxSlots) cells (rows × columns): refused")
            }
            var row = [String](repeating: "", count: width)
            for (col, v) in cells { if let p = place[col] { row[p] = v } }
            rows.append(row)
        }
        return rows
    }

    func write(name: String, into out: inout TikaLines) throws(ContainerError) {
        var grid = try rows(name: name)
        out.paragraph(name)
        // Rows of one cell at the top are the table's title and unit line: paragraphs, as a page shows them.
        // A title merged over a few columns repeats its text: still one cell.
        while let first = grid.first, Set(first.filter({ !$0.isEmpty })).count <= 1 {
            if let t = first.first(where: { !$0.isEmpty }) { out.paragraph(t) }
            grid.removeFirst()
        }
        out.table(grid)
    }
}
