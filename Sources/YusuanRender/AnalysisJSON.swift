import YusuanAnalyse
import YusuanCollect
import YusuanModel

/// JSON for `check`, `compare` and `outliers`: everything the text shows, with sources.
public enum AnalysisJSON {
    static func double(_ d: Double?) -> JSON {
        guard let d, d.isFinite else { return .null }
        return .number(Format.fixed(d, 6).trimmedZeros)
    }

    static func value(_ v: SourcedValue) -> JSON {
        .object([("value", .decimal(v.value)), ("derived", .bool(v.derived)), ("path", .string(v.path)), ("line", .int(v.line)),
                 ("page", v.page.map(JSON.int) ?? .null), ("text", .string(v.text))])
    }

    public static func findings(_ report: CheckReport, failures: [(String, String)]) -> JSON {
        let fs = report.findings
        let counts = Finding.Severity.allCases.map { s in (s.rawValue, JSON.int(fs.filter { $0.severity == s }.count)) }
        return .object([
            ("findings", .array(fs.map { f in
                .object([
                    ("rule", .string(f.rule)), ("severity", .string(f.severity.rawValue)),
                    ("department", .optional(f.department)), ("department_name", .optional(f.department.flatMap { report.departmentNames[$0] })),
                    ("fiscal_year", f.year.map(JSON.int) ?? .null), ("kind", .optional(f.kind?.rawValue)),
                    ("message", .string(f.message.zh)), ("message_en", .string(f.message.en)),
                    ("evidence", .array(f.evidence.map { e in
                        .object([("path", .string(e.path)), ("line", .int(e.line)), ("page", e.page.map(JSON.int) ?? .null), ("text", .string(e.text))])
                    })),
                ])
            })),
            ("summary", .object(counts)),
            ("documents_checked", .int(report.documentsChecked)),
            ("unplaced", .array(report.unplaced.map { .object([("path", .string($0.path)), ("reason", .string($0.reason))]) })),
            ("failures", .array(failures.map { .object([("path", .string($0.0)), ("message", .string($0.1))]) })),
        ])
    }

    public static func comparison(_ c: Comparison) -> JSON {
        .object([
            ("figures", .array(c.figures.map(JSON.string))),
            ("deflators", .optional(c.deflators?.source)),
            ("departments", .array(c.departments.map { d in
                .object([
                    ("department", .string(d.department.id)), ("name", .string(d.department.name)),
                    ("names", .array(d.department.names.map(JSON.string))), ("kind", .string(d.kind.rawValue)),
                    ("years", .array(d.years.map(JSON.int))), ("derived_years", .array(d.derivedYears.sorted().map(JSON.int))),
                    ("growth", .array(d.growth.map(growth))),
                    ("mix", .array(d.mix.map { r in
                        .object([("year", .int(r.year)), ("derived", .bool(r.derived)),
                                 ("shares", .object(Mix.shares.compactMap { s in r.shares[s.id].map { (s.id, double($0)) } })),
                                 ("changes_pp", .object(Mix.shares.compactMap { s in r.changes[s.id].map { (s.id, double($0)) } }))])
                    })),
                    ("unit_costs", .array(d.unitCosts.map(unitCost))),
                    ("per_unit", .array(d.perUnit.map { .object([("year", .int($0.year)), ("per", .string($0.label)), ("value", .decimal($0.value))]) })),
                    ("execution", .array(d.execution.map { e in
                        .object([("year", .int(e.year)), ("figure", .string(e.figure)), ("budget", value(e.budget)), ("final", value(e.final)),
                                 ("percent", e.percent.map(JSON.decimal) ?? .null)])
                    })),
                ])
            })),
        ])
    }

    static func growth(_ g: GrowthSeries) -> JSON {
        func trend(_ t: GrowthSeries.Trend?) -> JSON {
            guard let t else { return .null }
            return .object([("rate", double(t.rate)), ("lower95", double(t.lower)), ("upper95", double(t.upper)), ("n", .int(t.n)),
                            ("slope", double(t.slope)), ("slope_se", double(t.slopeStandardError)), ("t", double(t.tQuantile))])
        }
        return .object([
            ("figure", .string(g.figure)),
            ("points", .array(g.points.map { p in
                .object([("year", .int(p.year)), ("value", value(p.value)), ("real", double(p.real))])
            })),
            ("steps", .array(g.steps.map { s in
                .object([("from", .int(s.from)), ("to", .int(s.to)), ("change", .decimal(s.change)), ("percent", double(s.percent)),
                         ("real_percent", double(s.realPercent))])
            })),
            ("cagr", double(g.cagr)), ("real_cagr", double(g.realCagr)), ("trend", trend(g.trend)), ("real_trend", trend(g.realTrend)),
            ("base_year", g.baseYear.map(JSON.int) ?? .null), ("notes", .array(g.notes.map(JSON.string))),
        ])
    }

    static func unitCost(_ u: UnitCost) -> JSON {
        .object([("project", .string(u.project)), ("year", .int(u.year)), ("per", .string(u.per)), ("count", .decimal(u.count)),
                 ("count_op", .string(u.countOp)), ("cost", .decimal(u.cost)), ("cost_op", .string(u.costOp)),
                 ("unit_cost", .decimal(u.unitCost)), ("bound", .string(u.bound.rawValue)), ("path", .string(u.path)),
                 ("count_line", .int(u.countLine)), ("cost_line", .int(u.costLine))])
    }

    public static func outliers(metric: Metric, year: Int?, items: [OutlierItem], results: [MethodResult]) -> JSON {
        .object([
            ("metric", .string(metric.description)), ("unit", .string(metric.unit)), ("year", year.map(JSON.int) ?? .null),
            ("methods", .array(results.map { r in
                .object([
                    ("method", .string(r.method.rawValue)), ("refused", .optional(r.refused?.en)), ("refused_zh", .optional(r.refused?.zh)), ("centre", double(r.centre)),
                    ("scale", double(r.scale)), ("scale_name", .string(r.scaleName)), ("threshold", double(r.threshold)),
                    ("lower_fence", double(r.lowerFence)), ("upper_fence", double(r.upperFence)),
                    ("flagged", .array(r.flagged.map { JSON.string(items[$0].id) })), ("notes", .array(r.notes.map(JSON.string))),
                    ("steps", .array(r.steps.map { .object([("removed", .string(items[$0.removed].id)), ("r", double($0.r)), ("lambda", double($0.lambda))]) })),
                ])
            })),
            ("items", .array(items.enumerated().map { i, it in
                .object([("id", .string(it.id)), ("label", .string(it.label)), ("value", double(it.value)),
                         ("scores", .object(results.filter { $0.refused == nil }.map { ($0.method.rawValue, double($0.scores[i])) })),
                         ("flagged_by", .array(results.filter { $0.flags(i) }.map { JSON.string($0.method.rawValue) }))])
            })),
        ])
    }
}

extension String {
    /// "1.500000" → "1.5", "2.000000" → "2".
    var trimmedZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.last == "0" { s.removeLast() }
        if s.last == "." { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
