import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel

/// Plain text: tables aligned by display width; colour (ANSI) only when asked, i.e. on a terminal.
public enum TextReportWriter {
    public static func write(_ doc: ReportDocument, color: Bool = false) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func warn(_ s: String) -> String { color ? "\u{1B}[33;1m\(s)\u{1B}[0m" : s }
        let title = TerminalText.clean(doc.title)
        var out = bold(title) + "\n" + String(repeating: "=", count: TextTable.width(title)) + "\n"
        for block in doc.blocks.map(\.terminalClean) {
            switch block {
            case .heading(let level, let text):
                out += "\n" + bold(text) + "\n"
                if level <= 2 { out += String(repeating: level == 1 ? "=" : "-", count: TextTable.width(text)) + "\n" }
            case .paragraph(let t): out += t + "\n"
            case .note(let t): out += "  " + t + "\n"
            case .banner(let t): out += warn("!! " + t) + "\n"
            case .bullets(let items): for i in items { out += "  - " + i + "\n" }
            case .table(let header, let rows, let numeric):
                var t = TextTable(header: header, align: numeric.map { $0 ? .right : .left })
                for r in rows { t.add(r.map { $0.replacingOccurrences(of: "\n", with: " ") }) }
                out += t.render()
            case .chart(let c, let file):
                out += "  [\(c.kind.rawValue)] \(c.title)" + (file.map { " → \($0)" } ?? "") + "\n"
            }
        }
        return out
    }
}

/// Markdown for the notebooks and code-hosting sites: pipe tables, charts as image links.
public enum MarkdownReportWriter {
    /// A table cell: escaped as text, and "|" and line breaks kept inside the cell.
    static let cell = ByteEscaper(["&": "&amp;", "<": "&lt;", "|": "\\|", "\n": "<br>"])

    /// Markdown passes HTML through: text from documents has its markup escaped (no <script>, no onerror).
    /// "<" and "&" are enough to open no tag and no entity; ">" ("|M| > 3.5") stays as written.
    static let esc = ByteEscaper(["&": "&amp;", "<": "&lt;"])

    public static func write(_ doc: ReportDocument) -> String {
        var out = "# \(esc(doc.title))\n\n"
        for block in doc.blocks {
            switch block {
            case .heading(let level, let text): out += "\n" + String(repeating: "#", count: min(6, level)) + " " + esc(text) + "\n\n"
            case .paragraph(let t): out += esc(t) + "\n\n"
            case .note(let t): out += "_" + esc(t) + "_\n\n"
            case .banner(let t): out += "> **\(esc(t))**\n\n"
            case .bullets(let items): out += items.map { "- " + esc($0) }.joined(separator: "\n") + "\n\n"
            case .table(let header, let rows, let numeric):
                out += "| " + header.map { cell($0) }.joined(separator: " | ") + " |\n"
                out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
                for r in rows { out += "| " + r.map { cell($0) }.joined(separator: " | ") + " |\n" }
                out += "\n"
            case .chart(let c, let file):
                let title = esc(c.title).replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
                if let file { out += "![\(title)](\(file))\n\n" } else { out += "_\(doc.language.pick("图", "Chart"))：\(title)_\n\n" }
            }
        }
        return out
    }
}

/// One self-contained HTML file: inline CSS and SVG, no network; prints cleanly.
public enum HTMLReportWriter {
    static let esc = SVGCanvas.escape

    static let css = """
    body{font-family:\(SVGCanvas.fontStack.replacingOccurrences(of: "'", with: "\""));color:#1a1a1a;margin:0;background:#fff}
    main{max-width:960px;margin:0 auto;padding:24px}
    h1{font-size:28px;margin:0 0 12px}h2{font-size:21px;border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:36px}
    h3{font-size:16px;margin-top:24px}
    table{border-collapse:collapse;margin:8px 0 16px;font-size:13px;width:auto;max-width:100%}
    th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#f3f6f9}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td:first-child,th:first-child{white-space:nowrap}
    .banner{background:#E69F00;color:#000;font-weight:700;padding:8px 12px;margin:12px 0}
    .note{color:#555;font-size:13px}figure{margin:16px 0}svg{max-width:100%;height:auto}
    @media print{main{max-width:none;padding:0}h2{break-after:avoid}figure,table{break-inside:avoid}.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """

