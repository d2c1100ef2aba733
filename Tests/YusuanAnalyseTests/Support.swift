import Foundation
import YusuanCollect
import YusuanIngest
import YusuanModel

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = repoRoot.appendingPathComponent("datasets/guangyang/2021/organization-department.budget.txt").path

nonisolated(unsafe) let expected: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/expected.json")
    return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
}()

nonisolated(unsafe) let reference: [String: Any] = {
    let url = repoRoot.appendingPathComponent("Tests/YusuanExtractTests/Fixtures/seed-2021-organization-department.expected.json")
    return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
}()

func disclosure(_ text: String, path: String = "test.txt") throws -> Disclosure {
    switch Ingest.ingest(bytes: Array(text.utf8), path: path) {
    case .success(let d): return d
    case .failure(let f): throw f
    }
}

func seedPanel() throws -> Panel {
    let text = String(decoding: FileManager.default.contents(atPath: seedPath) ?? Data(), as: UTF8.self)
    return PanelBuilder.build([try disclosure(text, path: seedPath)])
}

func doc(_ name: String, _ year: Int, _ body: String, kind: String = "预算") -> String {
    "\(name)\n\(year)年部门\(kind)公开说明\n\(body)\n"
}

func dec(_ s: String) -> Decimal { Decimal(string: s)! }

func num(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }

func close(_ a: Double?, _ b: Double, rel: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= rel * max(1, abs(b))
}
