#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Builds text in the Tika layout (DESIGN.md) from structured documents (.docx, .xlsx, HTML), so one block
/// parser and one extractor serve every format: a paragraph is a line; a table cell starts with a TAB and
/// continues on the following lines; a blank line ends a row; another blank line ends the table.
struct TikaLines {
    /// The lines so far, each ended by LF, as one buffer.
    private var bytes: [UInt8] = []
    private var count = 0
    /// Whether the last line is empty (a table starts after one).
    private var lastIsEmpty = true
    /// UTF-8 bytes held so far, for the per-document limit.
    var size: Int { bytes.count }
    /// Text per document: a disclosure's is a few megabytes at most. Past this, reading is refused.
    static let maxBytes = 32 * 1024 * 1024
    static let maxLines = 4_000_000

    func checkSize() throws(ContainerError) {
        if size > Self.maxBytes || count > Self.maxLines {
            throw ContainerError("the document holds more than \(Self.maxBytes / 1_048_576) MB of text or \(Self.maxLines) lines: refused (a disclosure has far less)")
        }
    }

    /// Where the lines stand, to go back to (content read tentatively, then replaced).
    struct Mark: Equatable { fileprivate let count: Int, size: Int, lastIsEmpty: Bool }
    var mark: Mark { Mark(count: count, size: bytes.count, lastIsEmpty: lastIsEmpty) }
    mutating func rewind(to m: Mark) {
        bytes.removeSubrange(min(m.size, bytes.count)...)
        count = m.count
        lastIsEmpty = m.lastIsEmpty
    }

    private mutating func append(_ line: String, after prefix: UInt8? = nil) {
        if let prefix { bytes.append(prefix) }
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
        count += 1
        lastIsEmpty = prefix == nil && line.isEmpty
    }

    mutating func paragraph(_ text: String) {
        for t in Self.pieces(text, keepingCRLF: true) where !t.isEmpty { append(t) }
    }

    mutating func table(_ rows: [[String]]) {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return }
        if count > 0, !lastIsEmpty { append("") }
        for row in rows {
            for cell in row {
                let parts = Self.pieces(cell, keepingCRLF: false).filter { !$0.isEmpty }
                append(parts.first ?? "", after: 0x09)
                // Continuation lines must not look like a new cell or a heading.
                for p in parts.dropFirst() { append(TikaTextReader.looksLikeHeading(p) ? "·" + p : p) }
            }
            append("")
        }
        append("")
    }

    /// `s` cut at each LF, each piece with tabs (which mark cells) as spaces, no CR, trimmed. With `keepingCRLF`
    /// the cuts are those of String.split on Characters (an LF after a CR is inside the one Character "\r\n");
    /// without, every LF cuts (the CR goes anyway). Found on the bytes: most text holds no LF, tab or CR at all.
    static func pieces(_ s: String, keepingCRLF: Bool) -> [String] {
        var s = s
        let (cuts, dirty) = s.withUTF8 { b -> ([Int], Bool) in
            guard let base = b.baseAddress else { return ([], false) }
            var cuts: [Int] = []
            var i = 0
            while i < b.count, let hit = memchr(base + i, 0x0A, b.count - i) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if !(keepingCRLF && k > 0 && b[k - 1] == 0x0D) { cuts.append(k) }
                i = k + 1
            }
            return (cuts, memchr(base, 0x09, b.count) != nil || memchr(base, 0x0D, b.count) != nil)
        }
        func line(_ piece: Substring) -> String {
            dirty ? piece.replacingAll("\t", with: " ").replacingAll("\r", with: "").trimmingSpaces() : piece.trimmingSpaces()
        }
        if cuts.isEmpty { return [line(s[...])] }
        let u = s.utf8
        var pieces: [String] = []
        pieces.reserveCapacity(cuts.count + 1)
        var start = u.startIndex
        for k in cuts {
            let end = u.index(u.startIndex, offsetBy: k)
            pieces.append(line(s[start..<end]))
            start = u.index(after: end)
        }
        pieces.append(line(s[start...]))
        return pieces
    }

    /// The lines joined by LF.
    var text: String { String(decoding: bytes.dropLast(), as: UTF8.self) }
}
