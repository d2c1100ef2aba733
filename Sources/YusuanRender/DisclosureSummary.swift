import YusuanIngest
import YusuanModel

/// The readable summary `yusuan ingest` prints by default: identity, figures with their source line,
/// table counts, warnings. Chinese by default, English on request.
public enum DisclosureSummary {
    public typealias Language = YusuanRender.Language

    public static func label(_ key: String, _ lang: Language) -> String {
        lang == .zh ? FigureNames.zh(key) : FigureNames.en(key)
    }

    public static func render(_ result: IngestResult, language lang: Language) -> String {
        var out = ""
        for d in result.disclosures { out += render(d, language: lang) + "\n" }
        for f in result.failures {
            out += (lang == .zh ? "读取失败 " : "FAILED ") + f.description + "\n"
        }
        let ok = result.disclosures.count, bad = result.failures.count
        out += lang == .zh ? "共读取 \(ok) 份文件，失败 \(bad) 份。\n" : "\(ok) read, \(bad) failed.\n"
        return out
    }

    public static func render(_ d: Disclosure, language lang: Language) -> String {
        let id = d.identity
        let kind: String = {
            switch id.kind {
            case .budget: return lang == .zh ? "部门预算" : "budget"
            case .finalAccounts: return lang == .zh ? "部门决算" : "final accounts"
            case nil: return "?"
            }
        }()
        var out = "== \(d.source.path)\n"
        let year = id.fiscalYear.map(String.init) ?? "?"
        out += "   \(id.department ?? (lang == .zh ? "（未识别部门）" : "(department not found)"))  \(year) \(kind)"
        if let code = id.departmentCode { out += "  [\(code)]" }
        if let region = id.region { out += "  \(region)" }
        out += "\n   \(lang == .zh ? "编码" : "encoding") \(d.source.encoding)  sha256 \(d.source.sha256.prefix(12))…\n"
        out += lang == .zh ? "   数字（万元；数量为个数）：\n" : "   Figures (万元; counts are numbers):\n"
        let keys = FigureKey.sorted(d.figures.keys)
        let width = keys.map { displayWidth(label($0, lang)) }.max() ?? 0
        for key in keys {
            guard let f = d.figures[key] else { continue }
            let name = label(key, lang)
            let pad = String(repeating: " ", count: max(0, width - displayWidth(name)))
            let value = FigureKey.isPercent(key) ? f.value.plain + "%" : f.value.plain
            out += "     \(name)\(pad)  \(leftPad(value, 10))   \(lang == .zh ? "第" : "line ")\(f.provenance.line)\(lang == .zh ? "行" : "")  \(f.raw)\n"
        }
        let projects = d.performanceTables.filter { $0.scope == .project }.count
        let indicators = d.performanceTables.reduce(0) { $0 + $1.indicators.count }
        if lang == .zh {
            out += "   表格：绩效目标表 \(d.performanceTables.count) 张（项目 \(projects) 张，指标 \(indicators) 条），政府采购 \(d.procurement.count) 行，资产 \(d.assets.count) 行\n"
        } else {
            out += "   Tables: \(d.performanceTables.count) performance tables (\(projects) projects, \(indicators) indicators), \(d.procurement.count) procurement rows, \(d.assets.count) asset rows\n"
        }
        for w in d.warnings { out += (lang == .zh ? "   提示：" : "   warning: ") + w + "\n" }
        return out
    }

    static func leftPad(_ s: String, _ n: Int) -> String {
        String(repeating: " ", count: max(0, n - displayWidth(s))) + s
    }

    public static func displayWidth(_ s: String) -> Int { TextTable.width(s) }
}
