import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel

/// Readable text for `check`, `compare` and `outliers`.
public enum AnalysisText {
    static func kindName(_ k: DisclosureKind?, _ l: Language) -> String {
        switch k {
        case .budget: return l.pick("预算", "budget")
        case .finalAccounts: return l.pick("决算", "final accounts")
        case nil: return ""
        }
    }

    static func severityName(_ s: Finding.Severity, _ l: Language) -> String {
        switch s {
        case .error: return l.pick("错误", "ERROR")
        case .warning: return l.pick("警告", "warning")
        case .info: return l.pick("提示", "info")
        }
    }

    public static func findings(_ report: CheckReport, failures: [(path: String, message: String)] = [], language l: Language) -> String {
        let fs = report.findings
        var out = ""
        var lastGroup = ""
        for f in fs {
            let name = f.department.flatMap { report.departmentNames[$0] } ?? "—"
            let group = "\(name) · \(f.year.map(String.init) ?? "?") \(kindName(f.kind, l))"
            if group != lastGroup { out += "\n== \(group)\n"; lastGroup = group }
            out += "  [\(severityName(f.severity, l))] \(f.rule)  \(l == .zh ? f.message.zh : f.message.en)\n"
            // Two figures of a finding quoted from one line are shown once, unless the line is long and they stand
            // apart in it. A finding has a few quotes: a list is looked through, where a Set would hash each whole
            // quote (Unicode-normalized: most of a cached `check`'s time on a large folder).
            var shown: [String] = []
            for e in f.evidence {
                let at = e.page.map { l.pick("第\($0)页 ", "p.\($0) ") } ?? ""
                let quote = "      ↳ \(e.path):\(e.line) \(at)\(snippet(e.text, focus: e.focus))\n"
                if !shown.contains(quote) { shown.append(quote); out += quote }
            }
        }
        out += documents(count: report.documentsChecked, unplaced: report.unplaced, failures: failures, language: l, checked: true)
        let c = Finding.Severity.allCases.map { s in fs.filter { $0.severity == s }.count }
        out += l == .zh ? "\n共 \(fs.count) 条：错误 \(c[0])，警告 \(c[1])，提示 \(c[2])。\n"
                        : "\n\(fs.count) findings: \(c[0]) errors, \(c[1]) warnings, \(c[2]) info.\n"
        return out
    }

    /// How many documents were read (and checked), which ones the panel could not place and why, and which
    /// could not be read: nothing is left out silently.
    public static func documents(panel: Panel, failures: [(path: String, message: String)], language l: Language, checked: Bool) -> String {
        documents(count: panel.disclosures.count, unplaced: panel.unplaced, failures: failures, language: l, checked: checked)
    }

    static func documents(count n: Int, unplaced: [Unplaced], failures: [(path: String, message: String)], language l: Language,
                          checked: Bool) -> String {
        let docs = n == 1 ? "document" : "documents"
        var out = checked ? l.pick("\n共检查 \(n) 份文件。\n", "\nChecked \(n) \(docs).\n")
                          : l.pick("\n共读取 \(n) 份文件。\n", "\nRead \(n) \(docs).\n")
        if !unplaced.isEmpty {
            out += checked ? l.pick("其中 \(unplaced.count) 份未能放入面板（已单独检查，不参与跨年度、跨部门比较）：\n",
                                    "\(unplaced.count) could not be placed in the panel (checked on their own, left out of comparisons):\n")
                           : l.pick("其中 \(unplaced.count) 份未能放入面板（不参与比较）：\n",
                                    "\(unplaced.count) could not be placed in the panel (left out of comparisons):\n")
            for u in unplaced { out += "  \(u.path)：\(unplacedReason(u.reason, l))\n" }
        }
        if !failures.isEmpty {
            out += l.pick("另有 \(failures.count) 份文件未能读取，未检查：\n", "\(failures.count) files could not be read and were not checked:\n")
            for f in failures { out += "  \(f.path)：\(f.message)\n" }
        }
        return out
    }

