import Foundation
import YusuanCollect
import YusuanModel
import YusuanStats

/// How one figure of one department moved over the years.
public struct GrowthSeries: Sendable {
    public struct Point: Sendable {
        public var year: Int
        public var value: SourcedValue
        /// In prices of `GrowthSeries.baseYear`, when deflators were given.
        public var real: Double?
    }
    public struct Step: Sendable {
        public var from: Int
        public var to: Int
        public var change: Decimal
        /// nil on a zero base.
        public var percent: Double?
        public var realPercent: Double?
    }
    public struct Trend: Sendable {
        /// Annual growth from the log-linear fit, as a fraction (0.05 = 5 %).
        public var rate: Double
        public var lower: Double
        public var upper: Double
        public var n: Int
        public var slope: Double
        public var slopeStandardError: Double
        public var tQuantile: Double
    }

    public var department: String
    public var kind: DisclosureKind
    public var figure: String
    public var points: [Point]
    public var steps: [Step]
    /// Compound annual growth from the first to the last point (fraction); nil when not computable.
    public var cagr: Double?
    public var realCagr: Double?
    public var trend: Trend?
    public var realTrend: Trend?
    /// Why something could not be computed (fewer than 3 years for a trend, a non-positive value …).
    public var notes: [String]
    public var baseYear: Int?
}

/// The numbers of one growth series over the panel's cells, without sources: what `Growth.series` shows and
/// what comparisons across many departments need.
public struct GrowthNumbers: Sendable {
    /// The cells with a value, in year order.
    public var cells: [Int]
    /// Real values (prices of `baseYear`), one per cell (nil where the deflators do not cover the year); empty
    /// when no deflators were given.
    public var real: [Double?]
    /// % change of each step (cells[i] → cells[i + 1]); nil on a zero base.
    public var percents: [Double?]
    /// The same in real terms; empty when no deflators were given.
    public var realPercents: [Double?]
    public var cagr: Double?
    public var realCagr: Double?
    public var trend: GrowthSeries.Trend?
    public var realTrend: GrowthSeries.Trend?
    public var notes: [String]
    public var baseYear: Int?
}

public enum Growth {
    public static func series(_ panel: Panel, department: String, kind: DisclosureKind, figure: String,
                              deflators: Deflators? = nil, baseYear: Int? = nil) -> GrowthSeries {
        guard let d = panel.departmentIndex(department), let column = panel.column(figure) else {
            let n = numbers(panel, cells: [], column: 0, deflators: deflators, baseYear: baseYear)
            return GrowthSeries(department: department, kind: kind, figure: figure, points: [], steps: [], cagr: nil, realCagr: nil,
                                trend: nil, realTrend: nil, notes: n.notes, baseYear: n.baseYear)
        }
        let n = numbers(panel, department: d, kind: kind, column: column, deflators: deflators, baseYear: baseYear)
        // Every cell of `n` has the figure; a value that could not be read back would leave the series empty.
        let values = n.cells.compactMap { panel.value($0, column) }
        guard values.count == n.cells.count else {
            return GrowthSeries(department: department, kind: kind, figure: figure, points: [], steps: [], cagr: nil, realCagr: nil,
                                trend: nil, realTrend: nil, notes: n.notes, baseYear: n.baseYear)
        }
        let points = n.cells.indices.map { i in
            GrowthSeries.Point(year: panel.year(of: n.cells[i]), value: values[i], real: n.real.isEmpty ? nil : n.real[i])
        }
        let steps = points.indices.dropLast().map { i in
            GrowthSeries.Step(from: points[i].year, to: points[i + 1].year, change: values[i + 1].value - values[i].value,
                              percent: n.percents[i], realPercent: n.realPercents.isEmpty ? nil : n.realPercents[i])
        }
        return GrowthSeries(department: department, kind: kind, figure: figure, points: points, steps: steps, cagr: n.cagr,
                            realCagr: n.realCagr, trend: n.trend, realTrend: n.realTrend, notes: n.notes, baseYear: n.baseYear)
    }

