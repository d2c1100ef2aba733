import Foundation
import YusuanModel

/// Word .docx read natively: paragraphs and tables in document order, merged cells (gridSpan, vMerge),
/// line breaks inside cells, tracked deletions skipped, mc:AlternateContent read once, field codes dropped.
/// It yields the same Tika-style text as an extraction would, so the same extractor serves it.
/// document.xml is read as a stream (SafeXML): no tree of it is built, so memory follows the text kept.
public enum DocxReader {
    public static func read(bytes: [UInt8]) throws(ContainerError) -> TextDocument {
        var zip = try OfficeZip(bytes: bytes)
        guard let xml = try zip.read("word/document.xml") else { throw ContainerError("a zip without word/document.xml is not a .docx") }
        let body = try SafeXML.parse(xml, what: "word/document.xml", DocxBody())
        guard body.sawBody else { throw ContainerError("word/document.xml has no body") }
        try body.out.checkSize()
        // The lines are valid UTF-8 (the parsers check every byte of text): read as they stand, not decoded again.
        var doc = TikaTextReader.read(utf8: body.out.utf8, encoding: "UTF-8 (docx)")
        doc.warnings = []
        return doc
    }
}

/// The body of document.xml as its events arrive: each open element is a frame that says how its children are
/// read. Paragraphs go to the lines, or to the innermost open cell; a table's rows go to the lines, or flattened
/// into its cell. Tracked deletions, properties and field instructions are never text.
struct DocxBody: XMLSink {
    private(set) var out = TikaLines()
    private(set) var sawBody = false

    enum Tag: String, CaseIterable {
        case body = "w:body", p = "w:p", r = "w:r", t = "w:t", tab = "w:tab", br = "w:br", cr = "w:cr"
        case noBreakHyphen = "w:noBreakHyphen", fldChar = "w:fldChar"
        case tbl = "w:tbl", tr = "w:tr", tc = "w:tc", tcPr = "w:tcPr", vMerge = "w:vMerge"
        case sdt = "w:sdt", sdtContent = "w:sdtContent"
        case alternate = "mc:AlternateContent", choice = "mc:Choice", fallback = "mc:Fallback"
        // Containers of runs inside a paragraph whose runs are text (w:del, w:moveFrom, w:pPr, w:rPr are not).
        case ins = "w:ins", moveTo = "w:moveTo", hyperlink = "w:hyperlink", smartTag = "w:smartTag"
        case fldSimple = "w:fldSimple", customXml = "w:customXml", bdo = "w:bdo", dir = "w:dir"
    }

    /// How the children of a content control (w:sdt) or an alternate are read: as what holds it.
    enum Level: Equatable {
        case blocks, inline, rowContent
        var frame: Frame {
            switch self {
            case .blocks: return .blocks
            case .inline: return .inline
            case .rowContent: return .rowContent
            }
        }
    }

    /// Output so far, to go back to: an alternate's Fallback is read until a Choice shows up after it.
    enum Mark: Equatable { case lines(TikaLines.Mark), parts(Int, size: Int), cells(Int), paragraph(Int, inInstruction: Bool) }

    /// mc:AlternateContent holds the same content twice: its first Choice is read, else its first Fallback.
    struct Alternate: Equatable {
        var choice = false
        var fallback: Mark?
    }

    /// What an open element's children are read as.
    enum Frame: Equatable {
        /// The root element: its first w:body holds the blocks.
        case document
        /// Paragraphs, tables, content controls and alternates: the body, or what stands among blocks.
        case blocks
        /// A w:tc: blocks, and its first w:tcPr.
        case cell
        /// A cell's first w:tcPr: its first w:vMerge.
        case cellProperties
        /// A w:p: runs, and containers of runs.
        case paragraph
        /// A container of runs inside a paragraph.
        case inline
        /// A w:r: text, tabs, breaks, field characters.
        case run
        /// A w:t outside a field instruction: its character data.
        case text
        /// A w:tbl: its rows.
        case table
        /// A w:tr: its cells, and content controls holding cells.
        case row
        /// The content of a content control inside a row: its cells.
        case rowContent
        /// A w:sdt: its first w:sdtContent, read at `level`.
        case control(Level, opened: Bool)
        /// An mc:AlternateContent: its state is the innermost of `alternates` (kept aside, as it is rare and larger
        /// than every other frame, which would otherwise all be as large).
        case alternate(Level)
    }

    /// An open cell. Its text (its parts joined by LF) is `cellText` from `start` up to the next open cell's.
    struct Cell {
        var start: Int
        var parts = 0
        /// A vertically merged continuation ("same as above"): the cell reads empty.
        var continuation = false
        var sawProperties = false, sawMerge = false
    }

    private var names = XMLNames<Tag>()
    private var frames: [Frame] = []
    private var alternates: [Alternate] = []
    /// Depth inside an element whose content is not read.
    private var skipping = 0
    /// The open paragraph's text (paragraphs never nest) and whether a field instruction is open in it.
    private var paragraph = ByteOutput()
    private var inInstruction = false
    /// Open tables (the open row is the innermost table's last), open cells: tables nest inside cells. Only the
    /// innermost open cell is ever written to, so the open cells' texts share one buffer, outermost first.
    private var tables: [TextGrid] = []
    private var cells: [Cell] = []
    private var cellText = ByteOutput()

    mutating func start(_ e: XMLStart) throws(ContainerError) {
        if skipping > 0 { skipping += 1; return }
        guard let top = frames.last else { frames.append(.document); return }
        if let frame = open(names.tag(e), in: top, e) { frames.append(frame) } else { skipping = 1 }
    }

