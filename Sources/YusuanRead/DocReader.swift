/// Word 97–2003 .doc read natively: the FIB of the WordDocument stream, the piece table (CLX) in the table stream,
/// text pieces in UTF-16 or compressed 8-bit, and paragraph properties (PAPX) to tell paragraphs inside table
/// cells from others and a row's end mark from a cell's, character properties (CHPX) to skip tracked deletions.
/// Field instructions are dropped, results kept. The text
/// becomes the same Tika text as .docx, so the same extractor reads it. WPS .wps files with a WordDocument
/// stream read the same way.
public enum DocReader {
    public static func read(_ file: CompoundFile) throws(ContainerError) -> TextDocument {
        guard let word = try file.stream("WordDocument") else { throw ContainerError("the compound file has no WordDocument stream: not a Word document") }
        guard word.u16(0) == 0xA5EC, let nFib = word.u16(2), let flags = word.u16(0x0A) else { throw ContainerError("the WordDocument stream does not start with a Word 97–2003 FIB") }
        if nFib < 0x00C1 { throw ContainerError("a Word 6/95 document (FIB version \(nFib)): open it and save it as .docx") }
        if flags & 0x0100 != 0 { throw ContainerError("the document is password-protected (encrypted): open it, remove the password and save it as .docx") }
        let tableName = flags & 0x0200 != 0 ? "1Table" : "0Table"
        guard let table = try file.stream(tableName) else { throw ContainerError("the document has no \(tableName) stream (damaged file)") }

        // FibBase (32 bytes), then counted arrays: FibRgW, FibRgLw (ccpText), FibRgFcLcb (offsets into the table stream).
        let csw = Int(word.u16(32) ?? 0)
        let lw = 34 + 2 * csw + 2
        let cslw = Int(word.u16(lw - 2) ?? 0)
        guard cslw >= 4, let ccpText = word.u32(lw + 12) else { throw ContainerError("the FIB is damaged (no text length)") }
        let fcLcb = lw + 4 * cslw + 2
        let cbRgFcLcb = Int(word.u16(fcLcb - 2) ?? 0)
        guard cbRgFcLcb > 33 else { throw ContainerError("the FIB is damaged (no piece table)") }
        func pair(_ i: Int) -> (Int, Int)? {
            guard let fc = word.u32(fcLcb + 8 * i), let lcb = word.u32(fcLcb + 8 * i + 4) else { return nil }
            return (Int(fc), Int(lcb))
        }
        guard let (fcClx, lcbClx) = pair(33), lcbClx > 0, fcClx + lcbClx <= table.count else { throw ContainerError("the piece table lies outside the table stream (damaged file)") }
        // Pieces do not overlap, so the text has at most as many characters as its stream has bytes (a hostile
        // piece table repeating one piece cannot make it larger).
        let chars = try text(word: word, clx: [UInt8](table[fcClx..<(fcClx + lcbClx)]), length: min(Int(ccpText), word.count))
        let paragraphs = pair(13).map { PropertyRuns(word: word, table: table, plc: $0, kind: .paragraph) } ?? PropertyRuns()
        let characters = pair(12).map { PropertyRuns(word: word, table: table, plc: $0, kind: .character) } ?? PropertyRuns()

        var out = TikaLines()
        var para = "", cell = ""
        var cells: [String] = [], rows: [[String]] = []
        // One entry per open field: true while in its instruction (before the separator); `instructions` counts
        // the true ones, so the check per character stays O(1) however deep the nesting.
        var fields: [Bool] = []
        var instructions = 0
        var previous: UInt16 = 0
        for (u, fc) in chars {
            defer { previous = u }
            switch u {
            case 0x13: fields.append(true); instructions += 1; continue
            case 0x14: if fields.last == true { fields[fields.count - 1] = false; instructions -= 1 }; continue
            case 0x15: if fields.popLast() == true { instructions -= 1 }; continue
            default: if instructions > 0 { continue }
            }
            // Text deleted by a tracked change is not read (as in .docx); its paragraph and cell marks still count.
            if u != 0x0D && u != 0x07, characters.at(fc)?.contains(.deleted) == true { continue }
            switch u {
            case 0x0D, 0x0C:
                if paragraphs.at(fc)?.contains(.inTable) == true { cell += para + "\n" }
                else {
                    if !cells.isEmpty { rows.append(cells); cells = [] }
                    if !rows.isEmpty { out.table(rows); rows = [] }
                    out.paragraph(para)
                }
                para = ""
            case 0x07:
                // Without paragraph properties, an empty paragraph ending in 0x07 right after a cell is the row's end.
                let rowEnd = paragraphs.isEmpty ? previous == 0x07 && para.isEmpty && cell.isEmpty && !cells.isEmpty
                                                : paragraphs.at(fc)?.contains(.rowEnd) == true
                if rowEnd {
                    rows.append(cells)
                    cells = []
                } else {
                    cells.append(cell + para)
                }
                para = ""
                cell = ""
            case 0x0B: para += "\n"
            case 0x09: para += " "
            case 0x1E: para += "-"
            case 0x00...0x1F: break          // pictures, footnote and annotation marks, optional hyphens, drawings
            default: para.unicodeScalars.append(Unicode.Scalar(UInt32(u)) ?? "\u{FFFD}")
            }
        }
        if !para.isEmpty || !cell.isEmpty { cells.isEmpty && rows.isEmpty ? out.paragraph(cell + para) : cells.append(cell + para) }
        if !cells.isEmpty { rows.append(cells) }
        if !rows.isEmpty { out.table(rows) }
        var doc = TikaTextReader.read(text: out.text, encoding: "UTF-8 (doc)")
        doc.warnings = []
        return doc
    }

