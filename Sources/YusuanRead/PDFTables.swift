/// Knobs of the PDF table finder, in the spirit of pdfplumber's table settings. Distances are fractions of the
/// text height (the font size, near enough) unless named in points.
public struct PDFTableSettings: Sendable, Equatable {
    /// Words whose vertical centres differ by at most this share of their height are on one visual line.
    public var lineTolerance = 0.35
    /// A horizontal gap wider than this (and than `minColumnGap` points) separates two cells.
    public var columnGap = 0.45
    public var minColumnGap = 4.0
    /// A gap between words at least this wide prints as a space (not between Chinese characters).
    public var spaceGap = 0.2
    /// A column needs this many segments starting, ending or centred in it (pdfplumber's min_words_vertical);
    /// fewer when the table has fewer lines.
    public var minWordsVertical = 3
    /// A line ends within this many heights of its column's right edge: it is full, and the text wrapped.
    public var fullTolerance = 1.6
    /// Lines closer than this many heights (bottom to top) may be lines of one cell: a wrapped cell goes on
    /// only across such a gap, and so a table's first or last one-cell line is told from a title or a note.
    public var cellLineGap = 0.5
    /// A one-cell line goes on with a table only in the size of its cells, within this ratio of heights.
    public var cellFontRatio = 1.12
    /// One-cell lines between two multi-cell lines of a table (cells centred vertically beside a tall one).
    public var maxBridgeLines = 8
    /// Rows further apart than this many heights are not one table.
    public var maxRowGap = 2.5
    /// Cells of one row share their centre (or their top) within this share of a height.
    public var rowTolerance = 0.5
    /// A row of amounts alone joins a label row whose centre is at most this many heights away.
    public var amountRowDistance = 1.6

    public init() {}
}

/// Tables from word geometry: rows by vertical position, columns by the x-gaps that run through the table,
/// cells that wrap inside their column joined, a row's amounts printed off its label's line joined to it.
enum PDFTables {
    struct Found {
        var lines: Range<Int>
        var table: Table
        /// The gaps between columns.
        var separators: [ClosedRange<Double>]
        /// From the left edge of the table's text to its right edge.
        var extent: ClosedRange<Double>

        /// Whether `next`, at the top of the following page, may go on with this table: it lies within the same
        /// left and right edges (its own column gaps may differ where a page holds a few rows only).
        func goesOn(as next: Found) -> Bool {
            sameColumns(as: next) || next.extent.lowerBound >= extent.lowerBound - 6 && next.extent.upperBound <= extent.upperBound + 6
        }

        /// The same column borders: one drawn grid (the text inside may be narrower or wider).
        func sameColumns(as next: Found) -> Bool {
            separators.count >= 2 && separators.count == next.separators.count
                && zip(separators, next.separators).allSatisfy { abs($0.lowerBound - $1.lowerBound) < 1.5 && abs($0.upperBound - $1.upperBound) < 1.5 }
        }
    }

