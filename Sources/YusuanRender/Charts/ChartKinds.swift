import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel

extension Context {
    // MARK: trend — change over years: one line per department (or per figure for one department)

    func trend(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        let dept = try resolveDepartment(r.department)
        let figures: [String]
        let departments: [String]
        if let dept, r.metric == nil {
            figures = ["expenditure.total", "expenditure.basic", "expenditure.project"]
            departments = [dept]
        } else {
            figures = [r.metric ?? "expenditure.total"]
            departments = dept.map { [$0] } ?? panel.departments.map(\.id)
        }
        struct Line { var label: String; var points: [(year: Int, value: Double, derived: Bool)] }
        var lines: [Line] = []
        for d in departments {
            for f in figures {
                let s = panel.series(d, kind: .budget, figure: f)
                guard s.count >= 2 else { continue }
                let label = figures.count > 1 ? name(f) : shortName(d)
                lines.append(Line(label: label, points: s.map { ($0.year, $0.value.value.double, $0.value.derived) }))
            }
        }
        guard !lines.isEmpty else {
            let years = departments.flatMap { panel.years($0, kind: .budget) }
            throw ChartRefusal(zh: "趋势图至少需要两个年度的\(name(figures[0]))：只有 \(Set(years).count) 个年度",
                               en: "a trend needs \(name(figures[0])) for at least two years; there \(Set(years).count == 1 ? "is" : "are") \(Set(years).count)")
        }
        // Many departments: keep the 8 largest in the last year, so colours stay distinct and labels readable.
        lines.sort { ($0.points.last?.value ?? 0) > ($1.points.last?.value ?? 0) }
        let dropped = max(0, lines.count - 8)
        lines = Array(lines.prefix(8))
        let years = Set(lines.flatMap { $0.points.map(\.year) }).sorted()
        guard let y0 = years.first, let y1 = years.last else { throw ChartRefusal(zh: "没有年度", en: "no years") }
        let maxV = lines.flatMap { $0.points.map(\.value) }.max() ?? 0
        let minV = lines.flatMap { $0.points.map(\.value) }.min() ?? 0
        let unit = Money.unit(forMax: maxV)

        let title: String
        if lines.count == 1, let a = lines[0].points.first, let b = lines[0].points.last, a.value != 0 {
            let change = (b.value - a.value) / abs(a.value) * 100
            let who = figures.count > 1 ? name(figures[0]) : "\(shortName(departments[0]))\(name(figures[0]))"
            title = l.pick("\(who)\(a.year)—\(b.year)年\(moveWord(change))\(pct(change))",
                           "\(who) \(moveWord(change))\(pct(change)) from \(a.year) to \(b.year)")
        } else {
            let growth = lines.compactMap { ln -> (String, Double)? in
                guard let a = ln.points.first, let b = ln.points.last, a.value > 0 else { return nil }
                return (ln.label, (b.value - a.value) / a.value * 100)
            }.max { $0.1 < $1.1 }
            if let g = growth, figures.count == 1 {
                title = l.pick("\(name(figures[0]))：\(g.0)增长最快，\(y0)—\(y1)年\(moveWord(g.1))\(pct(g.1))",
                               "\(name(figures[0])): \(g.0) grew fastest, \(moveWord(g.1))\(pct(g.1)) \(y0)–\(y1)")
            } else {
                title = l.pick("\(shortName(departments[0]))支出构成的变化，\(y0)—\(y1)年", "\(shortName(departments[0])): spending by type, \(y0)–\(y1)")
            }
        }
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("部门预算，单位：\(unit.zh)", "Departmental budgets, \(unit.en)"), synthetic: synthetic, language: l)
        let labelWidth = min(190, (lines.map { TextMetrics.width($0.label, size: 12) }.max() ?? 0) + 70)
        let left = 24 + max(44, TextMetrics.width(Money.format(maxV, unit: unit), size: 11) + 14)
        let right = ChartFrame.width - 24 - labelWidth
        let top = f.y + 8, bottom = top + 260
        let ys = valueAxisY(&f, lo: min(0, minV), hi: maxV, top: top, bottom: bottom, left: left, right: right, unit: unit)
        let step = years.count > 1 ? (right - left - 20) / Double(years.count - 1) : 0
        func x(_ year: Int) -> Double { left + 10 + Double(years.firstIndex(of: year) ?? 0) * step }
        // Checked: a label wide enough to close the plot would make the ratio infinite, which Int(_:) traps on.
        let ratio = (Double(years.count) * 40 / (right - left)).rounded(.up)
        let every = ratio.isFinite && ratio >= 1 && ratio < Double(years.count + 1) ? Int(ratio) : (ratio >= 1 ? years.count + 1 : 1)
        for (i, yr) in years.enumerated() where i % every == 0 || i == years.count - 1 {
            f.canvas.text("\(yr)", x: x(yr), y: bottom + 16, size: 11, anchor: .middle, fill: SVGCanvas.muted, isLabel: false)
        }
        var anyDerived = false
        var ends: [(Double, String, String)] = []
        for (i, ln) in lines.enumerated() {
            let colour = SVGCanvas.lineColours[i % SVGCanvas.lineColours.count]
            f.canvas.polyline(ln.points.map { (x($0.year), ys($0.value)) }, stroke: colour)
            for p in ln.points {
                anyDerived = anyDerived || p.derived
                f.canvas.circle(cx: x(p.year), cy: ys(p.value), r: p.derived ? 4 : 3, fill: p.derived ? "#ffffff" : colour,
                                stroke: p.derived ? colour : nil, title: "\(ln.label) \(p.year): \(Money.format(p.value)) 万元\(p.derived ? l.pick("（推算）", " (derived)") : "")")
            }
            if let last = ln.points.last { ends.append((ys(last.value), ln.label + "  " + Money.format(last.value, unit: unit), colour)) }
        }
        // Direct labels at the line ends, spread so they never overlap.
        let placed = ChartFrame.spread(ends.map(\.0), gap: 15, minY: top + 4, maxY: bottom)
        for (i, e) in ends.enumerated() {
            f.canvas.text(ChartFrame.fit(e.1, size: 12, maxWidth: labelWidth - 12), x: right + 8, y: placed[i] + 4, size: 12, weight: 600, fill: e.2)
        }
        f.y = bottom + 22
        var notes: [String] = []
        if anyDerived { notes.append(l.pick("空心点：该年未读到文件，数字由次年文件的“比上年增减”推算。", "Hollow points: no document for that year; derived from the next year's stated change.")) }
        if dropped > 0 { notes.append(l.pick("只画出末年数额最大的 8 个部门，另有 \(dropped) 个未画。", "Only the 8 largest in the last year are drawn; \(dropped) more are not.")) }
        f.footer(notes: notes, source: source(for: departments))
        return render(f, kind: .trend, title: title, description: lines.map { ln in
            ln.label + ": " + ln.points.map { "\($0.year) \(Money.format($0.value))" }.joined(separator: ", ")
        }.joined(separator: "; "))
    }

    // MARK: mix — basic vs project (and personnel vs public): 100 % stacked bars per year or per department

    func mix(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        let dept = try resolveDepartment(r.department) ?? (panel.departments.count == 1 ? panel.departments.first?.id : nil)
        struct Row { var label: String; var cell: PanelCell }
        var rows: [Row] = []
        if let dept {
            for y in panel.years(dept, kind: .budget) {
                if let c = panel.cells[PanelKey(department: dept, year: y, kind: .budget)] { rows.append(Row(label: c.isDerivedOnly ? "\(y)*" : "\(y)", cell: c)) }
            }
        } else {
            let year = r.year ?? panel.sortedKeys.filter { panel.cells[$0]?.isDerivedOnly == false }.map(\.year).max() ?? 0
            for d in panel.departments {
                if let c = panel.cells[PanelKey(department: d.id, year: year, kind: .budget)] { rows.append(Row(label: shortName(d.id), cell: c)) }
            }
            // Ordered by the share of basic spending, so the pattern reads top to bottom.
            func basicShare(_ c: PanelCell) -> Double {
                guard let a = c.value("expenditure.basic")?.value.double, let b = c.value("expenditure.project")?.value.double, a + b > 0 else { return -1 }
                return a / (a + b)
            }
            rows.sort { basicShare($0.cell) != basicShare($1.cell) ? basicShare($0.cell) > basicShare($1.cell) : $0.label < $1.label }
        }
        let pairs: [(String, String, String)] = [("expenditure.basic", "expenditure.project", "expenditure.total"),
                                                 ("expenditure.basic.personnel", "expenditure.basic.public", "expenditure.basic")]
        func split(_ c: PanelCell, _ p: (String, String, String)) -> (Double, Double)? {
            guard let a = c.value(p.0)?.value.double, let b = c.value(p.1)?.value.double, a >= 0, b >= 0, a + b > 0 else { return nil }
            return (a / (a + b) * 100, b / (a + b) * 100)
        }
        rows = rows.filter { split($0.cell, pairs[0]) != nil }
        guard !rows.isEmpty else {
            throw ChartRefusal(zh: "构成图需要同一年度的基本支出和项目支出，没有找到", en: "a mix chart needs basic and project spending for the same year; none found")
        }
        if rows.count > 16 { rows = Array(rows.prefix(16)) }
        let first = split(rows[0].cell, pairs[0])!.0, last = split(rows[rows.count - 1].cell, pairs[0])!.0
        let title: String
        if dept != nil && rows.count > 1 {
            title = l.pick("基本支出占比从\(Format.fixed(first, 1))%\(last < first ? "降至" : last > first ? "升至" : "保持")\(Format.fixed(last, 1))%",
                           "Basic spending's share went from \(Format.fixed(first, 1))% to \(Format.fixed(last, 1))%")
        } else if dept != nil {
            title = l.pick("基本支出占\(Format.fixed(first, 1))%，项目支出占\(Format.fixed(100 - first, 1))%", "Basic spending \(Format.fixed(first, 1))%, project spending \(Format.fixed(100 - first, 1))%")
        } else {
            let top = rows.max { split($0.cell, pairs[0])!.1 < split($1.cell, pairs[0])!.1 }!
            title = l.pick("项目支出占比最高的是\(top.label)（\(Format.fixed(split(top.cell, pairs[0])!.1, 1))%）",
                           "\(top.label) has the largest project share (\(Format.fixed(split(top.cell, pairs[0])!.1, 1))%)")
        }
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("占支出的百分比；部门预算", "Share of spending, %; departmental budgets"), synthetic: synthetic, language: l)
        let labelW = min(170, (rows.map { TextMetrics.width($0.label, size: 12) }.max() ?? 40) + 12)
        let left = 24 + labelW, right = ChartFrame.width - 24
        let hasPersonnel = rows.contains { split($0.cell, pairs[1]) != nil }
        let groups: [(String, (String, String, String), [String], [String])] = [
            (l.pick("基本支出 / 项目支出", "Basic / project"), pairs[0], [l.pick("基本支出", "Basic"), l.pick("项目支出", "Project")], [SVGCanvas.okabeIto[0], SVGCanvas.okabeIto[1]]),
            (l.pick("人员经费 / 公用经费（占基本支出）", "Personnel / public use (of basic)"), pairs[1], [l.pick("人员经费", "Personnel"), l.pick("公用经费", "Public use")], [SVGCanvas.okabeIto[2], SVGCanvas.okabeIto[4]]),
        ]
        for (gi, g) in groups.enumerated() where gi == 0 || hasPersonnel {
            f.y += 6
            f.canvas.text(g.0, x: 24, y: f.y + 12, size: 13, weight: 600)
            // Legend as direct labels above the first bar.
            f.y += 22
            for (i, r) in rows.enumerated() {
                let y = f.y + Double(i) * 30
                f.canvas.text(ChartFrame.fit(r.label, size: 12, maxWidth: labelW - 8), x: left - 8, y: y + 15, size: 12, anchor: .end)
                guard let (a, b) = split(r.cell, g.1) else {
                    f.canvas.text(l.pick("未公开", "not stated"), x: left + 4, y: y + 15, size: 11, fill: SVGCanvas.muted)
                    continue
                }
                let w = right - left
                f.canvas.rect(x: left, y: y, width: w * a / 100, height: 20, fill: g.3[0], title: "\(g.2[0]) \(Format.fixed(a, 1))%")
                f.canvas.rect(x: left + w * a / 100, y: y, width: w * b / 100, height: 20, fill: g.3[1], title: "\(g.2[1]) \(Format.fixed(b, 1))%")
                let la = (i == 0 ? g.2[0] + " " : "") + Format.fixed(a, 1) + "%"
                let lb = (i == 0 ? g.2[1] + " " : "") + Format.fixed(b, 1) + "%"
                if TextMetrics.width(la, size: 11) + 8 < w * a / 100 {
                    f.canvas.text(la, x: left + 4, y: y + 14, size: 11, weight: 600, fill: "#ffffff")
                } else if i == 0 || a > 0 {
                    // Too narrow to hold its label: put it just after the segment, on the other colour.
                    f.canvas.text(Format.fixed(a, 1) + "%", x: left + w * a / 100 + 3, y: y + 14, size: 11, weight: 600, fill: "#000000")
                }
                if TextMetrics.width(lb, size: 11) + 8 < w * b / 100 && TextMetrics.width(la, size: 11) + 8 < w * a / 100 || TextMetrics.width(lb, size: 11) + 50 < w * b / 100 {
                    f.canvas.text(lb, x: right - 4, y: y + 14, size: 11, weight: 600, anchor: .end, fill: "#000000")
                }
            }
            f.y += Double(rows.count) * 30
        }
        var notes: [String] = []
        if rows.contains(where: { $0.cell.isDerivedOnly }) {
            notes.append(l.pick("* 该年未读到文件，数字由次年文件的“比上年增减”推算。", "* no document for that year; derived from the next year's stated changes."))
        }
        f.footer(notes: notes, source: source(for: Array(Set(rows.map(\.cell.key.department))).sorted()))
        return render(f, kind: .mix, title: title, description: rows.map { r in
            "\(r.label): " + (split(r.cell, pairs[0]).map { "basic \(Format.fixed($0.0, 1))%, project \(Format.fixed($0.1, 1))%" } ?? "")
        }.joined(separator: "; "))
    }

    // MARK: change — a waterfall from last year's total through each component's change to this year's

    func change(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        let dept = try onlyDepartment(r.department)
        let years = panel.years(dept, kind: .budget).filter { panel.cells[PanelKey(department: dept, year: $0, kind: .budget)]?.isDerivedOnly == false }
        guard let year = r.year ?? years.last, let cell = panel.cells[PanelKey(department: dept, year: year, kind: .budget)],
              let end = cell.own["expenditure.total"] else {
            throw ChartRefusal(zh: "变化图需要某年的支出合计，没有找到", en: "a change chart needs a year's total expenditure; none found")
        }
        let prevCell = panel.cells[PanelKey(department: dept, year: year - 1, kind: .budget)]
        guard let start = prevCell?.value("expenditure.total") else {
            throw ChartRefusal(zh: "变化图需要\(year - 1)年的支出合计（上年文件，或本年文件的“比上年增减”），没有找到",
                               en: "a change chart needs \(year - 1)'s total (its own document, or this year's stated change); none found")
        }
        var parts: [(key: String, change: Double, base: Double?, derived: Bool)] = []
        for k in ["expenditure.basic", "expenditure.project"] {
            if let c = cell.own["change." + k] {
                parts.append((k, c.value.double, prevCell?.value(k)?.value.double, prevCell?.value(k)?.derived ?? true))
            } else if let now = cell.own[k], let before = prevCell?.value(k) {
                parts.append((k, (now.value - before.value).double, before.value.double, before.derived))
            }
        }
        guard !parts.isEmpty else {
            throw ChartRefusal(zh: "变化图需要基本支出和项目支出的增减，没有找到", en: "a change chart needs the changes in basic and project spending; none found")
        }
        let startV = start.value.double, endV = end.value.double
        let sumParts = parts.reduce(0) { $0 + $1.change }
        let gap = endV - (startV + sumParts)
        let ordered = parts.sorted { abs($0.change) > abs($1.change) }
        let title = ordered.map { p -> String in
            guard let base = p.base, base != 0 else { return "\(name(p.key))\(p.change >= 0 ? l.pick("增加", "up ") : l.pick("减少", "down "))\(Money.format(abs(p.change)))\(l.pick("万元", ""))" }
            let pc = p.change / abs(base) * 100
            return l.pick("\(name(p.key))\(moveWord(pc))\(pct(pc))", "\(name(p.key)) \(moveWord(pc))\(pct(pc))")
        }.joined(separator: l.pick("，", ", "))
        let unit = Money.unit(forMax: max(startV, endV))
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("\(shortName(dept))\(year - 1)年到\(year)年的支出变化，单位：\(unit.zh)",
                                                "\(shortName(dept)): from \(year - 1) to \(year), \(unit.en)"), synthetic: synthetic, language: l)
        var running = startV
        var bars: [(label: String, from: Double, to: Double, kind: Int)] = [(l.pick("\(year - 1)年支出", "\(year - 1) total"), 0, startV, 0)]
        for p in ordered { bars.append((name(p.key), running, running + p.change, p.change >= 0 ? 1 : 2)); running += p.change }
        bars.append((l.pick("\(year)年支出", "\(year) total"), 0, endV, 0))
        let left = 24 + max(48, TextMetrics.width(Money.format(max(startV, endV), unit: unit), size: 11) + 14), right = ChartFrame.width - 24
        let top = f.y + 18, bottom = top + 250
        let hi = bars.map { max($0.from, $0.to) }.max() ?? 1, lo = bars.map { min($0.from, $0.to) }.min() ?? 0
        let ys = valueAxisY(&f, lo: min(0, lo), hi: hi, top: top, bottom: bottom, left: left, right: right, unit: unit)
        let slot = (right - left) / Double(bars.count), bw = min(90, slot * 0.6)
        for (i, b) in bars.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let colour = b.kind == 0 ? "#4d4d4d" : b.kind == 1 ? SVGCanvas.positive : SVGCanvas.negative
            let yTop = ys(max(b.from, b.to)), yBottom = ys(min(b.from, b.to))
            let derived = (i == 0 && start.derived)
            f.canvas.rect(x: cx - bw / 2, y: yTop, width: bw, height: max(1, yBottom - yTop), fill: derived ? "#bdbdbd" : colour,
                          stroke: derived ? "#4d4d4d" : nil, dash: derived, title: "\(b.label): \(Money.format(b.to - b.from)) 万元")
            let value = b.kind == 0 ? Money.format(b.to, unit: unit) : Money.format(b.to - b.from, unit: unit, signed: true)
            f.canvas.text(value, x: cx, y: yTop - 6, size: 12, weight: 700, anchor: .middle, fill: b.kind == 2 ? SVGCanvas.negative : SVGCanvas.ink)
            if i < bars.count - 1 {
                let next = left + slot * (Double(i) + 1.5)
                f.canvas.line(x1: cx + bw / 2, y1: ys(b.to), x2: next - bw / 2, y2: ys(b.to), stroke: SVGCanvas.muted, dash: true)
            }
            for (j, line) in ChartFrame.wrap(b.label, size: 12, maxWidth: slot - 6).enumerated() {
                f.canvas.text(line, x: cx, y: bottom + 17 + Double(j) * 15, size: 12, anchor: .middle, isLabel: false)
            }
        }
        f.y = bottom + 36
        var notes: [String] = []
        if start.derived {
            notes.append(l.pick("\(year - 1)年支出（虚线框）未读到上年文件，由\(year)年文件的“比上年增减”推算：\(Money.format(endV)) − \(Money.format(endV - startV)) = \(Money.format(startV)) 万元。",
                                "\(year - 1)'s total (dashed) is derived from \(year)'s stated change: \(Money.format(endV)) − \(Money.format(endV - startV)) = \(Money.format(startV)).")) 
        }
        if abs(gap) >= 0.005 {
            notes.append(l.pick("原文数字不闭合：\(Money.format(startV)) \(parts.map { Money.format($0.change, signed: true) }.joined(separator: " ")) = \(Money.format(startV + sumParts))，但\(year)年支出为 \(Money.format(endV))，相差 \(Money.format(gap, digits: 2, signed: true)) 万元。图中按原文画出，未作调整。",
                                "The document's figures do not close: \(Money.format(startV)) \(parts.map { Money.format($0.change, signed: true) }.joined(separator: " ")) = \(Money.format(startV + sumParts)), but \(year)'s total is \(Money.format(endV)): a gap of \(Money.format(gap, digits: 2, signed: true)). Drawn as stated, not adjusted."))
        }
        f.footer(notes: notes, source: source(for: [dept]))
        return render(f, kind: .change, title: title, description: bars.map { "\($0.label) \(Money.format($0.to - $0.from))" }.joined(separator: "; "))
    }

    // MARK: benchmark — one metric across departments, ordered bars, median and outlier thresholds

    func benchmark(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        // Without a metric: growth of total spending, else the basic share (one year only). Sizes themselves
        // are skewed by nature (an education bureau dwarfs a Party office) and make poor default benchmarks.
        var metric: Metric
        do { metric = try Metric(parsing: r.metric ?? "growth:expenditure.total") } catch { throw ChartRefusal(zh: "\(error)", en: "\(error)") }
        var (items, year) = Metrics.items(panel, metric, year: r.year)
        if r.metric == nil && items.count < 3, let share = try? Metric(parsing: "share:basic_share") {
            let alt = Metrics.items(panel, share, year: r.year)
            if alt.items.count > items.count { (metric, items, year) = (share, alt.items, alt.year) }
        }
        let metricName = benchmarkName(metric)
        guard items.count >= 3 else {
            throw ChartRefusal(zh: "基准比较至少需要 3 个部门的\(metricName)，只有 \(items.count) 个",
                               en: "a benchmark needs \(metricName) for at least 3 departments; there \(items.count == 1 ? "is" : "are") \(items.count)")
        }
        let results = Outliers.run(items, methods: OutlierMethod.allCases)
        let flagged = Set(results.flatMap { $0.flagged.map { items[$0].id } })
        let mad = results.first { $0.method == .mad && $0.refused == nil }
        let sorted = items.sorted { $0.value > $1.value }.prefix(30)
        let label: (OutlierItem) -> String = { it in
            if case .unitCost = metric.kind { return it.label }
            return self.shortName(it.id)
        }
        let median = mad?.centre ?? 0
        let isMoney = metric.unit == "万元"
        let unit = isMoney ? Money.unit(forMax: sorted.map(\.value).max() ?? 0) : Money.wan
        func fmt(_ v: Double) -> String { isMoney ? Money.format(v, unit: unit) : Format.fixed(v, 1) + (metric.unit.isEmpty ? "" : metric.unit) }
        let names = sorted.filter { flagged.contains($0.id) }.map(label)
        let title = names.isEmpty
            ? l.pick("\(year.map { "\($0)年" } ?? "")各部门\(metricName)：中位数 \(fmt(median))，无明显离群", "\(metricName)\(year.map { ", \($0)" } ?? ""): median \(fmt(median)), no clear outlier")
            : l.pick("\(names.prefix(3).joined(separator: "、"))\(names.count > 3 ? "等" : "")的\(metricName)明显偏离其他部门", "\(names.prefix(3).joined(separator: ", ")) stand\(names.count == 1 ? "s" : "") out on \(metricName)")
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("\(year.map { "\($0)年" } ?? "")部门预算，\(metricName)，单位：\(isMoney ? unit.zh : metric.unit.isEmpty ? "个" : metric.unit)",
                                                "\(metricName)\(year.map { ", \($0)" } ?? "") budgets, \(isMoney ? unit.en : metric.unit)"), synthetic: synthetic, language: l)
        let labelW = min(220, (sorted.map { TextMetrics.width(label($0), size: 12) }.max() ?? 60) + 12)
        func valueLabel(_ it: OutlierItem) -> String { fmt(it.value) + (flagged.contains(it.id) ? l.pick(" 离群", " outlier") : "") }
        // A negative value is labelled left of its bar, never over the zero, median and threshold lines; the plot
        // starts that much further right, so the label cannot run into the department names.
        let negativeRoom = sorted.filter { $0.value < 0 }.map { TextMetrics.width(valueLabel($0), size: 11) + 8 }.max() ?? 0
        let left = 24 + labelW, right = ChartFrame.width - 24 - 60
        let top = f.y + 20, rowH = 22.0, bottom = top + Double(sorted.count) * rowH
        let lo = min(0, sorted.map(\.value).min() ?? 0), hi = max(sorted.map(\.value).max() ?? 1, median)
        let xs = valueAxisX(&f, lo: lo, hi: hi, left: left + negativeRoom, right: right, top: top - 6, bottom: bottom, format: { fmt($0) })
        func row(_ i: Int) -> (y: Double, out: Bool, x0: Double, x1: Double) {
            let it = sorted[sorted.startIndex + i]
            return (top + Double(i) * rowH, flagged.contains(it.id), xs(min(0, it.value)), xs(max(0, it.value)))
        }
        for (i, it) in sorted.enumerated() {
            let (y, out, x0, x1) = row(i)
            f.canvas.text(ChartFrame.fit(label(it), size: 12, maxWidth: labelW - 8), x: left - 8, y: y + 14, size: 12, weight: out ? 700 : 400, anchor: .end)
            f.canvas.rect(x: x0, y: y + 3, width: x1 - x0, height: rowH - 8, fill: out ? SVGCanvas.negative : SVGCanvas.okabeIto[4], title: "\(it.label): \(fmt(it.value))")
        }
        // Median and the modified-z threshold (median ± 3.5 × MAD / 0.6745) where they fall in the plot: over the
        // bars, under the value labels.
        f.canvas.line(x1: xs(median), y1: top - 10, x2: xs(median), y2: bottom, stroke: SVGCanvas.ink, width: 1.5, dash: true)
        f.canvas.text(l.pick("中位数", "median"), x: xs(median), y: top - 12, size: 11, anchor: .middle, fill: SVGCanvas.ink)
        var notes: [String] = []
        if let m = mad, let scale = m.scale, scale > 0 {
            let hiT = median + (m.threshold ?? 3.5) * scale
            if hiT <= xs.domain.1 {
                f.canvas.line(x1: xs(hiT), y1: top - 10, x2: xs(hiT), y2: bottom, stroke: SVGCanvas.negative, dash: true)
            }
            notes.append(l.pick("虚线：中位数 \(fmt(median))；红色虚线：稳健 z 值阈值（中位数 + 3.5 × MAD/0.6745 = \(fmt(hiT))）。",
                                "Dashed: median \(fmt(median)); red dashed: robust z threshold (median + 3.5 × MAD/0.6745 = \(fmt(hiT)))."))
        }
        // A white halo keeps a short bar's label readable where a line crosses it.
        for (i, it) in sorted.enumerated() {
            let (y, out, x0, x1) = row(i)
            f.canvas.text(valueLabel(it), x: it.value < 0 ? x0 - 4 : x1 + 4, y: y + 14, size: 11, weight: out ? 700 : 400,
                          anchor: it.value < 0 ? .end : .start, fill: out ? SVGCanvas.negative : SVGCanvas.muted, extra: SVGCanvas.halo)
        }
        notes.append(l.pick("离群（红色）：修正 z 值 |M| > 3.5、Tukey 围栏（1.5 IQR）或广义 ESD（α = 0.05）任一方法标记。",
                            "Outliers (red): flagged by modified z (|M| > 3.5), Tukey fences (1.5 IQR) or generalized ESD (α = 0.05)."))
        for m in results where m.refused != nil { notes.append("\(m.method.rawValue): " + (l == .zh ? m.refused!.zh : m.refused!.en)) }
        if items.count > sorted.count { notes.append(l.pick("只画出数值最大的 30 个。", "Only the 30 largest are drawn.")) }
        f.y = bottom + 24
        f.footer(notes: notes, source: source(for: Array(Set(items.map { String($0.id.split(separator: "/").first ?? "") })).sorted()))
        return render(f, kind: .benchmark, title: title, description: sorted.map { "\(label($0)) \(fmt($0.value))" }.joined(separator: "; "))
    }

    func benchmarkName(_ metric: Metric) -> String { MetricNames.name(metric, l) }

    // MARK: unit-cost — ordered bars of cost per counted unit, with bound markers

    func unitCost(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        let dept = try resolveDepartment(r.department)
        var all: [UnitCost] = []
        // One year per department: the one asked for, else its latest document.
        for d in panel.departments where dept == nil || d.id == dept {
            let years = panel.years(d.id, kind: .budget).filter { panel.cells[PanelKey(department: d.id, year: $0, kind: .budget)]?.isDerivedOnly == false }
            guard let y = r.year ?? years.last else { continue }
            for i in panel.cells[PanelKey(department: d.id, year: y, kind: .budget)]?.documents ?? [] {
                all += UnitCosts.from(panel.disclosures[i], department: d.id).filter { $0.bound != .unclear }
            }
        }
        let manyDepartments = Set(all.map(\.department)).count > 1
        func label(_ u: UnitCost) -> String { manyDepartments ? "\(shortName(u.department))｜\(u.project)" : u.project }
        guard !all.isEmpty else {
            throw ChartRefusal(zh: "没有同时给出数量（个、人、人次…）和成本（万元）的绩效指标，无法计算单位成本",
                               en: "no performance targets state both a count and a cost, so no unit cost can be computed")
        }
        var counts: [String: Int] = [:]
        for u in all { counts[u.per, default: 0] += 1 }
        let per = r.per ?? counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first!.key
        let rows = Array(all.filter { $0.per == per }.sorted { $0.unitCost != $1.unitCost ? $0.unitCost > $1.unitCost : label($0) < label($1) }.prefix(30))
        guard !rows.isEmpty else {
            throw ChartRefusal(zh: "没有以“\(per)”计的单位成本；有：\(counts.keys.sorted().joined(separator: "、"))", en: "no unit cost per “\(per)”; there are: \(counts.keys.sorted().joined(separator: ", "))")
        }
        let top = rows[0]
        let title = l.pick("每\(per)成本最高的是\(label(top))：\(top.bound == .upper ? "至多" : top.bound == .lower ? "至少" : "")\(Money.format(top.unitCost.double))万元",
                           "Highest cost per \(per): \(label(top)), \(top.bound == .upper ? "at most " : top.bound == .lower ? "at least " : "")\(Money.format(top.unitCost.double))")
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("由绩效目标中的数量与成本推算，单位：万元/\(per)", "From the count and cost in performance targets; 10,000 yuan per \(per)"), synthetic: synthetic, language: l)
        let labelW = min(250, (rows.map { TextMetrics.width(label($0), size: 12) }.max() ?? 60) + 12)
        let left = 24 + labelW, right = ChartFrame.width - 24 - 80
        let topY = f.y + 20, rowH = 24.0, bottom = topY + Double(rows.count) * rowH
        let xs = valueAxisX(&f, lo: 0, hi: rows.map { $0.unitCost.double }.max() ?? 1, left: left, right: right, top: topY - 6, bottom: bottom,
                            format: { Money.format($0) })
        for (i, u) in rows.enumerated() {
            let y = topY + Double(i) * rowH
            f.canvas.text(ChartFrame.fit(label(u), size: 12, maxWidth: labelW - 8), x: left - 8, y: y + 15, size: 12, anchor: .end)
            let w = xs(u.unitCost.double) - xs(0)
            let exact = u.bound == .exact
            f.canvas.rect(x: xs(0), y: y + 4, width: w, height: rowH - 8, fill: exact ? SVGCanvas.okabeIto[0] : "#cfe3f2", stroke: exact ? nil : SVGCanvas.okabeIto[0],
                          dash: !exact, title: "\(u.project): \(u.countOp)\(u.count.plain)\(u.per), \(u.costOp)\(u.cost.plain) 万元")
            let mark = u.bound == .upper ? "≤ " : u.bound == .lower ? "≥ " : ""
            f.canvas.text(mark + Money.format(u.unitCost.double), x: xs(0) + w + 4, y: y + 15, size: 11, weight: 600)
        }
        f.y = bottom + 24
        f.footer(notes: [l.pick("实心：数量和成本都是确数；虚线框“≤”：成本为上限或数量为下限，每\(per)成本至多如此；“≥”：至少如此。",
                                "Solid: count and cost both exact; dashed “≤”: cost is a ceiling or the count a floor, so at most this much; “≥”: at least.")],
                 source: source(for: Array(Set(rows.map(\.department))).sorted()))
        return render(f, kind: .unitCost, title: title, description: rows.map { "\(label($0)) \($0.unitCost.plain)/\(per)" }.joined(separator: "; "))
    }

    // MARK: three-public — 三公 and its parts over years

    func threePublic(_ r: ChartRequest) throws(ChartRefusal) -> Chart {
        let dept = try onlyDepartment(r.department)
        // Budgets where there are any; a folder of final accounts only (a 三公 决算 statement) charts those.
        func stated(_ kind: DisclosureKind) -> [PanelCell] {
            panel.years(dept, kind: kind).compactMap { panel.cells[PanelKey(department: dept, year: $0, kind: kind)] }
                .filter { $0.value("three_public.total") != nil }
        }
        let budgets = stated(.budget)
        let cells = budgets.isEmpty ? stated(.finalAccounts) : budgets
        guard let lastCell = cells.last, let lastTotal = lastCell.value("three_public.total") else {
            throw ChartRefusal(zh: "没有“三公”经费数字", en: "no 'three public' expenses stated")
        }
        let parts = ["three_public.overseas_travel", "three_public.vehicles", "three_public.reception"]
        let colours = [SVGCanvas.okabeIto[1], SVGCanvas.okabeIto[0], SVGCanvas.okabeIto[2]]
        let lastV = lastTotal.value.double
        let title: String
        if cells.count >= 2, let prev = cells[cells.count - 2].value("three_public.total")?.value.double {
            let d = lastV - prev
            title = d == 0 ? l.pick("“三公”经费\(lastCell.key.year)年\(Money.format(lastV))万元，与上年持平", "'Three public' expenses: \(Money.format(lastV)) in \(lastCell.key.year), unchanged")
                : l.pick("“三公”经费\(lastCell.key.year)年\(Money.format(lastV))万元，比上年\(d > 0 ? "增加" : "减少")\(Money.format(abs(d)))万元",
                         "'Three public' expenses: \(Money.format(lastV)) in \(lastCell.key.year), \(d > 0 ? "up" : "down") \(Money.format(abs(d)))")
        } else {
            title = l.pick("“三公”经费\(lastCell.key.year)年\(Money.format(lastV))万元", "'Three public' expenses: \(Money.format(lastV)) in \(lastCell.key.year)")
        }
        let unit = Money.unit(forMax: cells.compactMap { $0.value("three_public.total")?.value.double }.max() ?? 0)
        var f = ChartFrame()
        f.header(title: title, subtitle: l.pick("\(shortName(dept))，因公出国（境）、公务用车、公务接待；单位：\(unit.zh)", "\(shortName(dept)): overseas travel, vehicles, reception; \(unit.en)"),
                 synthetic: synthetic, language: l)
        let left = 24 + max(44, TextMetrics.width(Money.format(lastV, unit: unit), size: 11) + 14), right = ChartFrame.width - 24 - 170
        let top = f.y + 18, bottom = top + 220
        let hi = cells.compactMap { $0.value("three_public.total")?.value.double }.max() ?? 1
        let ys = valueAxisY(&f, lo: 0, hi: hi, top: top, bottom: bottom, left: left, right: right, unit: unit)
        let slot = (right - left) / Double(cells.count), bw = min(70, slot * 0.6)
        var anyDerived = false
        for (i, c) in cells.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            var base = 0.0
            let derived = c.isDerivedOnly
            anyDerived = anyDerived || derived
            let values = parts.map { c.value($0)?.value.double }
            if values.allSatisfy({ $0 != nil }) {
                for (j, v) in values.enumerated() {
                    guard let v, v > 0 else { continue }
                    f.canvas.rect(x: cx - bw / 2, y: ys(base + v), width: bw, height: ys(base) - ys(base + v), fill: colours[j], title: "\(name(parts[j])) \(Money.format(v))")
                    base += v
                }
            } else if let t = c.value("three_public.total")?.value.double {
                f.canvas.rect(x: cx - bw / 2, y: ys(t), width: bw, height: ys(0) - ys(t), fill: derived ? "#bdbdbd" : "#4d4d4d", stroke: derived ? "#4d4d4d" : nil,
                              dash: derived, title: "\(c.key.year): \(Money.format(t))")
            }
            if let t = c.value("three_public.total")?.value.double {
                f.canvas.text(Money.format(t, unit: unit), x: cx, y: ys(t) - 6, size: 12, weight: 700, anchor: .middle)
            }
            f.canvas.text("\(c.key.year)\(derived ? "*" : "")", x: cx, y: bottom + 16, size: 11, anchor: .middle, fill: SVGCanvas.muted, isLabel: false)
        }
        // Direct labels for the parts that are not zero, beside the last bar that has them; zeros go to a note.
        var zeroParts: [String] = []
        if let withParts = cells.last(where: { c in parts.allSatisfy { c.value($0) != nil } }) {
            var base = 0.0
            var mids: [(Double, String, String)] = []
            for (j, p) in parts.enumerated() {
                let v = withParts.value(p)?.value.double ?? 0
                if v == 0 { zeroParts.append(name(p)); continue }
                mids.append((ys(base + v / 2) + 4, "\(name(p)) \(Money.format(v, unit: unit))", colours[j]))
                base += v
            }
            let placed = ChartFrame.spread(mids.map(\.0), gap: 15, minY: top + 4, maxY: bottom)
            for (j, m) in mids.enumerated() {
                f.canvas.text(ChartFrame.fit(m.1, size: 12, maxWidth: 166), x: right + 6, y: placed[j], size: 12, weight: 600, fill: m.2)
            }
            if !zeroParts.isEmpty {
                zeroParts = [l.pick("\(withParts.key.year)年\(zeroParts.joined(separator: "、"))为 0。", "In \(withParts.key.year), \(zeroParts.joined(separator: " and ")): 0.")]
            }
        }
        f.y = bottom + 24
        var notes: [String] = []
        notes += zeroParts
        // A year whose parts do not add up to its stated total: the bar shows the parts, the label the total.
        for c in cells {
            guard let total = c.value("three_public.total")?.value else { continue }
            let values = parts.compactMap { c.value($0)?.value }
            guard values.count == parts.count else { continue }
            let sum = values.reduce(0, +), gap = total - sum
            guard gap.magnitude >= Decimal(sign: .plus, exponent: -3, significand: 5) else { continue }
            notes.append(l.pick("\(c.key.year)年原文数字不闭合：三项合计 \(Money.format(sum.double))，但“三公”经费为 \(Money.format(total.double))，相差 \(Money.format(gap.double, digits: 2, signed: true)) 万元。柱按三项画出，柱上数字为原文合计。",
                                "\(c.key.year): the document's figures do not add up: the three parts come to \(Money.format(sum.double)), but the total is \(Money.format(total.double)), a gap of \(Money.format(gap.double, digits: 2, signed: true)). The bar shows the parts; the number above it is the stated total."))
        }
        if anyDerived { notes.append(l.pick("* 该年未读到文件，数字由次年文件推算（灰色虚线框）。", "* no document for that year; derived from the next year's document (grey, dashed).")) }
        f.footer(notes: notes, source: source(for: [dept]))
        return render(f, kind: .threePublic, title: title, description: cells.map { "\($0.key.year) \(Money.format($0.value("three_public.total")?.value.double ?? 0))" }.joined(separator: "; "))
    }
}