    public static func write(_ doc: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(doc.language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(esc(doc.title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n<main>\n"
        out += "<h1>\(esc(doc.title))</h1>\n"
        for block in doc.blocks {
            switch block {
            case .heading(let level, let text): out += "<h\(min(6, level))>\(esc(text))</h\(min(6, level))>\n"
            case .paragraph(let t): out += "<p>\(esc(t))</p>\n"
            case .note(let t): out += "<p class=\"note\">\(esc(t))</p>\n"
            case .banner(let t): out += "<div class=\"banner\" role=\"note\">\(esc(t))</div>\n"
            case .bullets(let items): out += "<ul>\n" + items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let header, let rows, let numeric):
                func cls(_ i: Int) -> String { i < numeric.count && numeric[i] ? " class=\"n\"" : "" }
                out += "<table>\n<thead><tr>" + header.enumerated().map { "<th\(cls($0))>\(esc($1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for r in rows { out += "<tr>" + r.enumerated().map { "<td\(cls($0))>\(esc($1).replacingOccurrences(of: "\n", with: "<br>"))</td>" }.joined() + "</tr>\n" }
                out += "</tbody>\n</table>\n"
            case .chart(let c, _):
                out += "<figure>\n\(c.svg)</figure>\n"
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }
}

/// CSV for spreadsheets: one row per figure with its source. UTF-8; a BOM on request for Excel on Chinese Windows.
public enum CSVReportWriter {
    static func field(_ s: String) -> String {
        let s = neutralised(s)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// A text cell a spreadsheet would run as a formula (= + - @, or a tab or CR before one) gets a leading
    /// apostrophe, as OWASP advises against CSV injection. Numbers ("-12.5") stay numbers.
    static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        let body = s.unicodeScalars.dropFirst()
        if first == "-" || first == "+", !body.isEmpty, body.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) { return s }
        return "'" + s
    }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    public static func figures(_ panel: Panel) -> String {
        var out = line(["department_id", "department", "fiscal_year", "kind", "figure", "figure_name", "value", "unit", "derived", "path", "line", "page", "text"])
        // Columns are in contract order, so each cell's figures come out as FigureKey.sorted puts them.
        for cell in 0..<panel.cellCount {
            let dep = panel.departments[panel.department(of: cell)]
            for column in panel.figureNames.indices where panel.has(cell, column) {
                guard let v = panel.value(cell, column) else { continue }
                let k = panel.figureNames[column]
                out += line([dep.id, dep.name, "\(panel.year(of: cell))", panel.kind(of: cell).rawValue, k, FigureNames.zh(k),
                             v.value.plain, FigureKey.isCount(k) ? "" : FigureKey.isPercent(k) ? "%" : "万元", v.derived ? "true" : "false",
                             v.path, "\(v.line)", v.page.map(String.init) ?? "", v.text])
            }
        }
        return out
    }

    public static func findings(_ fs: [Finding], panel: Panel) -> String {
        var out = line(["severity", "rule", "department_id", "department", "fiscal_year", "kind", "message", "message_en", "evidence"])
        for f in fs {
            out += line([f.severity.rawValue, f.rule, f.department ?? "", f.department.flatMap { panel.department($0)?.name } ?? "",
                         f.year.map(String.init) ?? "", f.kind?.rawValue ?? "", f.message.zh, f.message.en,
                         f.evidence.map { "\($0.path):\($0.line)" }.joined(separator: " ")])
        }
        return out
    }
}

/// JSON that carries everything the report shows.
public enum JSONReportWriter {
    public static func write(_ d: ReportData) -> String {
        let panel = d.workspace.panel
        return JSON.object([
            ("synthetic", .bool(d.synthetic)),
            ("documents", .array(panel.disclosures.map(DisclosureJSON.disclosure))),
            ("failures", .array(d.workspace.failures.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })),
            ("comparison", AnalysisJSON.comparison(d.comparison)),
            ("findings", AnalysisJSON.findings(CheckReport(findings: d.findings, panel: panel), failures: [])),
            ("outliers", .array(d.outliers.map { AnalysisJSON.outliers(metric: $0.metric, year: $0.year, items: $0.items, results: $0.results) })),
            ("charts", .array(d.charts.map { .object([("kind", .string($0.kind.rawValue)), ("title", .string($0.title))]) })),
            ("charts_not_drawn", .array(d.refusedCharts.map { .object([("kind", .string($0.0.rawValue)), ("reason", .string($0.1.en)), ("reason_zh", .string($0.1.zh))]) })),
        ]).serialized() + "\n"
    }
}
