import YusuanModel

/// One pass over a document's UTF-8: where each line is (byte ranges into the one buffer) and what the reading
/// steps need to know of it, so that clean-up, repairs and the block parser look only at the lines that need
/// them. Most bytes (letters, digits, Chinese characters) need nothing: a table says which ones do.
///
/// Lines split on LF, CRLF or a lone CR; a last line without its end is kept when it is not empty (the loop
/// ends at the end of the bytes, so a final line end opens no empty line).
struct LineScan {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// Holds something `TextNormalization.normalize` changes (or may: a `[b…` or `{`).
        static let normalize = Flags(rawValue: 1 << 0)
        /// May hold something `TextNormalization.repair` changes: a space between a character or digit and a
        /// character, digit or "%", or a bracket before a lower-case or toned letter.
        static let repair = Flags(rawValue: 1 << 1)
        /// Starts with a TAB: a table cell in the Tika layout.
        static let tab = Flags(rawValue: 1 << 2)
        /// Only White_Space, or nothing.
        static let blank = Flags(rawValue: 1 << 3)
        /// Holds "|": a pipe-table line must.
        static let pipe = Flags(rawValue: 1 << 4)
        /// Two spaces in a row, or U+3000: a space-separated table row must.
        static let wideGap = Flags(rawValue: 1 << 5)
    }

    private(set) var ranges: [Range<Int>] = []
    private(set) var flags: [Flags] = []
    /// The traditional-character markers in the first `markerLines` lines, counted up to `Traditional.markersNeeded`.
    private(set) var markers = 0

    /// Scans `b` (valid UTF-8: a String's bytes), line by line. Markers are counted in the first `markerLines`
    /// lines, until enough are found.
    init(_ b: UnsafeBufferPointer<UInt8>, markerLines: Int = 400) {
        let n = b.count
        ranges.reserveCapacity(n / 16)
        flags.reserveCapacity(n / 16)
        // The tables once: a line is short, and each look at a static costs a call.
        let plain = LineScan.tables, marked = plain + 256, bits = LineScan.markerBits
        var start = 0
        while start < n {
            let end: Int, f: Flags
            if ranges.count < markerLines && markers < Traditional.markersNeeded {
                (end, f) = LineScan.line(b, from: start, splitting: true, markers: &markers, action: marked, markerBits: bits)
            } else {
                (end, f) = LineScan.line(b, from: start, splitting: true, markers: nil, action: plain, markerBits: bits)
            }
            ranges.append(start..<end)
            flags.append(f)
            // Past the line end: CR LF is one.
            start = end + (end < n && b[end] == 0x0D && end + 1 < n && b[end + 1] == 0x0A ? 2 : 1)
        }
    }

    /// The flags of one line's bytes (no line breaks looked for).
    static func flags(of line: String) -> Flags {
        line.withBytes { LineScan.line($0, from: 0, splitting: false, markers: nil, action: LineScan.tables, markerBits: LineScan.markerBits).flags }
    }

    /// Scans one line from `start`: to the first CR or LF when `splitting`, else to the end of `b`. The line's
    /// end and flags; `markers`, when given, counts the traditional markers in it, and `action` must then be the
    /// second half of `tables`, which marks their lead bytes (else the first). The scan steps over a multi-byte
    /// character at once, looking only at its lead byte.
    static func line(_ b: UnsafeBufferPointer<UInt8>, from start: Int, splitting: Bool, markers: UnsafeMutablePointer<Int>?,
                     action: UnsafePointer<UInt8>, markerBits: UnsafePointer<UInt64>) -> (end: Int, flags: Flags) {
        let n = b.count
        var f: Flags = []
        var i = start
        loop: while i < n {
            let c = b[i]
            let a = action[Int(c)]
            if a == 0 { i += 1; continue }
            if a >= skip2 { i += Int(a - skip2) + 2; continue }
            if a == han {
                // One bit per scalar: the row is the lead and middle bytes, the bit the last byte's six bits.
                if i + 2 < n, markerBits[Int(c & 0x0F) << 6 | Int(b[i + 1] & 0x3F)] >> UInt64(b[i + 2] & 0x3F) & 1 != 0 {
                    markers?.pointee += 1
                }
                // A three-byte character (lead E4–E9).
                i += 3
                continue
            }
            switch a {
            case lineEnd where splitting:
                break loop
            case tab:
                if i == start { f.insert(.tab) }
            case pipe:
                f.insert(.pipe)
            case space:
                if i > start {
                    let left = b[i - 1]
                    if left == 0x20 { f.insert(.wideGap) }
                    if i + 1 < n, left >= 0x80 || UTF8Text.isDigit(left) {
                        let right = b[i + 1]
                        if right >= 0xE3 || UTF8Text.isDigit(right) || right == 0x25 { f.insert(.repair) }
                    }
                }
            case openParen:
                if i + 1 < n, startsReading(b[i + 1]) { f.insert(.repair) }
            case noise:
                if c == 0x7B || (i + 1 < n && b[i + 1] == 0x62) { f.insert(.normalize) }
            case lead:
                LineScan.lead(b, i, start, &f)
            default:
                break
            }
            i += UTF8Text.scalarLength(lead: c)
        }
        let end = min(i, n)
        // Blank: nothing, or White_Space only; a line whose first byte cannot start a White_Space scalar is not.
        if end == start || (UTF8Text.mayHoldSpace(b, start, start + 1) && UTF8Text.trimmed(b, start, end).isEmpty) { f.insert(.blank) }
        return (end, f)
    }

    /// The lead bytes C2, E2, E3, EF: what `TextNormalization.normalize` changes, and U+3000 as a wide gap.
    /// - U+00A0, U+00AD (C2 A0, C2 AD); U+2002–U+200D, U+202F, U+205F, U+2212 (E2 80 82–8D, E2 80 AF, E2 81 9F,
    ///   E2 88 92); U+3000 (E3 80 80); U+FEFF (EF BB BF);
    /// - full-width ％ ＋ － ． (EF BC 85, 8B, 8D, 8E), digits (EF BC 90–99) and letters (EF BC A1–BA, EF BD 81–9A);
    /// - a full-width comma right after an ASCII digit (EF BC 8C), which may be a thousands separator.
    private static func lead(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ lineStart: Int, _ f: inout Flags) {
        let c = b[i]
        if c == 0xC2 {
            if i + 1 < b.count, b[i + 1] == 0xA0 || b[i + 1] == 0xAD { f.insert(.normalize) }
            return
        }
        guard i + 2 < b.count else { return }
        let m = b[i + 1], l = b[i + 2]
        switch c {
        case 0xE2:
            if (m == 0x80 && ((l >= 0x82 && l <= 0x8D) || l == 0xAF)) || (m == 0x81 && l == 0x9F) || (m == 0x88 && l == 0x92) {
                f.insert(.normalize)
            }
        case 0xE3:
            if m == 0x80 && l == 0x80 { f.formUnion([.normalize, .wideGap]) }
        default:
            // "（" (EF BC 88) before a lower-case or toned letter may open a reading.
            if m == 0xBC && l == 0x88 && i + 3 < b.count && startsReading(b[i + 3]) { f.insert(.repair) }
            if m == 0xBB && l == 0xBF { f.insert(.normalize) }
            if m == 0xBC {
                if l == 0x85 || l == 0x8B || l == 0x8D || l == 0x8E || (l >= 0x90 && l <= 0x99) || (l >= 0xA1 && l <= 0xBA) { f.insert(.normalize) }
                if l == 0x8C && i > lineStart && UTF8Text.isDigit(b[i - 1]) { f.insert(.normalize) }
            }
            if m == 0xBD && l >= 0x81 && l <= 0x9A { f.insert(.normalize) }
        }
    }

    /// A lower-case letter or the lead byte of a toned vowel (ā á ǎ à …): what a pinyin reading starts with.
    private static func startsReading(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0xC3 && c <= 0xC7) }

    private static let lineEnd: UInt8 = 1, tab: UInt8 = 2, pipe: UInt8 = 3, space: UInt8 = 4, openParen: UInt8 = 5
    private static let noise: UInt8 = 7, lead: UInt8 = 8, han: UInt8 = 9
    /// Nothing to do but step over a character of `skip2 + k - 2` bytes … of `skip2` and up: 2, 3 or 4 bytes.
    private static let skip2: UInt8 = 16

    /// What each byte value asks for: 0 for nothing (step one byte), `skip2` and up for nothing (step over the
    /// character it leads); continuation bytes are never looked at. The second 256 entries are the same with
    /// the lead bytes that start a traditional marker looked up in `markerBits`. Made once, never freed.
    nonisolated(unsafe) private static let tables: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
        t.initialize(repeating: 0, count: 512)
        for c in 0xC0...0xDF { t[c] = skip2 }
        for c in 0xE0...0xEF { t[c] = skip2 + 1 }
        for c in 0xF0...0xFF { t[c] = skip2 + 2 }
        t[0x0A] = lineEnd; t[0x0D] = lineEnd; t[0x09] = tab; t[0x7C] = pipe; t[0x20] = space; t[0x28] = openParen
        t[0x5B] = noise; t[0x7B] = noise
        for c in [0xC2, 0xE2, 0xE3, 0xEF] { t[c] = lead }
        for c in 0..<256 { t[256 + c] = t[c] }
        for v in Traditional.markerScalars where v >= 0x4E00 && v < 0xA000 { t[256 + 0xE0 + Int(v >> 12)] = han }
        return UnsafePointer(t)
    }()

    /// The traditional markers (CJK ideographs, U+4E00–U+9FFF) as bits: word `v >> 6`, bit `v & 63`, which is
    /// the lead byte's low four bits and the middle byte's six, then the last byte's six. Made once, never freed.
    nonisolated(unsafe) private static let markerBits: UnsafePointer<UInt64> = {
        let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 1024)
        t.initialize(repeating: 0, count: 1024)
        for v in Traditional.markerScalars where v >= 0x4E00 && v < 0xA000 { t[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        return UnsafePointer(t)
    }()
}
