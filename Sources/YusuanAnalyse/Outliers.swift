import Foundation
import YusuanStats

/// One thing being compared: a department (or a department's project) and its value of a metric.
public struct OutlierItem: Sendable, Equatable {
    public var id: String
    public var label: String
    public var value: Double

    public init(id: String, label: String, value: Double) {
        self.id = id
        self.label = label
        self.value = value
    }
}

public enum OutlierMethod: String, Sendable, CaseIterable {
    /// Modified z-score on median / MAD (Iglewicz & Hoaglin): M = 0.6745 (x − median) / MAD, flag |M| > 3.5.
    case mad
    /// Tukey fences: below Q1 − 1.5 IQR or above Q3 + 1.5 IQR.
    case tukey
    /// Generalized ESD (Rosner 1983) with up to r outliers at level α.
    case gesd
}

/// The verdict of one method on one sample: centre, scale, threshold, each item's score, what it flags.
/// Items are referred to by their position in the list given to `Outliers.run`.
public struct MethodResult: Sendable {
    public var method: OutlierMethod
    /// Set when the method was not run; says why (e.g. too few values).
    public var refused: LocalizedText?
    public var centre: Double?
    public var scale: Double?
    public var scaleName: String
    /// For mad and gesd: the critical |score|; for tukey: the fences.
    public var threshold: Double?
    public var lowerFence: Double?
    public var upperFence: Double?
    /// One per item; nil where the item has no score (a value that is not finite, or the method was refused).
    public var scores: [Double?]
    /// Positions of the flagged items, ascending.
    public var flagged: [Int]
    /// How the numbers were obtained (quantile definition, MAD = 0 fallback …).
    public var notes: [String]
    /// GESD: the item removed at each step, its test statistic R_i and critical value λ_i.
    public var steps: [(removed: Int, r: Double, lambda: Double)]

    /// Whether the item at this position is flagged.
    public func flags(_ item: Int) -> Bool {
        var lo = 0, hi = flagged.count
        while lo < hi { let mid = (lo + hi) / 2; if flagged[mid] < item { lo = mid + 1 } else { hi = mid } }
        return lo < flagged.count && flagged[lo] == item
    }
}

public struct OutlierOptions: Sendable {
    public var madThreshold = 3.5
    public var tukeyK = 1.5
    public var alpha = 0.05
    /// GESD upper bound on the number of outliers; nil = ⌊n/2⌋ capped at 10.
    public var maxOutliers: Int?
    /// Use Qn instead of MAD as the robust scale in the modified z-score.
    public var useQn = false

    public init() {}
}

public enum Outliers {
    public static func run(_ items: [OutlierItem], methods: [OutlierMethod], options: OutlierOptions = OutlierOptions()) -> [MethodResult] {
        // Methods see the finite values only; results are mapped back to the positions of `items`.
        let positions = items.indices.filter { items[$0].value.isFinite }
        let xs = positions.map { items[$0].value }
        return methods.map { m in
            var r: MethodResult
            switch m {
            case .mad: r = robustZ(xs, options)
            case .tukey: r = tukey(xs, options)
            case .gesd: r = gesd(xs, options)
            }
            if positions.count != items.count {
                var scores = [Double?](repeating: nil, count: items.count)
                for (k, p) in positions.enumerated() where k < r.scores.count { scores[p] = r.scores[k] }
                r.scores = scores
                r.flagged = r.flagged.map { positions[$0] }
                r.steps = r.steps.map { (positions[$0.removed], $0.r, $0.lambda) }
            }
            return r
        }
    }