    /// The frame of a child element, or nil when its content is not read (what it means, if anything, is done here).
    private mutating func open(_ tag: Tag?, in top: Frame, _ e: XMLStart) -> Frame? {
        switch top {
        case .document:
            guard tag == .body, !sawBody else { return nil }
            sawBody = true
            return .blocks
        case .blocks, .cell:
            switch tag {
            case .p:
                paragraph.removeAll()
                inInstruction = false
                return .paragraph
            case .tbl:
                tables.append(TextGrid())
                return .table
            case .sdt: return .control(.blocks, opened: false)
            case .alternate: return openAlternate(.blocks)
            case .tcPr where top == .cell && cells.last?.sawProperties == false:
                cells[cells.count - 1].sawProperties = true
                return .cellProperties
            default: return nil
            }
        case .cellProperties:
            if tag == .vMerge, cells.last?.sawMerge == false {
                cells[cells.count - 1].sawMerge = true
                cells[cells.count - 1].continuation = e.attribute("w:val") != "restart"
            }
            return nil
        case .paragraph, .inline:
            switch tag {
            case .r: return .run
            case .ins, .moveTo, .hyperlink, .smartTag, .fldSimple, .customXml, .bdo, .dir: return .inline
            case .sdt: return .control(.inline, opened: false)
            case .alternate: return openAlternate(.inline)
            default: return nil
            }
        case .run:
            switch tag {
            case .fldChar:
                // A complex field: its instruction (between begin and separate) is dropped, its result kept.
                switch e.attribute("w:fldCharType") {
                case "begin": inInstruction = true
                case "separate", "end": inInstruction = false
                default: break
                }
            case .t where !inInstruction: return .text
            case .tab where !inInstruction: paragraph.append(0x20)
            case .br where !inInstruction, .cr where !inInstruction: paragraph.append(0x0A)
            case .noBreakHyphen: paragraph.append(0x2D)
            case .alternate: return openAlternate(.inline)
            default: break
            }
            return nil
        case .text:
            return nil
        case .table:
            return tag == .tr ? .row : nil
        case .row, .rowContent:
            if tag == .tc {
                cells.append(Cell(start: cellText.count))
                return .cell
            }
            return tag == .sdt && top == .row ? .control(.rowContent, opened: false) : nil
        case .control(let level, let opened):
            guard tag == .sdtContent, !opened else { return nil }
            frames[frames.count - 1] = .control(level, opened: true)
            return level.frame
        case .alternate(let level):
            guard var state = alternates.last else { return nil }
            switch tag {
            case .choice where !state.choice:
                if let m = state.fallback { rewind(to: m) }
                state.choice = true
            case .fallback where !state.choice && state.fallback == nil:
                state.fallback = mark(level)
            default: return nil
            }
            alternates[alternates.count - 1] = state
            return level.frame
        }
    }

    private mutating func openAlternate(_ level: Level) -> Frame {
        alternates.append(Alternate())
        return .alternate(level)
    }

    mutating func end() throws(ContainerError) {
        if skipping > 0 { skipping -= 1; return }
        switch frames.popLast() {
        case .paragraph?:
            if cells.isEmpty {
                paragraph.withBytes { out.paragraph(bytes: $0) }
            } else {
                // A copy of the buffer's reference (addPart changes self, not the paragraph).
                let text = paragraph
                text.withBytes { addPart($0) }
            }
        case .table?:
            let table = tables.popLast() ?? TextGrid()
            if cells.isEmpty {
                out.table(table)
            } else {
                var part: [UInt8] = []
                for row in table.rows {
                    part.removeAll(keepingCapacity: true)
                    table.flattenedRow(row, into: &part)
                    part.withUnsafeBufferPointer { addPart($0) }
                }
            }
        case .row?:
            if !tables.isEmpty { tables[tables.count - 1].endRow() }
        case .alternate?:
            _ = alternates.popLast()
        case .cell?:
            guard let cell = cells.popLast() else { return }
            let start = min(cell.start, cellText.count)
            if !tables.isEmpty {
                cellText.withBytes { b in
                    let text = cell.continuation ? UnsafeBufferPointer(rebasing: b[start..<start]) : UnsafeBufferPointer(rebasing: b[start...])
                    tables[tables.count - 1].addCell(text)
                }
            }
            cellText.removeAll(after: start)
        default: break
        }
    }

    /// One more part of the innermost open cell's text.
    private mutating func addPart(_ part: UnsafeBufferPointer<UInt8>) {
        guard !cells.isEmpty else { return }
        if cells[cells.count - 1].parts > 0 { cellText.append(0x0A) }
        cellText.append(part)
        cells[cells.count - 1].parts += 1
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(ContainerError) {
        if skipping == 0, frames.last == .text { paragraph.append(bytes) }
    }

    /// Where the output of content read at `level` stands now.
    private func mark(_ level: Level) -> Mark {
        switch level {
        case .blocks: return cells.last.map { .parts($0.parts, size: cellText.count) } ?? .lines(out.mark)
        case .inline: return .paragraph(paragraph.count, inInstruction: inInstruction)
        case .rowContent: return .cells(tables.last?.cellCount ?? 0)
        }
    }

    private mutating func rewind(to m: Mark) {
        switch m {
        case .lines(let l): out.rewind(to: l)
        case .parts(let n, let size):
            guard !cells.isEmpty else { return }
            cells[cells.count - 1].parts = min(n, cells[cells.count - 1].parts)
            cellText.removeAll(after: max(cells[cells.count - 1].start, size))
        case .cells(let n): if !tables.isEmpty { tables[tables.count - 1].removeCells(after: n) }
        case .paragraph(let n, let i):
            paragraph.removeAll(after: n)
            inInstruction = i
        }
    }
}
