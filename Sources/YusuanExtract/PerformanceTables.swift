import Foundation
import YusuanModel
import YusuanRead

/// Performance-target tables (绩效目标表): 一级指标 / 二级指标 / 三级指标 / 指标描述 / 指标值 / 依据.
enum PerformanceTables {
    static func isPerformanceTable(_ t: Table) -> Bool { t.rows.prefix(4).contains(where: isHeader) }

    /// A row naming 一级指标 and 二级指标, read on its cells (no array of their texts is made for it).
    static func isHeader(_ row: TableRow) -> Bool {
        TableHeaders.anyCompact(row) { $0.includes("一级指标") } && TableHeaders.anyCompact(row) { $0.includes("二级指标") }
    }

    /// The columns of a head, by `Column.rawValue`.
    typealias Columns = [Int?]

    /// The columns of the last head read: the performance tables of a document mostly repeat one head, and
    /// comparing its labels costs less than searching them for every column's words again.
    struct Heads {
        private var last: (labels: [String], columns: Columns)?

        mutating func columns(_ labels: [String]) -> Columns {
            if let last, last.labels == labels { return last.columns }
            // Each label is searched once for every column's words; a column is then a test of bits.
            let present = TableHeaders.present(labels, headerWords)
            let columns = columnBits.map { TableHeaders.column(present, $0) }
            last = (labels, columns)
            return columns
        }
    }

    /// Reads one table. `title` is the paragraph right above it ("1.XX项目绩效目标表", "（四）部门整体支出绩效指标");
    /// `heads` keeps the last head's columns across one document's tables.
    static func read(_ t: Table, title: String?, heads: inout Heads) -> [PerformanceTable] {
        guard let h = t.rows.firstIndex(where: isHeader) else { return [] }
        var labels = TableHeaders.compact(t.rows[h])
        var firstData = h + 1
        if firstData < t.rows.count {
            let sub = TableHeaders.compact(t.rows[firstData])
            if sub.contains(where: { $0.isOne(of: subLabels) }),
               let merged = TableHeaders.merge(top: labels, sub: sub) {
                labels = merged
                firstData += 1
            }
        }
        let columns = heads.columns(labels)
        func column(_ c: Column) -> Int? { columns[c.rawValue] }
        let col1 = column(.level1)
        let col2 = column(.level2)
        let col3 = column(.name)
        let colDesc = column(.description)
        let colOp = column(.op)
        let colUnit = column(.unit)
        let colValue = column(.splitValue) ?? column(.value)
        let colBasis = column(.basis)
        // A table listing several projects names each in a column of its own; a blank cell is the one above.
        let colProject = column(.project)

        var goal: String?
        var project: String?
        for row in t.rows[..<h] {
            let c = TableHeaders.compact(row)
            if let i = c.firstIndex(where: { $0.isOne(of: goalLabels) }),
               i + 1 < row.cells.count { goal = row.cells[i + 1].text }
            if let i = c.firstIndex(where: { $0.isSameText(as: "项目名称") }), i + 1 < row.cells.count, !row.cells[i + 1].isEmpty {
                project = row.cells[i + 1].text
            }
        }
        // The title names the project only when the head does not: read it only then.
        func heading() -> String? { title.flatMap { ContinuedTables.isFurniture($0) ? nil : projectName($0) } }
        let scope: PerformanceTable.Scope =
            (title.map { $0.includes("部门整体") || $0.includes("整体支出") || $0.includes("整体绩效") } ?? false) && project == nil
            ? .department : .project

        var indicators: [Indicator] = []
        indicators.reserveCapacity(t.rows.count - firstData)
        var groups: [(project: String, line: Int, indicators: [Indicator])] = []
        var level1 = "", level2 = ""
        func cell(_ row: TableRow, _ i: Int?) -> String {
            guard let i, i < row.cells.count else { return "" }
            return row.cells[i].text
        }
        for row in t.rows[firstData...] {
            let l1 = withoutLineBreaks(cell(row, col1))
            let l2 = withoutLineBreaks(cell(row, col2))
            // Blank hierarchical cells mean "same as above".
            if !l1.isEmpty { level1 = l1; if l2.isEmpty { level2 = "" } }
            if !l2.isEmpty { level2 = l2 }
            let named = withoutLineBreaks(cell(row, colProject))
            if !named.isEmpty, named != groups.last?.project {
                if !indicators.isEmpty, groups.isEmpty { groups.append((project ?? heading() ?? "", t.line, indicators)) }
                else if let last = groups.indices.last { groups[last].indicators = indicators }
                groups.append((named, row.line, []))
                indicators = []
                level1 = l1; level2 = l2
            }
            let name = cell(row, col3)
            let description = cell(row, colDesc)
            var raw = cell(row, colValue)
            let opCell = cell(row, colOp)
            let unitCell = cell(row, colUnit)
            if !opCell.isEmpty || !unitCell.isEmpty { raw = opCell + raw + unitCell }
            if name.isEmpty && description.isEmpty && raw.isEmpty { continue }
            let parsed = IndicatorValue.parse(raw)
            indicators.append(Indicator(
                level1: level1, level2: level2, name: name, description: description,
                op: parsed.op, value: parsed.value, unit: parsed.unit, raw: raw,
                basis: cell(row, colBasis), line: row.line))
        }
        if let last = groups.indices.last {
            groups[last].indicators = indicators
            return groups.filter { !$0.indicators.isEmpty }.map {
                PerformanceTable(scope: .project, project: $0.project, goal: nil, indicators: $0.indicators, line: $0.line)
            }
        }
        let name = project ?? heading() ?? (scope == .department ? "部门整体" : "")
        return [PerformanceTable(scope: scope, project: name, goal: goal, indicators: indicators, line: t.line)]
    }

