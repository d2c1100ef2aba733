import Foundation
import YusuanModel
import YusuanRead

/// Options for `yusuan synth`.
public struct SynthOptions: Sendable {
    public var departments: Int
    public var years: ClosedRange<Int>
    public var seed: UInt64

    public init(departments: Int, years: ClosedRange<Int>, seed: UInt64) {
        self.departments = departments
        self.years = years
        self.seed = seed
    }
}

public struct SynthError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

public struct SynthOutput: Sendable {
    public var files: [(path: String, data: Data)]
}

/// A synthetic district: departments that differ as real ones do (an education bureau dwarfs a Party office;
/// personnel-heavy and project-heavy; villages funded), years that drift with growth and shocks, a few planted
/// outliers and inconsistencies, in every format yusuan reads — and a manifest of the true figures. Every
/// document says in its title that it is example data (示例数据), not a real government's figures.
public enum Synth {
    /// (name, typical total 万元, basic share, what its service project counts)
    static let catalogue: [(String, Double, Double, String)] = [
        ("教育局", 60000, 0.70, "学校"), ("卫生健康局", 25000, 0.45, "社区"), ("农业农村局", 12000, 0.25, "村"), ("住房和城乡建设局", 9000, 0.20, "社区"),
        ("民政局", 7000, 0.30, "社区"), ("财政局", 3500, 0.60, "村"), ("人力资源和社会保障局", 4200, 0.55, "社区"), ("交通运输局", 8500, 0.25, "村"),
        ("区委组织部", 2500, 0.30, "村"), ("区委宣传部", 900, 0.55, "社区"), ("区委办公室", 1300, 0.75, "村"), ("区政府办公室", 1800, 0.70, "社区"),
        ("自然资源和规划局", 3000, 0.40, "村"), ("生态环境分局", 1600, 0.45, "村"), ("水务局", 5200, 0.22, "村"), ("文化广电和旅游局", 2100, 0.50, "社区"),
        ("应急管理局", 1400, 0.55, "社区"), ("市场监督管理局", 3300, 0.65, "社区"), ("审计局", 800, 0.80, "村"), ("统计局", 600, 0.80, "村"),
        ("司法局", 1500, 0.60, "社区"), ("发展和改革局", 1700, 0.55, "村"), ("工业和信息化局", 2200, 0.35, "社区"), ("商务局", 1200, 0.45, "社区"),
        ("科学技术局", 1900, 0.30, "社区"), ("退役军人事务局", 2600, 0.35, "村"), ("医疗保障局", 1100, 0.60, "社区"), ("城市管理综合行政执法局", 6400, 0.50, "社区"),
        ("区委统战部", 700, 0.60, "社区"), ("区人大常委会办公室", 1000, 0.70, "村"), ("区政协办公室", 850, 0.70, "村"), ("区纪委监委", 1600, 0.75, "村"),
        ("体育事业发展中心", 1300, 0.35, "社区"), ("机关事务服务中心", 2000, 0.55, "村"), ("林业局", 1500, 0.30, "村"), ("档案馆", 500, 0.70, "村"),
    ]
    public static let region = "示例市示范区"
    public static let maxDepartments = 300

    /// The i-th department: the catalogue, then its kinds again as numbered branches ("教育局第二分局").
    static func kind(_ i: Int) -> (String, Double, Double, String) {
        let base = catalogue[i % catalogue.count]
        let round = i / catalogue.count
        guard round > 0 else { return base }
        let numerals = ["", "二", "三", "四", "五", "六", "七", "八", "九"]
        let n = round + 1 < 10 ? numerals[round] : String(round + 1)
        return (base.0 + "第\(n)分局", base.1 * 0.4, base.2, base.3)
    }
    public static let syntheticMark = "（示例数据，非真实政府数据）"

    public static func generate(_ o: SynthOptions) throws(SynthError) -> SynthOutput {
        try validate(o)
        return try make(o)
    }

    /// Refuses options that make no sense, with a message that says what would.
    public static func validate(_ o: SynthOptions) throws(SynthError) {
        guard (3...maxDepartments).contains(o.departments) else {
            throw SynthError(description: "--departments must be between 3 (the fewest worth comparing) and \(maxDepartments)")
        }
        guard o.years.lowerBound >= 2000, o.years.upperBound <= 2100 else { throw SynthError(description: "--years must lie within 2000–2100") }
        guard o.years.count >= 2, o.years.count <= 30 else { throw SynthError(description: "--years must span 2 to 30 years, e.g. 2016-2023") }
    }

