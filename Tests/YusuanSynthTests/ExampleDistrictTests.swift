import Foundation
import Testing
import YusuanAnalyse
import YusuanCollect
import YusuanIngest
import YusuanModel
import YusuanPipeline
import YusuanSynth

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let districtDir = repoRoot.appendingPathComponent("datasets/example-district")

@Suite("Example district", .serialized)
struct ExampleDistrictTests {
    static let workspace: Workspace? = try? Pipeline.load(paths: [districtDir.path])
    nonisolated(unsafe) static let manifest: [String: Any] = {
        let data = (try? Data(contentsOf: districtDir.appendingPathComponent("manifest.json"))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }()

    @Test("the committed district is what `yusuan synth` makes: it never goes stale")
    func upToDate() throws {
        let out = try Synth.generate(SynthOptions(departments: 30, years: 2016...2023, seed: 7))
        for (path, data) in out.files {
            let onDisk = try Data(contentsOf: districtDir.appendingPathComponent(path))
            #expect(onDisk == data, "\(path) differs from what synth makes now; regenerate datasets/example-district")
        }
        let again = try Synth.generate(SynthOptions(departments: 30, years: 2016...2023, seed: 7))
        #expect(again.files.map(\.data) == out.files.map(\.data), "deterministic")
    }

    @Test("every figure in the manifest is recovered, from every format")
    func figures() throws {
        let w = try #require(Self.workspace)
        #expect(w.failures.isEmpty, "\(w.failures)")
        let byPath = Dictionary(uniqueKeysWithValues: w.panel.disclosures.map { (($0.source.path as NSString).lastPathComponent == "" ? $0.source.path : String($0.source.path.dropFirst(districtDir.path.count + 1)), $0) })
        let docs = Self.manifest["documents"] as? [[String: Any]] ?? []
        #expect(docs.count >= 240)
        var formats = Set<String>()
        for doc in docs {
            let path = doc["path"] as? String ?? ""
            let d = try #require(byPath[path], "\(path) not read")
            formats.insert(doc["format"] as? String ?? "")
            #expect(d.identity.department == doc["department"] as? String, "\(path)")
            #expect(d.identity.fiscalYear == doc["fiscal_year"] as? Int, "\(path)")
            #expect(d.identity.kind?.rawValue == doc["kind"] as? String, "\(path)")
            for (k, v) in doc["figures"] as? [String: NSNumber] ?? [:] {
                #expect(d.figures[k]?.value == Decimal(string: v.stringValue), "\(path) \(k): \(String(describing: d.figures[k]?.value)) ≠ \(v)")
            }
        }
        #expect(formats == ["text", "yuan", "traditional", "docx", "html", "html-gb18030", "xlsx"])
    }

    @Test("the planted outliers are found")
    func outliers() throws {
        let w = try #require(Self.workspace)
        for o in Self.manifest["planted_outliers"] as? [[String: Any]] ?? [] {
            let metric = try Metric(parsing: o["metric"] as? String ?? "")
            let (items, year) = Metrics.items(w.panel, metric, year: o["fiscal_year"] as? Int)
            #expect(year == o["fiscal_year"] as? Int)
            let results = Outliers.run(items, methods: OutlierMethod.allCases)
            let name = o["department"] as? String ?? ""
            let item = try #require(items.firstIndex { $0.label == name }, "\(name) has no \(metric)")
            #expect(results.first { $0.method == .mad }?.flags(item) == true, "\(metric): \(name) not flagged by the robust z-score")
            #expect(results.contains { $0.method == .gesd && $0.flags(item) }, "\(metric): \(name) not flagged by GESD")
        }
    }

    @Test("the planted inconsistencies are found, and nothing else of severity error")
    func findings() throws {
        let w = try #require(Self.workspace)
        let findings = Checks.run(w.panel)
        let planted = Self.manifest["planted_findings"] as? [[String: Any]] ?? []
        #expect(planted.count == 4)
        for p in planted {
            let name = p["department"] as? String ?? ""
            #expect(findings.contains { f in
                f.rule == p["rule"] as? String && f.year == p["fiscal_year"] as? Int && w.panel.department(f.department ?? "")?.name == name
            }, "\(p) not found")
        }
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.count == planted.count, "\(errors.map { "\($0.rule) \($0.year ?? 0): \($0.message.en)" })")
    }

    @Test("a workspace narrowed to one department, named by the end of its name")
    func restrict() throws {
        let w = try #require(Self.workspace)
        let one = try Pipeline.restrict(w, to: "民政局")
        #expect(one.panel.departments.map(\.name) == ["示例市示范区民政局"])
        #expect(Checks.run(one.panel).contains { $0.rule == "sum.expenditure" && $0.year == 2018 })
        #expect(throws: Pipeline.SetupError.self) { try Pipeline.restrict(w, to: "不存在的局") }
        #expect(throws: Pipeline.SetupError.self) { try Pipeline.restrict(w, to: "局") }   // ambiguous
    }

    @Test("synth refuses nonsense", arguments: [(1, 2016, 2023), (500, 2016, 2023), (10, 2020, 2020), (10, 1800, 1810), (10, 2000, 2060)])
    func refuses(n: Int, a: Int, b: Int) {
        #expect(throws: SynthError.self) { try Synth.generate(SynthOptions(departments: n, years: a...b, seed: 1)) }
    }
}
