import Foundation

/// Where a value came from: the line (1-based, in the decoded file), the page for paged formats,
/// and the text of that line it was read from.
public struct Provenance: Sendable, Equatable, Hashable {
    public var line: Int
    public var page: Int?
    public var text: String
    /// The text was read from an image by OCR (tesseract): the figure may be misread.
    public var ocr: Bool

    public init(line: Int, page: Int? = nil, text: String, ocr: Bool = false) {
        self.line = line
        self.page = page
        self.text = text
        self.ocr = ocr
    }
}

/// One canonical figure: exact value (万元 for amounts), how the document wrote it, and where.
public struct Figure: Sendable, Equatable {
    public var key: String
    public var value: Decimal
    /// The number and unit as written, e.g. "92,505,300元".
    public var raw: String
    /// The display step of the number as written, in the figure's unit: 0.01 for "9250.53万元",
    /// 0.0001 for "92,505,300元". Checks allow half a step of rounding per term.
    public var step: Decimal
    public var provenance: Provenance
    /// Whether the number was read from running text or from a table cell.
    public var origin: Origin

    public enum Origin: String, Sendable, Equatable { case prose, table }

    public init(key: String, value: Decimal, raw: String, step: Decimal = 0, provenance: Provenance, origin: Origin = .prose) {
        self.key = key
        self.value = value
        self.raw = raw
        self.step = step
        self.provenance = provenance
        self.origin = origin
    }
}

public enum DisclosureKind: String, Sendable, Equatable, Codable {
    case budget
    case finalAccounts = "final_accounts"
}

public struct Identity: Sendable, Equatable {
    /// The department's name as the document writes it.
    public var department: String?
    /// A normalised form (中国共产党→中共, 委员会→委, no spaces) for matching across documents.
    public var normalizedDepartment: String?
    /// The department code if the document states one (e.g. "[263001]").
    public var departmentCode: String?
    /// Administrative region read from the name, e.g. "廊坊市广阳区".
    public var region: String?
    public var fiscalYear: Int?
    public var kind: DisclosureKind?
    /// Where the department name and the year/kind were read.
    public var provenance: Provenance?
    /// The whole title when it is set over several lines ("某法院" / "2017年度一般公共预算财政拨款" / "“三公”经费决算
    /// 情况说明"), joined as read; nil when it is the one line of `provenance`. What the document is (a statement
    /// of its 三公 expenses alone) may be said on a line other than the one the year was read from.
    public var title: String?
    /// The line that shows the document is a news report about a disclosure, not the disclosure itself (a
    /// dateline "某网7月18日电", "本报讯", a reporter "（记者 某某）"); nil for a department's own text.
    public var newsReport: Provenance?

    public init(department: String? = nil, normalizedDepartment: String? = nil, departmentCode: String? = nil,
                region: String? = nil, fiscalYear: Int? = nil, kind: DisclosureKind? = nil,
                provenance: Provenance? = nil, title: String? = nil, newsReport: Provenance? = nil) {
        self.department = department
        self.normalizedDepartment = normalizedDepartment
        self.departmentCode = departmentCode
        self.region = region
        self.fiscalYear = fiscalYear
        self.kind = kind
        self.provenance = provenance
        self.title = title
        self.newsReport = newsReport
    }
}

extension Identity {
    /// Sets the department from outside the text (a file or folder name, `--department`): the name, its
    /// normalised form and the region its name gives.
    public mutating func assignDepartment(_ name: String) {
        department = name
        normalizedDepartment = DepartmentNames.normalize(name)
        let regions = DepartmentNames.split(name).regions
        region = regions.isEmpty ? nil : regions.joined()
    }
}

extension Disclosure {
    /// How a warning begins when the department was taken from the file or folder name.
    public static let departmentFromPathWarning = "the text names no department; took"
    /// The warning when neither the text nor the path names a department.
    public static let noDepartmentWarning = "no department name found in the title or the opening paragraphs"

    /// True when the text itself names no department (none was found, or it was guessed from the file name).
    public var textNamesNoDepartment: Bool {
        identity.department == nil || warnings.contains { $0.hasPrefix(Disclosure.departmentFromPathWarning) }
    }
}

/// A performance indicator row (绩效指标). Blank hierarchical cells have been filled from the row above.
public struct Indicator: Sendable, Equatable {
    public var level1: String
    public var level2: String
    public var name: String
    public var description: String
    /// Comparison operator: "=", "≥", "≤", ">", "<"; nil when the value is not a number.
    public var op: String?
    public var value: Decimal?
    public var unit: String?
    /// The value cell as written.
    public var raw: String
    public var basis: String
    public var line: Int

