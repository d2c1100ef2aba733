import Foundation
import YusuanModel

/// PDF through `pdftotext -bbox-layout -enc UTF-8` (poppler-utils), run as a subprocess with a timeout. Word
/// boxes become visual lines; tables are found from their geometry (``PDFTables``), the rest is prose joined
/// into paragraphs as a reader would (``ProseBuilder``). Provenance: page and visual line (counted over the
/// whole document). `parse(_:)` reads `pdftotext -layout` text the same way, for layout text given directly.
public enum PDFReader {
    public static func read(bytes: [UInt8], options: ReadOptions = ReadOptions(), timeout: Double = 30) throws(ContainerError) -> TextDocument {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-pdf-\(UUID().uuidString)")
        let file = dir.appendingPathComponent("in.pdf")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        } catch { throw ContainerError("cannot write a temporary copy for pdftotext") }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (output, stderr) = try run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", file.path, "-"], timeout: timeout)
        guard let text = String(validating: output, as: UTF8.self) else { throw ContainerError("pdftotext gave text that is not UTF-8") }
        let fontProblem = missingFontData(stderr)
        var pages = PDFGeometry.pages(text)
        // Row borders for the tables; without them (a tool missing, a timeout) the text alone decides the rows.
        if case .success(let o) = Subprocess.run("/usr/bin/env", ["pdftocairo", "-svg", file.path, "-"], timeout: timeout),
           o.status == 0, o.stdout.count <= maxRuleSVGBytes {
            let rules = PDFRules.parse(svg: [UInt8](o.stdout))
            if rules.count == pages.count { for p in pages.indices { pages[p].rules = rules[p] } }
        }
        if pages.allSatisfy({ $0.words.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) } }) {
            if let fontProblem { throw ContainerError(fontProblem) }
            guard options.ocr else {
                throw ContainerError("the PDF has no text layer (a scan?): pass --ocr to read it with tesseract (scripts/setup.sh --ocr installs it), or run OCR on it first (e.g. ocrmypdf -l chi_sim)")
            }
            return try OCR.read(pdf: file, in: dir, timeout: timeout)
        }
        var doc = parse(pages: pages)
        if let fontProblem { doc.warnings.append(fontProblem + "; some text may be missing") }
        return doc
    }

    /// Larger SVG (glyph outlines of a long document) is not read for rules.
    static let maxRuleSVGBytes = 64 * 1024 * 1024

    /// pdftotext exits 0 and prints nothing for text in CID fonts it has no mapping for (poppler-data missing):
    /// that is a font problem on this machine, not a scan. Its stderr says so: "Missing language pack", a CMap or
    /// character collection it cannot find. "Unknown font" alone may also be a damaged PDF, and is said so.
    public static func missingFontData(_ stderr: [UInt8]) -> String? {
        let lines = String(decoding: stderr.prefix(64 * 1024), as: UTF8.self).split(separator: "\n")
        func first(_ signs: [String]) -> String? {
            lines.first { l in signs.contains { l.contains($0) } }.map { String($0.prefix(120)).trimmingSpaces() }
        }
        if let line = first(["Missing language pack", "Unknown character collection", "Couldn't find a CMap", "Couldn't find a font"]) {
            return "pdftotext cannot map the PDF's fonts (\(line)): install poppler-data (scripts/setup.sh installs it) and read the file again"
        }
        if let line = first(["Unknown font"]) {
            return "pdftotext reports fonts it cannot use (\(line)): the PDF may be damaged, or poppler-data is missing (scripts/setup.sh installs it)"
        }
        return nil
    }

    /// Runs a poppler tool; stdout and stderr of a successful run.
    static func run(_ args: [String], timeout: Double) throws(ContainerError) -> (stdout: [UInt8], stderr: [UInt8]) {
        let tool = args.first ?? "pdftotext"
        switch Subprocess.run("/usr/bin/env", args, timeout: timeout) {
        case .failure(.cannotStart):
            throw ContainerError("\(tool) is not installed (poppler-utils; scripts/setup.sh installs it)")
        case .failure(.timedOut):
            throw ContainerError("\(tool) did not finish in \(Int(timeout)) s: the PDF was refused")
        case .success(let o) where o.status != 0:
            if o.status == 127 { throw ContainerError("\(tool) is not installed (poppler-utils; scripts/setup.sh installs it)") }
            let msg = String(decoding: o.stderr, as: UTF8.self).trimmingSpaces()
            throw ContainerError("\(tool) could not read the PDF (corrupt or encrypted?)\(msg.isEmpty ? "" : ": " + String(msg.prefix(200)))")
        case .success(let o):
            return ([UInt8](o.stdout), [UInt8](o.stderr))
        }
    }

    /// Word boxes → blocks. Tables come from geometry (``PDFTables``); the other lines are prose in reading
    /// order, joined into paragraphs as a reader would. A line number is a visual line of the document, counted
    /// over all pages.
    public static func parse(pages: [PDFPage], settings: PDFTableSettings = PDFTableSettings()) -> TextDocument {
        var pageLines: [[PDFVisualLine]] = pages.map { PDFGeometry.lines($0, settings: settings) }
        // Normalised per cell, so that a table cell and its line read the same.
        for p in pageLines.indices {
            for l in pageLines[p].indices {
                for s in pageLines[p][l].segments.indices {
                    pageLines[p][l].segments[s].text = TextNormalization.normalize(pageLines[p][l].segments[s].text).trimmingSpaces()
                }
            }
        }
        let written = pageLines.flatMap { $0.map(\.text) }
        // Exporters' spacing ("2024 年度", "合 计") repaired per cell; the lines as written stay for quoting.
        var repairedAny = false
        for p in pageLines.indices {
            for l in pageLines[p].indices {
                for s in pageLines[p][l].segments.indices {
                    let t = pageLines[p][l].segments[s].text
                    let r = TextNormalization.repair(t)
                    if r != t { pageLines[p][l].segments[s].text = r; repairedAny = true }
                }
            }
        }
        let (_, converted, unconverted) = Traditional.simplified(written)
        let originals: [String]? = converted != nil || repairedAny ? written : nil
        if converted != nil {
            for p in pageLines.indices {
                for l in pageLines[p].indices {
                    for s in pageLines[p][l].segments.indices {
                        let t = pageLines[p][l].segments[s].text
                        pageLines[p][l].segments[s].text = Traditional.toSimplified(t) ?? t
                    }
                }
            }
        }
        var lines: [String] = []
        var pageOf: [Int] = []
        var blocks: [Block] = []
        var prose = ProseBuilder()
        // The table that ended the previous page, when nothing came after it: the next page may go on with it.
        var open: (block: Int, found: PDFTables.Found)?
        for (p, vlines) in pageLines.enumerated() {
            let base = lines.count
            lines += vlines.map(\.text)
            pageOf += Array(repeating: p + 1, count: vlines.count)
            var tables = PDFTables.find(vlines, page: p + 1, number: { base + $0 + 1 }, settings: settings, rules: pages[p].rules)
            // A table first on the page, nothing but page furniture above it, may go on with the previous page's.
            var continued: PDFTables.Found?
            if let o = open, let t = tables.first, case .table = blocks[o.block], o.found.goesOn(as: t),
               vlines[..<t.lines.lowerBound].allSatisfy({ PageFurniture.isPageNumber($0.text) }),
               let c = PDFTables.build(vlines, t.lines, page: p + 1, number: { base + $0 + 1 }, settings: settings,
                                       columns: o.found.separators, minRows: 1, rules: pages[p].rules) {
                continued = c
            }
            // A single row is a table only as the rest of one.
            tables.removeAll { $0.table.rows.count < 2 && $0.lines != continued?.lines }
            let inTable = Set(tables.flatMap { Array($0.lines) })
            let proseLines = vlines.indices.filter { !inTable.contains($0) && !PageFurniture.isPageNumber(vlines[$0].text) }
            let starts = Dictionary(tables.map { ($0.lines.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
            // The body text's size: the height most prose lines of the page have.
            let heights = Dictionary(grouping: proseLines.map { (vlines[$0].height * 2).rounded() / 2 }, by: { $0 })
            let bodyHeight = heights.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key ?? 0
            for i in vlines.indices {
                if let t = starts[i] {
                    blocks += prose.flush()
                    if let c = continued, c.lines == t.lines, let o = open, case .table(var previous) = blocks[o.block],
                       c.table.rows.first?.cells.count == previous.rows.last?.cells.count {
                        // The table goes on in the previous page's columns. A header repeated on the new page is not data.
                        var rows = c.table.rows[...]
                        for h in previous.rows.prefix(3) where rows.first.map({ $0.cells.map(\.compact) == h.cells.map(\.compact) }) ?? false {
                            rows = rows.dropFirst()
                        }
                        previous.rows += rows
                        blocks[o.block] = .table(previous)
                    } else {
                        blocks.append(.table(t.table))
                        open = (blocks.count - 1, t)
                    }
                }
                if inTable.contains(i) || PageFurniture.isPageNumber(vlines[i].text) { continue }
                open = nil
                let l = vlines[i]
                // A full line runs from the left to the right edge of the page's body text; a line in another
                // font size (a title) never is.
                let body = proseLines.filter { abs(vlines[$0].height - bodyHeight) <= bodyHeight * 0.15 }
                let right = body.map { vlines[$0].x1 }.max() ?? l.x1
                let left = body.map { vlines[$0].x0 }.min() ?? l.x0
                let isBody = abs(l.height - bodyHeight) <= bodyHeight * 0.15
                let gap = i > 0 ? (l.top - vlines[i - 1].bottom) / l.height : 0
                blocks += prose.add(ProseLine(text: l.segments.map(\.text).joined(separator: " "), line: base + i + 1, page: p + 1,
                                              full: isBody && l.x1 >= right - 2 * l.height && l.x0 <= left + 4 * l.height, blanksBefore: gap > 2.5 ? 2 : 0,
                                              indented: l.x0 > left + l.height, gap: gap))
            }
        }
        blocks += prose.flush()
        var doc = TextDocument(lines: lines, blocks: blocks, encoding: "UTF-8 (pdf)", pages: pageOf)
        if originals != nil { doc.originalLines = TextLines(written) }
        doc.missingLibrary = unconverted
        return doc
    }

    /// Layout text (pages separated by form feeds) → blocks with page numbers: lines split into columns by runs
    /// of spaces are table rows; other lines are prose, joined into paragraphs as a reader would.
    public static func parse(_ text: String) -> TextDocument {
        var raw: [String] = []
        var pages: [Int] = []
        for (i, page) in text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated() {
            for l in TextNormalization.lines(String(page)) {
                raw.append(l)
                pages.append(i + 1)
            }
        }
        let (lines, originals, _) = TextNormalization.prepare(raw)
        // A prose line is full when it reaches (within four characters) the widest prose line of its page.
        var widest: [Int: Int] = [:]
        for (i, l) in lines.enumerated() where columns(l).count < 2 { widest[pages[i], default: 0] = max(widest[pages[i], default: 0], displayWidth(l)) }
        var blocks: [Block] = []
        var rows: [TableRow] = []
        var prose = ProseBuilder()
        var blanks = 0
        func flushTable() {
            if rows.count >= 2 { blocks.append(.table(Table(rows: rows, line: rows[0].line, page: pages[rows[0].line - 1]))) }
            else { for r in rows { blocks.append(.paragraph(Paragraph(text: r.cells.map(\.text).joined(separator: " "), line: r.line, page: pages[r.line - 1]))) } }
            rows = []
        }
        for (i, raw) in lines.enumerated() {
            let n = i + 1
            let line = raw.trimmingSpaces()
            if line.isEmpty { blanks += 1; if !rows.isEmpty && (i + 1 >= lines.count || columns(lines[i + 1]).count < 2) { flushTable() }; continue }
            let cols = columns(raw)
            // Inside a table, a one-cell line ("1、房屋（平方米）" with empty cells) is still a row when the
            // table goes on after it.
            let continuesTable = !rows.isEmpty && cols.count == 1
                && lines[(i + 1)...].lazy.filter { !$0.trimmingSpaces().isEmpty }.prefix(3).contains { columns($0).count >= 2 }
            if cols.count >= 2 || continuesTable {
                blocks += prose.flush()
                rows.append(TableRow(cells: cols.map { TableCell(lines: [$0], line: n) }, line: n))
                blanks = 0
                continue
            }
            if !rows.isEmpty { flushTable() }
            blocks += prose.add(ProseLine(text: line, line: n, page: pages[i], full: displayWidth(raw) >= (widest[pages[i]] ?? 0) - 8, blanksBefore: blanks))
            blanks = 0
        }
        blocks += prose.flush()
        flushTable()
        var doc = TextDocument(lines: lines, blocks: blocks, encoding: "UTF-8 (pdf)", pages: pages)
        doc.originalLines = originals.map(TextLines.init)
        return doc
    }

    /// Columns a line takes in monospaced layout text: two for a wide (CJK) character.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (PDFGeometry.isCJK($1) ? 2 : 1) }
    }

    /// Cells of a layout line: runs of text separated by two or more spaces (or a wide gap after CJK text).
    static func columns(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var spaces = 0
        for c in line {
            if c == " " { spaces += 1; continue }
            if spaces >= 2 && !current.isEmpty { cells.append(current); current = "" }
            else if spaces == 1 && !current.isEmpty { current += " " }
            spaces = 0
            current.append(c)
        }
        if !current.isEmpty { cells.append(current) }
        return cells
    }
}
