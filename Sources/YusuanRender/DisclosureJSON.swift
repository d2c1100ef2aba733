import YusuanIngest
import YusuanModel

/// The `yusuan ingest --format json` contract (DESIGN.md). Fields may be added; none may change meaning.
/// Written once against `JSONSink`: as `JSON` values, or as text straight into bytes.
public enum DisclosureJSON {
    public static func document(_ result: IngestResult) -> JSON {
        .object([("disclosures", .array(result.disclosures.map(disclosure))), ("failures", failures(result.failures))])
    }

    static func failures(_ fs: [IngestFailure]) -> JSON {
        .array(fs.map { f in .object([("path", .string(f.path)), ("line", f.line.map(JSON.int) ?? .null), ("message", .string(f.message))]) })
    }

    /// `document(_:).serialized()` in parts, one disclosure at a time, so that only one is held in memory: the
    /// same bytes when the parts are written one after another. A disclosure goes straight into bytes
    /// (`JSONBytes`), without a tree of values.
    public struct Stream {
        var written = 0

        public init() {}

        /// The next part: the document's opening (or the comma after the disclosure before), then `d`.
        public mutating func disclosureBytes(_ d: Disclosure) -> [UInt8] { next(Stream.body(d)) }

        /// The next part around a body made by `body` (on any thread: it does not depend on what came before).
        public mutating func next(_ body: [UInt8]) -> [UInt8] { Array(separator().utf8) + body }

        /// What goes before the next body: the document's opening, or the comma after the disclosure before. A
        /// writer that sends it and then the body as they are saves copying the body behind it.
        public mutating func separator() -> String {
            defer { written += 1 }
            return written == 0 ? "{\n  \"disclosures\": [\n    " : ",\n    "
        }

        /// One disclosure as it sits in the stream's array.
        public static func body(_ d: Disclosure) -> [UInt8] {
            // Room for about what the document will take (a figure or an indicator is written in some 450 bytes), so
            // that the buffer is not grown and copied again and again for a large document.
            let indicators = d.performanceTables.reduce(0) { $0 + $1.indicators.count }
            let estimate = 1024 + 576 * (d.figures.count + indicators) + 256 * (d.procurement.count + d.lineItems.count) + 128 * d.assets.count
            var bytes = JSONBytes(indent: 2, level: 2, capacity: estimate)
            DisclosureJSON.write(d, into: &bytes)
            return bytes.take()
        }

        public mutating func disclosure(_ d: Disclosure) -> String { String(decoding: disclosureBytes(d), as: UTF8.self) }

        public func end(failures fs: [IngestFailure]) -> String {
            (written == 0 ? "{\n  \"disclosures\": [],\n" : "\n  ],\n") + "  \"failures\": " + failures(fs).serialized(indent: 2, level: 1) + "\n}"
        }
    }

    public static func disclosure(_ d: Disclosure) -> JSON {
        var tree = JSONTree()
        write(d, into: &tree)
        return tree.root
    }

