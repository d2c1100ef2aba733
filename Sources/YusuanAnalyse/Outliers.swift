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
    public var scores: [String: Double]
    public var flagged: Set<String>
    /// How the numbers were obtained (quantile definition, MAD = 0 fallback …).
    public var notes: [String]
    /// GESD: the test statistic R_i and critical value λ_i of each step.
    public var steps: [(removed: String, r: Double, lambda: Double)]
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
        let clean = items.filter { $0.value.isFinite }
        return methods.map { m in
            switch m {
            case .mad: return robustZ(clean, options)
            case .tukey: return tukey(clean, options)
            case .gesd: return gesd(clean, options)
            }
        }
    }

    static func tooFew(_ m: OutlierMethod, need: Int, got: Int, scale: String) -> MethodResult {
        empty(m, LocalizedText(zh: "至少需要 \(need) 个值，只有 \(got) 个", en: "needs at least \(need) values, got \(got)"), scale: scale)
    }

    static func empty(_ m: OutlierMethod, _ reason: String, scale: String) -> MethodResult {
        empty(m, LocalizedText(zh: reason, en: reason), scale: scale)
    }

    static func empty(_ m: OutlierMethod, _ reason: LocalizedText, scale: String) -> MethodResult {
        MethodResult(method: m, refused: reason, centre: nil, scale: nil, scaleName: scale, threshold: nil, lowerFence: nil,
                     upperFence: nil, scores: [:], flagged: [], notes: [], steps: [])
    }

    /// Modified z-score. MAD = 0 (more than half the values equal) falls back to the mean absolute deviation
    /// around the median (M = (x − median) / (1.253314 · MeanAD)); if that is 0 too, nothing is flagged.
    public static func robustZ(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult {
        let scaleName = o.useQn ? "Qn" : "MAD"
        guard items.count >= 3 else { return tooFew(.mad, need: 3, got: items.count, scale: scaleName) }
        let xs = items.map(\.value)
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
                    r.scores = Dictionary(uniqueKeysWithValues: items.map { ($0.id, 0) })
                    return r
                }
            }
            var scores: [String: Double] = [:]
            var flagged = Set<String>()
            for it in items {
                let m = (it.value - median) / scale
                scores[it.id] = m
                if abs(m) > o.madThreshold { flagged.insert(it.id) }
            }
            return MethodResult(method: .mad, refused: nil, centre: median, scale: scale, scaleName: scaleName,
                                threshold: o.madThreshold, lowerFence: nil, upperFence: nil, scores: scores, flagged: flagged,
                                notes: notes, steps: [])
        } catch {
            return empty(.mad, "\(error)", scale: scaleName)
        }
    }

    /// Tukey fences on quartiles by GSL's quantile (linear interpolation, Hyndman–Fan type 7, numpy's default).
    public static func tukey(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult {
        guard items.count >= 4 else { return tooFew(.tukey, need: 4, got: items.count, scale: "IQR") }
        let xs = items.map(\.value)
        do {
            let q1 = try Stats.quantile(xs, 0.25), q3 = try Stats.quantile(xs, 0.75), median = try Stats.median(xs)
            let iqr = q3 - q1
            let lo = q1 - o.tukeyK * iqr, hi = q3 + o.tukeyK * iqr
            var scores: [String: Double] = [:]
            var flagged = Set<String>()
            for it in items {
                // Score: distance beyond the nearer quartile in IQRs (0 inside the box).
                let s = iqr == 0 ? 0 : (it.value > q3 ? (it.value - q3) / iqr : it.value < q1 ? (it.value - q1) / iqr : 0)
                scores[it.id] = s
                if it.value < lo || it.value > hi { flagged.insert(it.id) }
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
    public static func gesd(_ items: [OutlierItem], _ o: OutlierOptions) -> MethodResult {
        let n = items.count
        guard n >= 7 else { return tooFew(.gesd, need: 7, got: n, scale: "s") }
        let r = min(o.maxOutliers ?? min(n / 2, 10), n - 2)
        guard r >= 1 else { return empty(.gesd, "the upper bound on outliers must be at least 1", scale: "s") }
        guard o.alpha > 0 && o.alpha < 1 else { return empty(.gesd, "α must be between 0 and 1", scale: "s") }
        var remaining = items
        var steps: [(String, Double, Double)] = []
        var scores: [String: Double] = [:]
        do {
            let mean0 = try Stats.mean(items.map(\.value)), sd0 = try Stats.sd(items.map(\.value))
            for i in 1...r {
                let xs = remaining.map(\.value)
                let mean = try Stats.mean(xs), sd = try Stats.sd(xs)
                guard sd > 0 else { break }
                var worst = 0
                for (k, it) in remaining.enumerated() where abs(it.value - mean) > abs(remaining[worst].value - mean) { worst = k }
                let stat = abs(remaining[worst].value - mean) / sd
                let p = 1 - o.alpha / (2 * Double(n - i + 1))
                let t = try Stats.tQuantile(p: p, dof: Double(n - i - 1))
                let lambda = Double(n - i) * t / ((Double(n - i - 1) + t * t) * Double(n - i + 1)).squareRoot()
                steps.append((remaining[worst].id, stat, lambda))
                scores[remaining[worst].id] = stat
                remaining.remove(at: worst)
            }
            let count = steps.lastIndex(where: { $0.1 > $0.2 }).map { $0 + 1 } ?? 0
            let flagged = Set(steps.prefix(count).map(\.0))
            for it in items where scores[it.id] == nil { scores[it.id] = abs(it.value - mean0) / (sd0 == 0 ? 1 : sd0) }
            let threshold = steps.first?.2
            return MethodResult(method: .gesd, refused: nil, centre: mean0, scale: sd0, scaleName: "s", threshold: threshold,
                                lowerFence: nil, upperFence: nil, scores: scores, flagged: flagged,
                                notes: ["α = \(o.alpha), upper bound r = \(r); t quantiles by gsl_cdf_tdist_Pinv",
                                        "scores of removed values are their R_i; others are |x − x̄| / s on the full sample"],
                                steps: steps.map { (removed: $0.0, r: $0.1, lambda: $0.2) })
        } catch {
            return empty(.gesd, "\(error)", scale: "s")
        }
    }
}
