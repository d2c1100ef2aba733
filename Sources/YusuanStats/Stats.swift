import CGSL
import Foundation

/// Errors from statistics: arguments GSL would misread or abort on become Swift errors.
public enum StatsError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooFew(needed: Int, got: Int, what: String)
    case notFinite(what: String)
    case outOfRange(what: String)
    case gsl(code: Int32, what: String)

    public var description: String {
        switch self {
        case let .tooFew(needed, got, what): return "\(what) needs at least \(needed) values, got \(got)"
        case let .notFinite(what): return "\(what): values must be finite (no NaN or infinity)"
        case let .outOfRange(what): return "\(what): argument out of range"
        case let .gsl(code, what): return "\(what): GSL error \(code)"
        }
    }
}

/// The one owner of every call into GSL. Takes and returns Swift arrays; no raw pointers leave this file.
public enum Stats {
    /// GSL's default error handler aborts the process. Turn it off once, before any other call.
    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    public static func disableAbortingErrorHandler() { _ = handlerOff }

    private static func check(_ xs: [Double], min n: Int, _ what: String) throws(StatsError) {
        _ = handlerOff
        if xs.count < n { throw .tooFew(needed: n, got: xs.count, what: what) }
        if xs.contains(where: { !$0.isFinite }) { throw .notFinite(what: what) }
    }

    public static func mean(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 1, "mean")
        return xs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation (n − 1 in the denominator).
    public static func sd(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 2, "standard deviation")
        return xs.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// Mean and sample standard deviation of a run of values, without copying them (the same GSL calls as
    /// `mean` and `sd`).
    public static func meanAndSD(_ xs: ArraySlice<Double>) throws(StatsError) -> (mean: Double, sd: Double) {
        _ = handlerOff
        if xs.count < 2 { throw .tooFew(needed: 2, got: xs.count, what: "standard deviation") }
        if xs.contains(where: { !$0.isFinite }) { throw .notFinite(what: "standard deviation") }
        return xs.withUnsafeBufferPointer { b in
            (gsl_stats_mean(b.baseAddress, 1, b.count), gsl_stats_sd(b.baseAddress, 1, b.count))
        }
    }

    /// Ascending sort (gsl_sort).
    public static func sorted(_ xs: [Double]) throws(StatsError) -> [Double] {
        try check(xs, min: 0, "sort")
        var ys = xs
        ys.withUnsafeMutableBufferPointer { if let b = $0.baseAddress { gsl_sort(b, 1, $0.count) } }
        return ys
    }

