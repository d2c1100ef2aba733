import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel
import YusuanPipeline

/// Everything a report shows, computed once.
public struct ReportData: Sendable {
    public var workspace: Workspace
    public var comparison: Comparison
    public var findings: [Finding]
    public var outliers: [(metric: Metric, year: Int?, items: [OutlierItem], results: [MethodResult])]
    public var charts: [Chart]
    public var refusedCharts: [(ChartKind, ChartRefusal)]
    public var synthetic: Bool
}

public enum ReportBuilder {
    /// Compared across departments in every report. Unit costs are left out: projects count different things
    /// (人, 社区, 村 …), and mixing them on one scale would mislead; `yusuan outliers --metric unit_cost:PER` does one noun.
    /// Sizes on a log scale (see `Metric.logScale`), rates and shares as they are.
    public static let outlierMetrics = ["log:expenditure.total", "log:expenditure.project", "growth:expenditure.total", "share:basic_share",
                                        "share:personnel_share", "share:three_public_to_basic"]

    public static func data(_ w: Workspace, deflators: Deflators?, language: Language) -> ReportData {
        let comparison = Compare.run(w.panel, deflators: deflators, denominators: w.denominators)
        let findings = Checks.run(w.panel)
        let outliers = outlierMetrics.compactMap { m -> (Metric, Int?, [OutlierItem], [MethodResult])? in
            guard let metric = try? Metric(parsing: m) else { return nil }
            let (items, year) = Metrics.items(w.panel, metric)
            return (metric, year, items, Outliers.run(items, methods: OutlierMethod.allCases))
        }
        let (charts, refused) = Charts.all(panel: w.panel, language: language)
        return ReportData(workspace: w, comparison: comparison, findings: findings,
                          outliers: outliers.map { (metric: $0.0, year: $0.1, items: $0.2, results: $0.3) },
                          charts: charts, refusedCharts: refused, synthetic: w.panel.disclosures.contains(where: Context.isSynthetic))
    }

