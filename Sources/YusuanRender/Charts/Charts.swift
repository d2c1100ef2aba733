import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel
import YusuanPipeline

public enum ChartKind: String, CaseIterable, Sendable {
    case trend, mix, change, benchmark
    case unitCost = "unit-cost"
    case threePublic = "three-public"
}

public struct ChartRequest: Sendable {
    public var kind: ChartKind
    /// A figure key (trend, benchmark) or any outlier metric (benchmark).
    public var metric: String?
    /// A department id or any of its names; nil = all (trend, mix, benchmark) or the only one.
    public var department: String?
    public var year: Int?
    /// unit-cost: what is counted (人, 社区 …); nil = the most common.
    public var per: String?
    public var language: Language

    public init(kind: ChartKind, metric: String? = nil, department: String? = nil, year: Int? = nil, per: String? = nil,
                language: Language = .zh) {
        self.kind = kind
        self.metric = metric
        self.department = department
        self.year = year
        self.per = per
        self.language = language
    }
}

public struct Chart: Sendable {
    public var kind: ChartKind
    public var title: String
    public var svg: String
    public var boxes: [TextBox]
    public var width: Double
    public var height: Double
}

/// Why a chart was not drawn: the data cannot support it. Never an empty or misleading picture.
public struct ChartRefusal: Error, CustomStringConvertible, Sendable {
    public var zh: String
    public var en: String
    public var description: String { en }
    func text(_ l: Language) -> String { l.pick(zh, en) }
}

public enum Charts {
    public static func make(_ r: ChartRequest, panel: Panel) throws(ChartRefusal) -> Chart {
        let c = Context(panel: panel, language: r.language)
        switch r.kind {
        case .trend: return try c.trend(r)
        case .mix: return try c.mix(r)
        case .change: return try c.change(r)
        case .benchmark: return try c.benchmark(r)
        case .unitCost: return try c.unitCost(r)
        case .threePublic: return try c.threePublic(r)
        }
    }

    /// Every chart that the data supports, for reports: the refusals say what is missing.
    public static func all(panel: Panel, language: Language) -> (charts: [Chart], refused: [(ChartKind, ChartRefusal)]) {
        var charts: [Chart] = []
        var refused: [(ChartKind, ChartRefusal)] = []
        for kind in ChartKind.allCases {
            do { charts.append(try make(ChartRequest(kind: kind, language: language), panel: panel)) }
            catch { refused.append((kind, error)) }
        }
        return (charts, refused)
    }
}

/// Shared helpers for the chart kinds.
struct Context {
    let panel: Panel
    let language: Language
    var l: Language { language }
    /// Whether the departments come from more than one district: computed once, not per label.
    let manyDistricts: Bool
    /// Whether any document is synthetic example data (every chart says so).
    let synthetic: Bool

    init(panel: Panel, language: Language) {
        self.panel = panel
        self.language = language
        var districts = Set<String>()
        for d in panel.departments {
            if let r = DepartmentNames.split(d.name).regions.last { districts.insert(r) }
            if districts.count > 1 { break }
        }
        manyDistricts = districts.count > 1
        synthetic = panel.disclosures.contains(where: Context.isSynthetic)
    }

    func name(_ key: String) -> String { l == .zh ? FigureNames.zh(key) : FigureNames.en(key) }

    func departmentName(_ id: String) -> String { panel.department(id)?.name ?? id }

    /// Short names for labels: the region prefix dropped ("廊坊市广阳区教育局" → "教育局"); a Party committee
    /// keeps its level ("中国共产党廊坊市广阳区委员会组织部" → "区委组织部").
    func shortName(_ id: String) -> String {
        let (regions, core) = DepartmentNames.split(departmentName(id))
        guard let last = regions.last, core.count >= 2 else { return DepartmentNames.normalize(departmentName(id)) }
        // Departments of more than one district keep their district, or two 区委组织部 would look like one.
        if manyDistricts { return last + core }
        if core.hasPrefix("委"), let level = last.last { return String(level) + core }
        return core
    }

    func resolveDepartment(_ wanted: String?) throws(ChartRefusal) -> String? {
        guard let wanted else { return nil }
        if let id = Pipeline.resolveDepartment(wanted, in: panel) { return id }
        throw ChartRefusal(zh: "找不到部门“\(wanted)”；可选：\(panel.departments.map(\.name).joined(separator: "、"))",
                           en: "no department “\(wanted)”; there are: \(panel.departments.map(\.name).joined(separator: ", "))")
    }

