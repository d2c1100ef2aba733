import Foundation
import YusuanExtract
import YusuanModel
import YusuanRead

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = repoRoot.appendingPathComponent("datasets/guangyang/2021/organization-department.budget.txt").path

/// Reads a document written in the Tika text format and extracts it.
func extract(_ text: String, path: String = "test.txt") throws -> Disclosure {
    let doc = TikaTextReader.read(text: text)
    return try Extractor.extract(doc, source: SourceInfo(path: path, format: "tika-text", sha256: "", encoding: "UTF-8"))
}

func figure(_ d: Disclosure, _ key: String) -> Decimal? { d.figures[key]?.value }

func dec(_ s: String) -> Decimal { Decimal(string: s)! }