    /// The main text's UTF-16 code units with their byte offsets (FC) in the WordDocument stream, from the piece
    /// table. Surrogate pairs are joined by the caller's scalar conversion failing safe (U+FFFD); Chinese text is BMP.
    static func text(word: [UInt8], clx: [UInt8], length: Int) throws(ContainerError) -> [(UInt16, Int)] {
        // Skip Prc entries (clxt 1) to the Pcdt (clxt 2).
        var o = 0
        while clx.u8(o) == 1 {
            guard let cb = clx.u16(o + 1) else { throw ContainerError("the piece table is truncated") }
            o += 3 + Int(cb)
        }
        guard clx.u8(o) == 2, let lcb = clx.u32(o + 1), Int(lcb) <= clx.count - o - 5, lcb >= 16 else { throw ContainerError("the document has no valid piece table (damaged file)") }
        let plc = o + 5
        let n = (Int(lcb) - 4) / 12
        var out: [(UInt16, Int)] = []
        out.reserveCapacity(min(length, word.count))
        var lastEnd = 0
        for i in 0..<n {
            guard out.count < length else { break }
            guard let cp0 = clx.u32(plc + 4 * i), let cp1 = clx.u32(plc + 4 * i + 4), let raw = clx.u32(plc + 4 * (n + 1) + 8 * i + 2) else { break }
            guard cp1 >= cp0, Int(cp0) >= lastEnd else { throw ContainerError("the piece table's positions go backwards (damaged file)") }
            lastEnd = Int(cp1)
            let count = min(Int(cp1 - cp0), length - out.count)
            let compressed = raw & 0x4000_0000 != 0
            let fc = Int(raw & 0x3FFF_FFFF)
            if compressed {
                let start = fc / 2
                guard start + count <= word.count else { throw ContainerError("a text piece lies past the end of the WordDocument stream") }
                for k in 0..<count { out.append((cp1252(word[start + k]), start + k)) }
            } else {
                guard fc + 2 * count <= word.count else { throw ContainerError("a text piece lies past the end of the WordDocument stream") }
                for k in 0..<count { out.append((UInt16(word[fc + 2 * k]) | UInt16(word[fc + 2 * k + 1]) << 8, fc + 2 * k)) }
            }
        }
        return out
    }

    /// Compressed pieces are Windows-1252: Latin-1 but for 0x80–0x9F.
    static func cp1252(_ b: UInt8) -> UInt16 {
        guard b >= 0x80 && b <= 0x9F else { return UInt16(b) }
        let high: [UInt16] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        return high[Int(b - 0x80)]
    }
}

