import Foundation
import YusuanModel
import YusuanRead

/// Government procurement tables (政府采购预算表): item, catalogue code, unit, quantity, unit price, amount.
enum ProcurementTables {
    static func isProcurementTable(_ t: Table, title: String?) -> Bool {
        let head = t.rows.prefix(4).flatMap(TableHeaders.compact)
        // The title above may mention 采购 in passing (the asset paragraph does), so the headers decide.
        let hasPrice = head.contains { $0.includes("单价") }
        let hasQuantity = head.contains { $0.includes("数量") }
        let mentionsProcurement = head.contains { $0.includes("采购") || $0.includes("品目") }
        return (hasPrice || hasQuantity) && mentionsProcurement
    }

    static func read(_ t: Table, title: String?, unitFactor: Decimal) -> (items: [ProcurementItem], warnings: [String]) {
        guard let h = t.rows.firstIndex(where: { row in
            let c = TableHeaders.compact(row)
            return c.contains { $0.includes("数量") || $0.includes("单价") }
        }) else { return ([], []) }
        var labels = TableHeaders.compact(t.rows[h])
        var firstData = h + 1
        if firstData < t.rows.count {
            let sub = TableHeaders.compact(t.rows[firstData])
            if sub.contains(where: { $0.includes("合计") || $0.includes("项目名称") || $0.includes("预算资金") || $0.includes("拨款") }),
               let merged = TableHeaders.merge(top: labels, sub: sub) {
                labels = merged
                firstData += 1
            }
        }
        let colItem = TableHeaders.column(labels, any: ["采购物品", "品目名称", "物品名称", "货物名称", "采购内容", "采购品目", "采购项目"],
                                          none: ["来源", "序号", "编码", "代码", "目录"])
        let colProject = TableHeaders.column(labels, any: ["项目名称", "项目来源"])
        let colCatalog = TableHeaders.column(labels, any: ["目录", "编码", "代码", "品目编号"], none: ["名称"])
        let colUnit = TableHeaders.column(labels, any: ["计量单位", "计量"]) ?? labels.firstIndex(of: "单位")
        let colQty = TableHeaders.column(labels, any: ["数量"])
        let colPrice = TableHeaders.column(labels, any: ["单价"])
        let colAmount = TableHeaders.column(labels, any: ["合计"], after: colPrice ?? -1)
            ?? TableHeaders.column(labels, any: ["金额", "预算数", "总价"], after: colPrice ?? -1)

        var items: [ProcurementItem] = []
        var warnings: [String] = []
        let unitIsOne = unitFactor == 1
        for row in t.rows[firstData...] {
            func cell(_ i: Int?) -> String {
                guard let i, i < row.cells.count else { return "" }
                return row.cells[i].text
            }
            let first = row.cells.first(where: { !$0.isEmpty })?.compact ?? ""
            if first == "合计" || first == "总计" { continue }
            var item = cell(colItem)
            var catalog = cell(colCatalog)
            // Without headers that line up, anchor on the catalogue code (A/B/C and digits).
            if colItem == nil || colCatalog == nil, let ci = row.cells.firstIndex(where: { isCatalogCode($0.compact) }) {
                catalog = row.cells[ci].compact
                if item.isEmpty, ci > 0 { item = row.cells[ci - 1].text }
            }
            if item.isEmpty { continue }
            let quantity = Numbers.decimal(cell(colQty).trimmingSpaces())
            let price = Numbers.decimal(cell(colPrice).trimmingSpaces()).map { Numbers.scaled($0, by: unitFactor, factorIsOne: unitIsOne) }
            let amount = Numbers.decimal(cell(colAmount).trimmingSpaces()).map { Numbers.scaled($0, by: unitFactor, factorIsOne: unitIsOne) }
            if let w = [price, amount].compactMap({ $0 }).lazy.compactMap({ Numbers.implausible($0, raw: item, line: row.line) }).first {
                warnings.append(w)
                continue
            }
            if quantity == nil && price == nil && amount == nil {
                warnings.append("line \(row.line): procurement row \"\(item)\" has no quantity, unit price or amount")
                continue
            }
            let project = cell(colProject)
            items.append(ProcurementItem(
                project: project.isEmpty ? nil : project, item: item,
                catalogCode: catalog.isEmpty ? nil : catalog.replacingAll(" ", with: ""),
                unit: cell(colUnit).isEmpty ? nil : cell(colUnit), quantity: quantity, unitPrice: price, amount: amount,
                line: row.line))
        }
        return (items, warnings)
    }

