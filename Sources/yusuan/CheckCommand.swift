import ArgumentParser
import YusuanAnalyse
import YusuanPipeline
import YusuanRender

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        _superCommandName: Yusuan.toolName,
        abstract: "Check disclosures: sums, prior-year reconstruction, stated percentages, procurement, indicators, completeness.",
        discussion: """
        Every finding names its rule, severity and the lines it rests on. Rules:
        \(Rules.all.map { "  \($0.id) (\($0.severity.rawValue)): \($0.en)" }.joined(separator: "\n"))

        Tolerance: a sum may differ by half a display step per term (0.005 for amounts written to 0.01 万元);
        a stated percentage by 0.5 percentage points or 1% of itself.
        Exit codes: 0 no error-severity finding; 1 an error-severity finding, or an input failed; 2 a metadata file is bad; 64 usage.

        The report is kept in the document cache: a check of files that are all as in a run before (same bytes,
        same paths, same departments.yaml and denominators.yaml, same options and build) prints it again after
        hashing the files. --no-cache reads and checks everything afresh.
        """)

    @OptionGroup var input: InputOptions

    func run() throws {
        let run = try input.check()
        switch input.format {
        case .json:
            print(AnalysisJSON.findings(run.report, failures: run.failures.map { ($0.description, $0.message) }).serialized())
        case .text:
            print(TerminalText.clean(AnalysisText.findings(run.report, failures: run.failures.map { ($0.path + ($0.line.map { ":\($0)" } ?? ""), $0.message) }, language: input.lang)),
                  terminator: "")
        }
        if run.report.findings.contains(where: { $0.severity == .error }) || !run.failures.isEmpty { throw ExitCode(1) }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        _superCommandName: Yusuan.toolName,
        abstract: "The panel across years and departments: figures, growth (nominal and real), mix, unit costs, execution.",
        discussion: """
        Years with no document of their own are marked * : their figures are derived from the next year's
        比上年增减 sentences. Growth: year-on-year change, CAGR, and for 3+ years a log-linear trend with a 95% interval.

        Examples:
          yusuan compare datasets/guangyang/
          yusuan compare some-folder/ --metric expenditure.project --metric three_public.total --real
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("metric"), help: "Figure to follow (repeatable). Default: totals, basic, project, personnel, public use, 三公, 机关运行经费.")
    var metrics: [String] = []

    @Flag(help: "Also show real terms, deflated with --deflators.")
    var real = false

    @Option(help: "CSV of year,% price change (default datasets/deflators/cpi-china.csv).")
    var deflators: String?

    func run() throws {
        let w = try input.load()
        var deflatorPath: String?
        if real || deflators != nil {
            deflatorPath = deflators ?? "datasets/deflators/cpi-china.csv"
        }
        let comparison: Comparison
        do {
            comparison = try Pipeline.compare(w, figures: metrics.isEmpty ? Compare.defaultFigures : metrics, deflatorsPath: deflatorPath)
        } catch {
            warn("\(error)")
            throw ExitCode(2)
        }
        switch input.format {
        case .json: print(AnalysisJSON.comparison(comparison).serialized())
        case .text:
            print(TerminalText.clean(AnalysisText.comparison(comparison, real: real || deflators != nil, language: input.lang)), terminator: "")
            print(TerminalText.clean(AnalysisText.documents(panel: w.panel, failures: w.failures.map { ($0.path + ($0.line.map { ":\($0)" } ?? ""), $0.message) }, language: input.lang, checked: false)),
                  terminator: "")
        }
        if !w.failures.isEmpty { throw ExitCode(1) }
    }
}

extension OutlierMethod: ExpressibleByArgument {}

struct OutliersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outliers",
        _superCommandName: Yusuan.toolName,
        abstract: "Who is out of line: one metric across departments, by modified z-score (MAD), Tukey fences and generalized ESD.",
        discussion: """
        METRIC is a figure key (expenditure.total), growth:KEY (% on the previous year), cagr:KEY, share:ID
        (\(Mix.shares.map(\.id).joined(separator: ", "))) or unit_cost[:PER] (one item per project).
        Each method reports its centre, scale, threshold and every item's score; samples too small for a method
        are refused with the reason (MAD needs 3 values, Tukey 4, GESD 7).
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "The metric to compare.")
    var metric: String

    @Option(help: "mad, tukey, gesd or all.")
    var method: String = "all"

    @Option(help: "Fiscal year (default: the latest with data).")
    var year: Int?

    @Flag(help: "Compare final accounts instead of budgets.")
    var finalAccounts = false

    @Option(help: "GESD significance level α.")
    var alpha: Double = 0.05

    @Option(name: .customLong("max-outliers"), help: "GESD upper bound r on the number of outliers (default ⌊n/2⌋, at most 10).")
    var maxOutliers: Int?

    @Flag(help: "Use the Qn scale instead of MAD in the robust z-score.")
    var qn = false

    mutating func validate() throws {
        if method != "all" && OutlierMethod(rawValue: method) == nil { throw ValidationError("--method must be mad, tukey, gesd or all") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be between 0 and 1") }
        if let r = maxOutliers, r < 1 { throw ValidationError("--max-outliers must be at least 1") }
        do { _ = try Metric(parsing: metric) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let w = try input.load()
        let m = try Metric(parsing: metric)
        var options = OutlierOptions()
        options.alpha = alpha
        options.maxOutliers = maxOutliers
        options.useQn = qn
        let methods = method == "all" ? OutlierMethod.allCases : [OutlierMethod(rawValue: method) ?? .mad]
        let r = Pipeline.outliers(w, metric: m, year: year, kind: finalAccounts ? .finalAccounts : .budget, methods: methods, options: options)
        switch input.format {
        case .json: print(AnalysisJSON.outliers(metric: m, year: r.year, items: r.items, results: r.results).serialized())
        case .text: print(TerminalText.clean(AnalysisText.outliers(metric: m, year: r.year, items: r.items, results: r.results, language: input.lang)), terminator: "")
        }
        if !w.failures.isEmpty { throw ExitCode(1) }
    }
}
