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
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = clean(String(part)).trimmingSpaces()
            if !t.isEmpty { append(t) }
        }
    }

    mutating func table(_ rows: [[String]]) {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return }
        if let last = lines.last, !last.isEmpty { append("") }
        for row in rows {
            for cell in row {
                let parts = clean(cell).split(separator: "\n", omittingEmptySubsequences: true).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                append("\t" + (parts.first ?? ""))
                // Continuation lines must not look like a new cell or a heading.
                for p in parts.dropFirst() { append(TikaTextReader.looksLikeHeading(p) ? "·" + p : p) }
            }
            append("")
        }
        append("")
    }

    private func clean(_ s: String) -> String {
        s.replacingAll("\t", with: " ").replacingAll("\r", with: "")
    }

    var text: String { lines.joined(separator: "\n") }
}
