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
            let grid = try cells(sheetBytes, what: target, shared: shared, budget: &budget, sheet: name)
            SheetGrid.write(rows: grid, name: name, into: &out)
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

    /// A sheet's cells, read as a stream: a sheet's XML never becomes a tree, so memory follows the cells kept.
    /// Values as the sheet states them: <v> (a number, or an index into the shared strings for t="s") or an
    /// inline string (<is>: its <t>, or its runs' <t>s joined).
    static func cells(_ bytes: [UInt8], what: String, shared: [String], budget: inout SheetGrid.Budget, sheet name: String) throws(ContainerError) -> [[String]] {
        var grid = SheetGrid(maxColumn: 16383)
        var path: [String] = []
        struct Cell {
            var row: Int, col: Int, type: String?
            var v: String?, direct: String?, runs: [String] = []
            var seenIs = false
            /// A run not yet given a <t>: "\u{0}", dropped at the end (a run without text adds nothing).
            mutating func addToRun(_ t: String) { if !runs.isEmpty { runs[runs.count - 1] += t } }
        }
        var cell: Cell?
        // Where character data goes: the <v>, the inline <t>, or the current run's <t>, at this depth.
        enum Target { case v, direct, run }
        var capture: (Target, Int)?
        try SafeXML.stream(bytes, what: what, attributesOf: ["c", "mergeCell"]) { (e: SafeXML.Event) throws(ContainerError) in
            switch e {
            case .start(let tag, let attributes):
                path.append(tag)
                let depth = path.count
                if depth == 4, tag == "c", path[1] == "sheetData", path[2] == "row" {
                    cell = nil
                    guard let ref = attributes["r"], let (r, col) = position(ref) else { return }
                    try budget.count()
                    cell = Cell(row: r, col: col, type: attributes["t"])
                } else if depth == 3, tag == "mergeCell", path[1] == "mergeCells" {
                    let parts = (attributes["ref"] ?? "").split(separator: ":").map(String.init)
                    if parts.count == 2, let a = position(parts[0]), let b = position(parts[1]) { grid.merge(from: a, to: b) }
                } else if cell != nil, depth >= 5 {
                    switch (depth, tag, path[4]) {
                    case (5, "v", _) where cell?.v == nil: cell?.v = ""; capture = (.v, depth)
                    case (5, "is", _) where !(cell?.seenIs ?? true): cell?.seenIs = true
                    case (6, "t", "is") where cell?.direct == nil && path[3] == "c": cell?.direct = ""; capture = (.direct, depth)
                    case (6, "r", "is"): cell?.runs.append("\u{0}")
                    case (7, "t", "is") where path[5] == "r" && cell?.runs.last == "\u{0}": cell?.runs.removeLast(); cell?.runs.append(""); capture = (.run, depth)
                    default: break
                    }
                }
            case .text(let t):
                guard let (target, depth) = capture, depth == path.count else { return }
                switch target {
                case .v: cell?.v? += t
                case .direct: cell?.direct? += t
                case .run: cell?.addToRun(t)
                }
            case .end:
                if let (_, depth) = capture, depth == path.count { capture = nil }
                if path.count == 4, let c = cell {
                    var value: String
                    switch c.type {
                    case "s": value = Int(c.v ?? "").flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                    case "inlineStr": value = c.direct ?? c.runs.filter { $0 != "\u{0}" }.joined()
                    default: value = number(c.v ?? "")
                    }
                    try grid.set(c.row, c.col, value)
                    cell = nil
                }
                path.removeLast()
            }
        }
        return try grid.rows(name: name, budget: &budget)
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
