/// Excel 97–2003 .xls read natively: the Workbook stream (BIFF8) of an OLE2 compound file, or the Book stream of
/// Excel 5/95 (BIFF5/7, strings in the workbook's codepage). Sheets in their workbook order, each into the same
/// grid and Tika text as .xlsx (SheetGrid): shared strings (SST across CONTINUE records), LABELSST, LABEL,
/// NUMBER, RK, MULRK, cached FORMULA results, BOOLERR and MERGEDCELLS. WPS .et files with a Workbook stream
/// read the same way.
public enum XlsReader {
    public static func read(_ file: CompoundFile) throws(ContainerError) -> TextDocument {
        let stream: [UInt8]
        let biff8: Bool
        if let s = try file.stream("Workbook") { stream = s; biff8 = true }
        else if let s = try file.stream("Book") { stream = s; biff8 = false }
        else { throw ContainerError("the compound file has no Workbook stream: not an Excel workbook") }

        var codepage: String? = nil
        var sst: [String] = []
        var sheets: [(name: String, offset: Int)] = []
        var records = BIFFRecords(stream, from: 0)
        guard let bof = try records.next(), bof.type == 0x0809 else { throw ContainerError("the Workbook stream does not start with a BOF record") }
        let version = bof.data.u16(0) ?? 0
        if biff8 && version != 0x0600 { throw ContainerError("the workbook is BIFF version \(String(version, radix: 16)), not BIFF8 (Excel 97–2003): save it as .xlsx") }
        while let r = try records.next(), r.type != 0x000A {
            switch r.type {
            case 0x002F: throw ContainerError("the workbook is password-protected (encrypted): open it, remove the password and save it as .xlsx")
            case 0x0042: codepage = codepageName(r.data.u16(0) ?? 1200)
            case 0x0085:
                guard let pos = r.data.u32(0), let kind = r.data.u8(5) else { continue }
                // Worksheets only: charts, macro and module sheets hold no table.
                guard kind == 0 else { continue }
                var sub = BIFFString(r.parts, at: 6)
                let name = biff8 ? try sub.unicode(lengthBytes: 1) : try sub.legacy(lengthBytes: 1, codepage: codepage)
                sheets.append((name, Int(pos)))
            case 0x00FC:
                var s = BIFFString(r.parts, at: 8)
                let unique = Int(r.data.u32(4) ?? 0)
                // The count is only a claim: stop where the data ends.
                while sst.count < unique, !s.atEnd { sst.append(try s.unicode(lengthBytes: 2)) }
            default: break
            }
        }
        if sheets.isEmpty { throw ContainerError("the workbook lists no worksheets") }

        var out = TikaLines()
        // Sheets do not overlap, so all of them hold at most one record per 4 bytes of the stream; sheet offsets
        // pointing into one another would otherwise make reading quadratic.
        var budget = stream.count / 4 + 64
        for sheet in sheets {
            guard sheet.offset >= 0, sheet.offset < stream.count else { throw ContainerError("sheet \(sheet.name) starts past the end of the Workbook stream") }
            try cells(stream, from: sheet.offset, sst: sst, biff8: biff8, codepage: codepage, budget: &budget).write(name: sheet.name, into: &out)
        }
        return TikaTextReader.read(text: out.text, encoding: biff8 ? "UTF-8 (xls)" : "UTF-8 (xls, BIFF5, \(codepage ?? "CP1252"))")
    }

