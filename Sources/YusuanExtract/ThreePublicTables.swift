import Foundation
import YusuanModel
import YusuanRead

/// What a document is about, as the table and prose readers need it: which column or clause is "this year's
/// figure of this document's kind".
struct DocumentScope: Sendable {
    var kind: DisclosureKind?
    var fiscalYear: Int?
}

/// The "三公" table in its row form: the parts down the first column (合计, 因公出国（境）费, 公务接待费,
/// 公务用车购置及运行费, 其中 运行维护费 / 购置费) and measures across (预算数, 决算数, 2016年预算数, 上年决算数,
/// 增减金额 …). Final accounts take the 决算 column and keep the 预算 one as `budget.*`; budgets take this
/// year's 预算 column; another year's column is never this year's figure.
enum ThreePublicTables {
    enum Measure: Equatable { case budget, final, change, percent, prior, unknown }

    /// The measure a header cell names, and the year when it names one ("2016年预算数").
    static func measure(_ header: String, scope: DocumentScope) -> Measure {
        let h = header
        if ["幅度", "增长率", "%", "％", "比例"].contains(where: { h.includes($0) }) { return .percent }
        if ["增减", "增、减", "增(减)", "增（减）", "变动", "差额"].contains(where: { h.includes($0) }) { return .change }
        if ["上年", "去年", "上一年"].contains(where: { h.includes($0) }) { return .prior }
        if let y = FigureLabels.firstYear(in: h), let fy = scope.fiscalYear, y != fy { return .prior }
        if ["决算", "实际", "执行数", "支出数"].contains(where: { h.includes($0) }) { return .final }
        if h.includes("预算") || h.includes("计划") { return .budget }
        return .unknown
    }

    /// The part a row label names: "合 计" → total, "其中：(1)公务用车运行维护费" → vehicles.operation.
    static func partKey(_ label: String) -> String? {
        // Amounts and codes (ASCII only) name no part: every part's words are Chinese.
        guard label.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        // Every word of the 三公 rules holds 车, 购, 出, 接 or 三, and the totals 计. The steps below only take
        // characters away, so a label without any of these names no part; most rows of other tables have none.
        guard mayNamePart(label) else { return nil }
        let l = label.replacingAll(" ", with: "")
        // A title in the first cell ("…“三公”经费决算情况统计表") names the table, not a row.
        if l.isEmpty || l.characterCount > 24 || l.endsWithBytes("表") { return nil }
        if FigureLabels.strip(l).isOne(of: ["合计", "总计", "小计"]) { return "three_public.total" }
        let key = FigureLabels.keys(for: l).first
        guard let key, key.hasPrefix("three_public.") else { return nil }
        return key
    }

    /// Whether `label` holds one of the characters every part's words hold (one pass over its bytes).
    static func mayNamePart(_ label: String) -> Bool {
        let marks = partMarks
        return label.withBytes { !marks.present(in: $0).isEmpty }
    }

    static let partMarks = WordSet(["车", "购", "出", "接", "三", "计"])

    /// Reads the table when its rows or its header name 三公 parts; false when it is not such a table.
    static func read(_ t: Table, title: String, scope: DocumentScope, unitFactor: Decimal, into c: inout FigureCollector) -> Bool {
        readRowForm(t, title: title, scope: scope, unitFactor: unitFactor, into: &c)
            || readColumnForm(t, title: title, scope: scope, unitFactor: unitFactor, into: &c)
    }