    /// Tables among the visual lines of one page. `number` gives a line's document line number.
    /// A table at the very top of the page may be a single row: the rest of a table from the page before.
    static func find(_ lines: [PDFVisualLine], page: Int, number: (Int) -> Int, settings: PDFTableSettings, rules: PDFPageRules = PDFPageRules()) -> [Found] {
        var found: [Found] = []
        let multi = cellLines(lines, settings: settings)
        var i = 0
        while i < lines.count {
            let atTop = found.isEmpty && (0..<i).allSatisfy { k in
                PageFurniture.isPageNumber(lines[k].text) || lines[k + 1].top - lines[k].bottom < settings.cellLineGap * lines[k].height
            }
            guard multi[i], let r = region(lines, multi: multi, from: i, minRows: atTop ? 1 : 2, settings: settings) else { i += 1; continue }
            if let t = build(lines, r, page: page, number: number, settings: settings, minRows: atTop ? 1 : 2, cells: multi, rules: rules) {
                // A ruled table the finder broke at a tall, sparse row goes on in the same drawn columns.
                if var previous = found.last, previous.lines.upperBound == t.lines.lowerBound, previous.sameColumns(as: t),
                   previous.table.rows.last?.cells.count == t.table.rows.first?.cells.count {
                    previous.table.rows += t.table.rows
                    previous.lines = previous.lines.lowerBound..<t.lines.upperBound
                    found[found.count - 1] = previous
                    i = t.lines.upperBound
                    continue
                }
                found.append(t)
                i = t.lines.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// The lines of a table starting at the multi-cell line `start`: the following lines while rows go on,
    /// one-cell lines only between multi-cell lines (or tight against one), nothing across a wide gap or a
    /// change of font size.
    /// Lines that hold more than one cell: two or more segments, or one segment in a band of tight lines
    /// (closer than a cell's line spacing) where segments stand side by side without overlapping, as a label
    /// centred beside the lines of a tall cell prints.
    static func cellLines(_ lines: [PDFVisualLine], settings: PDFTableSettings) -> [Bool] {
        var out = lines.map { $0.segments.count >= 2 }
        func tight(_ i: Int) -> Bool { lines[i + 1].top - lines[i].bottom < settings.cellLineGap * lines[i].height }
        var a = 0
        while a < lines.count {
            guard lines[a].segments.count == 1 else { a += 1; continue }
            var b = a
            while b + 1 < lines.count, lines[b + 1].segments.count == 1, tight(b) { b += 1 }
            let sideBySide = (a..<b).contains { i in
                let s = lines[i].segments[0], t = lines[i + 1].segments[0]
                return t.x0 >= s.x1 + settings.minColumnGap || s.x0 >= t.x1 + settings.minColumnGap
            }
            if sideBySide { for k in a...b { out[k] = true } }
            a = b + 1
        }
        return out
    }

    static func region(_ lines: [PDFVisualLine], multi: [Bool], from start: Int, minRows: Int = 2, settings: PDFTableSettings) -> Range<Int>? {
        let h = lines[start].height
        func sameFont(_ l: PDFVisualLine) -> Bool { l.height <= h * 1.3 && l.height >= h / 1.3 }
        func gap(_ a: Int, _ b: Int) -> Double { lines[b].top - lines[a].bottom }
        var lo = start
        // A table's first lines may hold one cell only (a tall cell centred in its row): take them when tight.
        while lo > 0, !multi[lo - 1], sameFont(lines[lo - 1]), gap(lo - 1, lo) < settings.cellLineGap * h { lo -= 1 }
        var hi = start
        var count = 1
        var j = start + 1
        while j < lines.count, sameFont(lines[j]), gap(j - 1, j) <= settings.maxRowGap * h {
            if multi[j] { hi = j; count += 1; j += 1; continue }
            // One-cell lines: part of the table if a multi-cell line follows soon, or tight against the last line.
            // A title or a unit line between two tables is set in another size than the cells around it.
            let cell = lines[hi].height
            func cellFont(_ l: PDFVisualLine) -> Bool { l.height <= cell * settings.cellFontRatio && l.height >= cell / settings.cellFontRatio }
            var k = j
            while k < lines.count, !multi[k], k - j < settings.maxBridgeLines, cellFont(lines[k]), gap(k - 1, k) <= settings.maxRowGap * h { k += 1 }
            if k < lines.count, multi[k], sameFont(lines[k]), gap(k - 1, k) <= settings.maxRowGap * h {
                j = k
                continue
            }
            var t = j
            while t < k, gap(t - 1, t) < settings.cellLineGap * h { hi = t; t += 1 }
            break
        }
        return count >= minRows ? lo..<(hi + 1) : nil
    }

    /// Column separators: x-ranges that no cell's text crosses. A segment that overlaps two cells of one line
    /// is a merged cell (a title row, a header over sub-columns) and does not count.
    static func separators(_ lines: [PDFVisualLine], settings: PDFTableSettings) -> [ClosedRange<Double>] {
        func overlaps(_ a: PDFSegment, _ b: PDFSegment) -> Bool { min(a.x1, b.x1) - max(a.x0, b.x0) > 1 }
        let kept = lines.flatMap(\.segments).filter { s in
            !lines.contains { l in l.segments.first?.line != s.line && l.segments.filter { overlaps(s, $0) }.count >= 2 }
        }
        let xs = Set(kept.flatMap { [$0.x0, $0.x1] }).sorted()
        guard xs.count >= 2 else { return [] }
        var out: [ClosedRange<Double>] = []
        var runStart: Double?
        for k in 0..<(xs.count - 1) {
            let mid = (xs[k] + xs[k + 1]) / 2
            if !kept.contains(where: { $0.x0 <= mid && $0.x1 >= mid }) {
                if runStart == nil { runStart = xs[k] }
            } else if let a = runStart {
                if xs[k] - a >= 1.5 { out.append(a...xs[k]) }
                runStart = nil
            }
        }
        return out
    }

    static func column(_ x: Double, _ seps: [ClosedRange<Double>]) -> Int {
        seps.reduce(0) { n, s in n + (x >= s.lowerBound ? 1 : 0) }
    }

    private struct CellBlock {
        var column: Int
        var segments: [PDFSegment]
        /// The cell's lines as written: a line that wrapped is joined to the next, a list item starts a line.
        var texts: [String]
        var top: Double { segments.first?.top ?? 0 }
        var bottom: Double { segments.last?.bottom ?? 0 }
        var centre: Double { (top + bottom) / 2 }
    }

    /// The table on `range`, with the given column gaps (a table going on from the previous page) or its own.
    static func build(_ all: [PDFVisualLine], _ range: Range<Int>, page: Int, number: (Int) -> Int, settings: PDFTableSettings,
                      columns: [ClosedRange<Double>]? = nil, minRows: Int = 2, cells: [Bool]? = nil, rules: PDFPageRules = PDFPageRules()) -> Found? {
        let lines = Array(all[range])
        let drawn = columns == nil ? drawnColumns(lines, rules) : nil
        var seps = columns ?? drawn ?? separators(lines, settings: settings)
        // Two cells of one line never share a column: the gap between them separates columns too (a merged
        // cell above may have hidden it).
        if columns == nil && drawn == nil {
            for l in lines {
                for (s, t) in zip(l.segments, l.segments.dropFirst()) where column(s.x0, seps) == column(t.x0, seps) {
                    seps.append(s.x1...t.x0)
                    seps.sort { $0.lowerBound < $1.lowerBound }
                }
            }
        }
        // Each column needs segments aligned in it (left, right or centre); a lone stray gap is not a column.
        let need = min(settings.minWordsVertical, lines.count)
        let widest = lines.max { $0.segments.count < $1.segments.count }
        var k = 0
        while columns == nil && drawn == nil, k <= seps.count && seps.count > 0 {
            let lo = k == 0 ? -Double.infinity : seps[k - 1].lowerBound
            let hi = k == seps.count ? Double.infinity : seps[k].lowerBound
            let n = lines.reduce(0) { n, l in n + l.segments.filter { $0.x0 >= lo && $0.x0 < hi }.count }
            // A cell of the line with the most cells (the header) makes a column too: a page may hold a table's header only.
            if n < need, !(widest?.segments.contains { $0.x0 >= lo && $0.x0 < hi } ?? false) { seps.remove(at: k == seps.count ? k - 1 : k) } else { k += 1 }
        }
        guard !seps.isEmpty else { return nil }
        let width = seps.count + 1
        // A ruled table: its borders say where it starts and ends and which lines make a row.
        if let (ruled, inner) = ruledRows(lines, seps: seps, rules: rules.rows, number: number) {
            guard ruled.count >= minRows else { return nil }
            let kept = Array(lines[inner])
            return Found(lines: (range.lowerBound + inner.lowerBound)..<(range.lowerBound + inner.upperBound),
                         table: Table(rows: ruled, line: ruled[0].line, page: page), separators: seps,
                         extent: (kept.map(\.x0).min() ?? 0)...(kept.map(\.x1).max() ?? 0))
        }
        // The right edge of each column's text: a line reaching it was wrapped.
        var right = [Double](repeating: -Double.infinity, count: width)
        // A merged cell's text runs over the columns it spans: its lines (a line crossing into the next column and
        // the lines at the same left edge tight above and below it) say nothing about its first column's edge.
        var merged = Set<Int>()  // line index * 1000 + segment index
        func crossing(_ s: PDFSegment) -> Bool { let c = column(s.x0, seps); return c < width - 1 && s.x1 > seps[c].upperBound }
        for (i, l) in lines.enumerated() { for (k, s) in l.segments.enumerated() where crossing(s) { merged.insert(i * 1000 + k) } }
        var changed = true
        while changed {
            changed = false
            for (i, l) in lines.enumerated() {
                for (k, s) in l.segments.enumerated() where !merged.contains(i * 1000 + k) {
                    let touches = [i - 1, i + 1].contains { j in
                        guard j >= 0, j < lines.count else { return false }
                        let gap = j < i ? l.top - lines[j].bottom : lines[j].top - l.bottom
                        return gap < settings.cellLineGap * l.height
                            && lines[j].segments.indices.contains { merged.contains(j * 1000 + $0) && abs(lines[j].segments[$0].x0 - s.x0) < 2 }
                    }
                    if touches { merged.insert(i * 1000 + k); changed = true }
                }
            }
        }
        for (i, l) in lines.enumerated() {
            for (k, s) in l.segments.enumerated() where !merged.contains(i * 1000 + k) { let c = column(s.x0, seps); right[c] = max(right[c], s.x1) }
        }
        // Amounts never wrap, nor does text that starts in the gap before its column (a header centred over
        // several sub-columns).
        func full(_ s: PDFSegment, _ c: Int) -> Bool {
            s.x1 >= right[c] - settings.fullTolerance * s.height && !isAmount(s.text) && (c == 0 || s.x0 >= seps[c - 1].upperBound - 1)
        }

        // Where the table starts and ends. Above its first row of cells, a one-cell line belongs to it only as the
        // first line of a tall cell (it wrapped) or beside another cell; below, a one-cell line that stands apart
        // from the line above and crosses the columns or is a numbered heading is prose, and the table ends.
        let multi = cells ?? cellLines(all, settings: settings)
        let firstRow = lines.firstIndex { $0.segments.count >= 2 } ?? 0
        func apart(_ i: Int) -> Bool { i == 0 || lines[i].top - lines[i - 1].bottom >= settings.cellLineGap * lines[i].height }
        func crosses(_ i: Int) -> Bool { seps.contains { lines[i].x0 < $0.lowerBound && lines[i].x1 > $0.upperBound } }
        // The first line of a cell that goes on below: the first item of a list with the next item below it, or a
        // merged cell's text (not in the first column, where prose starts) wrapping onto the next line.
        func firstItem(_ i: Int) -> Bool {
            let c = column(lines[i].x0, seps)
            if TableCell.startsListItem(lines[i].text),
               lines[i + 1].segments.contains(where: { column($0.x0, seps) == c && TableCell.startsListItem($0.text) }) { return true }
            return c > 0 && lines[i + 1].segments.contains { abs($0.x0 - lines[i].x0) < 2 }
        }
        if let last = lines[..<firstRow].indices.last(where: { i in
            !multi[range.lowerBound + i] && !firstItem(i)
                && (crosses(i) || !full(lines[i].segments[0], column(lines[i].x0, seps)) || TikaTextReader.looksLikeHeading(lines[i].text))
        }) {
            return build(all, (range.lowerBound + last + 1)..<range.upperBound, page: page, number: number, settings: settings, columns: columns, minRows: minRows, cells: multi, rules: rules)
        }
        if let cut = lines.indices.first(where: { i in
            i > firstRow && !multi[range.lowerBound + i] && apart(i) && (crosses(i) || TikaTextReader.looksLikeHeading(lines[i].text))
        }) {
            guard lines[..<cut].filter({ $0.segments.count >= 2 }).count >= 2 else { return nil }
            return build(all, range.lowerBound..<(range.lowerBound + cut), page: page, number: number, settings: settings, columns: columns, minRows: minRows, cells: multi, rules: rules)
        }

        // Cell blocks: a segment goes on from the one above it in its column when that one was full (wrapped)
        // or both start list items, unless its line starts a new row (it has a cell where the line above had one
        // that does not go on).
        let pitches = zip(lines, lines.dropFirst()).map { $1.top - $0.top }
        let evenPitch = (pitches.max() ?? 0) <= (pitches.min() ?? 0) * 1.15
        var blocks: [CellBlock] = []
        var lastBlock = [Int?](repeating: nil, count: width)
        for (li, l) in lines.enumerated() {
            let cols = l.segments.map { column($0.x0, seps) }
            func continues(_ s: PDFSegment, _ c: Int) -> Bool {
                guard let b = lastBlock[c], let prev = blocks[b].segments.last else { return false }
                guard s.top - prev.bottom < settings.cellLineGap * s.height else { return false }
                // The lines of one cell share its alignment: its left edge or its centre.
                let tol = settings.cellLineGap * s.height
                guard abs(s.x0 - prev.x0) < tol || abs((s.x0 + s.x1) - (prev.x0 + prev.x1)) / 2 < tol else { return false }
                // A numbered line ("2、车辆") or an amount starts a cell of its own unless it is the next item of a list.
                // Two lines that each carry their own amounts are two rows, however full the first label looks.
                let ownAmounts = li > 0 && [lines[li - 1], l].allSatisfy { $0.segments.contains { isAmount($0.text) } }
                return (full(prev, c) && !numbered(s.text) && !isAmount(s.text) && !s.text.hasPrefix("其中") && !ownAmounts)
                    || startsItem(blocks[b], s)
            }
            func startsItem(_ b: CellBlock, _ s: PDFSegment) -> Bool {
                TableCell.startsListItem(b.segments[0].text) && TableCell.startsListItem(s.text)
            }
            let above = li > 0 ? Set(lines[li - 1].segments.map { column($0.x0, seps) }) : []
            // Where cells are centred, a line mixes new cells and the rest of tall ones. Rows at an even pitch are
            // single lines or top-aligned cells: there a line goes on from the one above as a whole, or it holds
            // the middle line of tall cells (which go on below it too) beside new ones.
            // At an even pitch, new cells may only sit in the middle of tall ones (an odd number of lines, centred).
            let below = li + 1 < lines.count ? Set(lines[li + 1].segments.map { column($0.x0, seps) }) : []
            let centredHere = !evenPitch || zip(l.segments, cols).allSatisfy { s, c in !continues(s, c) || (full(s, c) && below.contains(c)) }
            let goesOn = zip(l.segments, cols).allSatisfy { s, c in continues(s, c) || (centredHere && !above.contains(c)) }
            for (s, c) in zip(l.segments, cols) {
                if goesOn, continues(s, c), let b = lastBlock[c] {
                    if let prev = blocks[b].segments.last, full(prev, c), !startsItem(blocks[b], s), var last = blocks[b].texts.last {
                        last += ProseBuilder.joiner(last, s.text) + s.text
                        blocks[b].texts[blocks[b].texts.count - 1] = last
                    } else {
                        blocks[b].texts.append(s.text)
                    }
                    blocks[b].segments.append(s)
                } else {
                    blocks.append(CellBlock(column: c, segments: [s], texts: [s.text]))
                    lastBlock[c] = blocks.count - 1
                }
            }
        }

        // Rows: blocks that share a centre (vertically centred cells) or a top (top-aligned), whichever groups more.
        func rows(by key: (CellBlock) -> Double) -> [[Int]] {
            let order = blocks.indices.sorted { (key(blocks[$0]), blocks[$0].column) < (key(blocks[$1]), blocks[$1].column) }
            var out: [[Int]] = []
            var anchor = 0.0
            for b in order {
                let h = blocks[b].segments[0].height
                if let r = out.last, abs(key(blocks[b]) - anchor) <= settings.rowTolerance * h, !r.contains(where: { blocks[$0].column == blocks[b].column }) {
                    out[out.count - 1].append(b)
                } else {
                    out.append([b]); anchor = key(blocks[b])
                }
            }
            return out
        }
        let byCentre = rows(by: \.centre), byTop = rows(by: \.top)
        var grouped = byTop.count < byCentre.count ? byTop : byCentre
        grouped.sort { blocks[$0[0]].top < blocks[$1[0]].top }
        grouped = joinAmountRows(grouped, blocks: blocks, settings: settings)
        // Header cells merged down over two header rows are centred between them: they belong to the first.
        var r = 1
        while r < min(grouped.count, 4) {
            let a = grouped[r - 1], b = grouped[r]
            let text = (a + b).allSatisfy { blocks[$0].segments.allSatisfy { !isAmount($0.text) } }
            let disjoint = Set(a.map { blocks[$0].column }).isDisjoint(with: b.map { blocks[$0].column })
            let near = abs(blocks[b[0]].centre - blocks[a[0]].centre) <= settings.amountRowDistance * blocks[a[0]].segments[0].height
            if text && disjoint && near {
                grouped[r - 1] += b
                grouped.remove(at: r)
            } else {
                r += 1
            }
        }

        var tableRows: [TableRow] = []
        for g in grouped {
            var cells = [TableCell](repeating: TableCell(lines: [], line: 0), count: width)
            var first = Int.max
            for b in g {
                let n = number(blocks[b].segments[0].line)
                first = min(first, n)
                cells[blocks[b].column] = TableCell(lines: blocks[b].texts, line: n)
            }
            for c in cells.indices where cells[c].line == 0 { cells[c] = TableCell(lines: [], line: first) }
            tableRows.append(TableRow(cells: cells, line: first))
        }
        guard tableRows.count >= minRows, !tableRows.isEmpty else { return nil }
        return Found(lines: range, table: Table(rows: tableRows, line: tableRows[0].line, page: page), separators: seps,
                     extent: (lines.map(\.x0).min() ?? 0)...(lines.map(\.x1).max() ?? 0))
    }

    /// Column separators from the borders drawn between the table's columns: plumb rules inside its text's
    /// left and right edges that run along a good part of its height. nil when fewer than two are drawn.
    static func drawnColumns(_ lines: [PDFVisualLine], _ rules: PDFPageRules) -> [ClosedRange<Double>]? {
        guard let first = lines.first, let last = lines.last else { return nil }
        let top = first.top, bottom = last.bottom, h = first.height
        var x0 = lines.map(\.x0).min() ?? 0, x1 = lines.map(\.x1).max() ?? 0
        // The table's outer border, when its row rules are drawn: columns empty in these lines still count.
        let frame = rules.rows.filter { $0.y > top - 2 * h && $0.y < bottom + 2 * h && min($0.x1, x1) > max($0.x0, x0) }
        if let a = frame.map(\.x0).min(), let b = frame.map(\.x1).max() { x0 = min(x0, a); x1 = max(x1, b) }
        let inside = rules.columns.filter { r in
            r.x > x0 + 1 && r.x < x1 - 1 && min(r.bottom, bottom) - max(r.top, top) >= min(first.height, (bottom - top) / 2)
        }
        var xs: [Double] = []
        for x in inside.map(\.x).sorted() where xs.last.map({ x - $0 > 1.5 }) ?? true { xs.append(x) }
        return xs.count >= 2 ? xs.map { ($0 - 0.5)...($0 + 0.5) } : nil
    }

    /// Rows from the rules drawn between them (pdfplumber's "lines" strategy): the text between two row borders
    /// is one row, however its cells wrap or sit; in a column, text goes on across a border that does not cross
    /// that column (a cell merged down over several rows), and such a cell belongs to the first row it spans.
    /// nil when the table has no row borders inside it, or when they do not separate its rows (a table ruled only
    /// above and below its header, where one band would hold rows that each carry their own amounts).
    static func ruledRows(_ all: [PDFVisualLine], seps: [ClosedRange<Double>], rules: [PDFRule], number: (Int) -> Int) -> ([TableRow], Range<Int>)? {
        guard all.count >= 1, let first = all.first, let last = all.last else { return nil }
        let x0 = all.map(\.x0).min() ?? 0, x1 = all.map(\.x1).max() ?? 0
        let h = first.height
        // Borders around and inside the table: level, across some of its width.
        let near = rules.filter { r in
            r.y > first.top - 2 * h && r.y < last.bottom + 2 * h && min(r.x1, x1) - max(r.x0, x0) >= min(3 * h, (x1 - x0) / 2)
        }
        var ys: [Double] = []
        for y in near.map(\.y).sorted() where ys.last.map({ y - $0 > 1 }) ?? true { ys.append(y) }
        // The table is what its outer borders enclose: a title above or a note below is not part of it.
        guard let top = ys.first, let bottom = ys.last, bottom > top,
              let lo = all.firstIndex(where: { $0.centre > top }), let hi = all.lastIndex(where: { $0.centre < bottom }), lo <= hi else { return nil }
        let lines = Array(all[lo...hi])
        // At least one border between two lines of text: otherwise the rules only frame the table.
        guard ys.contains(where: { y in lines.contains { $0.centre < y } && lines.contains { $0.centre > y } }) else { return nil }
        let width = seps.count + 1
        func band(_ y: Double) -> Int { ys.reduce(0) { $0 + ($1 < y ? 1 : 0) } }
        // The column's x-span, for "does this border cross the column".
        func span(_ c: Int) -> ClosedRange<Double> {
            let lo = c == 0 ? x0 : seps[c - 1].upperBound, hi = c == width - 1 ? x1 : seps[c].lowerBound
            return lo...max(lo, hi)
        }
        struct Cell { var band: Int; var column: Int; var segments: [PDFSegment] }
        var cells: [Cell] = []
        for c in 0..<width {
            let segs = lines.flatMap(\.segments).filter { column($0.x0, seps) == c }.sorted { ($0.top, $0.x0) < ($1.top, $1.x0) }
            let sp = span(c)
            let middle: Double = (sp.lowerBound + sp.upperBound) / 2
            let crossing: [Double] = near.filter { $0.x0 <= middle && $0.x1 >= middle }.map(\.y)
            for s in segs {
                let centre = (s.top + s.bottom) / 2
                // The border of this column above the text: the cell starts there.
                let above = crossing.filter { $0 < centre }.max()
                if let prev = cells.last, prev.column == c, let p = prev.segments.last,
                   !crossing.contains(where: { $0 > (p.top + p.bottom) / 2 && $0 < centre }) {
                    cells[cells.count - 1].segments.append(s)
                } else {
                    cells.append(Cell(band: above.map { band($0 + 0.01) } ?? band(centre), column: c, segments: [s]))
                }
            }
        }
        // A band is a row only if no column holds two lines that each carry their own amount.
        for c in cells where c.segments.filter({ isAmount($0.text) }).count >= 2 {
            let amountLines = Set(c.segments.filter { isAmount($0.text) }.map(\.line))
            if amountLines.count >= 2 { return nil }
        }
        var rows: [TableRow] = []
        for b in Set(cells.map(\.band)).sorted() {
            let inBand = cells.filter { $0.band == b }
            var row = [TableCell?](repeating: nil, count: width)
            var firstLine = Int.max
            for cell in inBand {
                let n = number(cell.segments[0].line)
                firstLine = min(firstLine, n)
                // Between borders a line goes on from the one above (it wrapped) unless it starts a numbered item.
                var texts = row[cell.column]?.lines ?? []
                for s in cell.segments {
                    if let last = texts.last, !numbered(s.text) { texts[texts.count - 1] = last + ProseBuilder.joiner(last, s.text) + s.text }
                    else { texts.append(s.text) }
                }
                row[cell.column] = TableCell(lines: texts, line: row[cell.column]?.line ?? n)
            }
            rows.append(TableRow(cells: row.map { $0 ?? TableCell(lines: [], line: firstLine) }, line: firstLine))
        }
        return rows.isEmpty ? nil : (rows, lo..<(hi + 1))
    }

    /// A row of amounts alone (its label column empty) printed on a line of its own joins the label row it
    /// belongs to: the nearest neighbour whose cells it fills without overlap (below when both are as near,
    /// as exporters that centre cells vertically print amounts above their label).
    private static func joinAmountRows(_ rows: [[Int]], blocks: [CellBlock], settings: PDFTableSettings) -> [[Int]] {
        var rows = rows
        func centre(_ r: [Int]) -> Double { r.map { blocks[$0].centre }.reduce(0, +) / Double(r.count) }
        func amountsOnly(_ r: [Int]) -> Bool { r.allSatisfy { b in blocks[b].segments.allSatisfy { isAmount($0.text) } } }
        func fits(_ a: [Int], _ b: [Int]) -> Bool { Set(a.map { blocks[$0].column }).isDisjoint(with: b.map { blocks[$0].column }) }
        var i = 0
        while i < rows.count {
            guard amountsOnly(rows[i]) else { i += 1; continue }
            let h = blocks[rows[i][0]].segments[0].height
            let c = centre(rows[i])
            var best: (index: Int, distance: Double)?
            for j in [i + 1, i - 1] where j >= 0 && j < rows.count && !amountsOnly(rows[j]) && fits(rows[i], rows[j]) {
                let d = abs(centre(rows[j]) - c)
                if d <= settings.amountRowDistance * h, best == nil || d < best!.distance { best = (j, d) }
            }
            if let b = best?.index {
                rows[b] += rows[i]
                rows.remove(at: i)
            } else {
                i += 1
            }
        }
        return rows
    }

    /// "2、…", "3.…", "二、…": a numbered item (a wrapped line may well start with a bracket, not with these).
    static func numbered(_ s: String) -> Bool {
        TableCell.startsListItem(s) && !(s.hasPrefix("（") || s.hasPrefix("("))
    }

    /// An amount or a blank-amount dash: digits with separators, a sign, a decimal point or a percent sign.
    static func isAmount(_ s: String) -> Bool {
        let t = s.trimmingSpaces()
        guard t.contains(where: { $0.isASCII && $0.isNumber }) else { return t == "-" || t == "—" || t == "——" }
        return t.allSatisfy { ($0.isASCII && $0.isNumber) || ",.-%+ ".contains($0) }
    }
}