    static func unplacedReason(_ reason: String, _ l: Language) -> String {
        switch reason {
        case "no department name": return l.pick("未找到部门名称", reason)
        case "no fiscal year": return l.pick("未找到年度", reason)
        default: return reason
        }
    }

    /// `s` on one line in at most `max` characters. A longer line is cut to a window that starts a little before
    /// the figure of `focus` when the line holds it, for a paragraph (or a whole document on one line) can put the
    /// figure far from its start; "…" marks each end that was cut.
    static func snippet(_ s: String, focus: Evidence.Focus? = nil, max: Int = 60) -> String {
        // Most lines hold no line break, and Foundation's replacing costs some 36,000 instructions a line.
        let t = s.utf8.contains(0x0A) ? s.replacingOccurrences(of: "\n", with: " ") : s
        guard t.count > max else { return t }
        var start = t.startIndex
        // A figure that the start of the line shows already keeps the start.
        if let focus, let at = place(of: focus, in: t), t.distance(from: t.startIndex, to: at) + focus.raw.count > max {
            // A third of the window before the figure: its label stands just in front of it.
            start = t.index(at, offsetBy: -(max / 3), limitedBy: t.startIndex) ?? t.startIndex
            // Near the end of the line, the window ends with it and keeps its full width.
            if t.distance(from: start, to: t.endIndex) < max { start = t.index(t.endIndex, offsetBy: -max) }
        }
        let end = t.index(start, offsetBy: max, limitedBy: t.endIndex) ?? t.endIndex
        return (start > t.startIndex ? "…" : "") + t[start..<end] + (end < t.endIndex ? "…" : "")
    }

    /// Where `focus.raw` stands in `t`. One amount often appears more than once on a line ("0万元" for each empty
    /// source of income): the place taken is the one whose dozen characters before share the most characters
    /// with the figure's name (其他来源收入 for 其他收入), then the one whose six characters before do, then the first.
    static func place(of focus: Evidence.Focus, in t: String) -> String.Index? {
        guard !focus.raw.isEmpty else { return nil }
        let name = Set(FigureNames.zh(focus.key))
        func shared(_ n: Int, before at: String.Index) -> Int {
            Set(t[(t.index(at, offsetBy: -n, limitedBy: t.startIndex) ?? t.startIndex)..<at]).intersection(name).count
        }
        var best: (at: String.Index, score: (Int, Int))?
        var from = t.startIndex
        while let r = t.range(of: focus.raw, range: from..<t.endIndex) {
            let score = (shared(12, before: r.lowerBound), shared(6, before: r.lowerBound))
            if best.map({ score > $0.score }) ?? true { best = (r.lowerBound, score) }
            from = r.upperBound
        }
        return best?.at
    }

