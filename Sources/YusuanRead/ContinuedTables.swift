import YusuanModel
/// A table that goes on over a page break arrives as two tables: the second repeats the header, and between
/// them sit only page furniture ("- 12 -", "第3页 共9页"), the unit line again or a "（续）" title. Every reader's
/// blocks go through here so that such a table is one table, whatever the format; PDF geometry joins its own
/// tables earlier, from their columns.
public enum ContinuedTables {
    public static func joined(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        // The index in `out` of the last table, while only furniture has followed it.
        var open: Int?
        var furniture: [Block] = []
        for block in blocks {
            switch block {
            case .paragraph(let p):
                if open != nil, isFurniture(p.text) { furniture.append(block); continue }
                out += furniture; furniture = []; open = nil
                out.append(block)
            case .table(let t):
                if let o = open, case .table(let previous) = out[o], let rest = continuation(of: previous, in: t) {
                    var joined = previous
                    joined.rows += rest
                    out[o] = .table(joined)
                    furniture = []   // dropped with the header: the page break inside the table
                    continue
                }
                out += furniture; furniture = []
                out.append(block)
                open = out.count - 1
            }
        }
        return out + furniture
    }

    /// The rows of `next` after its repeated header, when its first rows repeat the first rows of `table`'s
    /// header; nil when `next` is a table of its own.
    static func continuation(of table: Table, in next: Table) -> [TableRow]? {
        guard let first = next.rows.first, isHeaderLike(first),
              let start = table.rows.prefix(4).firstIndex(where: { same($0, first) }) else { return nil }
        var n = 0
        while n < next.rows.count, start + n < table.rows.count, same(table.rows[start + n], next.rows[n]) { n += 1 }
        // A header only: the rest of the table must hold rows.
        return n < next.rows.count ? Array(next.rows[n...]) : nil
    }

    static func same(_ a: TableRow, _ b: TableRow) -> Bool {
        let x = a.cells.map(\.compact).filter { !$0.isEmpty }, y = b.cells.map(\.compact).filter { !$0.isEmpty }
        return !x.isEmpty && x == y
    }

    /// A header row names columns: at least two cells of text, none of them an amount.
    static func isHeaderLike(_ row: TableRow) -> Bool {
        let cells = row.cells.map(\.compact).filter { !$0.isEmpty }
        return cells.count >= 2 && !cells.contains { c in c.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ",.-%".unicodeScalars.contains($0) } }
    }

    /// Page numbers, the unit line, and a title marked as going on ("（续）", "续表").
    public static func isFurniture(_ text: String) -> Bool {
        if let fast = text.withBytes(isSimpleFurniture) { return fast }
        // Furniture is at most 40 characters besides spaces: a paragraph of text is not copied whole to find out.
        guard let s = PageFurniture.squeezed(text, atMost: 40) else { return false }
        if PageFurniture.isPageNumber(s) { return true }
        // When every Character is one scalar, prefixes, suffixes and counts are those of the bytes and scalars.
        let simple = PageFurniture.isSimple(s)
        let count = simple ? s.withBytes { UTF8Text.scalarCount($0, 0, $0.count) } : s.count
        func starts(_ p: String) -> Bool { simple ? s.startsWithBytes(p) : s.hasPrefix(p) }
        func ends(_ p: String) -> Bool { simple ? s.endsWithBytes(p) : s.hasSuffix(p) }
        if starts("单位：") || starts("单位:") || starts("金额单位") { return count <= 12 }
        return count <= 40 && (ends("（续）") || ends("(续)") || starts("续表") || ends("续表"))
    }

    /// `isFurniture` on the bytes of text whose scalars are each a Character of their own (nearly all text, as
    /// `PageFurniture.squeezed` looks at it): the squeezed text is those scalars but the White_Space ones, so it
    /// is gathered on the stack and its prefixes, suffixes and counts are those of its bytes and scalars. Nil
    /// when a scalar may join a neighbour (before more than 40 are kept).
    private static func isSimpleFurniture(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        // 40 kept scalars of at most four bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 160) { out -> Bool? in
            var kept = 0, n = 0, i = 0
            while i < b.count {
                let c = b[i]
                let k = min(UTF8Text.scalarLength(lead: c), b.count - i)
                if c >= 0x80, !UTF8Text.standsAlone(UTF8Text.scalar(b, at: i)) { return nil }
                if UTF8Text.spaceLength(b, at: i) == 0 {
                    kept += 1
                    if kept > 40 { return false }
                    for j in 0..<k { out[n + j] = b[i + j] }
                    n += k
                }
                i += k
            }
            let s = UnsafeBufferPointer(rebasing: out[0..<n])
            if kept <= 12, PageFurniture.isPageNumber(squeezed: s) { return true }
            func starts(_ p: [UInt8]) -> Bool { s.starts(with: p) }
            func ends(_ p: [UInt8]) -> Bool { s.count >= p.count && s[(s.count - p.count)...].elementsEqual(p) }
            if starts(unitFull) || starts(unitHalf) || starts(amountUnit) { return kept <= 12 }
            return ends(goesOnFull) || ends(goesOnHalf) || starts(goesOnTable) || ends(goesOnTable)
        }
    }

    private static let unitFull = Array("单位：".utf8), unitHalf = Array("单位:".utf8), amountUnit = Array("金额单位".utf8)
    private static let goesOnFull = Array("（续）".utf8), goesOnHalf = Array("(续)".utf8), goesOnTable = Array("续表".utf8)
}