    public static func median(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 1, "median")
        let s = try sorted(xs)
        return s.withUnsafeBufferPointer { gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count) }
    }

    /// Quantile by GSL's definition (linear interpolation between order statistics, Hyndman–Fan type 7,
    /// the same as numpy's default): (1 − δ) x[i] + δ x[i+1] with i = floor((n − 1) p).
    public static func quantile(_ xs: [Double], _ p: Double) throws(StatsError) -> Double {
        try check(xs, min: 1, "quantile")
        guard p.isFinite, (0...1).contains(p) else { throw .outOfRange(what: "quantile p = \(p)") }
        let s = try sorted(xs)
        return s.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p) }
    }

    /// `median` of values already sorted ascending (`sorted`): several order statistics from one sort.
    public static func median(sorted s: [Double]) throws(StatsError) -> Double {
        try check(s, min: 1, "median")
        return s.withUnsafeBufferPointer { gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count) }
    }

    /// `quantile` of values already sorted ascending (`sorted`).
    public static func quantile(sorted s: [Double], _ p: Double) throws(StatsError) -> Double {
        try check(s, min: 1, "quantile")
        guard p.isFinite, (0...1).contains(p) else { throw .outOfRange(what: "quantile p = \(p)") }
        return s.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p) }
    }

    /// Median absolute deviation, unscaled (gsl_stats_mad0).
    public static func mad0(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 1, "MAD")
        var work = [Double](repeating: 0, count: xs.count)
        return xs.withUnsafeBufferPointer { x in
            work.withUnsafeMutableBufferPointer { w in gsl_stats_mad0(x.baseAddress, 1, x.count, w.baseAddress) }
        }
    }

    /// Median absolute deviation scaled by 1.4826 to estimate σ for normal data (gsl_stats_mad).
    public static func mad(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 1, "MAD")
        var work = [Double](repeating: 0, count: xs.count)
        return xs.withUnsafeBufferPointer { x in
            work.withUnsafeMutableBufferPointer { w in gsl_stats_mad(x.baseAddress, 1, x.count, w.baseAddress) }
        }
    }

    /// Rousseeuw–Croux Qn scale estimator, with GSL's consistency and small-sample factors.
    public static func qn(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 2, "Qn")
        let s = try sorted(xs)
        var work = [Double](repeating: 0, count: 3 * s.count)
        var iwork = [Int32](repeating: 0, count: 5 * s.count)
        return s.withUnsafeBufferPointer { x in
            work.withUnsafeMutableBufferPointer { w in
                iwork.withUnsafeMutableBufferPointer { iw in
                    gsl_stats_Qn_from_sorted_data(x.baseAddress, 1, x.count, w.baseAddress, iw.baseAddress)
                }
            }
        }
    }

    /// Rousseeuw–Croux Sn scale estimator.
    public static func sn(_ xs: [Double]) throws(StatsError) -> Double {
        try check(xs, min: 2, "Sn")
        let s = try sorted(xs)
        var work = [Double](repeating: 0, count: s.count)
        return s.withUnsafeBufferPointer { x in
            work.withUnsafeMutableBufferPointer { w in gsl_stats_Sn_from_sorted_data(x.baseAddress, 1, x.count, w.baseAddress) }
        }
    }

    public struct LinearFit: Equatable, Sendable {
        public var intercept: Double
        public var slope: Double
        public var cov00: Double
        public var cov01: Double
        public var cov11: Double
        /// Residual sum of squares.
        public var sumsq: Double
        public var n: Int

        /// Standard error of the slope.
        public var slopeStandardError: Double { cov11.squareRoot() }
    }

    /// Least squares y = c0 + c1 x (gsl_fit_linear). GSL accepts n = 0 and reports success: guarded here.
    public static func linearFit(x: [Double], y: [Double]) throws(StatsError) -> LinearFit {
        guard x.count == y.count else { throw .outOfRange(what: "linear fit: x and y differ in length") }
        try check(x, min: 3, "linear fit")
        try check(y, min: 3, "linear fit")
        if !x.contains(where: { $0 != x[0] }) { throw .outOfRange(what: "linear fit: all x are equal") }
        var c0 = 0.0, c1 = 0.0, v00 = 0.0, v01 = 0.0, v11 = 0.0, ss = 0.0
        let status = x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                gsl_fit_linear(xb.baseAddress, 1, yb.baseAddress, 1, xb.count, &c0, &c1, &v00, &v01, &v11, &ss)
            }
        }
        if status != GSL_SUCCESS { throw .gsl(code: status, what: "linear fit") }
        return LinearFit(intercept: c0, slope: c1, cov00: v00, cov01: v01, cov11: v11, sumsq: ss, n: x.count)
    }

    /// Quantile of Student's t distribution: P(T ≤ t) = p with ν degrees of freedom (gsl_cdf_tdist_Pinv).
    public static func tQuantile(p: Double, dof: Double) throws(StatsError) -> Double {
        _ = handlerOff
        guard p.isFinite, p > 0, p < 1 else { throw .outOfRange(what: "t quantile p = \(p)") }
        guard dof.isFinite, dof > 0 else { throw .outOfRange(what: "t quantile degrees of freedom = \(dof)") }
        if let t = TQuantiles.shared.get(p, dof) { return t }
        let t = gsl_cdf_tdist_Pinv(p, dof)
        if !t.isFinite { throw .gsl(code: Int32(GSL_EDOM), what: "t quantile") }
        TQuantiles.shared.put(p, dof, t)
        return t
    }
}

/// Quantiles already computed: a panel asks for the same few (p, ν) once per department, and the inverse CDF is
/// the costliest call in a trend. Bounded, so a long run with many distinct arguments stops adding.
final class TQuantiles: @unchecked Sendable {
    static let shared = TQuantiles()
    private let lock = NSLock()
    private var known: [Key: Double] = [:]
    struct Key: Hashable { var p: UInt64; var dof: UInt64 }

    func get(_ p: Double, _ dof: Double) -> Double? {
        lock.lock(); defer { lock.unlock() }
        return known[Key(p: p.bitPattern, dof: dof.bitPattern)]
    }

    func put(_ p: Double, _ dof: Double, _ t: Double) {
        lock.lock(); defer { lock.unlock() }
        if known.count < 4096 { known[Key(p: p.bitPattern, dof: dof.bitPattern)] = t }
    }
}
