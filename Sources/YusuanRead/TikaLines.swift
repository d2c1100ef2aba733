/// Builds text in the Tika layout (DESIGN.md) from structured documents (.docx, .xlsx, HTML), so one block
/// parser and one extractor serve every format: a paragraph is a line; a table cell starts with a TAB and
/// continues on the following lines; a blank line ends a row; another blank line ends the table.
struct TikaLines {
    private(set) var lines: [String] = []

    mutating func paragraph(_ text: String) {
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = clean(String(part)).trimmingSpaces()
            if !t.isEmpty { lines.append(t) }
        }
    }

    mutating func table(_ rows: [[String]]) {
        let rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { return }
        if let last = lines.last, !last.isEmpty { lines.append("") }
        for row in rows {
            for cell in row {
                let parts = clean(cell).split(separator: "\n", omittingEmptySubsequences: true).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
                lines.append("\t" + (parts.first ?? ""))
                // Continuation lines must not look like a new cell or a heading.
                for p in parts.dropFirst() { lines.append(TikaTextReader.looksLikeHeading(p) ? "·" + p : p) }
            }
            lines.append("")
        }
        lines.append("")
    }

    private func clean(_ s: String) -> String {
        s.replacingAll("\t", with: " ").replacingAll("\r", with: "")
    }

    var text: String { lines.joined(separator: "\n") }
}
