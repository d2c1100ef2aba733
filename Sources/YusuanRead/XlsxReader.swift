import Foundation
import YusuanModel

/// Excel .xlsx workbooks of the standard tables: sheets found through workbook.xml and its rels, shared and
/// inline strings, merged cells (the value stands in the top-left cell; a merged header's label is repeated
/// across the columns it spans, so each column keeps its heading). Each sheet becomes a titled table.
/// Every part is read as a stream (SafeXML): no tree is built, so memory follows the strings and cells kept.
public enum XlsxReader {
    public static func read(bytes: [UInt8]) throws(ContainerError) -> TextDocument {
        var zip = try OfficeZip(bytes: bytes)
        guard let wbBytes = try zip.read("xl/workbook.xml") else { throw ContainerError("a zip without xl/workbook.xml is not an .xlsx") }
        let sheets = try SafeXML.parse(wbBytes, what: "xl/workbook.xml", Workbook()).sheets
        var targets: [String: String] = [:]
        if let relBytes = try zip.read("xl/_rels/workbook.xml.rels") {
            targets = try SafeXML.parse(relBytes, what: "workbook rels", Relationships()).targets
        }
        var shared: [String] = []
        if let ss = try zip.read("xl/sharedStrings.xml") {
            shared = try SafeXML.parse(ss, what: "xl/sharedStrings.xml", SharedStrings()).strings
        }
        var out = TikaLines()
        var budget = SheetGrid.Budget()
        if sheets.isEmpty { throw ContainerError("the workbook lists no sheets") }
        for (i, sheet) in sheets.enumerated() {
            let name = sheet.name ?? "Sheet\(i + 1)"
            var target = targets[sheet.id ?? ""] ?? "worksheets/sheet\(i + 1).xml"
            if target.hasPrefix("/") { target = String(target.dropFirst()) } else if !target.hasPrefix("xl/") { target = "xl/" + target }
            guard let sheetBytes = try zip.read(target) else { continue }
            let grid = try cells(sheetBytes, what: target, shared: shared, budget: &budget, sheet: name)
            SheetGrid.write(rows: grid, name: name, into: &out)
            try out.checkSize()
        }
        return TikaTextReader.read(text: out.text, encoding: "UTF-8 (xlsx)")
    }

