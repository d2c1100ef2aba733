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
        var d = try content(doc, source: source)
        place(&d, at: source.path)
        return d
    }

    /// The file's path, and what the path tells: when the text names no department, the one its file or
    /// folder name gives ("某县教育局/2021.txt"). `content` leaves this out, so that what it returns can be kept
    /// for the same bytes at any path.
    public static func place(_ d: inout Disclosure, at path: String) {
        d.source.path = path
        guard d.identity.department == nil, let i = d.warnings.firstIndex(of: Disclosure.noDepartmentWarning),
              let name = IdentityReader.name(fromPath: path) else { return }
        d.identity.assignDepartment(name)
        d.warnings[i] = "\(Disclosure.departmentFromPathWarning) “\(name)” from the file or folder name"
    }

    /// What the document itself says, before `place`.
    public static func content(_ doc: TextDocument, source: SourceInfo) throws(ExtractionError) -> Disclosure {
        var collector = FigureCollector()
        var tables: [PerformanceTable] = []
        var procurement: [ProcurementItem] = []
        var assets: [AssetRow] = []
        var outline: [OutlineEntry] = []
        var lineItems: [LineItem] = []
        var lastParagraph: Paragraph?
        var recentParagraphs: [Paragraph] = []
        var headingFigure: String?
        // Who and when first: which column or clause holds this document's own figures depends on them.
        var identity = IdentityReader.read(doc)
        var kindFromWording = false
        if identity.kind == nil {
            // No title: tell budget from final accounts by the words the document uses.
            identity.kind = IdentityReader.kind(fromWording: doc)
            kindFromWording = true
        }
        let scope = DocumentScope(kind: identity.kind, fiscalYear: identity.fiscalYear)

        // Performance tables of one document mostly share one head: its columns are found once.
        var performanceHeads = PerformanceTables.Heads()
        for block in ContinuedTables.joined(doc.blocks) {
            switch block {
            case .paragraph(let p):
                if let other = OtherUnits.named(atStartOf: p.text, department: identity.department) {
                    // A news page quoting several departments: this paragraph is another unit's.
                    collector.warn("line \(p.line) is about \(other), not \(identity.department ?? ""): its figures were not taken")
                } else {
                    ProseFigures.extract(p, scope: scope, heading: headingFigure, into: &collector)
                }
                // A numbered heading that names one figure and states no amount ("二、公务接待费") is the subject
                // of the paragraph under it.
                let length = p.text.characterCount(atMost: 60)
                if TikaTextReader.looksLikeHeading(p.text) || length <= 16 {
                    let keys = Numbers.mentions(in: p.text).isEmpty ? FigureLabels.keys(for: p.text) : []
                    headingFigure = keys.count == 1 ? keys[0] : nil
                } else {
                    headingFigure = nil
                }
                if length <= 60 { outline.append(OutlineEntry(text: p.text, line: p.line)) }
                lastParagraph = p
                recentParagraphs.append(p)
                if recentParagraphs.count > 3 { recentParagraphs.removeFirst() }
            case .table(let t):
                let title = lastParagraph?.text
                // Table titles often sit in the table's first cell ("…固定资产占用情况表").
                if let first = t.rows.first?.cells.first(where: { !$0.isEmpty }), first.text.characterCount <= 60, first.text.includes("表") {
                    outline.append(OutlineEntry(text: first.text, line: first.line))
                }
                if PerformanceTables.isPerformanceTable(t) {
                    tables += PerformanceTables.read(t, title: title, heads: &performanceHeads)
                    recentParagraphs.removeAll()
                    continue
                }
                // Performance targets state no money: the unit is looked for only in the other tables.
                let factor = tableUnit(t, recent: recentParagraphs)
                if AssetTables.isAssetTable(t) {
                    assets += AssetTables.read(t, unitFactor: factor, into: &collector)
                } else if ThreePublicTables.read(t, title: recentParagraphs.map(\.text).joined(separator: " "), scope: scope, unitFactor: factor, into: &collector) {
                    // read
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

        if identity.fiscalYear == nil && kindFromWording && collector.figures.isEmpty && tables.isEmpty {
            throw ExtractionError(message: "not a budget or final-accounts disclosure: no title with a year and 预算/决算, and no figures found")
        }
        var warnings = doc.warnings + collector.warnings
        // `place` turns this into the department the path names, when it names one.
        if identity.department == nil { warnings.append(Disclosure.noDepartmentWarning) }
        if identity.fiscalYear == nil { warnings.append("no fiscal year found in the title") }
        if kindFromWording, let kind = identity.kind {
            warnings.append("no title naming 预算 or 决算; took \(kind.rawValue) from the wording")
        }
        if collector.figures.isEmpty { warnings.append("no canonical figures found") }
        var figures = collector.figures
        // 支出总计 is the total when the document carries nothing into next year (budgets, most final accounts).
        // The same for its change, percentage, budget and last year's amount.
        if figures["carryover.end"] == nil {
            for prefix in ["", "change.", "change_pct.", "budget.", "prior."] {
                guard figures[prefix + "expenditure.total"] == nil, var g = figures[prefix + "expenditure.grand_total"] else { continue }
                g.key = prefix + "expenditure.total"
                figures[g.key] = g
                figures[prefix + "expenditure.grand_total"] = nil
            }
        }
        func sourced(_ f: Figure) -> Figure {
            var f = f
            // Paged formats: every figure names its page, whichever reader part found it.
            if let pages = doc.pages, f.provenance.page == nil, f.provenance.line >= 1, f.provenance.line <= pages.count {
                f.provenance.page = pages[f.provenance.line - 1]
            }
            // Quote the document as written: the conversion to simplified was only for reading it. A table's
            // figure keeps its row, which spans several lines when the dump gave one cell per line.
            if doc.originalLines != nil, f.origin == .prose { f.provenance.text = doc.originalLine(f.provenance.line).trimmingSpaces() }
            if doc.ocr { f.provenance.ocr = true }
            return f
        }
        // Most documents (text without pages, traditional characters or OCR) leave every figure as it is.
        let resourced = doc.pages != nil || doc.originalLines != nil || doc.ocr
        if resourced { figures = figures.mapValues(sourced) }
        if doc.originalLines != nil, let p = identity.provenance { identity.provenance?.text = doc.originalLine(p.line).trimmingSpaces() }
        if doc.originalLines != nil, let p = identity.newsReport { identity.newsReport?.text = doc.originalLine(p.line).trimmingSpaces() }
        if doc.ocr { identity.provenance?.ocr = true }
        var d = Disclosure(source: source, identity: identity, figures: figures, performanceTables: tables,
                           procurement: procurement, assets: assets, outline: outline, warnings: warnings)
        d.lineItems = lineItems
        d.statements = resourced ? collector.statements.map(sourced) : collector.statements
        return d
    }

    /// A table's money unit: stated in a cell ("单位：万元") or in the paragraphs just above; 万元 otherwise.
    static func tableUnit(_ t: Table, recent: [Paragraph]) -> Decimal {
        for row in t.rows.prefix(3) {
            if let f = TableHeaders.firstCompact(row, Numbers.statedTableUnit) { return f }
        }
        for p in recent.reversed() { if let f = Numbers.statedTableUnit(p.text.replacingAll(" ", with: "")) { return f } }
        return 1
    }
}

/// Paragraphs about a unit other than the document's (news pages that quote several departments).
enum OtherUnits {
    static let endings = ["局", "委", "办", "院", "厅", "中心", "所", "站", "馆", "队", "处", "学校", "小学", "中学", "医院", "政府"]
    /// `endings` as bytes: compared with every paragraph's head, without a copy of a small String each time.
    static let endingBytes = endings.map { Array($0.utf8) }

    /// The unit a paragraph opens with ("市食药监局2015年…"), when it is not `department` or a short form of it.
    static func named(atStartOf text: String, department: String?) -> String? {
        guard let department, !department.isEmpty else { return nil }
        // The head runs to the first stop ("，,。：:；;（(") or ASCII digit; its name must end like a unit's.
        let name: String? = text.withBytes { b in
            var end = 0
            while end < b.count {
                let c = b[end]
                // The stops are ASCII or start with E3 or EF: other scalars are not decoded.
                if c < 0x80 ? UTF8Text.isDigit(c) || headStops.contains(UInt32(c))
                    : (c == 0xE3 || c == 0xEF) && headStops.contains(UTF8Text.scalar(b, at: end)) { break }
                end += UTF8Text.scalarLength(lead: c)
            }
            let t = UTF8Text.trimmed(b, 0, min(end, b.count))
            guard endingBytes.contains(where: { e in e.withUnsafeBufferPointer { t.count >= $0.count && TextSearch.equal(b, t.upperBound - $0.count, $0) } })
            else { return nil }
            return UTF8Text.string(b, t.lowerBound, t.upperBound)
        }
        guard let name, name.count >= 3, name.count <= 16, !["本", "我", "该"].contains(where: { name.hasPrefix($0) }) else { return nil }
        return isShortForm(name, of: department) || isShortForm(department, of: name) ? nil : name
    }

    /// Looked up for every scalar of a head: a few values in a sorted list, without hashing.
    static let headStops = ScalarSet("，,。：:；;（(")

    /// "区委办" is a short form of "中共某区委员会办公室": its characters appear in order.
    static func isShortForm(_ short: String, of long: String) -> Bool {
        var it = long.makeIterator()
        for ch in short {
            var found = false
            while let c = it.next() { if c == ch { found = true; break } }
            if !found { return false }
        }
        return true
    }
}
