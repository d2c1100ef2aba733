import Foundation
import YusuanModel

/// PDF through `pdftotext -layout -enc UTF-8` (poppler-utils), run as a subprocess with a timeout. Layout text
/// becomes blocks: lines split into columns by runs of spaces are table rows; other lines are prose, joined
/// into paragraphs where a sentence runs on. Provenance: page and line of pdftotext's output.
public enum PDFReader {
    public static func read(bytes: [UInt8], options: ReadOptions = ReadOptions(), timeout: Double = 30) throws(ContainerError) -> TextDocument {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-pdf-\(UUID().uuidString)")
        let file = dir.appendingPathComponent("in.pdf")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        } catch { throw ContainerError("cannot write a temporary copy for pdftotext") }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (output, stderr) = try run(["pdftotext", "-layout", "-enc", "UTF-8", file.path, "-"], timeout: timeout)
        guard let text = String(validating: output, as: UTF8.self) else { throw ContainerError("pdftotext gave text that is not UTF-8") }
        let fontProblem = missingFontData(stderr)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            if let fontProblem { throw ContainerError(fontProblem) }
            guard options.ocr else {
                throw ContainerError("the PDF has no text layer (a scan?): pass --ocr to read it with tesseract (scripts/setup.sh --ocr installs it), or run OCR on it first (e.g. ocrmypdf -l chi_sim)")
            }
            return try OCR.read(pdf: file, in: dir, timeout: timeout)
        }
        var doc = parse(text)
        if let fontProblem { doc.warnings.append(fontProblem + "; some text may be missing") }
        return doc
    }

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

    /// Layout text (pages separated by form feeds) → blocks with page numbers.
    public static func parse(_ text: String) -> TextDocument {
        var normalized: [String] = []
        var pages: [Int] = []
        for (i, page) in text.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated() {
            for l in TextNormalization.lines(String(page)) {
                normalized.append(TextNormalization.normalize(l))
                pages.append(i + 1)
            }
        }
        let (lines, originals) = Traditional.simplified(normalized)
        var blocks: [Block] = []
        var rows: [TableRow] = []
        var para: (text: String, line: Int, page: Int)?
        func flushPara() {
            if let p = para { blocks.append(.paragraph(Paragraph(text: p.text, line: p.line, page: p.page))) }
            para = nil
        }
        func flushTable() {
            if rows.count >= 2 { blocks.append(.table(Table(rows: rows, line: rows[0].line, page: pages[rows[0].line - 1]))) }
            else { for r in rows { blocks.append(.paragraph(Paragraph(text: r.cells.map(\.text).joined(separator: " "), line: r.line, page: pages[r.line - 1]))) } }
            rows = []
        }
        for (i, raw) in lines.enumerated() {
            let n = i + 1
            let line = raw.trimmingSpaces()
            if line.isEmpty { flushPara(); if !rows.isEmpty && (i + 1 >= lines.count || columns(lines[i + 1]).count < 2) { flushTable() }; continue }
            let cols = columns(raw)
            // Inside a table, a one-cell line ("1、房屋（平方米）" with empty cells) is still a row when the
            // table goes on after it.
            let continuesTable = !rows.isEmpty && cols.count == 1
                && lines[(i + 1)...].lazy.filter { !$0.trimmingSpaces().isEmpty }.prefix(3).contains { columns($0).count >= 2 }
            if cols.count >= 2 || continuesTable {
                flushPara()
                rows.append(TableRow(cells: cols.map { TableCell(lines: [$0], line: n) }, line: n))
                continue
            }
            if !rows.isEmpty { flushTable() }
            if var p = para, !endsSentence(p.text), !TikaTextReader.looksLikeHeading(line), !isTitle(p.text) {
                p.text += line
                para = p
            } else {
                flushPara()
                para = (line, n, pages[i])
            }
        }
        flushPara()
        flushTable()
        var doc = TextDocument(lines: lines, blocks: blocks, encoding: "UTF-8 (pdf)", pages: pages)
        doc.originalLines = originals
        return doc
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

    static func endsSentence(_ s: String) -> Bool {
        guard let last = s.last else { return true }
        return "。！？；：!?;:".contains(last)
    }

    /// A short line without punctuation (a title, a department name) stands alone.
    static func isTitle(_ s: String) -> Bool {
        s.count <= 30 && !s.contains("，") && !s.contains("。") && !s.contains(",")
    }
}
