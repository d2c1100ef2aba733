import Foundation
import Testing
import YusuanCollect
@testable import YusuanAnalyse
import YusuanIngest
import YusuanModel
@testable import YusuanPipeline

/// A folder of the seed (with its aliases) and two departments of the example district, in a scratch folder.
private func checkFolder() throws -> (root: String, docs: String) {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("yusuan-checkrun-\(UUID().uuidString)").path
    let docs = root + "/docs"
    try fm.createDirectory(atPath: docs, withIntermediateDirectories: true)
    try fm.copyItem(atPath: repoRoot.appendingPathComponent("datasets/guangyang").path, toPath: docs + "/guangyang")
    for dept in ["01-教育局", "09-区委组织部"] {
        try fm.copyItem(atPath: repoRoot.appendingPathComponent("datasets/example-district/\(dept)").path, toPath: docs + "/" + dept)
    }
    return (root, docs)
}

/// The report of the folder read afresh, with no cache at all.
private func uncachedReport(_ docs: String, department: String? = nil) throws -> CheckRun {
    try Pipeline.check(paths: [docs], department: department, cache: nil)
}

@Suite("A check of an unchanged folder is printed from the report kept, and only then")
struct CheckRunTests {
    @Test("the second run is the kept report, equal to a check without any cache; any change is checked again")
    func keptAndInvalidated() throws {
        let (root, docs) = try checkFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = DocumentCache(root: root + "/cache")
        let reference = try uncachedReport(docs)
        #expect(reference.report.findings.count > 10 && reference.report.documentsChecked >= 15, "\(reference.report.documentsChecked)")

        let first = try Pipeline.check(paths: [docs], cache: cache)
        #expect(!first.fromCache && first.report == reference.report)
        let second = try Pipeline.check(paths: [docs], cache: cache)
        #expect(second.fromCache && second.report == reference.report)

        // One line added to one document: that run is checked again, and gives what a fresh check gives.
        let file = docs + "/guangyang/2021/organization-department.budget.txt"
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile(); handle.write(Data("\n附：本说明由办公室编写。\n".utf8)); handle.closeFile()
        let changed = try Pipeline.check(paths: [docs], cache: cache)
        let changedFresh = try uncachedReport(docs).report
        #expect(!changed.fromCache && changed.report == changedFresh)
        let again = try Pipeline.check(paths: [docs], cache: cache)
        #expect(again.fromCache)

        // A file renamed: the paths printed change, so the report is made again.
        try FileManager.default.moveItem(atPath: docs + "/01-教育局", toPath: docs + "/01-教育局-改名")
        let renamed = try Pipeline.check(paths: [docs], cache: cache)
        let renamedFresh = try uncachedReport(docs).report
        #expect(!renamed.fromCache && renamed.report == renamedFresh)
        #expect(renamed.report.findings.contains { $0.evidence.contains { $0.path.contains("教育局-改名") } })

        // The aliases file edited: departments may be named otherwise, so it is a new key.
        let aliases = docs + "/guangyang/departments.yaml"
        try (String(contentsOfFile: aliases, encoding: .utf8) + "\n# edited\n").write(toFile: aliases, atomically: true, encoding: .utf8)
        let edited = try Pipeline.check(paths: [docs], cache: cache)
        #expect(!edited.fromCache)

        // One department only: a key of its own, and the same report as without the cache.
        let dept = try #require(reference.report.departmentNames.values.sorted().first)
        let narrowed = try Pipeline.check(paths: [docs], department: dept, cache: cache)
        let narrowedFresh = try uncachedReport(docs, department: dept).report
        #expect(!narrowed.fromCache && narrowed.report == narrowedFresh)
        #expect(narrowed.report.documentsChecked < renamed.report.documentsChecked)
        let narrowedAgain = try Pipeline.check(paths: [docs], department: dept, cache: cache)
        #expect(narrowedAgain.fromCache)
    }

    @Test("a damaged kept report is not trusted: the folder is checked again and the report written anew")
    func damaged() throws {
        let (root, docs) = try checkFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = DocumentCache(root: root + "/cache")
        let first = try Pipeline.check(paths: [docs], cache: cache)
        let kept = try #require(FileManager.default.enumerator(atPath: cache.folder)?.compactMap { $0 as? String }.first { $0.hasSuffix("-check") })
        let path = cache.folder + "/" + kept
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let again = try Pipeline.check(paths: [docs], cache: cache)
        #expect(!again.fromCache && again.report == first.report)
        let rewritten = try Pipeline.check(paths: [docs], cache: cache)
        #expect(rewritten.fromCache)
    }

    @Test("a run with a file that cannot be read is never kept, so its failure is said every time")
    func failuresNotKept() throws {
        let (root, docs) = try checkFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("PK\u{3}\u{4}not a zip at all".utf8).write(to: URL(fileURLWithPath: docs + "/broken.docx"))
        let cache = DocumentCache(root: root + "/cache")
        for _ in 0..<2 {
            let run = try Pipeline.check(paths: [docs], cache: cache)
            #expect(!run.fromCache && run.failures.map(\.path) == [docs + "/broken.docx"])
        }
    }

    @Test("the kept form gives back every field of a report, and any cut of it is refused")
    func coding() throws {
        let report = CheckReport(
            findings: [
                Finding(rule: "sum.expenditure", severity: .error, department: "d1", year: 2021, kind: .budget,
                        message: LocalizedText(zh: "支出总计不等于各项之和", en: "total ≠ parts"),
                        evidence: [Evidence(path: "a/b.pdf", line: 12, page: 3, text: "支出总计 1,234.56 万元"),
                                   Evidence(path: "a/b.pdf", line: 13, text: "基本支出")]),
                Finding(rule: "completeness", severity: .warning, department: nil, year: nil, kind: nil,
                        message: LocalizedText(zh: "", en: ""), evidence: []),
            ],
            departmentNames: ["d1": "某某局", "d2": "另一局"], documentsChecked: 7,
            unplaced: [Unplaced(path: "x.txt", reason: "no fiscal year")])
        let bytes = CheckReportCoding.encode(report)
        #expect(try CheckReportCoding.decode(bytes[...]) == report)
        for n in 0..<bytes.count { #expect(throws: CacheCorrupt.self) { try CheckReportCoding.decode(bytes.prefix(n)) } }
    }
}

@Suite("Metadata files found below an input folder")
struct EntriesBelowTests {
    @Test("every entry below a folder is listed as FileManager's enumerator lists it")
    func entriesAsEnumerator() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("yusuan-entries-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        for dir in ["a/b/c", "a/.hidden", "教育局/2021", "empty", "d.yaml"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for file in ["x.txt", "a/departments.yaml", "a/b/c/denominators.yaml", "a/.hidden/departments.yaml", "教育局/2021/预算.txt", ".top"] {
            #expect(fm.createFile(atPath: root + "/" + file, contents: Data("x".utf8)))
        }
        // A link to a folder is listed but not entered; a link to nothing is listed.
        try fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root + "/a")
        try fm.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: root + "/none")
        let expected = try #require(fm.enumerator(atPath: root)).compactMap { $0 as? String }.sorted()
        #expect(Pipeline.entries(below: root).sorted() == expected)
        #expect(Pipeline.entries(below: root + "/").sorted() == expected)
        #expect(expected.contains("a/.hidden/departments.yaml") && !expected.contains("loop/departments.yaml"))
        #expect(Pipeline.entries(below: root + "/none").isEmpty)
    }
}