    /// The cell's text without its line breaks (a wrapped level-1 or level-2 name); the String itself when it
    /// has none, as most cells have, rather than a copy.
    static func withoutLineBreaks(_ s: String) -> String {
        s.withBytes { b in
            // memchr: most cells are short, and a generic `contains` cost more than the cell's other reading.
            guard let base = b.baseAddress, memchr(base, 0x0A, b.count) != nil else { return s }
            return String(decoding: b.filter { $0 != 0x0A }, as: UTF8.self)
        }
    }

    /// The columns of a performance table, each found by the words its label holds (any of `any`, none of `none`).
    enum Column: Int, CaseIterable { case level1, level2, name, description, op, unit, splitValue, value, basis, project }
    static let columnWords: [Column: (any: [String], none: [String])] = [
        .level1: (["一级指标"], []), .level2: (["二级指标"], []), .name: (["三级指标", "指标名称"], []),
        .description: (["指标描述", "指标内容", "指标说明"], []), .op: (["/符号"], []), .unit: (["指标值/单位", "/计量单位"], []),
        .splitValue: (["指标值/值"], []), .value: (["指标值", "目标值"], ["依据"]), .basis: (["依据"], []), .project: (["项目名称"], []),
    ]
    static let headerWords = WordSet(Column.allCases.flatMap { (columnWords[$0]?.any ?? []) + (columnWords[$0]?.none ?? []) })
    /// `columnWords` as bits over `headerWords`, by `Column.rawValue`.
    static let columnBits: [TableHeaders.Words] = Column.allCases.map { c in
        TableHeaders.Words(any: headerWords.bits(columnWords[c]?.any ?? []), none: headerWords.bits(columnWords[c]?.none ?? []))
    }

    /// Second-row labels under 指标值, and the labels of a goal stated in the head.
    static let subLabels = ["符号", "值", "单位", "计量单位"]
    static let goalLabels = ["绩效目标", "年度目标", "总体目标", "年度绩效目标"]

    /// "1.村级组织办公经费绩效目标表" → "村级组织办公经费".
    static func projectName(_ title: String) -> String {
        let t = title.trimmingSpaces()
        return t.withBytes { b in
            var lo = 0
            // Leading numbering: "（三）", "(3)" within the first five characters; "1.", "12、".
            if b.first == 0x28 || (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x88) {
                var i = 0, scalars = 0
                while i < b.count, scalars <= 4 {
                    let v = UTF8Text.scalar(b, at: i)
                    if scalars > 0 || i > 0, v == 0x29 || v == 0xFF09 {
                        lo = i + UTF8Text.scalarLength(lead: b[i])
                        break
                    }
                    i += UTF8Text.scalarLength(lead: b[i])
                    scalars += 1
                }
            }
            var digitsEnd = lo
            while digitsEnd < b.count, UTF8Text.isDigit(b[digitsEnd]) { digitsEnd += 1 }
            if digitsEnd > lo, digitsEnd < b.count, numberingMarks.contains(UTF8Text.scalar(b, at: digitsEnd)) {
                lo = digitsEnd + UTF8Text.scalarLength(lead: b[digitsEnd])
            }
            var r = UTF8Text.trimmed(b, lo, b.count)
            for suffix in ["项目绩效目标申报表", "绩效目标申报表", "绩效目标表", "绩效指标表", "绩效目标", "绩效指标"] {
                let ends = suffix.withBytes { r.count >= $0.count && TextSearch.equal(b, r.upperBound - $0.count, $0) }
                if ends { r = r.lowerBound..<(r.upperBound - suffix.utf8.count); break }
            }
            r = UTF8Text.trimmed(b, r.lowerBound, r.upperBound)
            return UTF8Text.string(b, r.lowerBound, r.upperBound)
        }
    }

    /// ".、．)）" after the digits of a numbering.
    static let numberingMarks = Set(".、．)）".unicodeScalars.map(\.value))
}

/// An indicator value cell: "≤5个", "≥1000人次", "100%", "≥90百分之", "不少于3个", "及时".
enum IndicatorValue {
    struct Parsed: Equatable { var op: String?; var value: Decimal?; var unit: String? }