    public static func robustZ(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult { robustZ(items.map(\.value), o) }
    public static func tukey(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult { tukey(items.map(\.value), o) }
    public static func gesd(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult { gesd(items.map(\.value), o) }

    static func tooFew(_ m: OutlierMethod, need: Int, got: Int, scale: String) -> MethodResult {
        empty(m, LocalizedText(zh: "至少需要 \(need) 个值，只有 \(got) 个", en: "needs at least \(need) values, got \(got)"), scale: scale)
    }

    static func empty(_ m: OutlierMethod, _ reason: String, scale: String) -> MethodResult {
        empty(m, LocalizedText(zh: reason, en: reason), scale: scale)
    }

    static func empty(_ m: OutlierMethod, _ reason: LocalizedText, scale: String) -> MethodResult {
        MethodResult(method: m, refused: reason, centre: nil, scale: nil, scaleName: scale, threshold: nil, lowerFence: nil,
                     upperFence: nil, scores: [], flagged: [], notes: [], steps: [])
    }

    /// Modified z-score. MAD = 0 (more than half the values equal) falls back to the mean absolute deviation
    /// around the median (M = (x − median) / (1.253314 · MeanAD)); if that is 0 too, nothing is flagged.
    public static func robustZ(_ xs: [Double], _ o: OutlierOptions) -> MethodResult {
        let scaleName = o.useQn ? "Qn" : "MAD"
        guard xs.count >= 3 else { return tooFew(.mad, need: 3, got: xs.count, scale: scaleName) }
        do {
            let median = try Stats.median(xs)
            var notes: [String] = []
            // score = (x − median) / scale with scale already consistent for σ.
            var scale: Double
            if o.useQn {
                scale = try Stats.qn(xs)
                notes.append("z = (x − median) / Qn (Rousseeuw–Croux, consistent for σ)")
            } else {
                scale = try Stats.mad0(xs) / 0.6745
                notes.append("M = 0.6745 (x − median) / MAD (Iglewicz & Hoaglin)")
            }
            if scale == 0 {
                let meanAD = xs.reduce(0) { $0 + abs($1 - median) } / Double(xs.count)
                scale = 1.253314 * meanAD
                notes.append("\(scaleName) is 0 (more than half the values are equal); used 1.253314 × mean absolute deviation instead")
                if scale == 0 {
                    notes.append("every value is equal: nothing to flag")
                    var r = empty(.mad, LocalizedText(zh: "", en: ""), scale: scaleName)
                    r.refused = nil; r.centre = median; r.scale = 0; r.threshold = o.madThreshold; r.notes = notes
                    r.scores = xs.map { _ in 0 }
                    return r
                }
            }
            var scores = [Double?](repeating: nil, count: xs.count)
            var flagged: [Int] = []
            for (i, x) in xs.enumerated() {
                let m = (x - median) / scale
                scores[i] = m
                if abs(m) > o.madThreshold { flagged.append(i) }
            }
            return MethodResult(method: .mad, refused: nil, centre: median, scale: scale, scaleName: scaleName,
                                threshold: o.madThreshold, lowerFence: nil, upperFence: nil, scores: scores, flagged: flagged,
                                notes: notes, steps: [])
        } catch {
            return empty(.mad, "\(error)", scale: scaleName)
        }
    }

    /// Tukey fences on quartiles by GSL's quantile (linear interpolation, Hyndman–Fan type 7, numpy's default).
    public static func tukey(_ xs: [Double], _ o: OutlierOptions) -> MethodResult {
        guard xs.count >= 4 else { return tooFew(.tukey, need: 4, got: xs.count, scale: "IQR") }
        do {
            // One sort for the three order statistics.
            let sorted = try Stats.sorted(xs)
            let q1 = try Stats.quantile(sorted: sorted, 0.25), q3 = try Stats.quantile(sorted: sorted, 0.75)
            let median = try Stats.median(sorted: sorted)
            let iqr = q3 - q1
            let lo = q1 - o.tukeyK * iqr, hi = q3 + o.tukeyK * iqr
            var scores = [Double?](repeating: nil, count: xs.count)
            var flagged: [Int] = []
            for (i, x) in xs.enumerated() {
                // Score: distance beyond the nearer quartile in IQRs (0 inside the box).
                scores[i] = iqr == 0 ? 0 : (x > q3 ? (x - q3) / iqr : x < q1 ? (x - q1) / iqr : 0)
                if x < lo || x > hi { flagged.append(i) }
            }
            var notes = ["quartiles by linear interpolation between order statistics (Hyndman–Fan type 7, gsl_stats_quantile_from_sorted_data)",
                         "fences at Q1 − \(o.tukeyK) IQR and Q3 + \(o.tukeyK) IQR"]
            if iqr == 0 { notes.append("IQR is 0: any value off the quartiles is flagged") }
            return MethodResult(method: .tukey, refused: nil, centre: median, scale: iqr, scaleName: "IQR", threshold: o.tukeyK,
                                lowerFence: lo, upperFence: hi, scores: scores, flagged: flagged, notes: notes, steps: [])
        } catch {
            return empty(.tukey, "\(error)", scale: "IQR")
        }
    }

    /// Generalized ESD (Rosner 1983): for i = 1…r remove the value farthest from the mean,
    /// R_i = max |x − x̄| / s; λ_i = (n − i) t_{p, n−i−1} / √((n − i − 1 + t²)(n − i + 1)), p = 1 − α / (2(n − i + 1)).
    /// The number of outliers is the largest i with R_i > λ_i.
    public static func gesd(_ xs: [Double], _ o: OutlierOptions) -> MethodResult {
        let n = xs.count
        guard n >= 7 else { return tooFew(.gesd, need: 7, got: n, scale: "s") }
        let r = min(o.maxOutliers ?? min(n / 2, 10), n - 2)
        guard r >= 1 else { return empty(.gesd, "the upper bound on outliers must be at least 1", scale: "s") }
        guard o.alpha > 0 && o.alpha < 1 else { return empty(.gesd, "α must be between 0 and 1", scale: "s") }
        // The values still in, in their original order (GSL's mean and s depend on the order), with their
        // positions; a removed value is closed over by moving the tail down one place in these two buffers.
        var values = xs
        var at = Array(0..<n)
        var m = n
        var steps: [(removed: Int, r: Double, lambda: Double)] = []
        var scores = [Double?](repeating: nil, count: n)
        do {
            let mean0 = try Stats.mean(xs), sd0 = try Stats.sd(xs)
            for i in 1...r {
                let (mean, sd) = try Stats.meanAndSD(values[0..<m])
                guard sd > 0 else { break }
                var worst = 0, far = abs(values[0] - mean)
                for k in 1..<m where abs(values[k] - mean) > far { worst = k; far = abs(values[k] - mean) }
                let stat = far / sd
                let p = 1 - o.alpha / (2 * Double(n - i + 1))
                let t = try Stats.tQuantile(p: p, dof: Double(n - i - 1))
                let lambda = Double(n - i) * t / ((Double(n - i - 1) + t * t) * Double(n - i + 1)).squareRoot()
                steps.append((at[worst], stat, lambda))
                scores[at[worst]] = stat
                values.withUnsafeMutableBufferPointer { b in
                    for k in worst..<(m - 1) { b[k] = b[k + 1] }
                }
                at.withUnsafeMutableBufferPointer { b in
                    for k in worst..<(m - 1) { b[k] = b[k + 1] }
                }
                m -= 1
            }
            let count = steps.lastIndex(where: { $0.r > $0.lambda }).map { $0 + 1 } ?? 0
            let flagged = steps.prefix(count).map(\.removed).sorted()
            for (k, x) in xs.enumerated() where scores[k] == nil { scores[k] = abs(x - mean0) / (sd0 == 0 ? 1 : sd0) }
            return MethodResult(method: .gesd, refused: nil, centre: mean0, scale: sd0, scaleName: "s", threshold: steps.first?.lambda,
                                lowerFence: nil, upperFence: nil, scores: scores, flagged: flagged,
                                notes: ["α = \(o.alpha), upper bound r = \(r); t quantiles by gsl_cdf_tdist_Pinv",
                                        "scores of removed values are their R_i; others are |x − x̄| / s on the full sample"],
                                steps: steps)
        } catch {
            return empty(.gesd, "\(error)", scale: "s")
        }
    }
}
