import Foundation
import YusuanModel

/// The non-empty cells of one sheet, as both workbook readers (.xlsx, .xls) collect them, and how a sheet becomes
/// Tika text: its name, its one-cell top rows (title, unit line) as paragraphs, then the table.
struct SheetGrid {
    static let maxCells = 2_000_000
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
        static let maxLaidOut = 1_000_000
        var cells = 0
        /// Cells once rows are laid out (empty ones included), over the workbook's sheets.
        var laidOut = 0
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
        var budget = Budget()
        return try rows(name: name, budget: &budget)
    }

    func rows(name: String, budget: inout Budget) throws(ContainerError) -> [[String]] {
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
        var rows: [[String]] = []
        for r in grid.keys.sorted() {
            let cells = grid[r] ?? [:]
            let width = (cells.keys.compactMap { place[$0] }.max() ?? 0) + 1
            budget.laidOut += width
            if budget.laidOut > Budget.maxLaidOut {
                throw ContainerError("sheet \(name) lays out more than \(Budget.maxLaidOut) cells (rows × columns): refused")
            }
            var row = [String](repeating: "", count: width)
            for (col, v) in cells { if let p = place[col] { row[p] = v } }
            rows.append(row)
        }
        return rows
    }

    func write(name: String, into out: inout TikaLines) throws(ContainerError) {
        SheetGrid.write(rows: try rows(name: name), name: name, into: &out)
    }

    /// A sheet's rows as Tika text: its name, its one-cell top rows (title, unit line) as paragraphs, the table.
    static func write(rows: [[String]], name: String, into out: inout TikaLines) {
        var grid = rows
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
