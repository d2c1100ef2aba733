import Foundation
import YusuanModel

/// A compact binary form of a `Disclosure` for the document cache. Only the cache reads it, so it is not a
/// contract; a change to it (or to any model type) needs `DocumentCache.extractorVersion` bumped.
///
/// Decoding never trusts the bytes: every length is checked against what is left, strings must be UTF-8, enums
/// must be known, and the whole input must be used. Anything else is `DisclosureCoding.Corrupt`.
enum DisclosureCoding {
    typealias Corrupt = CacheCorrupt

    /// Everything but `source.path`, which the reader sets (the same bytes may lie at another path).
    static func encode(_ d: Disclosure) -> [UInt8] {
        let w = CacheWriter()
        w.string(d.source.format); w.string(d.source.sha256); w.string(d.source.encoding)
        let id = d.identity
        w.optional(id.department, w.string); w.optional(id.normalizedDepartment, w.string)
        w.optional(id.departmentCode, w.string); w.optional(id.region, w.string)
        w.optional(id.fiscalYear, w.int); w.optional(id.kind?.rawValue, w.string)
        w.optional(id.provenance, w.provenance); w.optional(id.title, w.string); w.optional(id.newsReport, w.provenance)
        // Sorted, so that the same disclosure always gives the same bytes. The key is written apart from the
        // figure's own: a figure may be kept under another name (支出总计 as the total).
        w.array(d.figures.sorted { $0.key < $1.key }) { kv in w.string(kv.key); w.figure(kv.value) }
        w.array(d.performanceTables) { t in
            w.string(t.scope.rawValue); w.string(t.project); w.optional(t.goal, w.string); w.int(t.line)
            w.array(t.indicators) { i in
                w.string(i.level1); w.string(i.level2); w.string(i.name); w.string(i.description)
                w.optional(i.op, w.string); w.optional(i.value, w.decimal); w.optional(i.unit, w.string)
                w.string(i.raw); w.string(i.basis); w.int(i.line)
            }
        }
        w.array(d.procurement) { p in
            w.optional(p.project, w.string); w.string(p.item); w.optional(p.catalogCode, w.string); w.optional(p.unit, w.string)
            w.optional(p.quantity, w.decimal); w.optional(p.unitPrice, w.decimal); w.optional(p.amount, w.decimal); w.int(p.line)
        }
        w.array(d.assets) { a in
            w.string(a.item); w.optional(a.count, w.decimal); w.optional(a.value, w.decimal); w.bool(a.isSubItem); w.int(a.line)
        }
        w.array(d.outline) { o in w.string(o.text); w.int(o.line) }
        w.array(d.lineItems) { li in
            w.string(li.code); w.string(li.name)
            w.array(li.values.sorted { $0.key < $1.key }) { kv in w.string(kv.key); w.decimal(kv.value) }
            w.optional(li.table, w.string); w.int(li.line)
        }
        w.array(d.statements, w.figure)
        w.array(d.warnings, w.string)
        return w.bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>, path: String) throws(Corrupt) -> Disclosure {
        let r = CacheReader(bytes)
        let source = SourceInfo(path: path, format: try r.string(), sha256: try r.string(), encoding: try r.string())
        var id = Identity()
        id.department = try r.optional(r.string); id.normalizedDepartment = try r.optional(r.string)
        id.departmentCode = try r.optional(r.string); id.region = try r.optional(r.string)
        id.fiscalYear = try r.optional(r.int)
        id.kind = try r.optional { () throws(Corrupt) in try r.enumeration(DisclosureKind.self) }
        id.provenance = try r.optional(r.provenance); id.title = try r.optional(r.string); id.newsReport = try r.optional(r.provenance)
        var figures: [String: Figure] = [:]
        for (k, f) in try r.array({ () throws(Corrupt) in (try r.string(), try r.figure()) }) {
            guard figures.updateValue(f, forKey: k) == nil else { throw Corrupt() }
        }
        var d = Disclosure(source: source, identity: id, figures: figures)
        d.performanceTables = try r.array { () throws(Corrupt) in
            let scope = try r.enumeration(PerformanceTable.Scope.self), project = try r.string(), goal = try r.optional(r.string)
            let line = try r.int()
            let indicators = try r.array { () throws(Corrupt) in
                Indicator(level1: try r.string(), level2: try r.string(), name: try r.string(), description: try r.string(),
                          op: try r.optional(r.string), value: try r.optional(r.decimal), unit: try r.optional(r.string),
                          raw: try r.string(), basis: try r.string(), line: try r.int())
            }
            return PerformanceTable(scope: scope, project: project, goal: goal, indicators: indicators, line: line)
        }
        d.procurement = try r.array { () throws(Corrupt) in
            ProcurementItem(project: try r.optional(r.string), item: try r.string(), catalogCode: try r.optional(r.string),
                            unit: try r.optional(r.string), quantity: try r.optional(r.decimal), unitPrice: try r.optional(r.decimal),
                            amount: try r.optional(r.decimal), line: try r.int())
        }
        d.assets = try r.array { () throws(Corrupt) in
            AssetRow(item: try r.string(), count: try r.optional(r.decimal), value: try r.optional(r.decimal),
                     isSubItem: try r.bool(), line: try r.int())
        }
        d.outline = try r.array { () throws(Corrupt) in OutlineEntry(text: try r.string(), line: try r.int()) }
        d.lineItems = try r.array { () throws(Corrupt) in
            let code = try r.string(), name = try r.string()
            var values: [String: Decimal] = [:]
            for (k, v) in try r.array({ () throws(Corrupt) in (try r.string(), try r.decimal()) }) {
                guard values.updateValue(v, forKey: k) == nil else { throw Corrupt() }
            }
            return LineItem(code: code, name: name, values: values, table: try r.optional(r.string), line: try r.int())
        }
        d.statements = try r.array(r.figure)
        d.warnings = try r.array(r.string)
        guard r.atEnd else { throw Corrupt() }
        return d
    }
}

extension CacheWriter {
    func provenance(_ p: Provenance) {
        int(p.line); optional(p.page, int); string(p.text); bool(p.ocr)
    }
    func figure(_ f: Figure) {
        string(f.key); decimal(f.value); string(f.raw); decimal(f.step); provenance(f.provenance); string(f.origin.rawValue)
    }
}

extension CacheReader {
    func provenance() throws(CacheCorrupt) -> Provenance {
        Provenance(line: try int(), page: try optional(int), text: try string(), ocr: try bool())
    }
    func figure() throws(CacheCorrupt) -> Figure {
        Figure(key: try string(), value: try decimal(), raw: try string(), step: try decimal(), provenance: try provenance(),
               origin: try enumeration(Figure.Origin.self))
    }
}
