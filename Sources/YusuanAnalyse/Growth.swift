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

public enum Growth {
    public static func series(_ panel: Panel, department: String, kind: DisclosureKind, figure: String,
                              deflators: Deflators? = nil, baseYear: Int? = nil) -> GrowthSeries {
        let raw = panel.series(department, kind: kind, figure: figure)
        let base = baseYear ?? raw.last?.year
        var notes: [String] = []
        let points = raw.map { p in
            GrowthSeries.Point(year: p.year, value: p.value,
                               real: base.flatMap { b in deflators?.real(p.value.value.double, year: p.year, base: b) })
        }
        if deflators != nil, points.contains(where: { $0.real == nil }) {
            notes.append("the deflator table does not cover every year; real terms left out where it does not")
        }
        var steps: [GrowthSeries.Step] = []
        for (a, b) in zip(points, points.dropFirst()) {
            let change = b.value.value - a.value.value
            let pct = a.value.value == 0 ? nil : change.double / a.value.value.magnitude.double * 100
            var realPct: Double?
            if let ra = a.real, let rb = b.real, ra != 0 { realPct = (rb - ra) / abs(ra) * 100 }
            steps.append(.init(from: a.year, to: b.year, change: change, percent: pct, realPercent: realPct))
        }
        func cagr(_ first: Double?, _ last: Double?, _ years: Int) -> Double? {
            guard let f = first, let l = last, f > 0, l > 0, years > 0 else { return nil }
            return pow(l / f, 1 / Double(years)) - 1
        }
        var result = GrowthSeries(department: department, kind: kind, figure: figure, points: points, steps: steps,
                                  cagr: nil, realCagr: nil, trend: nil, realTrend: nil, notes: notes, baseYear: deflators == nil ? nil : base)
        if let first = points.first, let last = points.last, last.year > first.year {
            let span = last.year - first.year
            result.cagr = cagr(first.value.value.double, last.value.value.double, span)
            result.realCagr = cagr(first.real, last.real, span)
            if result.cagr == nil { result.notes.append("CAGR needs positive first and last values") }
        }
        if points.count >= 3 {
            do {
                result.trend = try trend(points.map { (Double($0.year), $0.value.value.double) })
                if points.allSatisfy({ $0.real != nil }) {
                    result.realTrend = try trend(points.map { (Double($0.year), $0.real ?? 0) })
                }
            } catch {
                result.notes.append("no trend: \(error)")
            }
        } else {
            result.notes.append("a trend needs 3 or more years, there \(points.count == 1 ? "is" : "are") \(points.count)")
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
        guard xy.allSatisfy({ $0.1 > 0 }) else { throw TrendError.nonPositive }
        let fit = try Stats.linearFit(x: xy.map(\.0), y: xy.map { log($0.1) })
        let t = try Stats.tQuantile(p: 0.975, dof: Double(xy.count - 2))
        let se = fit.slopeStandardError
        return .init(rate: exp(fit.slope) - 1, lower: exp(fit.slope - t * se) - 1, upper: exp(fit.slope + t * se) - 1,
                     n: xy.count, slope: fit.slope, slopeStandardError: se, tQuantile: t)
    }
}