    public init(level1: String, level2: String, name: String, description: String, op: String?,
                value: Decimal?, unit: String?, raw: String, basis: String, line: Int) {
        self.level1 = level1
        self.level2 = level2
        self.name = name
        self.description = description
        self.op = op
        self.value = value
        self.unit = unit
        self.raw = raw
        self.basis = basis
        self.line = line
    }
}

public struct PerformanceTable: Sendable, Equatable {
    public enum Scope: String, Sendable { case department, project }
    public var scope: Scope
    /// Project name; for the department-wide table, the heading it sits under.
    public var project: String
    /// The 绩效目标 text if the table states one.
    public var goal: String?
    public var indicators: [Indicator]
    public var line: Int

    public init(scope: Scope, project: String, goal: String?, indicators: [Indicator], line: Int) {
        self.scope = scope
        self.project = project
        self.goal = goal
        self.indicators = indicators
        self.line = line
    }
}

public struct ProcurementItem: Sendable, Equatable {
    public var project: String?
    public var item: String
    public var catalogCode: String?
    public var unit: String?
    public var quantity: Decimal?
    /// 万元
    public var unitPrice: Decimal?
    /// 万元
    public var amount: Decimal?
    public var line: Int

    public init(project: String?, item: String, catalogCode: String?, unit: String?, quantity: Decimal?,
                unitPrice: Decimal?, amount: Decimal?, line: Int) {
        self.project = project
        self.item = item
        self.catalogCode = catalogCode
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.line = line
    }
}

public struct AssetRow: Sendable, Equatable {
    public var item: String
    public var count: Decimal?
    /// 万元
    public var value: Decimal?
    /// A "其中：" row: part of the row above, not of the total.
    public var isSubItem: Bool
    public var line: Int

    public init(item: String, count: Decimal?, value: Decimal?, isSubItem: Bool = false, line: Int) {
        self.item = item
        self.count = count
        self.value = value
        self.isSubItem = isSubItem
        self.line = line
    }
}

/// A row of a functional-classification table (类/款/项, e.g. 213 01 26 农村社会事业) with its amounts by column.
public struct LineItem: Sendable, Equatable {
    /// The classification code without spaces: "2130126".
    public var code: String
    public var name: String
    /// Column → amount (万元), keyed by canonical figure names where the column has one, else by the header text.
    public var values: [String: Decimal]
    public var table: String?
    public var line: Int

    public init(code: String, name: String, values: [String: Decimal], table: String?, line: Int) {
        self.code = code
        self.name = name
        self.values = values
        self.table = table
        self.line = line
    }
}

/// A short line of the document (a heading, a table title): what completeness checks look for.
public struct OutlineEntry: Sendable, Equatable {
    public var text: String
    public var line: Int

    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

public struct SourceInfo: Sendable, Equatable {
    public var path: String
    /// e.g. "tika-text"
    public var format: String
    public var sha256: String
    /// The text encoding the bytes were decoded from, e.g. "UTF-8", "GB18030".
    public var encoding: String

    public init(path: String, format: String, sha256: String, encoding: String) {
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.encoding = encoding
    }
}

/// Everything read off one document.
public struct Disclosure: Sendable, Equatable {
    public var source: SourceInfo
    public var identity: Identity
    /// Keyed by canonical figure name. A figure the document does not state is absent.
    public var figures: FigureTable
    public var performanceTables: [PerformanceTable]
    public var procurement: [ProcurementItem]
    public var assets: [AssetRow]
    /// Headings and table titles in document order.
    public var outline: [OutlineEntry]
    /// Functional-classification rows of the standard tables.
    public var lineItems: [LineItem] = []
    /// Every statement of every figure in document order, the one kept in `figures` among them: where a
    /// document states a figure twice (prose and table, headline and text), checks compare the statements.
    public var statements: [Figure] = []
    public var warnings: [String]
    /// Always 万元: amounts written in 元 or 亿元 are converted.
    public var unit: String { "万元" }

    public init(source: SourceInfo, identity: Identity, figures: [String: Figure] = [:],
                performanceTables: [PerformanceTable] = [], procurement: [ProcurementItem] = [],
                assets: [AssetRow] = [], outline: [OutlineEntry] = [], warnings: [String] = []) {
        self.source = source
        self.identity = identity
        self.figures = FigureTable(figures)
        self.performanceTables = performanceTables
        self.procurement = procurement
        self.assets = assets
        self.outline = outline
        self.warnings = warnings
    }
}
