import Foundation
import YusuanModel
import YusuanRead

/// Why a document could not be read as a disclosure.
public struct ExtractionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// Blocks → Disclosure. One extractor serves every reader: they all produce `TextDocument`.
public enum Extractor {
    public static func extract(_ doc: TextDocument, source: SourceInfo) throws(ExtractionError) -> Disclosure {
        var collector = FigureCollector()
        var tables: [PerformanceTable] = []
        var procurement: [ProcurementItem] = []
        var assets: [AssetRow] = []
        var outline: [OutlineEntry] = []
        var lineItems: [LineItem] = []
        var lastParagraph: Paragraph?
        var recentParagraphs: [Paragraph] = []

        for block in doc.blocks {
            switch block {
            case .paragraph(let p):
                ProseFigures.extract(p, into: &collector)
                if p.text.count <= 60 { outline.append(OutlineEntry(text: p.text, line: p.line)) }
                lastParagraph = p
                recentParagraphs.append(p)
                if recentParagraphs.count > 3 { recentParagraphs.removeFirst() }
            case .table(let t):
                let title = lastParagraph?.text
                // Table titles often sit in the table's first cell ("…固定资产占用情况表").
                if let first = t.rows.first?.cells.first(where: { !$0.isEmpty }), first.text.count <= 60, first.text.includes("表") {
                    outline.append(OutlineEntry(text: first.text, line: first.line))
                }
                let factor = tableUnit(t, recent: recentParagraphs)
                if PerformanceTables.isPerformanceTable(t) {
                    if let pt = PerformanceTables.read(t, title: title) { tables.append(pt) }
                } else if AssetTables.isAssetTable(t) {
                    assets += AssetTables.read(t, unitFactor: factor, into: &collector)
                } else if ProcurementTables.isProcurementTable(t, title: title) {
                    let r = ProcurementTables.read(t, title: title, unitFactor: factor)
                    procurement += r.items
                    r.warnings.forEach { collector.warn($0) }
                } else if let r = ColumnTables.read(t, title: recentParagraphs.map(\.text).joined(separator: " "), unitFactor: factor, into: &collector) {
                    lineItems += r.lineItems
                } else {
                    LabelValueTables.read(t, unitFactor: factor, into: &collector)
                }
                recentParagraphs.removeAll()
            }
        }

        var identity = IdentityReader.read(doc)
        if identity.fiscalYear == nil && identity.kind == nil && collector.figures.isEmpty && tables.isEmpty {
            throw ExtractionError(message: "not a budget or final-accounts disclosure: no title with a year and 预算/决算, and no figures found")
        }
        var warnings = doc.warnings + collector.warnings
        if identity.department == nil {
            if let name = IdentityReader.name(fromPath: source.path) {
                identity.assignDepartment(name)
                warnings.append("\(Disclosure.departmentFromPathWarning) “\(name)” from the file or folder name")
            } else {
                warnings.append("no department name found in the title or the opening paragraphs")
            }
        }
        if identity.fiscalYear == nil { warnings.append("no fiscal year found in the title") }
        if identity.kind == nil {
            // No title: tell budget from final accounts by the words the document uses.
            let kind = IdentityReader.kind(fromWording: doc)
            identity.kind = kind
            warnings.append("no title naming 预算 or 决算; took \(kind.rawValue) from the wording")
        }
        if collector.figures.isEmpty { warnings.append("no canonical figures found") }
        var figures = collector.figures
        // 支出总计 is the total when the document carries nothing into next year (budgets, most final accounts).
        if figures["expenditure.total"] == nil, figures["carryover.end"] == nil, var g = figures["expenditure.grand_total"] {
            g.key = "expenditure.total"
            figures["expenditure.total"] = g
            figures["expenditure.grand_total"] = nil
        }
        if let pages = doc.pages {
            // Paged formats: every figure names its page, whichever reader part found it.
            for (k, f) in figures where f.provenance.page == nil && f.provenance.line >= 1 && f.provenance.line <= pages.count {
                figures[k]?.provenance.page = pages[f.provenance.line - 1]
            }
        }
        if doc.originalLines != nil {
            // Quote the document as written: the conversion to simplified was only for reading it.
            for (k, f) in figures { figures[k]?.provenance.text = doc.originalLine(f.provenance.line).trimmingSpaces() }
            if let p = identity.provenance { identity.provenance?.text = doc.originalLine(p.line).trimmingSpaces() }
        }
        var d = Disclosure(source: source, identity: identity, figures: figures, performanceTables: tables,
                           procurement: procurement, assets: assets, outline: outline, warnings: warnings)
        d.lineItems = lineItems
        return d
    }

    /// A table's money unit: stated in a cell ("单位：万元") or in the paragraphs just above; 万元 otherwise.
    static func tableUnit(_ t: Table, recent: [Paragraph]) -> Decimal {
        for row in t.rows.prefix(3) {
            for cell in row.cells { if let f = Numbers.statedTableUnit(cell.compact) { return f } }
        }
        for p in recent.reversed() { if let f = Numbers.statedTableUnit(p.text.replacingAll(" ", with: "")) { return f } }
        return 1
    }
}