    static func write<S: JSONSink>(_ d: Disclosure, into s: inout S) {
        let id = d.identity
        s.beginObject()
        s.field("department", string: id.department)
        s.field("department_normalized", string: id.normalizedDepartment)
        s.field("department_code", string: id.departmentCode)
        s.field("region", string: id.region)
        s.field("fiscal_year", int: id.fiscalYear)
        s.field("kind", string: id.kind?.rawValue)
        s.field("unit", string: d.unit)
        s.field("source", .object([
            ("path", .string(d.source.path)), ("format", .string(d.source.format)),
            ("sha256", .string(d.source.sha256)), ("encoding", .string(d.source.encoding)),
        ]))
        s.key(literal: "figures")
        s.beginObject()
        // Statements by key, in document order: looked up per figure instead of filtered from all of them.
        var statementsByKey = [String: [Figure]](minimumCapacity: d.statements.count)
        for st in d.statements { statementsByKey[st.key, default: []].append(st) }
        // The table holds its figures in contract order (`FigureKey.sorted`): no look-up by name. Read by position,
        // without the boxed iterator of `for … in`.
        for i in 0..<d.figures.count {
            let key = d.figures.id(at: i).name
            s.key(key)
            // The texts are written from the table's bytes: no Figure (and its Strings) made for it.
            d.figures.withParts(at: i) { f, text, raw in
                s.beginObject()
                s.field("value", decimal: f.value)
                s.field("line", int: f.line)
                if let page = f.page { s.field("page", int: page) }
                s.field("text", utf8: text)
                s.field("raw", utf8: raw)
                if f.ocr { s.field("ocr", .bool(true)) }
                s.field("origin", string: f.origin.rawValue)
                // The figure's other statements in the document, where it is stated more than once.
                let others = (statementsByKey[key] ?? []).filter { differ($0.provenance, f, text) || $0.value != f.value }
                if !others.isEmpty {
                    s.key(literal: "also")
                    s.beginArray()
                    for o in others {
                        s.beginObject()
                        s.field("value", decimal: o.value)
                        s.field("line", int: o.provenance.line)
                        if let page = o.provenance.page { s.field("page", int: page) }
                        s.field("text", string: o.provenance.text)
                        s.field("origin", string: o.origin.rawValue)
                        s.endObject()
                    }
                    s.endArray()
                }
                s.endObject()
            }
        }
        s.endObject()
        s.key(literal: "performance_targets")
        s.beginArray()
        for t in d.performanceTables { performanceTable(t, into: &s) }
        s.endArray()
        s.key(literal: "procurement")
        s.beginArray()
        for p in d.procurement { procurementItem(p, into: &s) }
        s.endArray()
        s.key(literal: "assets")
        s.beginArray()
        for a in d.assets {
            s.beginObject()
            s.field("item", string: a.item)
            s.field("count", decimal: a.count)
            s.field("value", decimal: a.value)
            s.field("line", int: a.line)
            s.endObject()
        }
        s.endArray()
        s.key(literal: "line_items")
        s.beginArray()
        for li in d.lineItems {
            s.beginObject()
            s.field("code", string: li.code)
            s.field("name", string: li.name)
            s.field("table", string: li.table)
            s.field("line", int: li.line)
            s.key(literal: "values")
            s.beginObject()
            for k in FigureKey.sorted(li.values.keys) {
                guard let v = li.values[k] else { continue }
                s.key(k)
                s.value(.decimal(v))
            }
            s.endObject()
            s.endObject()
        }
        s.endArray()
        s.key(literal: "warnings")
        s.beginArray()
        for w in d.warnings { s.value(.string(w)) }
        s.endArray()
        s.endObject()
    }

    /// Whether provenance `a` differs from the figure's (`f`, with its text as `text`): the cheap fields first, the
    /// texts compared as bytes before as Strings (equal bytes are equal Strings; String comparison looks at the
    /// texts' normalisation first).
    static func differ(_ a: Provenance, _ f: FigureTable.Parts, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.line == f.line, a.page == f.page, a.ocr == f.ocr else { return true }
        return !a.text.withBytes { $0.count == text.count && TextSearch.equal($0, 0, text) } && a.text != String(decoding: text, as: UTF8.self)
    }

    static func performanceTable<S: JSONSink>(_ t: PerformanceTable, into s: inout S) {
        s.beginObject()
        s.field("project", string: t.project)
        s.field("scope", string: t.scope.rawValue)
        s.field("goal", string: t.goal)
        s.field("line", int: t.line)
        s.key(literal: "indicators")
        s.beginArray()
        for i in t.indicators {
            s.beginObject()
            s.field("level1", string: i.level1)
            s.field("level2", string: i.level2)
            s.field("name", string: i.name)
            s.field("description", string: i.description)
            s.field("op", string: i.op)
            s.field("value", decimal: i.value)
            s.field("unit", string: i.unit)
            s.field("raw", string: i.raw)
            s.field("basis", string: i.basis)
            s.field("line", int: i.line)
            s.endObject()
        }
        s.endArray()
        s.endObject()
    }

    static func procurementItem<S: JSONSink>(_ p: ProcurementItem, into s: inout S) {
        s.beginObject()
        s.field("item", string: p.item)
        s.field("catalog_code", string: p.catalogCode)
        s.field("unit", string: p.unit)
        s.field("quantity", decimal: p.quantity)
        s.field("unit_price", decimal: p.unitPrice)
        s.field("amount", decimal: p.amount)
        s.field("project", string: p.project)
        s.field("line", int: p.line)
        s.endObject()
    }
}
