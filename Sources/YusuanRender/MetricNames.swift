import YusuanAnalyse
import YusuanModel

/// Metrics in words, for titles, reports and refusals: "支出合计增长率", "“三公”经费占基本支出（对数）".
public enum MetricNames {
    public static func name(_ metric: Metric, _ l: Language) -> String {
        func fig(_ k: String) -> String { l == .zh ? FigureNames.zh(k) : FigureNames.en(k) }
        let base: String
        switch metric.kind {
        case .figure(let k): base = fig(k)
        case .growth(let k): base = fig(k) + l.pick("增长率", " growth")
        case .cagr(let k): base = fig(k) + l.pick("年均增长率", " CAGR")
        case .share(let id): base = Mix.shares.first { $0.id == id }.map { l.pick($0.zh, $0.en) } ?? id
        case .unitCost(let per): base = l.pick("单位成本", "unit cost") + (per.map { "（\($0)）" } ?? "")
        }
        return metric.logScale ? l.pick("\(base)（对数）", "\(base) (log10)") : base
    }
}
