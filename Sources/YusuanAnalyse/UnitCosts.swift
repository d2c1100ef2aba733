import Foundation
import Yams
import YusuanCollect
import YusuanModel

/// Cost per village, community, person … implied by a project's performance targets: a count indicator
/// (个/村/社区/人/人次 …) and a cost indicator (万元) in the same table.
public struct UnitCost: Sendable, Equatable {
    public enum Bound: String, Sendable {
        /// Both stated exactly.
        case exact
        /// ≤ cost with ≥ (or exact) count, or exact cost with ≥ count: at most this much per unit.
        case upper
        /// ≥ cost or ≤ count: at least this much per unit.
        case lower
        /// Both bounds point the same way: the ratio says nothing certain.
        case unclear
    }

    public var department: String
    public var year: Int
    public var project: String
    /// What is counted: 社区, 村, 人, 人次 …
    public var per: String
    public var count: Decimal
    public var countOp: String
    /// 万元
    public var cost: Decimal
    public var costOp: String
    /// 万元 per unit, rounded to 6 places.
    public var unitCost: Decimal
    public var bound: Bound
    public var path: String
    public var countLine: Int
    public var costLine: Int
}

public enum UnitCosts {
    static let countUnits: Set<String> = ["个", "村", "社区", "人", "人次", "户", "名", "家", "所"]

    public static func from(_ d: Disclosure, department: String) -> [UnitCost] {
        guard let year = d.identity.fiscalYear else { return [] }
        var out: [UnitCost] = []
        for t in d.performanceTables where t.scope == .project {
            guard let count = t.indicators.first(where: { $0.level2.contains("数量") && $0.value != nil && countUnits.contains($0.unit ?? "") }),
                  let cost = t.indicators.first(where: { $0.level2.contains("成本") && $0.value != nil && isMoney($0.unit) }),
                  let n = count.value, n > 0, var c = cost.value, let unit = cost.unit else { continue }
            if unit == "元" { c = c / 10000 }
            if unit == "亿元" { c = c * 10000 }
            out.append(UnitCost(
                department: department, year: year, project: t.project, per: noun(count), count: n, countOp: count.op ?? "=",
                cost: c, costOp: cost.op ?? "=", unitCost: (c / n).rounded(6), bound: bound(count: count.op ?? "=", cost: cost.op ?? "="),
                path: d.source.path, countLine: count.line, costLine: cost.line))
        }
        return out
    }

    static func isMoney(_ unit: String?) -> Bool { ["万元", "万", "元", "亿元"].contains(unit ?? "") }

    static func bound(count: String, cost: String) -> UnitCost.Bound {
        let costUp = ["≤", "<"].contains(cost), costDown = ["≥", ">"].contains(cost)
        let countUp = ["≥", ">"].contains(count), countDown = ["≤", "<"].contains(count)
        if !costUp && !costDown && !countUp && !countDown { return .exact }
        if (costUp || !costDown) && (countUp || !countDown) { return .upper }
        if (costDown || !costUp) && (countDown || !countUp) { return .lower }
        return .unclear
    }

    /// The unit "个" says little; the indicator's own words usually say what is counted.
    static func noun(_ i: Indicator) -> String {
        let unit = i.unit ?? ""
        guard unit == "个" else { return unit }
        let text = i.name + i.description
        for n in ["社区", "村", "学校", "街道", "乡镇", "党组织", "中心", "项目", "单位"] where text.contains(n) { return n }
        return unit
    }
}

/// District-level denominators (villages, communities …), each with its source, from a YAML file:
///
///     denominators:
///       villages: {value: 149, label: 村（街）, source: {path: …, line: 252, text: …}}
public struct Denominators: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var label: String
        public var value: Decimal
        public var sourcePath: String?
        public var sourceLine: Int?
        public var sourceText: String?
    }
    public var region: String?
    public var entries: [Entry]

    public struct ParseError: Error, CustomStringConvertible, Equatable { public var description: String }

    public static func load(path: String) throws -> Denominators {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(description: "\(path): cannot read the denominators file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ yaml: String, path: String) throws -> Denominators {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch { throw ParseError(description: "\(path): not valid YAML: \(error)") }
        guard let dict = root as? [String: Any], let list = dict["denominators"] as? [String: Any] else {
            throw ParseError(description: "\(path): expected a top-level `denominators:` mapping")
        }
        var entries: [Entry] = []
        for id in list.keys.sorted() {
            guard let e = list[id] as? [String: Any], let raw = e["value"], let value = Decimal(string: "\(raw)"), value > 0 else {
                throw ParseError(description: "\(path): denominator `\(id)` needs a positive `value`")
            }
            let src = e["source"] as? [String: Any]
            entries.append(Entry(id: id, label: (e["label"] as? String) ?? id, value: value,
                                 sourcePath: src?["path"] as? String, sourceLine: src?["line"] as? Int, sourceText: src?["text"] as? String))
        }
        return Denominators(region: dict["region"] as? String, entries: entries)
    }

    /// Project spending per denominator for one panel cell: e.g. 8877.52 万元 / 149 villages.
    public func perUnit(_ cell: PanelCell, figure: String = "expenditure.project") -> [(entry: Entry, value: Decimal)] {
        guard let v = cell.value(figure) else { return [] }
        return entries.map { ($0, (v.value / $0.value).rounded(4)) }
    }
}