    /// `chartFiles`: where each chart is written (relative to the report), for formats that link rather than embed.
    public static func document(_ d: ReportData, language l: Language, chartFiles: [ChartKind: String] = [:]) -> ReportDocument {
        let panel = d.workspace.panel
        var b: [ReportBlock] = []
        let years = Set((0..<panel.cellCount).map { panel.year(of: $0) }).sorted()
        let title = l.pick("部门预决算分析报告", "Departmental budget and final-accounts report")
        if d.synthetic {
            b.append(.banner(l.pick("示例数据：本报告部分或全部数字来自 yusuan synth 生成的示例文件，不是任何真实政府的数字。",
                                    "SYNTHETIC EXAMPLE DATA: some or all figures in this report come from documents made by yusuan synth, not from any real government.")))
        }
        let docCount = panel.disclosures.count
        let derivedYears = (0..<panel.cellCount).filter { panel.isDerivedOnly($0) }.count
        let errors = d.findings.filter { $0.severity == .error }.count, warnings = d.findings.filter { $0.severity == .warning }.count
        // One year is said once; none (no document could be placed) is said in words, not as an empty range.
        let span: (zh: String, en: String)
        switch (years.first, years.last) {
        case let (first?, last?) where first != last: span = ("年度 \(first)—\(last)", "\(first)–\(last)")
        case let (first?, _): span = ("年度 \(first)", "\(first)")
        default: span = ("没有可放入面板的年度", "no year placed")
        }
        b.append(.paragraph(l.pick(
            "读取文件 \(docCount) 份，部门 \(panel.departments.count) 个，\(span.zh)（其中 \(derivedYears) 个部门年度的数字由次年文件推算）。检查发现错误 \(errors) 条、警告 \(warnings) 条。金额单位：万元。",
            "\(docCount) documents, \(panel.departments.count) departments, \(span.en) (\(derivedYears) department-years derived from the next year's document). Checks: \(errors) errors, \(warnings) warnings. Amounts in 10,000 yuan (万元).")))
        let points = keyPoints(d, language: l)
        if !points.isEmpty {
            b.append(.heading(level: 2, text: l.pick("要点", "Key points")))
            b.append(.bullets(points))
        }
        if !panel.unplaced.isEmpty {
            b.append(.banner(l.pick("有 \(panel.unplaced.count) 份文件未能放入面板（已单独检查），见“读取的文件”。",
                                    "\(panel.unplaced.count) documents could not be placed in the panel (checked on their own); see “Documents read”.")))
        }
        if !d.workspace.failures.isEmpty {
            b.append(.banner(l.pick("有 \(d.workspace.failures.count) 份文件未能读取，见“读取的文件”。", "\(d.workspace.failures.count) files could not be read; see “Documents read”.")))
        }

        // Per department, the biggest (latest total spending) first.
        func size(_ dc: DepartmentComparison) -> Decimal {
            dc.growth.first { $0.figure == "expenditure.total" }?.points.last?.value.value ?? -1
        }
        let ordered = d.comparison.departments.sorted { a, b in
            let (x, y) = (size(a), size(b))
            if x != y { return x > y }
            if a.department.id != b.department.id { return a.department.id.utf8.lexicographicallyPrecedes(b.department.id.utf8) }
            return a.kind == .budget && b.kind != .budget
        }
        for dc in ordered {
            b.append(.heading(level: 2, text: "\(dc.department.name)（\(dc.kind == .budget ? l.pick("预算", "budget") : l.pick("决算", "final accounts"))）"))
            if dc.department.names.count > 1 {
                b.append(.note(l.pick("又名：", "Also written: ") + dc.department.names.filter { $0 != dc.department.name }.joined(separator: l.pick("、", ", "))))
            }
            let yl = { (y: Int) in dc.derivedYears.contains(y) ? "\(y)*" : "\(y)" }
            var rows: [[String]] = []
            for g in dc.growth { rows.append([name(g.figure, l)] + dc.years.map { y in g.points.first { $0.year == y }.map { $0.value.value.plain } ?? "—" }) }
            b.append(.heading(level: 3, text: l.pick("主要数字（万元）", "Headline figures (10,000 yuan)")))
            b.append(.table(header: [l.pick("项目", "figure")] + dc.years.map(yl), rows: rows, numeric: [false] + dc.years.map { _ in true }))
            if !dc.derivedYears.isEmpty {
                b.append(.note(l.pick("* 未读到该年文件：数字由次年文件的“比上年增减”推算，来源见“方法与来源”。", "* no document for that year: derived from the next year's stated changes; see Methods and sources.")))
            }
            // Growth.
            let pairs = Array(zip(dc.years, dc.years.dropFirst()))
            var growthRows: [[String]] = []
            for g in dc.growth where g.points.count >= 2 {
                for real in d.comparison.deflators == nil ? [false] : [false, true] {
                    growthRows.append([name(g.figure, l) + (real ? l.pick("（实际）", " (real)") : "")]
                        + pairs.map { p in Format.pct(g.steps.first { $0.from == p.0 && $0.to == p.1 }.flatMap { real ? $0.realPercent : $0.percent }) }
                        + [Format.pct((real ? g.realCagr : g.cagr).map { $0 * 100 }),
                           (real ? g.realTrend : g.trend).map { "\(Format.pct($0.rate * 100)) [\(Format.pct($0.lower * 100)), \(Format.pct($0.upper * 100))]" } ?? "—"])
                }
            }
            if !growthRows.isEmpty {
                b.append(.heading(level: 3, text: l.pick("增长", "Growth")))
                b.append(.table(header: [l.pick("项目", "figure")] + pairs.map { "\($0.0)→\($0.1)" } + ["CAGR", l.pick("对数线性趋势（95%区间）", "log-linear trend (95% CI)")],
                                rows: growthRows, numeric: [false] + pairs.map { _ in true } + [true, false]))
                if let def = d.comparison.deflators, let base = dc.growth.first?.baseYear {
                    b.append(.note(l.pick("实际增长按 \(base) 年价格计算，平减指数：\(def.source)。", "Real growth in \(base) prices; deflator: \(def.source).")))
                }
                if dc.years.count < 3 { b.append(.note(l.pick("趋势需要至少 3 个年度，此处只有 \(dc.years.count) 个，未计算。", "A trend needs 3 or more years; there are \(dc.years.count), so none is computed."))) }
            }
            // Mix.
            if !dc.mix.isEmpty {
                b.append(.heading(level: 3, text: l.pick("支出结构", "Mix")))
                var mixRows: [[String]] = []
                for s in Mix.shares where dc.mix.contains(where: { $0.shares[s.id] != nil }) {
                    mixRows.append([l.pick(s.zh, s.en)] + dc.mix.map { Format.pct($0.shares[s.id], signed: false) } + [Format.pp(dc.mix.last?.changes[s.id])])
                }
                b.append(.table(header: [l.pick("占比", "share")] + dc.mix.map { yl($0.year) } + [l.pick("最近变化", "latest change")],
                                rows: mixRows, numeric: [false] + dc.mix.map { _ in true } + [true]))
            }
            if !dc.unitCosts.isEmpty {
                b.append(.heading(level: 3, text: l.pick("单位成本（由绩效目标推算）", "Unit costs (from performance targets)")))
                b.append(.table(header: [l.pick("年度", "year"), l.pick("项目", "project"), l.pick("数量", "count"), l.pick("成本（万元）", "cost"), l.pick("每单位（万元）", "per unit"), l.pick("性质", "bound"), l.pick("来源行", "lines")],
                                rows: dc.unitCosts.map { u in
                                    ["\(u.year)", u.project, "\(u.countOp == "=" ? "" : u.countOp)\(u.count.plain)\(u.per)", "\(u.costOp == "=" ? "" : u.costOp)\(u.cost.plain)",
                                     "\(u.unitCost.plain)/\(u.per)", boundName(u.bound, l), "\(fileName(u.path)):\(u.countLine), \(u.costLine)"]
                                }, numeric: [true, false, true, true, true, false, false]))
            }
            if !dc.perUnit.isEmpty {
                b.append(.table(header: [l.pick("项目支出折合", "project spending per"), l.pick("年度", "year"), l.pick("万元", "10,000 yuan")],
                                rows: dc.perUnit.map { [$0.label, yl($0.year), $0.value.plain] }, numeric: [false, true, true]))
                if let den = d.workspace.denominators {
                    b.append(.note(den.entries.map { e in "\(e.label) = \(e.value.plain)" + (e.sourcePath.map { l.pick("（\(fileName($0)) 第\(e.sourceLine ?? 0)行）", " (\(fileName($0)):\(e.sourceLine ?? 0))") } ?? "") }.joined(separator: l.pick("；", "; "))))
                }
            }
            if !dc.execution.isEmpty {
                b.append(.heading(level: 3, text: l.pick("预算执行率", "Execution")))
                b.append(.table(header: [l.pick("项目", "figure"), l.pick("年度", "year"), l.pick("预算", "budget"), l.pick("决算", "final"), "%"],
                                rows: dc.execution.map { [name($0.figure, l), "\($0.year)", $0.budget.value.plain, $0.final.value.plain, $0.percent.map { $0.plain + "%" } ?? "—"] },
                                numeric: [false, true, true, true, true]))
            }
            let fs = d.findings.filter { $0.department == dc.department.id && $0.kind == dc.kind }
            if !fs.isEmpty {
                b.append(.heading(level: 3, text: l.pick("检查发现", "Findings")))
                b.append(.bullets(fs.map { findingLine($0, l) }))
            }
        }

        // Documents the panel could not place were checked on their own: their findings name no department.
        let loose = d.findings.filter { $0.department == nil }
        if !loose.isEmpty {
            b.append(.heading(level: 2, text: l.pick("未放入面板的文件", "Documents not placed in the panel")))
            b.append(.heading(level: 3, text: l.pick("检查发现", "Findings")))
            b.append(.bullets(loose.map { findingLine($0, l) }))
        }

        // Across departments.
        b.append(.heading(level: 2, text: l.pick("部门比较", "Across departments")))
        if let latest = latestStatedBudgetYear(panel) {
            let ranked = panel.departments.compactMap { dep -> (String, Decimal)? in
                panel.cells[PanelKey(department: dep.id, year: latest, kind: .budget)]?.value("expenditure.total").map { (dep.name, $0.value) }
            }.sorted { $0.1 > $1.1 }
            let total = ranked.reduce(Decimal(0)) { $0 + $1.1 }
            b.append(.heading(level: 3, text: l.pick("\(latest)年支出合计排名", "\(latest) total expenditure, ranked")))
            b.append(.table(header: ["#", l.pick("部门", "department"), l.pick("万元", "10,000 yuan"), l.pick("占合计", "share")],
                            rows: ranked.enumerated().map { i, r in ["\(i + 1)", r.0, r.1.plain, total == 0 ? "—" : Format.pct(r.1.double / total.double * 100, signed: false)] },
                            numeric: [true, false, true, true]))
        }
        b.append(.heading(level: 3, text: l.pick("离群值", "Outliers")))
        for o in d.outliers {
            let run = o.results.filter { $0.refused == nil }
            let head = l.pick("指标：\(MetricNames.name(o.metric, l))（\(o.metric.description)）", "Metric: \(MetricNames.name(o.metric, l)) (\(o.metric.description))") + (o.year.map { l.pick("（\($0)年，\(o.items.count) 个）", " (\($0), \(o.items.count) items)") } ?? "")
            if run.isEmpty {
                b.append(.paragraph(head + l.pick("：未计算。", ": not computed. ") + o.results.compactMap { r in r.refused.map { "\(r.method.rawValue) " + l.pick($0.zh, $0.en) } }.joined(separator: l.pick("；", "; "))))
                continue
            }
            b.append(.paragraph(head))
            b.append(.table(header: [l.pick("方法", "method"), l.pick("中心", "centre"), l.pick("尺度", "scale"), l.pick("阈值", "threshold"), l.pick("标记", "flagged")],
                            rows: o.results.map { r in
                                if let why = r.refused { return [r.method.rawValue, "—", "—", "—", l.pick("未计算：" + why.zh, "not run: " + why.en)] }
                                let threshold = r.method == .tukey ? "[\(Format.fixed(r.lowerFence ?? .nan, 2)), \(Format.fixed(r.upperFence ?? .nan, 2))]"
                                    : r.method == .mad ? "|M| > \(Format.fixed(r.threshold ?? .nan, 1))" : "λ₁ = \(Format.fixed(r.threshold ?? .nan, 3))"
                                let names = r.flagged.map { o.items[$0].label }
                                return [r.method.rawValue, Format.fixed(r.centre ?? .nan, 2), "\(r.scaleName) \(Format.fixed(r.scale ?? .nan, 2))", threshold,
                                        names.isEmpty ? l.pick("无", "none") : names.joined(separator: l.pick("、", ", "))]
                            }, numeric: [false, true, true, false, false]))
        }

        // Charts.
        b.append(.heading(level: 2, text: l.pick("图表", "Charts")))
        for c in d.charts { b.append(.chart(c, file: chartFiles[c.kind])) }
        if !d.refusedCharts.isEmpty {
            b.append(.paragraph(l.pick("未画的图：", "Charts not drawn:")))
            b.append(.bullets(d.refusedCharts.map { "\($0.0.rawValue): " + $0.1.text(l) }))
        }

        // Methods and sources.
        b.append(.heading(level: 2, text: l.pick("方法与来源", "Methods and sources")))
        b.append(.bullets([
            l.pick("金额一律折算为万元（元 ÷ 10000，亿元 × 10000），用十进制精确计算；统计量用 GSL 计算。", "Amounts are converted to 万元 (元 ÷ 10,000, 亿元 × 10,000) and computed as exact decimals; statistics by GSL."),
            l.pick("容差：加总恒等式允许每一项有半个显示位的舍入误差；所述百分比允许 0.5 个百分点或其自身的 1%。", "Tolerance: a sum may differ by half a display step per term; a stated percentage by 0.5 pp or 1% of itself."),
            l.pick("推算的上年数 = 本年数 − 所述比上年增减额，来源为所述句子。", "A derived prior-year figure = this year's figure − the stated change; its source is that sentence."),
            l.pick("趋势：对数线性回归（gsl_fit_linear），95% 区间用 t 分布（gsl_cdf_tdist_Pinv，自由度 n − 2），至少 3 个年度。", "Trend: log-linear least squares (gsl_fit_linear) with a 95% interval from Student's t (gsl_cdf_tdist_Pinv, n − 2 df); 3+ years."),
            l.pick("规模（支出合计、项目支出）按以 10 为底的对数比较：部门之间相差数量级，大部门不应仅因为大而被判为离群。", "Sizes (total and project spending) are compared as log10: departments differ by orders of magnitude, and a big one is not an outlier merely for being big."),
            l.pick("离群值：修正 z 值 M = 0.6745(x − 中位数)/MAD，|M| > 3.5（MAD = 0 时改用平均绝对离差）；Tukey 围栏 1.5 IQR（四分位数按线性插值，Hyndman–Fan 第 7 种定义）；广义 ESD（Rosner 1983，α = 0.05，至多 ⌊n/2⌋ 且不超过 10 个），样本不足时不计算。",
                   "Outliers: modified z M = 0.6745(x − median)/MAD, |M| > 3.5 (mean absolute deviation when MAD = 0); Tukey fences at 1.5 IQR (quartiles by linear interpolation, Hyndman–Fan type 7); generalized ESD (Rosner 1983, α = 0.05, at most ⌊n/2⌋ capped at 10); refused on samples too small."),
        ] + (d.comparison.deflators.map { [l.pick("平减指数：\($0.source)", "Deflator: \($0.source)")] } ?? [])))
        b.append(.heading(level: 3, text: l.pick("读取的文件", "Documents read")))
        b.append(.table(header: [l.pick("文件", "file"), l.pick("部门", "department"), l.pick("年度", "year"), l.pick("类型", "kind"), l.pick("编码", "encoding"), "sha256"],
                        rows: panel.disclosures.map { x in
                            let unplaced = panel.unplaced.first { $0.path == x.source.path }.map {
                                l.pick("（未放入面板：", " (not placed: ") + AnalysisText.unplacedReason($0.reason, l) + l.pick("）", ")")
                            }
                            return [x.source.path, (x.identity.department ?? "—") + (unplaced ?? ""), x.identity.fiscalYear.map(String.init) ?? "—",
                             x.identity.kind == .finalAccounts ? l.pick("决算", "final accounts") : l.pick("预算", "budget"), x.source.encoding, String(x.source.sha256.prefix(16))]
                        } + d.workspace.failures.map { [$0.path, l.pick("读取失败：", "failed: ") + $0.message, "", "", "", ""] },
                        numeric: [false, false, true, false, false, false]))
        b.append(.heading(level: 3, text: l.pick("每个数字的出处", "Where every number comes from")))
        var sourceRows: [[String]] = []
        for cell in 0..<panel.cellCount {
            let dep = panel.departments[panel.department(of: cell)].name
            for column in panel.figureNames.indices where panel.has(cell, column) {
                guard let v = panel.value(cell, column) else { continue }
                sourceRows.append([dep, "\(panel.year(of: cell))\(v.derived ? "*" : "")", name(panel.figureNames[column], l), v.value.plain,
                                   "\(v.path):\(v.line)" + (v.page.map { l.pick(" 第\($0)页", " p.\($0)") } ?? ""), snippet(v.text, focus: Evidence.Focus(raw: v.raw, key: panel.figureNames[column]))])
            }
        }
        b.append(.table(header: [l.pick("部门", "department"), l.pick("年度", "year"), l.pick("项目", "figure"), l.pick("数值", "value"), l.pick("文件:行", "file:line"), l.pick("原文", "text")],
                        rows: sourceRows, numeric: [false, true, false, true, false, false]))
        return ReportDocument(title: title, language: l, blocks: b)
    }