    /// The growth numbers of one department's figure (department and figure by their panel numbers).
    public static func numbers(_ panel: Panel, department: Int, kind: DisclosureKind, column: Int,
                               deflators: Deflators? = nil, baseYear: Int? = nil) -> GrowthNumbers {
        let range = panel.cells(of: department)
        var cells: [Int] = []
        cells.reserveCapacity(range.count)   // one allocation (filter grows its array a few times on the way)
        for c in range where panel.kind(of: c) == kind && panel.has(c, column) { cells.append(c) }
        return numbers(panel, cells: cells, column: column, deflators: deflators, baseYear: baseYear)
    }

    static func numbers(_ panel: Panel, cells: [Int], column: Int, deflators: Deflators?, baseYear: Int?) -> GrowthNumbers {
        let years = cells.map { panel.year(of: $0) }
        let values = cells.map { panel.double($0, column) }
        let base = baseYear ?? years.last
        var notes: [String] = []
        let real: [Double?] = deflators.map { d in zip(values, years).map { v, y in base.flatMap { d.real(v, year: y, base: $0) } } } ?? []
        if deflators != nil, real.contains(where: { $0 == nil }) {
            notes.append("the deflator table does not cover every year; real terms left out where it does not")
        }
        var percents: [Double?] = [], realPercents: [Double?] = []
        percents.reserveCapacity(max(0, cells.count - 1))
        for i in cells.indices.dropLast() {
            let (a, b) = (cells[i], cells[i + 1])
            percents.append(panel.isZero(a, column) ? nil : panel.changeDouble(from: a, to: b, column) / abs(values[i]) * 100)
            if deflators == nil { continue }
            if let ra = real[i], let rb = real[i + 1], ra != 0 { realPercents.append((rb - ra) / abs(ra) * 100) } else { realPercents.append(nil) }
        }
        func cagr(_ first: Double?, _ last: Double?, _ years: Int) -> Double? {
            guard let f = first, let l = last, f > 0, l > 0, years > 0 else { return nil }
            return pow(l / f, 1 / Double(years)) - 1
        }
        var result = GrowthNumbers(cells: cells, real: real, percents: percents, realPercents: realPercents, cagr: nil, realCagr: nil,
                                   trend: nil, realTrend: nil, notes: notes, baseYear: deflators == nil ? nil : base)
        if let first = years.first, let last = years.last, last > first {
            let span = last - first
            result.cagr = cagr(values.first, values.last, span)
            result.realCagr = cagr(real.first ?? nil, real.last ?? nil, span)
            if result.cagr == nil { result.notes.append("CAGR needs positive first and last values") }
        }
        if cells.count >= 3 {
            do {
                let x = years.map(Double.init)
                result.trend = try trend(x: x, y: values)
                if deflators != nil, real.allSatisfy({ $0 != nil }) {
                    result.realTrend = try trend(x: x, y: real.map { $0 ?? 0 })
                }
            } catch {
                result.notes.append("no trend: \(error)")
            }
        } else {
            result.notes.append("a trend needs 3 or more years, there \(cells.count == 1 ? "is" : "are") \(cells.count)")
        }
        return result
    }

    public enum TrendError: Error, CustomStringConvertible {
        case nonPositive
        public var description: String { "log-linear trend needs every value positive" }
    }

    /// Log-linear trend: ln(value) = a + b·year by least squares (gsl_fit_linear); annual growth e^b − 1
    /// with a 95 % interval from Student's t with n − 2 degrees of freedom (gsl_cdf_tdist_Pinv).
    public static func trend(_ xy: [(Double, Double)]) throws -> GrowthSeries.Trend {
        try trend(x: xy.map(\.0), y: xy.map(\.1))
    }

    public static func trend(x: [Double], y: [Double]) throws -> GrowthSeries.Trend {
        guard y.allSatisfy({ $0 > 0 }) else { throw TrendError.nonPositive }
        let fit = try Stats.linearFit(x: x, y: y.map { log($0) })
        let t = try Stats.tQuantile(p: 0.975, dof: Double(y.count - 2))
        let se = fit.slopeStandardError
        return .init(rate: exp(fit.slope) - 1, lower: exp(fit.slope - t * se) - 1, upper: exp(fit.slope + t * se) - 1,
                     n: y.count, slope: fit.slope, slopeStandardError: se, tQuantile: t)
    }
}