    static func make(_ o: SynthOptions) throws(SynthError) -> SynthOutput {
        var g = Rng(seed: o.seed)
        var files: [(String, Data)] = []
        var docs: [JSONish] = []
        var plantedFindings: [JSONish] = []
        var plantedOutliers: [JSONish] = []
        let first = o.years.lowerBound, last = o.years.upperBound
        let growthOutlier = min(3, o.departments - 1), threePublicOutlier = min(9, o.departments - 1)
        plantedOutliers.append(.object([("metric", .string("growth:expenditure.total")), ("fiscal_year", .int(last)),
                                        ("department", .string(region + kind(growthOutlier).0))]))
        plantedOutliers.append(.object([("metric", .string("share:three_public_to_basic")), ("fiscal_year", .int(last)),
                                        ("department", .string(region + kind(threePublicOutlier).0))]))

        for i in 0..<o.departments {
            let (shortName, scale, share0, counted) = kind(i)
            let name = region + shortName
            var total = (scale * exp(0.25 * g.normal())).rounded2
            var share = share0
            // The year before the first: implied only, through the first document's stated changes.
            var prev = Year.make(total: (total / 1.05).rounded2, share: share, threePublicRate: i == threePublicOutlier ? 0.12 : 0.005, g: &g)
            for y in o.years {
                var growth = 0.05 + 0.03 * g.normal()
                if g.unit() < 0.1 { growth += g.unit() < 0.5 ? -0.18 : 0.3 }   // shocks
                if i == growthOutlier && y == last { growth = 2.5 }
                total = (prev.total.double * (1 + growth)).rounded2
                share = min(0.9, max(0.1, share + 0.02 * g.normal()))
                var cur = Year.make(total: total, share: share, threePublicRate: i == threePublicOutlier && y == last ? 0.12 : 0.005, g: &g)
                cur.servicesCount = 40 + (i * 7) % 90
                // Formats rotate; planted inconsistencies sit in text documents.
                var plant: String?
                if i == 4 && y == first + 2 { plant = "sum.expenditure" }
                if i == 6 && y == first + 3 { plant = "pct.recomputed" }
                if i == 8 && y == first + 4 { plant = "procurement.line_total" }
                if i == 10 && y == first + 5 { plant = "sum.three_public" }
                let variant = plant != nil ? Variant.text : Variant.rotation[(i + y) % Variant.rotation.count]
                let base = "\(String(format: o.departments > 99 ? "%03d" : "%02d", i + 1))-\(shortName)/\(y).budget"
                let doc = BudgetDocument(department: name, year: y, cur: cur, prev: prev, counted: counted, variant: variant, plant: plant)
                let (data, ext, figures) = try doc.render()
                let path = "\(base).\(ext)"
                files.append((path, data))
                docs.append(.object([("path", .string(path)), ("department", .string(name)), ("fiscal_year", .int(y)), ("kind", .string("budget")),
                                     ("format", .string(variant.rawValue)), ("figures", .object(figures.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value.plain)) }))]))
                if let plant { plantedFindings.append(.object([("rule", .string(plant)), ("department", .string(name)), ("fiscal_year", .int(y)), ("path", .string(path))])) }
                // Final accounts for every fifth department in the last two years.
                if i % 5 == 0 && y >= last - 1 {
                    let fa = FinalAccountsDocument(department: name, year: y, budget: cur, rate: 0.93 + 0.05 * g.unit())
                    let (fdata, ffigures) = fa.render()
                    let fpath = "\(String(format: o.departments > 99 ? "%03d" : "%02d", i + 1))-\(shortName)/\(y).final-accounts.txt"
                    files.append((fpath, fdata))
                    docs.append(.object([("path", .string(fpath)), ("department", .string(name)), ("fiscal_year", .int(y)), ("kind", .string("final_accounts")),
                                         ("format", .string("text")), ("figures", .object(ffigures.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value.plain)) }))]))
                }
                prev = cur
            }
        }
        let manifest = JSONish.object([
            ("about", .string("Synthetic example district made by `yusuan synth`: 示例数据，不是任何真实政府的数字. True figures of every document, and what was planted.")),
            ("region", .string(region)), ("seed", .int(Int(truncatingIfNeeded: o.seed))), ("departments", .int(o.departments)),
            ("years", .array([.int(first), .int(last)])),
            ("planted_outliers", .array(plantedOutliers)), ("planted_findings", .array(plantedFindings)),
            ("documents", .array(docs)),
        ])
        files.append(("manifest.json", Data((manifest.text(0) + "\n").utf8)))
        files.append(("README.md", Data(readme(o).utf8)))
        return SynthOutput(files: files.sorted { $0.0 < $1.0 }.map { (path: $0.0, data: $0.1) })
    }

    static func readme(_ o: SynthOptions) -> String {
        """
        # example-district（示例数据）

        **Synthetic example data — not a real government's figures.** 本目录全部文件为示例数据，由 yusuan 生成，不是任何真实政府的数字。

        Made by `yusuan synth --departments \(o.departments) --years \(o.years.lowerBound)-\(o.years.upperBound) --seed \(o.seed) --out datasets/example-district`
        (deterministic: the same command gives the same bytes).

        - \(o.departments) departments of the fictitious \(region), budgets \(o.years.lowerBound)–\(o.years.upperBound), final accounts for every fifth department in the last two years.
        - Formats rotate through text (Tika layout), .docx, HTML (UTF-8 and GB18030), .xlsx standard tables, amounts in 元, and traditional characters.
        - `manifest.json` lists every document's true figures, the planted outliers (growth and 三公 share in the last year) and the
          planted inconsistencies (a total that does not add up, a wrong stated percentage, quantity × price ≠ amount, 三公 parts that do not add up).
          The test suite checks that yusuan recovers all of it and finds nothing else of severity error.

        """
    }
}

