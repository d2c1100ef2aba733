import Foundation
import Testing
@testable import YusuanStats

/// Values computed independently with numpy/scipy by scripts/stats-expected.py and committed.
nonisolated(unsafe) private let expected: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/expected.json")
    let data = try! Data(contentsOf: url)
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

private func close(_ a: Double, _ b: Double, rel: Double = 1e-9) -> Bool {
    abs(a - b) <= rel * max(1, abs(b))
}

@Suite("GSL wrapper against scipy")
struct StatsTests {
    @Test("location, scale and quantiles", arguments: ["small", "budget_like", "rosner"])
    func sample(name: String) throws {
        let s = expected[name] as! [String: Any]
        let xs = (s["values"] as! [NSNumber]).map(\.doubleValue)
        let d = { (k: String) in (s[k] as! NSNumber).doubleValue }
        #expect(close(try Stats.mean(xs), d("mean")))
        #expect(close(try Stats.sd(xs), d("sd")))
        #expect(close(try Stats.median(xs), d("median")))
        #expect(close(try Stats.quantile(xs, 0.25), d("q25")))
        #expect(close(try Stats.quantile(xs, 0.75), d("q75")))
        #expect(close(try Stats.quantile(xs, 0.90), d("q90")))
        #expect(close(try Stats.mad0(xs), d("mad0")))
        #expect(close(try Stats.mad(xs), d("mad"), rel: 1e-4))   // GSL scales by 1.4826, scipy by 1/Φ⁻¹(3/4)
        #expect(close(try Stats.qn(xs), d("qn"), rel: 1e-6))
        #expect(try Stats.sorted(xs) == xs.sorted())
    }

    @Test("log-linear trend matches scipy.stats.linregress")
    func fit() throws {
        let f = expected["fit"] as! [String: Any]
        let x = (f["x"] as! [NSNumber]).map(\.doubleValue)
        let y = (f["y_log"] as! [NSNumber]).map(\.doubleValue)
        let r = try Stats.linearFit(x: x, y: y)
        #expect(close(r.slope, (f["slope"] as! NSNumber).doubleValue, rel: 1e-7))
        #expect(close(r.intercept, (f["intercept"] as! NSNumber).doubleValue, rel: 1e-7))
        #expect(close(r.slopeStandardError, (f["slope_se"] as! NSNumber).doubleValue, rel: 1e-6))
        #expect(close(r.sumsq, (f["sumsq"] as! NSNumber).doubleValue, rel: 1e-6))
    }

    @Test("t quantiles match scipy.stats.t.ppf")
    func tQuantiles() throws {
        for case let q as [String: NSNumber] in expected["t_quantiles"] as! [Any] {
            let t = try Stats.tQuantile(p: q["p"]!.doubleValue, dof: q["dof"]!.doubleValue)
            #expect(close(t, q["t"]!.doubleValue, rel: 1e-8), "p=\(q["p"]!) dof=\(q["dof"]!)")
        }
    }

    @Test("bad arguments become Swift errors, never a GSL abort")
    func badArguments() {
        #expect(throws: StatsError.tooFew(needed: 1, got: 0, what: "mean")) { try Stats.mean([]) }
        #expect(throws: StatsError.tooFew(needed: 2, got: 1, what: "standard deviation")) { try Stats.sd([1]) }
        #expect(throws: StatsError.notFinite(what: "median")) { try Stats.median([1, .nan, 3]) }
        #expect(throws: StatsError.self) { try Stats.quantile([1, 2], 1.5) }
        #expect(throws: StatsError.self) { try Stats.linearFit(x: [], y: []) }
        #expect(throws: StatsError.self) { try Stats.linearFit(x: [1, 1, 1], y: [1, 2, 3]) }
        #expect(throws: StatsError.self) { try Stats.linearFit(x: [1, 2], y: [1, 2, 3]) }
        #expect(throws: StatsError.self) { try Stats.tQuantile(p: 0, dof: 3) }
        #expect(throws: StatsError.self) { try Stats.tQuantile(p: 0.5, dof: -1) }
        #expect(throws: StatsError.self) { try Stats.qn([.infinity, 1]) }
    }

    @Test("MAD of a constant sample is zero, not an error")
    func constantMAD() throws {
        #expect(try Stats.mad0([5, 5, 5, 5]) == 0)
    }
}