    /// One worksheet substream, BOF to its EOF (charts embedded in it have their own BOF/EOF and are skipped).
    static func cells(_ stream: [UInt8], from offset: Int, sst: [String], biff8: Bool, codepage: String?, budget: inout Int) throws(ContainerError) -> SheetGrid {
        var grid = SheetGrid(maxColumn: 255)
        var records = BIFFRecords(stream, from: offset)
        guard let bof = try records.next(), bof.type == 0x0809 else { throw ContainerError("a sheet does not start with a BOF record") }
        var depth = 1
        var pendingString: (Int, Int)?
        while depth > 0, let r = try records.next() {
            budget -= r.parts.count
            if budget < 0 { throw ContainerError("the worksheets overlap in the Workbook stream (damaged or hostile file)") }
            let d = r.data
            if r.type == 0x0809 { depth += 1; continue }
            if r.type == 0x000A { depth -= 1; continue }
            if depth > 1 { continue }
            let row = Int(d.u16(0) ?? 0), col = Int(d.u16(2) ?? 0)
            switch r.type {
            case 0x00FD:   // LABELSST
                if let i = d.u32(6), Int(i) < sst.count { try grid.set(row, col, sst[Int(i)]) }
            case 0x0204, 0x00D6:   // LABEL, RSTRING
                var s = BIFFString(r.parts, at: 6)
                try grid.set(row, col, biff8 ? try s.unicode(lengthBytes: 2) : try s.legacy(lengthBytes: 2, codepage: codepage))
            case 0x0203:   // NUMBER
                if let lo = d.u32(6), let hi = d.u32(10) { try grid.set(row, col, number(Double(bitPattern: UInt64(hi) << 32 | UInt64(lo)))) }
            case 0x027E:   // RK
                if let rk = d.u32(6) { try grid.set(row, col, rkText(rk)) }
            case 0x00BD:   // MULRK: (xf, rk) pairs for columns colFirst…colLast
                let n = max(0, (d.count - 6) / 6)
                for i in 0..<n { if let rk = d.u32(6 + 6 * i) { try grid.set(row, col + i, rkText(rk)) } }
            case 0x0006:   // FORMULA: the cached result
                guard d.count >= 14 else { continue }
                if d.u16(12) == 0xFFFF {
                    switch d[6] {
                    case 0: pendingString = (row, col)          // the text follows in a STRING record
                    case 1: try grid.set(row, col, d[8] == 0 ? "0" : "1")
                    case 2: try grid.set(row, col, errorText(d[8]))
                    default: break
                    }
                } else if let lo = d.u32(6), let hi = d.u32(10) {
                    try grid.set(row, col, number(Double(bitPattern: UInt64(hi) << 32 | UInt64(lo))))
                }
            case 0x0207:   // STRING: a formula's text result
                if let (r0, c0) = pendingString {
                    var s = BIFFString(r.parts, at: 0)
                    try grid.set(r0, c0, biff8 ? try s.unicode(lengthBytes: 2) : try s.legacy(lengthBytes: 2, codepage: codepage))
                }
            case 0x0205:   // BOOLERR
                guard let v = d.u8(6), let isError = d.u8(7) else { continue }
                try grid.set(row, col, isError != 0 ? errorText(v) : (v == 0 ? "0" : "1"))
            case 0x00E5:   // MERGEDCELLS
                let n = Int(d.u16(0) ?? 0)
                for i in 0..<min(n, (d.count - 2) / 8) {
                    let o = 2 + 8 * i
                    guard let r0 = d.u16(o), let r1 = d.u16(o + 2), let c0 = d.u16(o + 4), let c1 = d.u16(o + 6) else { break }
                    grid.merge(from: (Int(r0), Int(c0)), to: (Int(r1), Int(c1)))
                }
            default: break
            }
            if r.type != 0x0006 { pendingString = nil }
        }
        return grid
    }

    /// An RK value: a 30-bit integer or the high bits of a double, optionally hundredths. Integer hundredths are
    /// written as exact decimals, not through floating point.
    static func rkText(_ rk: UInt32) -> String {
        let hundredths = rk & 1 != 0
        if rk & 2 != 0 {
            let i = Int64(Int32(bitPattern: rk) >> 2)
            guard hundredths else { return String(i) }
            let m = i.magnitude
            var frac = String(m % 100)
            if frac.count < 2 { frac = "0" + frac }
            while frac.hasSuffix("0") { frac.removeLast() }
            return (i < 0 ? "-" : "") + String(m / 100) + (frac.isEmpty ? "" : "." + frac)
        }
        let d = Double(bitPattern: UInt64(rk & 0xFFFF_FFFC) << 32)
        return number(hundredths ? d / 100 : d)
    }

    /// A double as Excel shows its value: integers without ".0", others by their shortest round-trip digits.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return XlsxReader.number("\(d)")
    }

    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: return "#NULL!"
        case 0x07: return "#DIV/0!"
        case 0x0F: return "#VALUE!"
        case 0x17: return "#REF!"
        case 0x1D: return "#NAME?"
        case 0x24: return "#NUM!"
        default: return "#N/A"
        }
    }

    /// iconv's name for a Windows codepage of BIFF5/7 text; nil for UTF-16 (1200) and Latin-1.
    static func codepageName(_ cp: UInt16) -> String? {
        switch cp {
        case 1200, 0x8001: return nil
        case 936: return "GB18030"
        case 0x8000: return "MACINTOSH"
        case 367: return "ASCII"
        default: return "CP\(cp)"
        }
    }
}

/// BIFF records of a stream from an offset, each with the CONTINUE records that follow it. A length past the
/// end of the stream is an error; every record advances by at least its 4-byte header, so reading ends.
struct BIFFRecords {
    struct Record {
        var type: UInt16
        /// The record's data, then each CONTINUE's: strings may be split between them.
        var parts: [ArraySlice<UInt8>]
        var data: [UInt8] { parts.isEmpty ? [] : [UInt8](parts[0]) }
    }

