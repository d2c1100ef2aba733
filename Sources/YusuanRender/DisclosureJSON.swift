import YusuanIngest
import YusuanModel

/// The `yusuan ingest --format json` contract (DESIGN.md). Fields may be added; none may change meaning.
public enum DisclosureJSON {
    public static func document(_ result: IngestResult) -> JSON {
        .object([("disclosures", .array(result.disclosures.map(disclosure))), ("failures", failures(result.failures))])
    }

    static func failures(_ fs: [IngestFailure]) -> JSON {
        .array(fs.map { f in .object([("path", .string(f.path)), ("line", f.line.map(JSON.int) ?? .null), ("message", .string(f.message))]) })
    }

    /// `document(_:).serialized()` in parts, one disclosure at a time, so that only one is held in memory: the
    /// same bytes when the parts are written one after another.
    public struct Stream {
        var written = 0

        public init() {}

        public mutating func disclosure(_ d: Disclosure) -> String {
            defer { written += 1 }
            return (written == 0 ? "{\n  \"disclosures\": [\n    " : ",\n    ") + DisclosureJSON.disclosure(d).serialized(indent: 2, level: 2)
        }

        public func end(failures fs: [IngestFailure]) -> String {
            (written == 0 ? "{\n  \"disclosures\": [],\n" : "\n  ],\n") + "  \"failures\": " + failures(fs).serialized(indent: 2, level: 1) + "\n}"
        }
    }

    public static func disclosure(_ d: Disclosure) -> JSON {
        let id = d.identity
        var figures: [(String, JSON)] = []
        // Statements by key, in document order: looked up per figure instead of filtered from all of them.
        var statementsByKey: [String: [Figure]] = [:]
        for s in d.statements { statementsByKey[s.key, default: []].append(s) }
        for key in FigureKey.sorted(d.figures.keys) {
            guard let f = d.figures[key] else { continue }
            var fields: [(String, JSON)] = [("value", .decimal(f.value)), ("line", .int(f.provenance.line))]
            if let page = f.provenance.page { fields.append(("page", .int(page))) }
            fields.append(("text", .string(f.provenance.text)))
            fields.append(("raw", .string(f.raw)))
            if f.provenance.ocr { fields.append(("ocr", .bool(true))) }
            fields.append(("origin", .string(f.origin.rawValue)))
            // The figure's other statements in the document, where it is stated more than once.
            let others = (statementsByKey[key] ?? []).filter { $0.provenance != f.provenance || $0.value != f.value }
            if !others.isEmpty {
                fields.append(("also", .array(others.map { o in
                    var s: [(String, JSON)] = [("value", .decimal(o.value)), ("line", .int(o.provenance.line))]
                    if let page = o.provenance.page { s.append(("page", .int(page))) }
                    s += [("text", .string(o.provenance.text)), ("origin", .string(o.origin.rawValue))]
                    return .object(s)
                })))
            }
            figures.append((key, .object(fields)))
        }
        return .object([
            ("department", .optional(id.department)),
            ("department_normalized", .optional(id.normalizedDepartment)),
            ("department_code", .optional(id.departmentCode)),
            ("region", .optional(id.region)),
            ("fiscal_year", id.fiscalYear.map(JSON.int) ?? .null),
            ("kind", .optional(id.kind?.rawValue)),
            ("unit", .string(d.unit)),
            ("source", .object([
                ("path", .string(d.source.path)), ("format", .string(d.source.format)),
                ("sha256", .string(d.source.sha256)), ("encoding", .string(d.source.encoding)),
            ])),
            ("figures", .object(figures)),
            ("performance_targets", .array(d.performanceTables.map(performanceTable))),
            ("procurement", .array(d.procurement.map(procurementItem))),
            ("assets", .array(d.assets.map { a in
                .object([("item", .string(a.item)), ("count", a.count.map(JSON.decimal) ?? .null),
                         ("value", a.value.map(JSON.decimal) ?? .null), ("line", .int(a.line))])
            })),
            ("line_items", .array(d.lineItems.map { li in
                .object([("code", .string(li.code)), ("name", .string(li.name)), ("table", .optional(li.table)), ("line", .int(li.line)),
                         ("values", .object(FigureKey.sorted(li.values.keys).compactMap { k in li.values[k].map { (k, JSON.decimal($0)) } }))])
            })),
            ("warnings", .array(d.warnings.map(JSON.string))),
        ])
    }

    static func performanceTable(_ t: PerformanceTable) -> JSON {
        .object([
            ("project", .string(t.project)),
            ("scope", .string(t.scope.rawValue)),
            ("goal", .optional(t.goal)),
            ("line", .int(t.line)),
            ("indicators", .array(t.indicators.map { i in
                .object([
                    ("level1", .string(i.level1)), ("level2", .string(i.level2)), ("name", .string(i.name)),
                    ("description", .string(i.description)), ("op", .optional(i.op)),
                    ("value", i.value.map(JSON.decimal) ?? .null), ("unit", .optional(i.unit)),
                    ("raw", .string(i.raw)), ("basis", .string(i.basis)), ("line", .int(i.line)),
                ])
            })),
        ])
    }

    static func procurementItem(_ p: ProcurementItem) -> JSON {
        .object([
            ("item", .string(p.item)), ("catalog_code", .optional(p.catalogCode)), ("unit", .optional(p.unit)),
            ("quantity", p.quantity.map(JSON.decimal) ?? .null), ("unit_price", p.unitPrice.map(JSON.decimal) ?? .null),
            ("amount", p.amount.map(JSON.decimal) ?? .null), ("project", .optional(p.project)), ("line", .int(p.line)),
        ])
    }
}