    /// xl/workbook.xml: the sheets its first <sheets> lists, with their names and relationship ids.
    struct Workbook: XMLSink {
        var sheets: [(name: String?, id: String?)] = []
        private var depth = 0, sawSheets = false, inSheets = false
        mutating func start(_ e: XMLStart) throws(ContainerError) {
            depth += 1
            if depth == 2, !sawSheets, e.named("sheets") {
                sawSheets = true
                inSheets = true
            } else if depth == 3, inSheets, e.named("sheet") {
                sheets.append((e.attribute("name"), e.attribute("r:id")))
            }
        }
        mutating func end() throws(ContainerError) {
            if depth == 2 { inSheets = false }
            depth -= 1
        }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) {}
    }

    /// The workbook's relationships: part by id (a later duplicate id wins).
    struct Relationships: XMLSink {
        var targets: [String: String] = [:]
        private var depth = 0
        mutating func start(_ e: XMLStart) throws(ContainerError) {
            depth += 1
            if depth == 2, e.named("Relationship"), let id = e.attribute("Id"), let t = e.attribute("Target") { targets[id] = t }
        }
        mutating func end() throws(ContainerError) { depth -= 1 }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) {}
    }

    /// The shared strings, one per <si>: its first <t>, or else the first <t> of each of its runs, joined.
    struct SharedStrings: XMLSink {
        var strings: [String] = []
        private var depth = 0
        /// Inside an <si> (depth 2), inside one of its runs (depth 3), and whether that run's <t> was seen.
        private var inString = false, inRun = false, runHasText = false
        private var direct: [UInt8]?, runs: [UInt8] = []
        /// The depth of the <t> whose character data is kept, and whether it is the <si>'s own.
        private var capture: (depth: Int, direct: Bool)?
        mutating func start(_ e: XMLStart) throws(ContainerError) {
            depth += 1
            switch depth {
            case 2 where e.named("si"):
                inString = true
                direct = nil
                runs = []
            case 3 where inString && e.named("t") && direct == nil:
                direct = []
                capture = (3, true)
            case 3 where inString && e.named("r"):
                inRun = true
                runHasText = false
            case 4 where inRun && e.named("t") && !runHasText:
                runHasText = true
                capture = (4, false)
            default: break
            }
        }
        mutating func end() throws(ContainerError) {
            if capture?.depth == depth { capture = nil }
            if depth == 3 { inRun = false }
            if depth == 2, inString {
                strings.append(String(decoding: direct ?? runs, as: UTF8.self))
                inString = false
            }
            depth -= 1
        }
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) {
            guard let c = capture, c.depth == depth else { return }
            if c.direct { direct?.append(contentsOf: bytes) } else { runs.append(contentsOf: bytes) }
        }
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

    /// A sheet's cells laid out as rows; the workbook's budgets carried across its sheets.
    static func cells(_ bytes: [UInt8], what: String, shared: [String], budget: inout SheetGrid.Budget, sheet name: String) throws(ContainerError) -> [[String]] {
        let sheet = try SafeXML.parse(bytes, what: what, Sheet(shared: shared, budget: budget))
        budget = sheet.budget
        return try sheet.grid.rows(name: name, budget: &budget)
    }

    /// A sheet's cells as its events arrive: memory follows the cells kept. Values as the sheet states them: <v> (a
    /// number, or an index into the shared strings for t="s") or an inline string (<is>: its <t>, or its runs' <t>s
    /// joined). Merged ranges from <mergeCells>.
    struct Sheet: XMLSink {
        enum Tag: String, CaseIterable { case sheetData, row, c, v, inline = "is", t, r, mergeCells, mergeCell }
        private(set) var grid = SheetGrid(maxColumn: 16383)
        private(set) var budget: SheetGrid.Budget
        let shared: [String]
        private var names = XMLNames<Tag>()
        /// The open elements, the root first (nil: a name of no interest).
        private var path: [Tag?] = []
        struct Cell {
            var row: Int, col: Int, type: String?
            var v: [UInt8]?, direct: [UInt8]?
            /// An inline string's runs: nil until the run's <t> shows up (a run without text adds nothing).
            var runs: [[UInt8]?] = []
        }
        private var cell: Cell?
        /// Where character data goes: the <v>, the inline <t>, or the current run's <t>, at this depth.
        enum Target { case v, direct, run }
        private var capture: (Target, Int)?

        init(shared: [String], budget: SheetGrid.Budget) {
            self.shared = shared
            self.budget = budget
        }

        mutating func start(_ e: XMLStart) throws(ContainerError) {
            let tag = names.tag(e)
            path.append(tag)
            let depth = path.count
            if depth == 4, tag == .c, path[1] == .sheetData, path[2] == .row {
                cell = nil
                guard let ref = e.attribute("r"), let (r, col) = position(ref) else { return }
                try budget.count()
                cell = Cell(row: r, col: col, type: e.attribute("t"))
            } else if depth == 3, tag == .mergeCell, path[1] == .mergeCells {
                let parts = (e.attribute("ref") ?? "").split(separator: ":").map(String.init)
                if parts.count == 2, let a = position(parts[0]), let b = position(parts[1]) { grid.merge(from: a, to: b) }
            } else if var c = cell, depth >= 5 {
                switch (depth, tag, path[4]) {
                case (5, .v?, _) where c.v == nil:
                    c.v = []
                    capture = (.v, depth)
                case (6, .t?, .inline?) where c.direct == nil && path[3] == .c:
                    c.direct = []
                    capture = (.direct, depth)
                case (6, .r?, .inline?):
                    c.runs.append(nil)
                case (7, .t?, .inline?) where path[5] == .r && c.runs.last.map({ $0 == nil }) == true:
                    c.runs[c.runs.count - 1] = []
                    capture = (.run, depth)
                default: break
                }
                cell = c
            }
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) {
            guard let (target, depth) = capture, depth == path.count, var c = cell else { return }
            switch target {
            case .v: c.v?.append(contentsOf: bytes)
            case .direct: c.direct?.append(contentsOf: bytes)
            case .run: if !c.runs.isEmpty { c.runs[c.runs.count - 1]?.append(contentsOf: bytes) }
            }
            cell = c
        }

        mutating func end() throws(ContainerError) {
            if let (_, depth) = capture, depth == path.count { capture = nil }
            if path.count == 4, let c = cell {
                func string(_ b: [UInt8]?) -> String { String(decoding: b ?? [], as: UTF8.self) }
                let value: String
                switch c.type {
                case "s": value = Int(string(c.v)).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = c.direct.map(string) ?? string(Array(c.runs.compactMap { $0 }.joined()))
                default: value = number(string(c.v))
                }
                try grid.set(c.row, c.col, value)
                cell = nil
            }
            _ = path.popLast()
        }
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