public enum PageFurniture {
    /// Page furniture: "3", "- 3 -", "第 3 页", "第3页 共9页".
    public static func isPageNumber(_ line: String) -> Bool {
        guard let s = squeezed(line, atMost: 12) else { return false }
        if isSimple(s) { return s.withBytes(isPageNumber(squeezed:)) }
        // Up to three digits: a year alone on a cover ("2024") is text.
        guard !s.isEmpty, s.count <= 12, s.contains(where: { $0.isASCII && $0.isNumber }),
              s.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).allSatisfy({ $0.count <= 3 }) else { return false }
        return s.allSatisfy { ($0.isASCII && $0.isNumber) || "-—第页共/".contains($0) }
    }

    /// `isPageNumber` on the bytes of a squeezed line whose Characters are single scalars: at most 12 of them, a
    /// digit among them, runs of at most three digits, nothing but digits and "-—第页共/".
    static func isPageNumber(squeezed b: UnsafeBufferPointer<UInt8>) -> Bool {
        var scalars = 0, run = 0, digits = false
        var i = 0
        while i < b.count {
            let c = b[i]
            scalars += 1
            if UTF8Text.isDigit(c) {
                digits = true
                run += 1
                if run > 3 { return false }
            } else {
                run = 0
                // "-", "/", "—" U+2014, 第 U+7B2C, 页 U+9875, 共 U+5171.
                let v = UTF8Text.scalar(b, at: i)
                guard v == 0x2D || v == 0x2F || v == 0x2014 || v == 0x7B2C || v == 0x9875 || v == 0x5171 else { return false }
            }
            i += UTF8Text.scalarLength(lead: c)
        }
        return digits && scalars <= 12
    }

    /// Every Character of `s` is one scalar: ASCII but CR (CR LF is one Character), and scalars that stand alone.
    static func isSimple(_ s: String) -> Bool {
        s.withBytes { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0D || (c >= 0x80 && !UTF8Text.standsAlone(UTF8Text.scalar(b, at: i))) { return false }
                i += UTF8Text.scalarLength(lead: c)
            }
            return true
        }
    }

    /// `text` without its whitespace, or nil when that is more than `limit` characters (looked at no further).
    static func squeezed(_ text: String, atMost limit: Int) -> String? {
        // On the bytes when every scalar is a Character of its own (nearly all text): then a Character is
        // whitespace when its scalar is White_Space, and the kept Characters are the kept scalars. A CR LF pair is
        // one whitespace Character, and both of its scalars are White_Space. Long text stops at `limit`.
        let fast: String?? = text.withBytes { b -> String?? in
            var kept = 0, i = 0
            var spaces = false
            while i < b.count {
                let c = b[i]
                let k = UTF8Text.scalarLength(lead: c)
                if c >= 0x80, !UTF8Text.standsAlone(UTF8Text.scalar(b, at: i)) { return .none }
                if UTF8Text.spaceLength(b, at: i) > 0 { spaces = true } else { kept += 1; if kept > limit { return .some(nil) } }
                i += k
            }
            if !spaces { return .some(text) }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            i = 0
            while i < b.count {
                let k = min(UTF8Text.scalarLength(lead: b[i]), b.count - i)
                if UTF8Text.spaceLength(b, at: i) == 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + k)])) }
                i += k
            }
            return .some(String(decoding: out, as: UTF8.self))
        }
        if let fast { return fast }
        var s = ""
        var n = 0
        for c in text where !c.isWhitespace {
            s.append(c)
            n += 1
            // Characters either side of a removed space may join into one, so the count is of what is kept.
            if n > limit, s.count > limit { return nil }
        }
        return s
    }
}