    /// The column form: the parts across a header (合计 | 因公出国（境）费 | 公务用车费 | 公务接待费), the vehicles
    /// column split by a second level (小计 | 运行维护费 | 购置费), then one row of amounts. The amounts must fill
    /// the leaf columns exactly; a text dump that dropped empty cells cannot be laid out and is left alone.
    static func readColumnForm(_ t: Table, title: String, scope: DocumentScope, unitFactor: Decimal, into c: inout FigureCollector) -> Bool {
        let rows = t.rows.map(labels)
        // Three parts need three labels with a part's characters: most rows have fewer, and are not keyed.
        guard let h = rows.firstIndex(where: { r in r.lazy.filter(mayNamePart).count >= 3 && Set(r.compactMap(partKey)).count >= 3 })
        else { return false }
        var leaves = rows[h]
        var next = h + 1
        if next < rows.count, !rows[next].isEmpty, !rows[next].contains(where: { Numbers.decimal($0) != nil }) {
            let sub = rows[next]
            guard let parent = leaves.firstIndex(where: { partKey($0) == "three_public.vehicles" }),
                  sub.allSatisfy({ $0.isOne(of: ["小计", "合计"]) || (partKey("公务用车" + $0) ?? "").hasPrefix("three_public.vehicles") }) else { return false }
            leaves = Array(leaves[..<parent]) + sub.map { $0.isOne(of: ["小计", "合计"]) ? leaves[parent] : "公务用车" + $0 } + Array(leaves[(parent + 1)...])
            next += 1
        }
        var keys = leaves.map(partKey)
        // A PDF header over three lines reads "公务用车购置及运行费 小计 | 购置费 | 运行费": the parts right of the
        // vehicles column drop the 车.
        for i in keys.indices where keys[i] == nil && keys[..<i].contains("three_public.vehicles") {
            keys[i] = partKey("公务用车" + leaves[i]).flatMap { $0.hasPrefix("three_public.vehicles.") ? $0 : nil }
        }
        guard keys.allSatisfy({ $0 != nil }), Set(keys).count == keys.count,
              ThreePublicTables.measure(title + rows[..<h].joined().joined(), scope: scope) != .prior else { return false }
        // Only a table of this document's own measure: a budget table in final accounts keeps budget keys.
        let titleMeasure = measure(title, scope: scope)
        let prefix = scope.kind == .finalAccounts && titleMeasure == .budget ? "budget." : ""
        if scope.kind == .budget && titleMeasure == .final { return true }
        // The amounts come right under the header; a row of measures (预算数 | 决算数) in between means pairs
        // of columns that a dump may have shifted: not read.
        for r in next..<t.rows.count {
            let cells = t.rows[r].cells.filter { !$0.isEmpty }
            if cells.isEmpty { continue }
            guard cells.allSatisfy({ Numbers.decimal($0.compact) != nil }), cells.count == keys.count else { return true }
            for (key, cell) in zip(keys, cells) {
                guard let key, let v = Numbers.decimal(cell.compact) else { continue }
                c.add(prefix + key, v * unitFactor, raw: cell.compact, step: Numbers.step(cell.compact, factor: unitFactor),
                      provenance: Provenance(line: cell.line, text: t.rows[r].cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")), origin: .table)
            }
            return true
        }
        return true
    }

    /// A row's non-blank compact texts, in one pass over its cells (read by index, no copy of a cell). A
    /// spreadsheet repeats a merged header's label over the columns it spans: a label the same as the one
    /// before is kept once.
    static func labels(_ row: TableRow) -> [String] {
        let cells = row.cells
        var out: [String] = []
        out.reserveCapacity(cells.count)
        for j in cells.indices {
            let s = cells[j].compact
            if s.isEmpty { continue }
            if let last = out.last, last.isSameText(as: s) { continue }
            out.append(s)
        }
        return out
    }

    /// The row form: parts down the first column, measures across.
    static func readRowForm(_ t: Table, title: String, scope: DocumentScope, unitFactor: Decimal, into c: inout FigureCollector) -> Bool {
        let rows = t.rows.map(TableHeaders.compact)
        let parts = rows.compactMap { $0.first.flatMap(partKey) }
        guard Set(parts).count >= 2, parts.contains(where: { $0 != "three_public.total" }) else { return false }
        // The header: the last row above the first part row with a measure word in a later column. A row
        // that starts with a measure ("增、减金额 | 增、减幅度") is a second header level that a text dump
        // has shifted to the left: its columns cannot be placed, so the level above names them.
        guard let firstPart = rows.firstIndex(where: { $0.first.flatMap(partKey) != nil }) else { return false }
        var measures: [Int: Measure] = [:]
        for h in stride(from: firstPart - 1, through: 0, by: -1) where measure(rows[h].first ?? "", scope: scope) == .unknown {
            let m = rows[h].enumerated().dropFirst().map { ($0.offset, measure($0.element, scope: scope)) }
            if m.contains(where: { $0.1 != .unknown }) { measures = Dictionary(uniqueKeysWithValues: m); break }
        }
        let width = rows[firstPart...].map(\.count).max() ?? 0
        if measures.isEmpty {
            // No header: one amount column, of the kind the title names.
            guard width == 2 else { return false }
            let titleKind: Measure = title.includes("决算") ? .final : (title.includes("预算") ? .budget : .unknown)
            measures[1] = titleKind == .unknown ? (scope.kind == .finalAccounts ? .final : .budget) : titleKind
        }
        // Which column is this document's own figure, and which are kept under another name.
        let isFinal = scope.kind == .finalAccounts
        let own: Measure = isFinal ? .final : .budget
        let ownColumns = measures.filter { $0.value == own }.map(\.key).sorted()
        // Two columns of the same measure (two budget years without years stated): cannot tell which is this year's.
        guard ownColumns.count <= 1 else { return true }
        var prefixes: [Int: String] = [:]
        if let o = ownColumns.first { prefixes[o] = "" }
        if isFinal, let b = measures.filter({ $0.value == .budget }).map(\.key).sorted().first { prefixes[b] = "budget." }
        if let ch = measures.filter({ $0.value == .change }).map(\.key).sorted().first { prefixes[ch] = "change." }

        var lastKey: String?
        for r in firstPart..<rows.count {
            // "其中：购置经费 | 0": the parts under the vehicles row drop the 车.
            var key = rows[r].first.flatMap(partKey)
            if key == nil, lastKey?.hasPrefix("three_public.vehicles") == true, let label = rows[r].first,
               let sub = partKey("公务用车" + FigureLabels.strip(label)), sub.hasPrefix("three_public.vehicles.") {
                key = sub
            }
            guard let key else { continue }
            lastKey = key
            let row = t.rows[r]
            for (col, prefix) in prefixes.sorted(by: { $0.key < $1.key }) where col < row.cells.count {
                let cell = row.cells[col]
                guard !cell.compact.hasSuffix("%"), let v = Numbers.decimal(cell.compact) else { continue }
                c.add(prefix + key, v * unitFactor, raw: cell.compact, step: Numbers.step(cell.compact, factor: unitFactor),
                      provenance: Provenance(line: cell.line, text: row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")), origin: .table)
            }
        }
        return true
    }
}
