import Foundation
import Testing
import YusuanAnalyse

@Suite("Outliers")
struct OutlierTests {
    func items(_ xs: [Double]) -> [OutlierItem] { xs.enumerated().map { OutlierItem(id: "d\($0)", label: "d\($0)", value: $1) } }

    @Test("GESD on Rosner's 54 values finds 3 (R₁ 3.119 < λ₁ 3.159, R₃ 3.179 > λ₃ 3.144)")
    func rosner() throws {
        let csv = try String(contentsOf: repoRoot.appendingPathComponent("Tests/YusuanStatsTests/Fixtures/rosner-1983.csv"), encoding: .utf8)
        let xs = csv.split(separator: "\n").dropFirst().compactMap { Double($0) }
        #expect(xs.count == 54)
        var o = OutlierOptions()
        o.maxOutliers = 10
        let r = Outliers.gesd(items(xs), o)
        #expect(r.flagged.count == 3)
        #expect(Set(r.flagged.map { xs[$0] }) == [6.01, 5.42, 5.34])
        let e = (expected["rosner"] as! [String: Any])["steps"] as! [[String: Any]]
        #expect(r.steps.count == 10)
        for (s, x) in zip(r.steps, e) {
            #expect(close(s.r, num(x["r"]), rel: 1e-9) && close(s.lambda, num(x["lambda"]), rel: 1e-9))
        }
        #expect(String(format: "%.3f", r.steps[0].r) == "3.119" && String(format: "%.3f", r.steps[0].lambda) == "3.159")
        #expect(String(format: "%.3f", r.steps[2].r) == "3.179" && String(format: "%.3f", r.steps[2].lambda) == "3.144")
    }

    @Test("modified z, Tukey and GESD on a district against numpy/scipy")
    func district() {
        let e = expected["departments"] as! [String: Any]
        let xs = (e["values"] as! [NSNumber]).map(\.doubleValue)
        let results = Outliers.run(items(xs), methods: OutlierMethod.allCases)
        let mad = results[0], tukey = results[1], gesd = results[2]
        #expect(close(mad.centre, num(e["median"])))
        #expect(close((mad.scale ?? 0) * 0.6745, num(e["mad0"]), rel: 1e-9))
        for (i, z) in (e["modified_z"] as! [NSNumber]).enumerated() { #expect(close(mad.scores[i], z.doubleValue, rel: 1e-9)) }
        #expect(mad.flagged == [7, 10])
        #expect(close(tukey.lowerFence, num(e["lower_fence"])) && close(tukey.upperFence, num(e["upper_fence"])))
        #expect(Set(tukey.flagged).isSuperset(of: [7, 10]))
        #expect(tukey.notes.contains { $0.contains("type 7") })
        #expect(gesd.flagged.count == ((e["gesd"] as! [String: Any])["count"] as! NSNumber).intValue)
    }

    @Test("MAD = 0 is handled and said")
    func madZero() {
        let r = Outliers.robustZ(items([5, 5, 5, 5, 5, 6, 40]), OutlierOptions())
        #expect(r.refused == nil)
        #expect(r.notes.contains { $0.contains("MAD is 0") })
        #expect(r.flagged == [6])
        let equal = Outliers.robustZ(items([3, 3, 3, 3]), OutlierOptions())
        #expect(equal.flagged.isEmpty && equal.notes.contains { $0.contains("every value is equal") })
    }

    @Test("small samples are refused with the reason")
    func small() {
        let r = Outliers.run(items([1, 2, 3]), methods: OutlierMethod.allCases)
        #expect(r[0].refused == nil)
        #expect(r[1].refused?.en.contains("at least 4") == true)
        #expect(r[2].refused?.en.contains("at least 7") == true)
        #expect(Outliers.run(items([1, 2]), methods: [.mad])[0].refused?.en.contains("at least 3") == true)
    }

    @Test("Qn as the robust scale")
    func qn() {
        var o = OutlierOptions()
        o.useQn = true
        let r = Outliers.robustZ(items([10, 11, 9, 10, 12, 10, 11, 60]), o)
        #expect(r.scaleName == "Qn" && r.flagged == [7])
    }

    @Test("metrics parse and refuse nonsense")
    func metrics() throws {
        #expect(try Metric(parsing: "expenditure.total").kind == .figure("expenditure.total"))
        #expect(try Metric(parsing: "growth:expenditure.project").kind == .growth("expenditure.project"))
        #expect(try Metric(parsing: "share:basic_share").unit == "%")
        #expect(try Metric(parsing: "unit_cost:社区").kind == .unitCost("社区"))
        #expect(throws: Metric.ParseError.self) { try Metric(parsing: "share:nope") }
        #expect(throws: Metric.ParseError.self) { try Metric(parsing: "") }
    }
}
