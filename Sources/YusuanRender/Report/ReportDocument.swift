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

extension ReportBlock {
    /// The block with control characters dropped from its text, for a terminal.
    var terminalClean: ReportBlock {
        let c = TerminalText.clean
        switch self {
        case .heading(let level, let text): return .heading(level: level, text: c(text))
        case .paragraph(let t): return .paragraph(c(t))
        case .bullets(let items): return .bullets(items.map(c))
        case .table(let header, let rows, let numeric): return .table(header: header.map(c), rows: rows.map { $0.map(c) }, numeric: numeric)
        case .chart(let chart, let file): return .chart(chart, file: file)
        case .banner(let t): return .banner(c(t))
        case .note(let t): return .note(c(t))
        }
    }
}