typealias Rng = SplitMix64

extension Double {
    var rounded2: Double { (self * 100).rounded() / 100 }
}

/// Exact amounts of one department-year, in 万元 with two decimals.
struct Year {
    var total: Decimal, basic: Decimal, project: Decimal, personnel: Decimal, publicUse: Decimal
    var tpTotal: Decimal, overseas: Decimal, vehicles: Decimal, reception: Decimal
    var fund: Decimal
    var servicesCount = 50

    static func d(_ v: Double) -> Decimal { Decimal(string: String(format: "%.2f", v)) ?? 0 }

    static func make(total t: Double, share: Double, threePublicRate: Double, g: inout Rng) -> Year {
        let total = d(t)
        let basic = d(t * share)
        let personnel = d(t * share * (0.78 + 0.08 * g.unit()))
        let tp = d(t * share * threePublicRate)
        let overseas = g.unit() < 0.8 ? Decimal(0) : d(t * share * threePublicRate * 0.2)
        let vehicles = d((tp - overseas).double * 0.6)
        return Year(total: total, basic: basic, project: total - basic, personnel: personnel, publicUse: basic - personnel,
                    tpTotal: tp, overseas: overseas, vehicles: vehicles, reception: tp - overseas - vehicles,
                    fund: g.unit() < 0.3 ? d(t * 0.05) : 0)
    }
}

enum Variant: String {
    case text, yuan, traditional, docx, html, htmlGB = "html-gb18030", xlsx
    static let rotation: [Variant] = [.text, .docx, .html, .xlsx, .yuan, .text, .htmlGB, .traditional, .docx]
}

/// Minimal ordered JSON for the manifest (kept here so the synth module stays independent of rendering).
indirect enum JSONish {
    case string(String), number(String), int(Int), array([JSONish]), object([(String, JSONish)])

    func text(_ level: Int) -> String {
        let pad = String(repeating: "  ", count: level + 1), end = String(repeating: "  ", count: level)
        switch self {
        case .string(let s):
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        case .number(let n): return n
        case .int(let i): return String(i)
        case .array(let xs): return xs.isEmpty ? "[]" : "[\n" + xs.map { pad + $0.text(level + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case .object(let kv): return kv.isEmpty ? "{}" : "{\n" + kv.map { pad + JSONish.string($0.0).text(0) + ": " + $0.1.text(level + 1) }.joined(separator: ",\n") + "\n" + end + "}"
        }
    }
}