    /// The latest year with a budget document of its own.
    static func latestStatedBudgetYear(_ panel: Panel) -> Int? {
        (0..<panel.cellCount).filter { panel.kind(of: $0) == .budget && !panel.isDerivedOnly($0) }.map { panel.year(of: $0) }.max()
    }

    /// What a reader should know first: the biggest, the fastest-changing, who is out of line, where the errors are.
    static func keyPoints(_ d: ReportData, language l: Language) -> [String] {
        let panel = d.workspace.panel
        var out: [String] = []
        guard let latest = latestStatedBudgetYear(panel) else { return [] }
        func total(_ id: String, _ y: Int) -> SourcedValue? { panel.cells[PanelKey(department: id, year: y, kind: .budget)]?.value("expenditure.total") }
        let ranked = panel.departments.compactMap { dep in total(dep.id, latest).map { (dep, $0) } }.sorted { $0.1.value > $1.1.value }
        if ranked.count >= 2, let top = ranked.first {
            let sum = ranked.reduce(Decimal(0)) { $0 + $1.1.value }
            out.append(l.pick("\(latest)年支出合计最多的是\(top.0.name)：\(top.1.value.plain)万元，占 \(ranked.count) 个部门合计的 \(Format.fixed(top.1.value.double / sum.double * 100, 1))%（\(top.1.path):\(top.1.line)）。",
                              "In \(latest), \(top.0.name) spends the most: \(top.1.value.plain) (10,000 yuan), \(Format.fixed(top.1.value.double / sum.double * 100, 1))% of the \(ranked.count) departments' total (\(top.1.path):\(top.1.line))."))
        }
        // The largest changes on the previous year.
        let changes = panel.departments.compactMap { dep -> (DepartmentInfo, Double, SourcedValue, SourcedValue)? in
            guard let now = total(dep.id, latest), let before = total(dep.id, latest - 1), before.value > 0 else { return nil }
            return (dep, (now.value - before.value).double / before.value.double * 100, before, now)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id.utf8.lexicographicallyPrecedes($1.0.id.utf8) }
        if let up = changes.first {
            out.append(l.pick("\(up.0.name)支出合计\(latest - 1)—\(latest)年\(up.1 >= 0 ? "增长" : "下降")\(Format.fixed(abs(up.1), 1))%（\(up.2.value.plain) → \(up.3.value.plain) 万元\(up.2.derived ? "，上年为推算" : "")）。",
                              "\(up.0.name): total spending \(up.1 >= 0 ? "up" : "down") \(Format.fixed(abs(up.1), 1))% from \(latest - 1) to \(latest) (\(up.2.value.plain) → \(up.3.value.plain)\(up.2.derived ? "; the earlier year derived" : ""))."))
        }
        if changes.count >= 3, let down = changes.last, down.1 < 0 {
            out.append(l.pick("降幅最大的是\(down.0.name)：\(Format.fixed(down.1, 1))%。", "The largest fall: \(down.0.name), \(Format.fixed(down.1, 1))%."))
        }
        // Outliers that two or more methods agree on.
        for o in d.outliers {
            let agreed = o.items.indices.filter { i in o.results.filter { $0.flags(i) }.count >= 2 }.map { o.items[$0] }
            guard !agreed.isEmpty else { continue }
            let names = agreed.map(\.label).joined(separator: l.pick("、", ", "))
            let metric = MetricNames.name(o.metric, l)
            out.append(l.pick("离群（至少两种方法一致）：\(metric)——\(names)。", "Outliers on \(metric), by two or more methods: \(names)."))
        }
        // Where the errors are.
        let errors = d.findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            var byDept: [String: Int] = [:]
            for f in errors { byDept[f.department ?? "", default: 0] += 1 }
            let top = byDept.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.prefix(3)
                .map { e -> String in
                let who = e.key.isEmpty ? l.pick("未放入面板的文件", "documents not placed") : panel.department(e.key)?.name ?? e.key
                return l.pick("\(who)（\(e.value)）", "\(who) (\(e.value))")
            }
                .joined(separator: l.pick("、", ", "))
            out.append(l.pick("检查发现 \(errors.count) 条错误（数字对不上），见各部门的“检查发现”：\(top)。", "\(errors.count) errors (figures that do not add up); see each department's findings: \(top)."))
        }
        return out
    }

    static func name(_ k: String, _ l: Language) -> String { l == .zh ? FigureNames.zh(k) : FigureNames.en(k) }
    static func fileName(_ p: String) -> String { (p as NSString).lastPathComponent }
    /// A table cell: narrower than a terminal line.
    static func snippet(_ s: String, focus: Evidence.Focus?) -> String { AnalysisText.snippet(s, focus: focus, max: 48) }
    static func boundName(_ b: UnitCost.Bound, _ l: Language) -> String { AnalysisText.boundName(b, l) }
    static func severityName(_ s: Finding.Severity, _ l: Language) -> String { AnalysisText.severityName(s, l) }

    /// One finding as a bullet: severity, rule, year, message and the lines it rests on (a line quoted twice, once).
    static func findingLine(_ f: Finding, _ l: Language) -> String {
        var lines: [String] = []
        for e in f.evidence {
            let at = "\(fileName(e.path)):\(e.line)"
            if !lines.contains(at) { lines.append(at) }
        }
        return "[\(severityName(f.severity, l))] \(f.rule)\(f.year.map { l.pick("（\($0)年）", " (\($0))") } ?? "")：" + l.pick(f.message.zh, f.message.en)
            + l.pick(" — 依据 ", " — lines ") + lines.joined(separator: l.pick("、", ", "))
    }
}
