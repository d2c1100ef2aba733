import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanModel
import YusuanStats
#if canImport(Glibc)
import Glibc
#endif

// yusuan-bench analysis N   — build a panel of N department-years in memory (N/10 departments × 10 years),
//                             then growth and mix for every department and all three outlier methods on five metrics.
// Prints one line of JSON: phase times in seconds and peak resident memory in MB.

func peakRSSMegabytes() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}

typealias Rng = SplitMix64

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

var cpuTotal = 0.0

/// Wall seconds of `f`; its CPU seconds are added to `cpuTotal`.
@MainActor func time<T>(_ f: () -> T) -> (T, Double) {
    let start = ContinuousClock.now, cpu = cpuSeconds()
    let r = f()
    let d = ContinuousClock.now - start
    cpuTotal += cpuSeconds() - cpu
    return (r, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
}

func syntheticDisclosures(_ n: Int) -> [Disclosure] {
    var rng = Rng(seed: 42)
    let years = 10
    let departments = max(1, n / years)
    var out: [Disclosure] = []
    out.reserveCapacity(departments * years)
    let text = "synthetic"
    let step = Decimal(sign: .plus, exponent: -2, significand: 1)
    for d in 0..<departments {
        let scale = 200 + rng.unit() * 20_000
        let basicShare = 0.2 + rng.unit() * 0.6
        for y in 0..<years {
            let total = scale * pow(1.04 + rng.unit() * 0.04, Double(y))
            func dec(_ v: Double) -> Decimal { Decimal(sign: v < 0 ? .minus : .plus, exponent: -2, significand: Decimal(Int((abs(v) * 100).rounded()))) }
            let basic = dec(total * basicShare), project = dec(total * (1 - basicShare))
            let personnel = dec(total * basicShare * 0.8)
            let figures: [String: Decimal] = [
                "expenditure.total": basic + project, "expenditure.basic": basic, "expenditure.project": project,
                "expenditure.basic.personnel": personnel, "expenditure.basic.public": basic - personnel,
                "three_public.total": dec(total * 0.002), "operating_costs": dec(total * basicShare * 0.15),
                "change.expenditure.total": dec(total * 0.05),
            ]
            var fs: [String: Figure] = [:]
            for (k, v) in figures { fs[k] = Figure(key: k, value: v, raw: text, step: step, provenance: Provenance(line: 1, text: text)) }
            out.append(Disclosure(
                source: SourceInfo(path: "synthetic/\(d)/\(2015 + y).txt", format: "synthetic", sha256: "", encoding: "UTF-8"),
                identity: Identity(department: "示例区第\(d)局", normalizedDepartment: nil, departmentCode: nil, region: "示例区",
                                   fiscalYear: 2015 + y, kind: .budget),
                figures: fs))
        }
    }
    return out
}

let args = CommandLine.arguments
guard args.count >= 3, let n = Int(args[2]), n > 0, ["analysis", "export"].contains(args[1]) else {
    FileHandle.standardError.write(Data("usage: yusuan-bench analysis N | yusuan-bench export N FILE.csv\n".utf8))
    exit(64)
}
Stats.disableAbortingErrorHandler()
let (docs, tGenerate) = time { syntheticDisclosures(n) }
// Resident memory with the disclosures made, before any analysis: what the input side costs.
func residentMegabytes() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8), let pages = Double(s.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
let generatedMB = residentMegabytes()

if args[1] == "export" {
    // The same panel as CSV, for the pandas/scipy baseline: department, year, figure, value.
    guard args.count == 4 else { exit(64) }
    var out = "department,year,figure,value\n"
    for d in docs {
        for k in d.figures.keys.sorted() { out += "\(d.identity.department ?? ""),\(d.identity.fiscalYear ?? 0),\(k),\(d.figures[k]!.value)\n" }
    }
    try out.write(toFile: args[3], atomically: true, encoding: .utf8)
    exit(0)
}

cpuTotal = 0
let (panel, tPanel) = time { PanelBuilder.build(docs) }
// Sums over departments of the growth and mix numbers, which scripts/bench.py holds against the pandas baselines'.
let growthFigures = ["expenditure.total", "expenditure.basic", "expenditure.project"]
var digest: [String: [String: Double]] = [:]
let (growthCount, tGrowth) = time { () -> Int in
    var c = 0
    for f in growthFigures {
        guard let column = panel.column(f) else { continue }
        var points = 0, cagr = 0.0, rate = 0.0, upper = 0.0
        for d in panel.departments.indices {
            let g = Growth.numbers(panel, department: d, kind: .budget, column: column)
            points += g.cells.count
            cagr += g.cagr ?? 0; rate += g.trend?.rate ?? 0; upper += g.trend?.upper ?? 0
        }
        c += points
        digest[f] = ["points": Double(points), "cagr_sum": cagr, "rate_sum": rate, "upper_sum": upper]
    }
    return c
}
let (mixCount, tMix) = time { () -> Int in
    let columns = Mix.columns(panel)
    var rows = 0, share = 0.0, change = 0.0
    for d in panel.departments.indices {
        for r in Mix.rows(panel, department: d, kind: .budget, columns: columns) {
            rows += 1; share += r.shares["basic_share"] ?? 0; change += r.changes["basic_share"] ?? 0
        }
    }
    digest["mix"] = ["basic_share_sum": share, "basic_share_change_sum": change]
    return rows
}
let metrics = ["expenditure.total", "expenditure.project", "growth:expenditure.total", "share:basic_share", "share:personnel_share"]
var checks: [String] = []
let (flagged, tOutliers) = time { () -> Int in
    var c = 0
    for m in metrics {
        let (items, year) = Metrics.items(panel, try! Metric(parsing: m))
        let results = Outliers.run(items, methods: OutlierMethod.allCases)
        c += results.reduce(0) { $0 + $1.flagged.count }
        let med = results[0].centre ?? .nan
        checks.append("\"\(m)\": {\"year\": \(year ?? 0), \"n\": \(items.count), \"median\": \(med), \"mad\": \(results[0].flagged.count), \"tukey\": \(results[1].flagged.count), \"gesd\": \(results[2].flagged.count)}")
    }
    return c
}
let total = tPanel + tGrowth + tMix + tOutliers
print("{\"department_years\": \(panel.cellCount), \"departments\": \(panel.departments.count), \"generate_s\": \(tGenerate), \"panel_s\": \(tPanel), \"growth_s\": \(tGrowth), \"mix_s\": \(tMix), \"outliers_s\": \(tOutliers), \"analysis_total_s\": \(total), \"analysis_cpu_s\": \(cpuTotal), \"peak_rss_mb\": \(peakRSSMegabytes()), \"disclosures_rss_mb\": \(generatedMB), \"disclosure_stride\": \(MemoryLayout<Disclosure>.stride), \"check\": [\(growthCount), \(mixCount), \(flagged)], \"metrics\": {\(checks.joined(separator: ", "))}, \"digest\": {\(digest.keys.sorted().map { k in "\"\(k)\": {" + digest[k]!.keys.sorted().map { "\"\($0)\": \(digest[k]![$0]!)" }.joined(separator: ", ") + "}" }.joined(separator: ", "))}}")