    public static func comparison(_ c: Comparison, real: Bool, language l: Language) -> String {
        var out = ""
        for d in c.departments {
            out += "\n== \(d.department.name)  \(kindName(d.kind, l))\n"
            if d.department.names.count > 1 { out += l.pick("   又名：", "   also written: ") + d.department.names.filter { $0 != d.department.name }.joined(separator: "，") + "\n" }
            let yearLabel = { (y: Int) in d.derivedYears.contains(y) ? "\(y)*" : "\(y)" }
            // Figures by year.
            var t = TextTable(header: [l.pick("万元", "10k CNY")] + d.years.map(yearLabel), align: [.left] + d.years.map { _ in .right })
            for g in d.growth {
                t.add([l == .zh ? FigureNames.zh(g.figure) : FigureNames.en(g.figure)] + d.years.map { y in
                    g.points.first { $0.year == y }.map { $0.value.value.plain } ?? "—"
                })
            }
            out += t.render()
            if !d.derivedYears.isEmpty {
                out += l.pick("   * 未读到该年文件：数字由次年文件的“比上年增减”推算。\n",
                              "   * no document for this year: figures derived from the next year's stated changes.\n")
            }
            // Growth.
            var g = TextTable(header: [l.pick("增长", "growth")] + stepsHeader(d) + ["CAGR", l.pick("趋势（95%区间）", "trend (95% CI)")],
                              align: [.left] + stepsHeader(d).map { _ in .right } + [.right, .left])
            for s in d.growth where s.points.count >= 2 {
                g.add(growthRow(s, d, real: false, l))
                if real, c.deflators != nil { g.add(growthRow(s, d, real: true, l)) }
            }
            if !g.rows.isEmpty { out += "\n" + g.render() }
            if real, let def = c.deflators, let base = d.growth.first?.baseYear {
                out += l.pick("   实际值按 \(base) 年价格，平减指数：\(def.source)\n", "   real terms in \(base) prices; deflator: \(def.source)\n")
            }
            for s in d.growth where s.trend == nil && s.points.count == 2 {
                out += l.pick("   趋势：只有两年数据，无法估计趋势（至少需要 3 年）。\n", "   trend: two years only; a trend needs 3 or more.\n")
                break
            }
            // Mix.
            if !d.mix.isEmpty {
                var m = TextTable(header: [l.pick("结构", "mix")] + d.mix.map { yearLabel($0.year) } + [l.pick("变化", "change")],
                                  align: [.left] + d.mix.map { _ in .right } + [.right])
                for s in Mix.shares where d.mix.contains(where: { $0.shares[s.id] != nil }) {
                    let last = d.mix.last?.changes[s.id]
                    m.add([l.pick(s.zh, s.en)] + d.mix.map { Format.pct($0.shares[s.id], signed: false) } + [Format.pp(last)])
                }
                out += "\n" + m.render()
            }
            // Unit costs.
            if !d.unitCosts.isEmpty {
                var u = TextTable(header: [l.pick("年度", "year"), l.pick("单位成本", "unit cost"), l.pick("数量", "count"), l.pick("成本（万元）", "cost (10k)"),
                                           l.pick("每单位（万元）", "per unit (10k)"), l.pick("性质", "bound"), l.pick("行", "lines")],
                                  align: [.right, .left, .right, .right, .right, .left, .left])
                for x in d.unitCosts {
                    u.add(["\(x.year)", "\(x.project)", "\(x.countOp == "=" ? "" : x.countOp)\(x.count.plain)\(x.per)", "\(x.costOp == "=" ? "" : x.costOp)\(x.cost.plain)",
                           "\(x.unitCost.plain)/\(x.per)", boundName(x.bound, l), "\(x.countLine), \(x.costLine)"])
                }
                out += "\n" + u.render()
            }
            if !d.perUnit.isEmpty {
                var p = TextTable(header: [l.pick("项目支出折合", "project spending per"), l.pick("年度", "year"), l.pick("万元", "10k CNY")],
                                  align: [.left, .right, .right])
                for x in d.perUnit { p.add([x.label, yearLabel(x.year), x.value.plain]) }
                out += "\n" + p.render()
                if let den = c.denominators {
                    for e in den.entries {
                        out += "   \(e.label) = \(e.value.plain)" + (e.sourcePath.map { l.pick("，来源 ", ", source ") + "\($0):\(e.sourceLine ?? 0)" } ?? "") + "\n"
                    }
                }
            }
            if !d.execution.isEmpty {
                var e = TextTable(header: [l.pick("执行率", "execution"), l.pick("年度", "year"), l.pick("预算", "budget"), l.pick("决算", "final"), "%"],
                                  align: [.left, .right, .right, .right, .right])
                for x in d.execution {
                    e.add([l == .zh ? FigureNames.zh(x.figure) : FigureNames.en(x.figure), "\(x.year)", x.budget.value.plain, x.final.value.plain,
                           x.percent.map { $0.plain + "%" } ?? "—"])
                }
                out += "\n" + e.render()
            }
        }
        return out
    }

    static func stepsHeader(_ d: DepartmentComparison) -> [String] {
        zip(d.years, d.years.dropFirst()).map { "\($0.0 % 100 < 10 ? "0" : "")\($0.0 % 100)→\($0.1 % 100 < 10 ? "0" : "")\($0.1 % 100)" }
    }

