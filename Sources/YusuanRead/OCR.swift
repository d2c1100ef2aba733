import Foundation
import YusuanModel

/// How documents are read, beyond their bytes.
public struct ReadOptions: Sendable, Equatable {
    /// A PDF without a text layer is read by OCR (pdftoppm → tesseract chi_sim) instead of refused.
    public var ocr: Bool

    public init(ocr: Bool = false) { self.ocr = ocr }
}

/// Scanned PDFs: each page is rendered with pdftoppm and read by tesseract (chi_sim) as word boxes; the words
/// are laid out again as pdftotext -layout would (a wide gap is a column break), so the PDF text path reads them.
enum OCR {
    static let maxPages = 200
    static let dpi = 300

    static func read(pdf: URL, in dir: URL, timeout: Double) throws(ContainerError) -> TextDocument {
        let prefix = dir.appendingPathComponent("page").path
        // Rendering takes about a second a page: the timeout is for the whole document.
        _ = try PDFReader.run(["pdftoppm", "-r", "\(dpi)", "-gray", "-png", "-l", "\(maxPages)", pdf.path, prefix], timeout: timeout * 20)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix("page-") && $0.hasSuffix(".png") }
        // pdftoppm pads page numbers to the width of the last one: sort by the number, not the name.
        let pages = names.compactMap { n in Int(n.dropFirst(5).dropLast(4)).map { ($0, n) } }.sorted { $0.0 < $1.0 }
        if pages.isEmpty { throw ContainerError("pdftoppm rendered no pages for OCR") }
        var text: [String] = []
        for (_, name) in pages {
            let tsv = try tesseract(dir.appendingPathComponent(name).path, timeout: timeout * 2)
            text.append(layout(words(tsv)))
        }
        var doc = PDFReader.parse(text.joined(separator: "\u{0C}"))
        doc.ocr = true
        doc.encoding = "UTF-8 (pdf, OCR by tesseract chi_sim)"
        doc.warnings.append("the PDF has no text layer: its \(pages.count) page(s) were read by OCR (tesseract chi_sim); figures are marked \"ocr\": check them against the pages")
        if pages.count == maxPages { doc.warnings.append("OCR read only the first \(maxPages) pages") }
        return doc
    }

    static func tesseract(_ image: String, timeout: Double) throws(ContainerError) -> String {
        let missing = "--ocr needs tesseract with Chinese (chi_sim): scripts/setup.sh --ocr installs tesseract-ocr and tesseract-ocr-chi-sim"
        switch Subprocess.run("/usr/bin/env", ["tesseract", image, "stdout", "-l", "chi_sim", "--psm", "6", "tsv"], timeout: timeout) {
        case .failure(.cannotStart): throw ContainerError(missing)
        case .failure(.timedOut): throw ContainerError("tesseract did not finish a page in \(Int(timeout)) s")
        case .success(let o) where o.status != 0:
            let msg = String(decoding: o.stderr, as: UTF8.self)
            if o.status == 127 || msg.contains("Failed loading language") || msg.contains("chi_sim") { throw ContainerError(missing) }
            throw ContainerError("tesseract could not read a page: \(String(msg.trimmingSpaces().prefix(200)))")
        case .success(let o):
            return String(decoding: o.stdout, as: UTF8.self)
        }
    }

    struct Word { var left, top, width, height: Int; var text: String; var line: [Substring] }

    /// Word rows (level 5) of tesseract's TSV output, with the block/paragraph/line they belong to.
    static func words(_ tsv: String) -> [Word] {
        tsv.split(separator: "\n").dropFirst().compactMap { row in
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, f[0] == "5", let l = Int(f[6]), let t = Int(f[7]), let w = Int(f[8]), let h = Int(f[9]), h > 0 else { return nil }
            let text = String(f[11...].joined(separator: " ")).trimmingSpaces()
            return text.isEmpty ? nil : Word(left: l, top: t, width: w, height: h, text: text, line: Array(f[1...4]))
        }
    }

    /// Words → lines: tesseract's lines, then lines that overlap vertically by half their height joined into one
    /// row (table cells it found as separate blocks). Within a row, a gap wider than a character and a half is a
    /// column break (spaces, as in pdftotext -layout), a narrow one a space between Latin words or nothing
    /// between Chinese characters.
    static func layout(_ words: [Word]) -> String {
        guard !words.isEmpty else { return "" }
        let heights = words.map(\.height).sorted()
        let charHeight = max(heights[heights.count / 2], 1)
        var byLine: [[Substring]: [Word]] = [:]
        for w in words { byLine[w.line, default: []].append(w) }
        let found = byLine.values.map { ws in (top: ws.map(\.top).min() ?? 0, bottom: ws.map { $0.top + $0.height }.max() ?? 0, words: ws) }
            .sorted { ($0.top, $0.words.map(\.left).min() ?? 0) < ($1.top, $1.words.map(\.left).min() ?? 0) }
        var rows: [(top: Int, bottom: Int, words: [Word])] = []
        for l in found {
            if let r = rows.last, min(r.bottom, l.bottom) - max(r.top, l.top) >= min(r.bottom - r.top, l.bottom - l.top) / 2 {
                rows[rows.count - 1] = (min(r.top, l.top), max(r.bottom, l.bottom), r.words + l.words)
            } else {
                rows.append(l)
            }
        }
        var lines: [String] = []
        var out: [String] = []
        for row in rows {
            var line = ""
            var end: Int?
            for w in row.words.sorted(by: { $0.left < $1.left }) {
                if let e = end {
                    let gap = w.left - e
                    if gap > charHeight * 3 / 2 { line += "    " }
                    else if let a = line.unicodeScalars.last, let b = w.text.unicodeScalars.first, a.isASCII && b.isASCII { line += " " }
                }
                line += w.text
                end = w.left + w.width
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