    let stream: [UInt8]
    var pos: Int

    init(_ stream: [UInt8], from pos: Int) {
        self.stream = stream
        self.pos = pos
    }

    mutating func header() throws(ContainerError) -> (UInt16, ArraySlice<UInt8>)? {
        guard let type = stream.u16(pos), let len = stream.u16(pos + 2) else { return nil }
        let start = pos + 4, end = start + Int(len)
        guard end <= stream.count else {
            throw ContainerError("a record at byte \(pos) of the Workbook stream claims \(len) bytes, past the end of the stream (truncated or damaged)")
        }
        pos = end
        return (type, stream[start..<end])
    }

    mutating func next() throws(ContainerError) -> Record? {
        guard let (type, data) = try header() else { return nil }
        var r = Record(type: type, parts: [data])
        while stream.u16(pos) == 0x003C, let (_, more) = try header() { r.parts.append(more) }
        return r
    }
}

/// Reads BIFF strings from a record's parts. A BIFF8 string's characters may continue in the next part, which
/// then starts with a fresh option byte (compressed or UTF-16).
struct BIFFString {
    let parts: [ArraySlice<UInt8>]
    var part = 0
    var pos: Int

    init(_ parts: [ArraySlice<UInt8>], at offset: Int) {
        self.parts = parts
        pos = (parts.first?.startIndex ?? 0) + offset
    }

    var atEnd: Bool {
        var p = part, o = pos
        while p < parts.count, o >= parts[p].endIndex { p += 1; o = p < parts.count ? parts[p].startIndex : 0 }
        return p >= parts.count
    }

    mutating func byte() throws(ContainerError) -> UInt8 {
        while part < parts.count, pos >= parts[part].endIndex {
            part += 1
            if part < parts.count { pos = parts[part].startIndex }
        }
        guard part < parts.count else { throw ContainerError("a string runs past the end of its record (damaged workbook)") }
        defer { pos += 1 }
        return parts[part][pos]
    }

    mutating func u16() throws(ContainerError) -> Int {
        let lo = Int(try byte())
        return lo | Int(try byte()) << 8
    }

    mutating func u32() throws(ContainerError) -> Int {
        let lo = try u16()
        return lo | (try u16()) << 16
    }

    mutating func skip(_ n: Int) throws(ContainerError) {
        var left = n
        while left > 0 {
            guard part < parts.count else { throw ContainerError("a string runs past the end of its record (damaged workbook)") }
            let here = min(left, parts[part].endIndex - pos)
            if here <= 0 { part += 1; if part < parts.count { pos = parts[part].startIndex }; continue }
            pos += here
            left -= here
        }
    }

    /// XLUnicodeString (BIFF8): length (1 or 2 bytes), option flags, optional rich-text and phonetic sizes, characters.
    mutating func unicode(lengthBytes: Int) throws(ContainerError) -> String {
        let count = lengthBytes == 1 ? Int(try byte()) : try u16()
        let flags = try byte()
        var wide = flags & 0x01 != 0
        let runs = flags & 0x08 != 0 ? try u16() : 0
        let phonetic = flags & 0x04 != 0 ? try u32() : 0
        var units: [UInt16] = []
        units.reserveCapacity(min(count, 8224))
        while units.count < count {
            guard part < parts.count else { throw ContainerError("a string runs past the end of its record (damaged workbook)") }
            if pos >= parts[part].endIndex {
                // The characters go on in the next CONTINUE, which restates whether they are compressed.
                part += 1
                guard part < parts.count else { throw ContainerError("a string runs past the end of its record (damaged workbook)") }
                pos = parts[part].startIndex
                wide = try byte() & 0x01 != 0
                continue
            }
            if wide {
                let lo = UInt16(try byte())
                let hi = UInt16(try byte())
                units.append(lo | hi << 8)
            } else {
                units.append(UInt16(try byte()))
            }
        }
        try skip(4 * runs + phonetic)
        return String(decoding: units, as: UTF16.self)
    }

    /// A BIFF5/7 byte string in the workbook's codepage.
    mutating func legacy(lengthBytes: Int, codepage: String?) throws(ContainerError) -> String {
        let count = lengthBytes == 1 ? Int(try byte()) : try u16()
        var raw: [UInt8] = []
        for _ in 0..<count { raw.append(try byte()) }
        if let cp = codepage, let s = TextDecoding.iconv(raw, from: cp) { return s }
        return String(decoding: raw.map { UInt16($0) }, as: UTF16.self)
    }
}
