import Foundation
import YusuanCollect
import YusuanModel

/// Checks on performance indicators: operator vs description, values in the wrong row, truncated values.
enum Indicators {
    enum Kind: String { case quantity = "数量", quality = "质量", timeliness = "时效", cost = "成本", other }

    static func kind(_ i: Indicator) -> Kind {
        for k in [Kind.quantity, .quality, .timeliness, .cost] where i.level2.contains(k.rawValue) { return k }
        return .other
    }

    static let timelinessWords = ["及时", "按时", "准时", "按期", "如期", "年底前", "月底前", "年内"]
    static let complianceWords = ["符合", "有效控制", "控制在", "不超", "预算内", "合理"]
    static let qualityWords = ["合格", "达标", "完好", "准确"]
    static let countUnits: Set<String> = ["个", "人", "人次", "次", "村", "户", "项", "家", "场", "所", "座", "期", "名", "批", "套", "台", "篇", "件"]
    static let atLeastWords = ["不少于", "不低于", "至少", "不小于", "大于等于", "以上"]
    static let atMostWords = ["不超过", "不高于", "以内", "以下", "不多于", "不大于", "小于等于", "控制在"]
    static let vocabulary = ["及时", "按时", "达标", "合格", "满意", "完成", "有效", "符合要求", "符合规定", "提高", "增强", "改善", "明显"]

    static func isMoney(_ i: Indicator) -> Bool { i.value != nil && (i.unit.map { $0.includes("元") || $0 == "万" } ?? false) }
    static func isPercent(_ i: Indicator) -> Bool { i.value != nil && i.unit == "%" }
    static func isCount(_ i: Indicator) -> Bool { i.value != nil && (i.unit.map { countUnits.contains($0) } ?? false) }
    static func hasWord(_ i: Indicator, _ words: [String]) -> Bool { i.value == nil && words.contains { i.raw.includes($0) } }

    /// The kind of row a value clearly belongs to, when that is not the row it is in.
    static func belongsElsewhere(_ i: Indicator) -> Kind? {
        let k = kind(i)
        if hasWord(i, timelinessWords), [.quality, .cost, .quantity].contains(k) { return .timeliness }
        if isMoney(i), [.quantity, .quality, .timeliness].contains(k) { return .cost }
        return nil
    }

    /// Whether a value would be at home in a row of kind `k`.
    static func fits(_ i: Indicator, _ k: Kind) -> Bool {
        switch k {
        case .quality: return isPercent(i) || hasWord(i, qualityWords)
        case .cost: return isMoney(i) || hasWord(i, complianceWords)
        case .timeliness: return hasWord(i, timelinessWords) || isPercent(i)
        case .quantity: return isCount(i)
        case .other: return false
        }
    }

    static func check(_ d: Disclosure, key: PanelKey) -> [Finding] {
        var out: [Finding] = []
        let path = d.source.path
        func ev(_ i: Indicator, _ t: PerformanceTable) -> Evidence {
            Evidence(path: path, line: i.line, text: "\(t.project)｜\(i.level2)｜\(i.name)｜\(i.raw)")
        }
        var projectNumber = 0
        for t in d.performanceTables {
            if t.scope == .project { projectNumber += 1 }
            let n = projectNumber
            let where_ = t.scope == .department ? "部门整体绩效" : "项目\(n)「\(t.project)」"
            let whereEn = t.scope == .department ? "department-wide targets" : "project \(n) (\(t.project))"
            // Operator against description.
            for i in t.indicators {
                guard let op = i.op else { continue }
                let says: String?
                if ["≤", "<"].contains(op), let w = atLeastWords.first(where: { i.description.includes($0) }) { says = w }
                else if ["≥", ">"].contains(op), let w = atMostWords.first(where: { i.description.includes($0) }) { says = w }
                else { says = nil }
                if let w = says {
                    out.append(Checks.finding("indicator.operator", key,
                        "\(where_)：\(i.name)的描述为“\(i.description)”（\(w)），指标值却是 \(i.raw)",
                        "\(whereEn): \(i.name) is described as “\(i.description)” (\(w)) but the value is \(i.raw)", [ev(i, t)]))
                }
            }
            // Values that belong to another row; a pair that fits each other's row is reported as a swap.
            var reported = Set<Int>()
            for (a, i) in t.indicators.enumerated() where !reported.contains(a) {
                guard let target = belongsElsewhere(i) else { continue }
                let partner = t.indicators.indices.first { b in
                    b != a && !reported.contains(b) && kind(t.indicators[b]) == target && fits(t.indicators[b], kind(i))
                }
                if let b = partner {
                    let j = t.indicators[b]
                    reported.formUnion([a, b])
                    out.append(Checks.finding("indicator.misplaced", key,
                        "\(where_)：\(i.level2)的值“\(i.raw)”与\(j.level2)的值“\(j.raw)”像是填反了",
                        "\(whereEn): the \(i.level2) value “\(i.raw)” and the \(j.level2) value “\(j.raw)” look swapped",
                        [ev(i, t), ev(j, t)]))
                } else {
                    reported.insert(a)
                    out.append(Checks.finding("indicator.misplaced", key,
                        "\(where_)：\(i.level2)的值“\(i.raw)”应属于\(target.rawValue)指标",
                        "\(whereEn): the \(i.level2) value “\(i.raw)” belongs to a \(target.rawValue) indicator", [ev(i, t)]))
                }
            }
            // Truncated values: the start of a word the usual vocabulary writes whole ("及" for 及时), or a
            // single character that another row of the same kind writes out.
            for i in t.indicators where i.value == nil {
                let raw = i.raw.trimmingCharacters(in: .whitespaces)
                guard !raw.isEmpty, raw.count <= 2, !vocabulary.contains(raw) else { continue }
                let siblings = raw.count == 1
                    ? d.performanceTables.flatMap(\.indicators).filter { $0.level2 == i.level2 && $0.value == nil }.map(\.raw) : []
                if let whole = (vocabulary + siblings).first(where: { $0.count > raw.count && $0.hasPrefix(raw) }) {
                    out.append(Checks.finding("indicator.truncated", key,
                        "\(where_)：\(i.level2)“\(i.name)”的值为“\(raw)”，像是“\(whole)”被截断",
                        "\(whereEn): the \(i.level2) value of “\(i.name)” is “\(raw)”, apparently “\(whole)” cut short", [ev(i, t)]))
                }
            }
        }
        return out
    }
}