    func onlyDepartment(_ wanted: String?) throws(ChartRefusal) -> String {
        if let id = try resolveDepartment(wanted) { return id }
        guard let first = panel.departments.first else { throw ChartRefusal(zh: "没有读到任何部门", en: "no department was read") }
        if panel.departments.count > 1 {
            throw ChartRefusal(zh: "有 \(panel.departments.count) 个部门，请用 --department 指定一个",
                               en: "there are \(panel.departments.count) departments; pick one with --department")
        }
        return first.id
    }

    static func isSynthetic(_ d: Disclosure) -> Bool {
        d.source.format == "synthetic" || (d.identity.provenance?.text.contains("示例数据") ?? false)
            || d.outline.prefix(5).contains { $0.text.contains("示例数据") }
    }

    func source(for departments: [String]) -> String {
        var docs: [String] = []
        let wanted = Set(departments.compactMap { panel.departmentIndex($0) })
        for cell in 0..<panel.cellCount where wanted.contains(panel.department(of: cell)) {
            for i in panel.documents(of: cell).map(Int.init) {
                let name = (panel.disclosures[i].source.path as NSString).lastPathComponent
                if !docs.contains(name) { docs.append(name) }
            }
        }
        let names = departments.count == 1 ? departmentName(departments[0]) : l.pick("\(departments.count) 个部门", "\(departments.count) departments")
        let list = docs.count > 6 ? docs.prefix(6).joined(separator: l.pick("、", ", ")) + l.pick(" 等 \(docs.count) 份", " and \(docs.count - 6) more") : docs.joined(separator: l.pick("、", ", "))
        return l.pick("来源：\(names)公开的部门预决算（\(list)）；yusuan 整理", "Source: budget and final-accounts disclosures of \(names) (\(list)); compiled by yusuan")
    }

    func kindWord(_ k: DisclosureKind) -> String { k == .budget ? l.pick("预算", "budget") : l.pick("决算", "final accounts") }

    func pct(_ v: Double) -> String { Format.fixed(abs(v), 1) + "%" }

    func moveWord(_ v: Double) -> String {
        v > 0 ? l.pick("增长", "up ") : v < 0 ? l.pick("下降", "down ") : l.pick("持平", "flat")
    }

    func render(_ frame: ChartFrame, kind: ChartKind, title: String, description: String) -> Chart {
        let id = "yusuan-\(kind.rawValue)"
        return Chart(kind: kind, title: title, svg: frame.canvas.render(title: title, description: description, id: id),
                     boxes: frame.canvas.boxes, width: frame.canvas.width, height: frame.canvas.height)
    }

    /// A value axis along x (horizontal bars) or y; returns the scale. Ticks and grid lines drawn.
    func valueAxisY(_ f: inout ChartFrame, lo: Double, hi: Double, top: Double, bottom: Double, left: Double, right: Double,
                    unit: Money.Unit, includeZero: Bool = true) -> LinearScale {
        let (domain, ticks) = LinearScale.nice(lo, hi, includeZero: includeZero)
        let s = LinearScale(domain: domain, range: (bottom, top))
        for t in ticks {
            let y = s(t)
            f.canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: t == 0 ? SVGCanvas.muted : SVGCanvas.grid)
            f.canvas.text(Money.format(t, unit: unit), x: left - 6, y: y + 4, size: 11, anchor: .end, fill: SVGCanvas.muted, isLabel: false)
        }
        return s
    }

    func valueAxisX(_ f: inout ChartFrame, lo: Double, hi: Double, left: Double, right: Double, top: Double, bottom: Double,
                    format: (Double) -> String) -> LinearScale {
        let (domain, ticks) = LinearScale.nice(lo, hi, includeZero: true, ticks: 4)
        let s = LinearScale(domain: domain, range: (left, right))
        for t in ticks {
            let x = s(t)
            f.canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: t == 0 ? SVGCanvas.muted : SVGCanvas.grid)
            f.canvas.text(format(t), x: x, y: bottom + 15, size: 11, anchor: .middle, fill: SVGCanvas.muted, isLabel: false)
        }
        return s
    }
}
