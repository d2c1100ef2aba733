#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Builds text in the Tika layout (DESIGN.md) from structured documents (.docx, .xlsx, HTML), so one block
/// parser and one extractor serve every format: a paragraph is a line; a table cell starts with a TAB and
/// continues on the following lines; a blank line ends a row; another blank line ends the table.
struct TikaLines {
    private(set) var lines: [String] = []
    /// UTF-8 bytes held so far, for the per-document limit.
    private(set) var size = 0
    /// Text per document: a disclosure's is a few megabytes at most. Past this, reading is refused.
    static let maxBytes = 32 * 1024 * 1024
    static let maxLines = 4_000_000

    func checkSize() throws(ContainerError) {
        if size > Self.maxBytes || lines.count > Self.maxLines {
            throw ContainerError("the document holds more than \(Self.maxBytes / 1_048_576) MB of text or \(Self.maxLines) lines: refused (a disclosure has far less)")
        }
    }

    /// Where the lines stand, to go back to (content read tentatively, then replaced).
    struct Mark: Equatable { fileprivate let count: Int, size: Int }
    var mark: Mark { Mark(count: lines.count, size: size) }
    mutating func rewind(to m: Mark) {
        lines.removeSubrange(min(m.count, lines.count)...)
        size = m.size
    }

    private mutating func append(_ line: String) {
        lines.append(line)
        size += line.utf8.count + 1
    }

    mutating func paragraph(_ text: String) {
        for t in Self.pieces(text, keepingCRLF: true) where !t.isEmpty { append(t) }
    }

    mutating func table(_ rows: [[String]]) {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return }
        if let last = lines.last, !last.isEmpty { append("") }
        for row in rows {
            for cell in row {
                let parts = Self.pieces(cell, keepingCRLF: false).filter { !$0.isEmpty }
                append("\t" + (parts.first ?? ""))
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

    var text: String { lines.joined(separator: "\n") }
}