    static func growthRow(_ s: GrowthSeries, _ d: DepartmentComparison, real: Bool, _ l: Language) -> [String] {
        let name = (l == .zh ? FigureNames.zh(s.figure) : FigureNames.en(s.figure)) + (real ? l.pick("（实际）", " (real)") : "")
        let steps = zip(d.years, d.years.dropFirst()).map { pair -> String in
            guard let st = s.steps.first(where: { $0.from == pair.0 && $0.to == pair.1 }) else { return "—" }
            return Format.pct(real ? st.realPercent : st.percent)
        }
        let cagr = Format.pct((real ? s.realCagr : s.cagr).map { $0 * 100 })
        let trend: String = {
            guard let t = real ? s.realTrend : s.trend else { return "—" }
            return "\(Format.pct(t.rate * 100)) [\(Format.pct(t.lower * 100)), \(Format.pct(t.upper * 100))]"
        }()
        return [name] + steps + [cagr, trend]
    }

    static func boundName(_ b: UnitCost.Bound, _ l: Language) -> String {
        switch b {
        case .exact: return l.pick("确数", "exact")
        case .upper: return l.pick("上限", "at most")
        case .lower: return l.pick("下限", "at least")
        case .unclear: return l.pick("不确定", "unclear")
        }
    }

    public static func outliers(metric: Metric, year: Int?, items: [OutlierItem], results: [MethodResult], language l: Language) -> String {
        var out = l.pick("指标 \(metric.description)", "metric \(metric.description)") + (year.map { l.pick("，\($0)年", ", \($0)") } ?? "")
            + l.pick("，共 \(items.count) 个对象\n", ", \(items.count) items\n")
        for r in results {
            out += "\n[\(r.method.rawValue)] "
            if let why = r.refused { out += l.pick("未计算：" + why.zh, "not run: " + why.en) + "\n"; continue }
            switch r.method {
            case .mad:
                out += l.pick("中位数 ", "median ") + Format.fixed(r.centre ?? .nan, 4) + "，\(r.scaleName) " + Format.fixed(r.scale ?? .nan, 4)
                    + l.pick("，阈值 |M| > ", ", threshold |M| > ") + Format.fixed(r.threshold ?? .nan, 1) + "\n"
            case .tukey:
                out += "Q1–Q3 IQR " + Format.fixed(r.scale ?? .nan, 4) + l.pick("，围栏 [", ", fences [") + Format.fixed(r.lowerFence ?? .nan, 4) + ", "
                    + Format.fixed(r.upperFence ?? .nan, 4) + "]\n"
            case .gesd:
                out += l.pick("均值 ", "mean ") + Format.fixed(r.centre ?? .nan, 4) + "，s " + Format.fixed(r.scale ?? .nan, 4)
                    + l.pick("，检出 \(r.flagged.count) 个\n", ", \(r.flagged.count) found\n")
                for (i, s) in r.steps.enumerated() {
                    out += "    R\(i + 1) = \(Format.fixed(s.r, 3))  λ\(i + 1) = \(Format.fixed(s.lambda, 3))  \(s.r > s.lambda ? ">" : "≤")  \(items[s.removed].label)\n"
                }
            }
            for n in r.notes { out += "    · \(n)\n" }
        }
        let run = results.filter { $0.refused == nil }
        var t = TextTable(header: [l.pick("对象", "item"), l.pick("值", "value") + (metric.unit.isEmpty ? "" : "（\(metric.unit)）")]
                              + run.map { $0.method.rawValue } + [l.pick("标记", "flagged by")],
                          align: [.left, .right] + run.map { _ in .right } + [.left])
        for i in items.indices.sorted(by: { items[$0].value > items[$1].value }) {
            t.add([items[i].label, Format.fixed(items[i].value, 2)] + run.map { Format.fixed(($0.scores.indices.contains(i) ? $0.scores[i] : nil) ?? .nan, 2) }
                  + [run.filter { $0.flags(i) }.map(\.method.rawValue).joined(separator: ",")])
        }
        out += "\n" + t.render()
        return out
    }
}
