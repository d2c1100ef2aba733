import Foundation
import YusuanModel
import YusuanRead

/// The standard tables (部门收支总表, 支出总表, 基本支出表, "三公"经费支出表 …) read by their columns: a header
/// names the columns (合计, 基本支出, 项目支出, 人员经费, 公用经费, 因公出国（境）费 …); the 合计 row gives the
/// canonical figures; rows with a classification code (类/款/项, "213 01 26") are kept as line items.
enum ColumnTables {
    struct Result { var lineItems: [LineItem] }

    /// What a "合计" column totals, told from the table's title.
    static func totalKey(title: String) -> String? {
        if title.includes("三公") { return "three_public.total" }
        if title.includes("基本支出") { return "expenditure.basic" }
        if title.includes("项目支出") { return "expenditure.project" }
        if title.includes("收入") && !title.includes("支出") { return "revenue.total" }
        if title.includes("支出") { return "expenditure.total" }
        return nil
    }

    /// Tables of one source of funds hold part of the department's spending: their figures are kept under a
    /// prefix ("gpb.expenditure.basic") so they never pass for the department's own totals. 三公 is reported
    /// from 财政拨款 by definition, so its table counts as the department's.
    static func prefix(title: String) -> String {
        if title.includes("三公") { return "" }
        if title.includes("一般公共预算") { return "gpb." }
        if title.includes("政府性基金") { return "fund." }
        if title.includes("国有资本经营") { return "state_capital." }
        return ""
    }

    static func isTotalLabel(_ s: String) -> Bool {
        s.isOne(of: ["合计", "总计", "小计"]) || s.endsWithBytes("合计") && s.characterCount <= 6
    }

    /// The canonical key of a column labelled `top` (and `sub` under a merged header).
    static func key(top: String, sub: String, total: String?) -> String? {
        let label = sub.isEmpty ? top : sub
        if isTotalLabel(label) {
            if !sub.isEmpty, !top.isEmpty, !isTotalLabel(top), let k = FigureLabels.keys(for: top).first { return k }
            return total
        }
        if let k = FigureLabels.keys(for: label).first { return k }
        if !sub.isEmpty, label.count <= 4, let k = FigureLabels.keys(for: top + label).first { return k }
        return nil
    }

    static func isCode(_ s: String) -> Bool { !s.isEmpty && s.count <= 9 && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// Reads the table when its header names at least two known columns; returns nil otherwise.
    static func read(_ t: Table, title: String, unitFactor: Decimal, into c: inout FigureCollector) -> Result? {
        let rows = t.rows.map(TableHeaders.compact)
        let total = totalKey(title: title)
        // The header: a row (within the first five) whose cells name two or more columns; a following row
        // without numbers is its second level.
        for h in 0..<min(5, rows.count) {
            var labels = rows[h].map { ($0, "") }
            var first = h + 1
            // A second header level holds words only (类 / 款 / 项, 小计, 购置费); any number makes it data.
            if first < rows.count, !rows[first].contains(where: { Numbers.decimal($0) != nil }), rows[first].contains(where: { !$0.isEmpty }) {
                let sub = rows[first]
                if sub.count > labels.count, let merged = TableHeaders.merge(top: rows[h], sub: sub) {
                    // A top cell spanning several columns (.docx gridSpan) stands over a run of second-level cells.
                    labels = merged.map { l in
                        guard let slash = l.firstIndex(of: "/") else { return (l, "") }
                        return (String(l[..<slash]), String(l[l.index(after: slash)...]))
                    }
                } else {
                    labels = (0..<max(labels.count, sub.count)).map { i in (i < labels.count ? labels[i].0 : "", i < sub.count ? sub[i] : "") }
                }
                first += 1
            }
            let pre = prefix(title: title)
            let keys = labels.map { key(top: $0.0, sub: $0.1, total: total).map { $0.hasPrefix(pre) ? $0 : pre + $0 } }
            guard keys.compactMap({ $0 }).count >= 2 || (keys.compactMap({ $0 }).count == 1 && keys.count >= 2 && total != nil && keys.contains(total.map { pre + $0 })),
                  first < rows.count, !LabelValueTables.isPaired(t) else { continue }
            var items: [LineItem] = []
            var totalsTaken = false
            for r in first..<rows.count {
                let row = t.rows[r], cells = rows[r]
                // Values in the mapped columns.
                var values: [(String, Decimal, TableCell)] = []
                for (i, k) in keys.enumerated() where i < cells.count {
                    guard let k, let v = Numbers.decimal(cells[i]) else { continue }
                    values.append((k, v * unitFactor, row.cells[i]))
                }
                if values.isEmpty { continue }
                let textCells = cells.enumerated().filter { (keys[safe: $0.offset] ?? nil) == nil && !$0.element.isEmpty }
                let isTotalRow = cells.prefix(4).contains(where: isTotalLabel) || (textCells.isEmpty && !totalsTaken && r == first)
                if isTotalRow && !totalsTaken {
                    totalsTaken = true
                    for (k, v, cell) in values {
                        c.add(k, v, raw: cell.compact, step: Numbers.step(cell.compact, factor: unitFactor),
                              provenance: Provenance(line: cell.line, text: row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")), origin: .table)
                    }
                    continue
                }
                // A classification row: code cells (类 / 款 / 项, or one joined code) and a name.
                let codes = textCells.filter { isCode($0.element) }.map(\.element)
                let name = textCells.first { !isCode($0.element) }?.element ?? ""
                if !codes.isEmpty {
                    var dict: [String: Decimal] = [:]
                    for (k, v, _) in values { dict[k] = v }
                    items.append(LineItem(code: codes.joined(), name: name, values: dict, table: title.isEmpty ? nil : title, line: row.line))
                }
            }
            return Result(lineItems: items)
        }
        return nil
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