/// Formatting flags by byte offset (FC) in the WordDocument stream, from the formatted disk pages (FKPs) that a
/// PlcBte lists: for paragraphs (PAPX) in a table (sprmPFInTable, sprmPItap) and row end (sprmPFTtp, sprmPFInnerTtp);
/// for characters (CHPX) deleted by a tracked change (sprmCFRMarkDel). Runs sorted by offset, looked up by binary
/// search; a page or property that does not fit is skipped, never read past.
struct PropertyRuns {
    enum Kind { case paragraph, character }
    struct Flags: OptionSet { let rawValue: UInt8; static let inTable = Flags(rawValue: 1), rowEnd = Flags(rawValue: 2), deleted = Flags(rawValue: 4) }
    struct Run { var start: Int; var end: Int; var flags: Flags }
    private var runs: [Run] = []

    init() {}

    init(word: [UInt8], table: [UInt8], plc: (Int, Int), kind: Kind) {
        let (fc, lcb) = plc
        guard lcb >= 12, fc >= 0, fc + lcb <= table.count else { return }
        let n = (lcb - 4) / 8
        var seen = Set<Int>()
        for i in 0..<n {
            guard let pn = table.u32(fc + 4 * (n + 1) + 4 * i) else { break }
            let page = Int(pn & 0x3F_FFFF) * 512
            // Each page once: a table listing one page many times must not multiply the runs.
            guard page + 512 <= word.count, seen.insert(page).inserted else { continue }
            let crun = Int(word[page + 511])
            // PAPX pages hold a 13-byte BxPap per run, CHPX pages one offset byte.
            let entry = kind == .paragraph ? 13 : 1
            guard 4 * (crun + 1) + entry * crun <= 511 else { continue }
            for r in 0..<crun {
                guard let a = word.u32(page + 4 * r), let b = word.u32(page + 4 * r + 4) else { break }
                let at = Int(word[page + 4 * (crun + 1) + entry * r]) * 2
                var flags: Flags = []
                if at > 0, let cb = word.u8(page + at) {
                    switch kind {
                    case .paragraph:
                        // PapxInFkp: cb words less one byte, or (cb == 0) a second count byte of words; then the style index.
                        let (start, len) = cb != 0 ? (page + at + 1, 2 * Int(cb) - 1) : (page + at + 2, 2 * Int(word.u8(page + at + 1) ?? 0))
                        flags = Self.flags(word, from: start + 2, to: min(start + len, page + 511))
                    case .character:
                        flags = Self.flags(word, from: page + at + 1, to: min(page + at + 1 + Int(cb), page + 511))
                    }
                }
                if !flags.isEmpty { runs.append(Run(start: Int(a), end: Int(b), flags: flags)) }
            }
        }
        runs.sort { $0.start < $1.start }
    }

    /// The flags a run of sprms sets; stops at the end or at a variable-length sprm it cannot size.
    static func flags(_ w: [UInt8], from start: Int, to end: Int) -> Flags {
        var o = start
        var flags: Flags = []
        while o + 2 <= end, let sprm = w.u16(o) {
            o += 2
            let size: Int
            switch sprm >> 13 {
            case 0, 1: size = 1
            case 2, 4, 5: size = 2
            case 3: size = 4
            case 7: size = 3
            default:
                if sprm == 0xD608 { size = Int(w.u16(o) ?? 0) + 1 }            // sprmTDefTable: 2-byte size
                else if sprm == 0xC615, w.u8(o) == 255 { return flags }        // sprmPChgTabs long form
                else { size = Int(w.u8(o) ?? 0) + 1 }
            }
            guard o + size <= end else { break }
            let on = w[o] != 0
            switch sprm {
            case 0x2416: if on { flags.insert(.inTable) }                      // sprmPFInTable
            case 0x2417, 0x244C: if on { flags.insert(.rowEnd) }               // sprmPFTtp, sprmPFInnerTtp
            case 0x6649: if (w.u32(o) ?? 0) > 0 { flags.insert(.inTable) }     // sprmPItap: table depth
            case 0x0800: if on { flags.insert(.deleted) }                      // sprmCFRMarkDel
            default: break
            }
            o += size
        }
        return flags
    }

    var isEmpty: Bool { runs.isEmpty }

    /// The flags at a byte offset; nil where no run covers it.
    func at(_ fc: Int) -> Flags? {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].end <= fc { lo = mid + 1 } else { hi = mid }
        }
        return lo < runs.count && runs[lo].start <= fc ? runs[lo].flags : nil
    }
}