    static let textualOps: [(String, String)] = [
        ("大于等于", "≥"), ("小于等于", "≤"), ("不少于", "≥"), ("不低于", "≥"), ("不小于", "≥"), ("至少", "≥"), ("以上", "≥"),
        ("不超过", "≤"), ("不高于", "≤"), ("不多于", "≤"), ("不大于", "≤"), ("最多", "≤"), ("控制在", "≤"), ("以内", "≤"),
        ("大于", ">"), ("超过", ">"), ("高于", ">"), ("小于", "<"), ("低于", "<"), ("等于", "="), ("达到", "≥"),
    ]

    /// The operator words that may also close a value ("3个以上", "500万元以内"), in `textualOps` order.
    static let trailingOps = textualOps.filter { $0.0 == "以上" || $0.0 == "以内" }

    static let symbolicOps: [(String, String)] = [(">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≤", "≤"), ("≧", "≥"), ("≦", "≤"),
                                                  ("＞", ">"), ("＜", "<"), ("＝", "="), (">", ">"), ("<", "<"), ("=", "=")]

    /// The operators as bytes, to compare with the cell's bytes in place: a short literal String is stored
    /// inline and would be copied out for every comparison.
    static let symbolicOpBytes = symbolicOps.map { (Array($0.0.utf8), $0.1) }
    static let textualOpBytes = textualOps.map { (Array($0.0.utf8), $0.1) }
    static let percentWord = Array("百分之".utf8)
    /// Whether a byte is the first of an operator, symbolic or textual, by its value.
    static let opLeads: [Bool] = {
        var leads = [Bool](repeating: false, count: 256)
        for (word, _) in symbolicOpBytes + textualOpBytes { if let first = word.first { leads[Int(first)] = true } }
        return leads
    }()

    /// Read on the bytes of the cell: an operator word at the start, then the number, then the unit.
    static func parse(_ raw: String) -> Parsed {
        // The cell trimmed, without its line breaks; read in place when it has none (most cells).
        raw.withBytes { all in
            let r = UTF8Text.trimmed(all, 0, all.count)
            let trimmed = UnsafeBufferPointer(rebasing: all[r])
            guard trimmed.contains(0x0A) else { return parse(bytes: trimmed) }
            return trimmed.filter { $0 != 0x0A }.withUnsafeBufferPointer { parse(bytes: $0) }
        }
    }

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Parsed {
        let symbolic = symbolicOpBytes, textual = textualOpBytes, percent = percentWord
        var op: String?
        var at = 0
        func skipSpaces() { at = UTF8Text.trimmed(b, at, b.count).lowerBound }
        // Most cells start with a digit, which starts no operator: one look at the byte passes over both lists.
        if at < b.count, opLeads[Int(b[at])] {
            if let (sym, o) = symbolic.first(where: { starts(b, at, $0.0) }) {
                op = o; at += sym.count; skipSpaces()
            } else if let (word, o) = textual.first(where: { starts(b, at, $0.0) }) {
                op = o; at += word.count; skipSpaces()
            }
        }
        let percentPrefix = starts(b, at, percent)
        if percentPrefix { at += percent.count }
        var end = at
        while end < b.count, UTF8Text.isDigit(b[end]) || b[end] == 0x2E || b[end] == 0x2C || b[end] == 0x2D { end += 1 }
        guard end > at, let value = Numbers.decimal(bytes: UnsafeBufferPointer(rebasing: b[at..<end])) else {
            return Parsed(op: op, value: nil, unit: nil)
        }
        var u = UTF8Text.trimmed(b, end, b.count)
        // Trailing comparison words: "3个以上", "500万元以内".
        for (word, o) in trailingOps where ends(b, u, word) {
            u = u.lowerBound..<(u.upperBound - word.utf8.count)
            if op == nil { op = o }
        }
        // The unit compared on the bytes: a String is made only for a unit kept as written.
        let isPercent = percentPrefix || isWhole(b, u, percent) || isWhole(b, u, fullwidthPercent)
        let unit = isPercent ? "%" : u.isEmpty ? nil : UTF8Text.string(b, u.lowerBound, u.upperBound)
        return Parsed(op: op ?? "=", value: value, unit: unit)
    }

    static let fullwidthPercent = Array("％".utf8)

    /// Whether `r` of `b` is `word`, byte for byte.
    private static func isWhole(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ word: [UInt8]) -> Bool {
        r.count == word.count && starts(b, r.lowerBound, word)
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: [UInt8]) -> Bool {
        // Most cells start with a digit or a word no operator starts with: one byte decides.
        guard at < b.count, let first = word.first, b[at] == first else { return false }
        return word.withUnsafeBufferPointer { TextSearch.equal(b, at, $0) }
    }

    private static func ends(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ word: String) -> Bool {
        word.withBytes { r.count >= $0.count && TextSearch.equal(b, r.upperBound - $0.count, $0) }
    }
}
