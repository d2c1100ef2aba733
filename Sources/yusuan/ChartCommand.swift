import ArgumentParser
import Foundation
import YusuanPipeline
import YusuanRead
import YusuanRender

extension ChartKind: ExpressibleByArgument {}

struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        _superCommandName: Yusuan.toolName,
        abstract: "Draw one chart as SVG: trend, mix, change, benchmark, unit-cost or three-public.",
        discussion: """
        Chosen by the question asked:
          trend         change over years (lines; one per department, or total/basic/project for one department)
          mix           basic vs project and personnel vs public (100% stacked bars per year or per department)
          change        a waterfall from last year's total through each component's change to this year's
          benchmark     one metric across departments: ordered bars, median, outlier threshold, outliers named
          unit-cost     cost per village / community / person implied by performance targets, with bounds
          three-public  三公 and its parts over years
        When the data cannot support the chart, nothing is written and the message says what is missing (exit 1).

        Example:
          yusuan chart change datasets/guangyang/2021/organization-department.budget.txt --out change.svg
        """)

    @Argument(help: "trend, mix, change, benchmark, unit-cost or three-public.")
    var kind: ChartKind

    @Argument(help: "Disclosure files or folders.")
    var paths: [String]

    @Option(help: "Where to write the SVG.")
    var out: String

    @Option(help: "Figure key (trend) or metric (benchmark: KEY, growth:KEY, share:ID, unit_cost …).")
    var metric: String?

    @Option(help: "A department id or name.")
    var department: String?

    @Option(help: "Fiscal year (change, mix, benchmark).")
    var year: Int?

    @Option(help: "unit-cost: what is counted (人, 社区 …).")
    var per: String?

    @Option(help: "Language: zh or en.")
    var lang: Language = .zh

    @Option(help: "YAML of department name variants.")
    var aliases: String?

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let w: Workspace
        do {
            w = try reading.withCache { cache in try Pipeline.load(paths: paths, aliasesPath: aliases, options: reading.options, cache: cache) }
        } catch { warn("\(error)"); throw ExitCode(2) }
        for f in w.failures { warn(f.description) }
        do {
            let chart = try Charts.make(ChartRequest(kind: kind, metric: metric, department: department, year: year, per: per, language: lang),
                                        panel: w.panel)
            try AtomicFile.write(chart.svg, to: out)
            print(lang == .zh ? "已写入 \(out)：\(chart.title)" : "wrote \(out): \(chart.title)")
        } catch let e as OutputError {
            warn(e.description)
            throw ExitCode(1)
        } catch let refusal as ChartRefusal {
            warn(lang == .zh ? "不画 \(kind.rawValue) 图：\(refusal.zh)" : "no \(kind.rawValue) chart: \(refusal.en)")
            throw ExitCode(1)
        }
        if !w.failures.isEmpty { throw ExitCode(1) }
    }
}