    static func isCatalogCode(_ s: String) -> Bool {
        guard let f = s.first, "ABC".contains(f), s.count >= 3 else { return false }
        return s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// The fixed-asset table (固定资产占用情况表): rows of item, count, value.
enum AssetTables {
    static func isAssetTable(_ t: Table) -> Bool {
        // On the cells in place: no array of a row's texts is made to look at them.
        t.rows.prefix(3).contains { row in
            TableHeaders.anyCompact(row) { $0.includes("数量") }
                && TableHeaders.anyCompact(row) { $0.includes("价值") || $0.includes("金额") || $0.includes("原值") }
        } && t.rows.contains { row in TableHeaders.anyCompact(row) { $0.includes("资产") || $0.includes("车辆") } }
    }

    static func read(_ t: Table, unitFactor: Decimal, into c: inout FigureCollector) -> [AssetRow] {
        guard let h = t.rows.firstIndex(where: { row in TableHeaders.compact(row).contains { $0.includes("数量") } }) else { return [] }
        let labels = TableHeaders.compact(t.rows[h])
        let colCount = TableHeaders.column(labels, any: ["数量"])
        let colValue = TableHeaders.column(labels, any: ["价值", "金额", "原值"])
        // The value header often carries the unit: "价值（金额单位：万元）".
        let factor = colValue.flatMap { Numbers.statedTableUnit(labels[$0]) } ?? unitFactor
        var rows: [AssetRow] = []
        let factorIsOne = factor == 1
        for row in t.rows[(h + 1)...] {
            guard let label = row.cells.first?.compact, !label.isEmpty else { continue }
            func cellNumber(_ i: Int?) -> (Decimal, TableCell)? {
                guard let i, i < row.cells.count, let v = Numbers.decimal(row.cells[i].compact) else { return nil }
                return (v, row.cells[i])
            }
            let count = cellNumber(colCount)
            let value = cellNumber(colValue).map { (Numbers.scaled($0.0, by: factor, factorIsOne: factorIsOne), $0.1) }
            let item = stripNumbering(label)
            let isSub = label.hasPrefix("其中")
            rows.append(AssetRow(item: item, count: count?.0, value: value?.0, isSubItem: isSub, line: row.line))
            guard let key = canonicalKey(item) else { continue }
            func add(_ k: String, _ v: (Decimal, TableCell)?, factor: Decimal) {
                guard let v else { return }
                c.add(k, v.0, raw: v.1.compact, step: Numbers.step(v.1.compact, factor: factor), provenance: Provenance(line: v.1.line, text: row.cells.map(\.text).joined(separator: " | ")), origin: .table)
            }
            if key == "assets.total" { add(key, value, factor: factor) }
            else { add(key + ".count", count, factor: 1); add(key + ".value", value, factor: factor) }
        }
        return rows
    }

    static func canonicalKey(_ item: String) -> String? {
        if item.includes("资产总额") || item.includes("资产总计") || item == "合计" || item == "总计" { return "assets.total" }
        if item.includes("车辆") || item.includes("汽车") || item.includes("公务用车") { return "assets.vehicles" }
        if item.includes("20万元以上") || item.includes("二十万元以上") || item.includes("20万以上") || item.includes("大型设备") {
            return "assets.equipment_over_200k"
        }
        if item.includes("其他固定资产") || item.includes("其他资产") { return "assets.other" }
        return nil
    }

    /// "2、车辆（台、辆）" → "车辆（台、辆）".
    static func stripNumbering(_ s: String) -> String {
        var t = Substring(s)
        let digits = t.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, let f = t.dropFirst(digits.count).first, "、.．".contains(f) { t = t.dropFirst(digits.count + 1) }
        if t.hasPrefix("其中：") || t.hasPrefix("其中:") { t = t.dropFirst(3) }
        return String(t)
    }
}

/// Tables of label/amount pairs (收支总表 flattened into text, summary tables): a label cell followed by
/// a number cell. Amounts are in the table's stated unit (万元 when none is stated).
enum LabelValueTables {
    /// "1", "31": a 行次 cell.
    static func isRowNumber(_ s: String) -> Bool { !s.isEmpty && s.count <= 3 && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// A table laid out as label/amount pairs side by side (收入 | 金额 | 支出 | 金额), not as columns.
    static func isPaired(_ t: Table) -> Bool {
        t.rows.contains { row in
            var pairs = 0
            let c = row.cells.map(\.compact)
            for i in 0..<max(0, c.count - 1) where !c[i].isEmpty && Numbers.decimal(c[i]) == nil && Numbers.decimal(c[i + 1]) != nil { pairs += 1 }
            return pairs >= 2
        }
    }

    static func read(_ t: Table, unitFactor: Decimal, into c: inout FigureCollector) {
        // 收支总表 numbers their rows (行次 1, 2 … 31, 32): a row number before an amount is not the amount.
        let numbered = t.rows.contains { $0.cells.contains { $0.compact.includes("行次") || $0.compact.includes("栏次") } }
        for row in t.rows {
            var i = 0
            while i < row.cells.count {
                let label = row.cells[i].compact
                guard !label.isEmpty, Numbers.decimal(label) == nil, label.contains(where: { !$0.isASCII }) else { i += 1; continue }
                var j = i + 1
                while j < row.cells.count, row.cells[j].isEmpty { j += 1 }
                guard j < row.cells.count else { break }
                if numbered, isRowNumber(row.cells[j].compact), let k = row.cells[(j + 1)...].firstIndex(where: { !$0.isEmpty }),
                   Numbers.decimal(row.cells[k].compact) != nil {
                    j = k
                }
                let valueCell = row.cells[j]
                if let v = Numbers.decimal(valueCell.compact) {
                    let keys = FigureLabels.keys(for: label)
                    for k in keys {
                        c.add(k, v * unitFactor, raw: valueCell.compact, step: Numbers.step(valueCell.compact, factor: unitFactor),
                              provenance: Provenance(line: valueCell.line, text: row.cells.map(\.text).joined(separator: " | ")), origin: .table)
                    }
                    i = j + 1
                } else {
                    i = j
                }
            }
        }
    }
}
