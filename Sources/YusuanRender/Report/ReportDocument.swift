/// A report as a list of plain blocks, written out as text, Markdown or HTML by one writer each: the
/// content is decided once, in `ReportBuilder`.
public indirect enum ReportBlock: Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case bullets([String])
    case table(header: [String], rows: [[String]], numeric: [Bool])
    case chart(Chart, file: String?)
    /// A visible warning band (synthetic data, failures).
    case banner(String)
    case note(String)
}

public struct ReportDocument: Sendable {
    public var title: String
    public var language: Language
    public var blocks: [ReportBlock]
}
