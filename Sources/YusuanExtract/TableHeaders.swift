import YusuanRead

/// Column labels for tables whose header spans two rows. Text extraction flattens merged cells, so a
/// top row of 7 labels may sit over a second row of 13 cells. In the second row an empty cell lies under
/// a vertically merged top cell; a run of non-empty cells lies under one horizontally merged top cell.
enum TableHeaders {
    /// Labels for each column of `sub`, e.g. "指标值/符号"; nil when the rows do not line up that way.
    static func merge(top: [String], sub: [String]) -> [String]? {
        if sub.count == top.count, top.contains(where: \.isEmpty) {
            // A grid read with its merged cells in place (PDF borders): a top label stands over the empty top
            // cells after it that have a second-level label below.
            var labels: [String] = []
            var over = ""
            for (t, s) in zip(top, sub) {
                if !t.isEmpty { over = t }
                labels.append(s.isEmpty ? t : over + "/" + s)
            }
            return labels
        }
        guard sub.count > top.count else { return nil }
        var labels: [String] = []
        var t = 0
        var i = 0
        while i < sub.count {
            guard t < top.count else { return nil }
            if sub[i].isEmpty {
                labels.append(top[t]); i += 1
            } else {
                while i < sub.count, !sub[i].isEmpty { labels.append(top[t] + "/" + sub[i]); i += 1 }
            }
            t += 1
        }
        return t == top.count ? labels : nil
    }

    /// The compact (whitespace-free) texts of a row's cells.
    static func compact(_ row: TableRow) -> [String] { row.cells.map(\.compact) }

    /// The first compact text of a row's cells for which `body` gives a value, read by index: iterating the cells
    /// copies each one, all its Strings with it.
    static func firstCompact<T>(_ row: TableRow, _ body: (String) -> T?) -> T? {
        let cells = row.cells
        for j in cells.indices { if let v = body(cells[j].compact) { return v } }
        return nil
    }

    /// Whether a compact text of a row's cells passes `test` (read by index, as `firstCompact`).
    static func anyCompact(_ row: TableRow, _ test: (String) -> Bool) -> Bool {
        firstCompact(row) { test($0) ? true : nil } ?? false
    }

    /// The first column whose label contains one of `any` and none of `none`.
    static func column(_ labels: [String], any: [String], none: [String] = [], after: Int = -1) -> Int? {
        labels.indices.first { i in
            i > after && any.contains(where: { labels[i].includes($0) }) && !none.contains(where: { labels[i].includes($0) })
        }
    }

    /// A column's words as bits over a `WordSet`: its label holds one of `any` and none of `none`.
    struct Words {
        let any: WordSet.Bits
        let none: WordSet.Bits
    }

    /// The words of `words` each label holds, for many `column` lookups over one header: each label is searched
    /// once, not once a word a lookup.
    static func present(_ labels: [String], _ words: WordSet) -> [WordSet.Bits] {
        labels.map { l in l.withBytes { words.present(in: $0) } }
    }

    /// `column(labels, any:none:)` on what `present` found.
    static func column(_ present: [WordSet.Bits], _ w: Words) -> Int? {
        present.firstIndex { $0.intersects(w.any) && !$0.intersects(w.none) }
    }
}
