import Foundation
import Testing
@testable import YusuanIngest
import YusuanModel
import YusuanRead
import YusuanRender

/// A folder of its own under the system's temporary folder (never the user's cache); remove it with `discard`.
func scratchFolder(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-\(name)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func discard(_ dir: String) { try? FileManager.default.removeItem(atPath: dir) }

/// The JSON contract of a run: what must not change with the cache or the number of threads.
func contract(_ r: IngestResult) -> String { DisclosureJSON.document(r).serialized() }

/// Every fixture (all formats, containers that are refused among them), documents whose titles are set over
/// several lines, news reports, and the seed.
let cacheInputs = [repoRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures").path,
                   repoRoot.appendingPathComponent("Tests/YusuanAnalyseTests/Fixtures/titles").path,
                   repoRoot.appendingPathComponent("Tests/YusuanAnalyseTests/Fixtures/news").path, seedPath]

/// The inputs read once without a cache, one file at a time: the reference every cached or parallel run must match.
let uncached: IngestResult = Ingest.run(paths: cacheInputs, jobs: 1)

@Suite("The document cache gives the same bytes as reading the files")
struct CacheTests {
    @Test("a disclosure survives its binary form exactly, for every fixture")
    func roundTrip() throws {
        #expect(uncached.disclosures.count >= 20)
        #expect(uncached.disclosures.contains { $0.identity.title != nil }, "a title over several lines is coded too")
        for d in uncached.disclosures {
            let back = try DisclosureCoding.decode(DisclosureCoding.encode(d)[...], path: d.source.path)
            #expect(back == d, "\(d.source.path)")
            #expect(contract(IngestResult(disclosures: [back])) == contract(IngestResult(disclosures: [d])))
        }
    }

    @Test("every stored property of the model is in the binary form (a new one needs DisclosureCoding and the version bumped)")
    func everyFieldCoded() throws {
        let d = try #require(uncached.disclosures.first)
        let fields = { (x: Any) in Mirror(reflecting: x).children.map { $0.label ?? "" } }
        #expect(fields(d) == ["source", "identity", "figures", "performanceTables", "procurement", "assets", "outline", "lineItems",
                              "statements", "warnings"])
        #expect(fields(d.source) == ["path", "format", "sha256", "encoding"])
        #expect(fields(d.identity) == ["department", "normalizedDepartment", "departmentCode", "region", "fiscalYear", "kind", "provenance", "title", "newsReport"])
        let p = Provenance(line: 1, text: "")
        #expect(fields(p) == ["line", "page", "text", "ocr"])
        #expect(fields(Figure(key: "", value: 0, raw: "", provenance: p)) == ["key", "value", "raw", "step", "provenance", "origin"])
        #expect(fields(PerformanceTable(scope: .department, project: "", goal: nil, indicators: [], line: 1))
                == ["scope", "project", "goal", "indicators", "line"])
        #expect(fields(Indicator(level1: "", level2: "", name: "", description: "", op: nil, value: nil, unit: nil, raw: "", basis: "", line: 1))
                == ["level1", "level2", "name", "description", "op", "value", "unit", "raw", "basis", "line"])
        #expect(fields(ProcurementItem(project: nil, item: "", catalogCode: nil, unit: nil, quantity: nil, unitPrice: nil, amount: nil, line: 1))
                == ["project", "item", "catalogCode", "unit", "quantity", "unitPrice", "amount", "line"])
        #expect(fields(AssetRow(item: "", count: nil, value: nil, line: 1)) == ["item", "count", "value", "isSubItem", "line"])
        #expect(fields(OutlineEntry(text: "", line: 1)) == ["text", "line"])
        #expect(fields(LineItem(code: "", name: "", values: [:], table: nil, line: 1)) == ["code", "name", "values", "table", "line"])
        // The read options are the cache key's: a new one must be keyed too.
        #expect(fields(ReadOptions()) == ["ocr"])
        #expect(DocumentCache.tag(ReadOptions(ocr: true)) != DocumentCache.tag(ReadOptions(ocr: false)))
    }

    @Test("amounts of every shape come back with the same value and the same printed form", arguments: [
        "0", "9250.53", "-901.2", "0.0001", "92505300", "1E+30", "-123456789012345678901234567890.12", "0.000000000000000000000001",
    ])
    func decimals(_ text: String) throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        let w = CacheWriter()
        w.decimal(value)
        let r = CacheReader(w.bytes[...])
        let back = try r.decimal()
        #expect(back == value && back.plain == value.plain && r.atEnd)
    }

    @Test("a second run reads every document from the cache and writes the same bytes")
    func secondRunFromCache() throws {
        let root = scratchFolder("cache")
        defer { discard(root) }
        let cache = DocumentCache(root: root)
        let first = Ingest.run(paths: cacheInputs, cache: cache)
        #expect(cache.statistics.hits == 0 && cache.statistics.writes == first.disclosures.count)
        let second = Ingest.run(paths: cacheInputs, cache: cache)
        #expect(cache.statistics.hits == uncached.disclosures.count)
        #expect(cache.statistics.writes == uncached.disclosures.count)
        #expect(contract(first) == contract(uncached))
        #expect(contract(second) == contract(uncached))
        // Failures are never kept: each is read (and fails) again.
        #expect(second.failures == uncached.failures && !uncached.failures.isEmpty)
    }

    @Test("a corrupt, truncated or emptied entry is not used: the file is read again and the entry written anew", arguments: ["flip", "truncate", "empty", "garbage"])
    func damagedEntry(_ damage: String) throws {
        let root = scratchFolder("damaged")
        defer { discard(root) }
        let cache = DocumentCache(root: root)
        _ = Ingest.run(paths: [seedPath], cache: cache)
        let d = try #require(uncached.disclosures.first { $0.source.path == seedPath })
        let entry = cache.entryPath(cache.key(sha256: d.source.sha256, options: ReadOptions()))
        var bytes = try #require(Ingest.readFile(entry))
        switch damage {
        case "flip": bytes[bytes.count * 2 / 3] ^= 0x20
        case "truncate": bytes.removeLast(bytes.count / 2)
        case "empty": bytes = []
        default: bytes = Array(repeating: 0x41, count: 4096)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: entry))
        let again = Ingest.run(paths: [seedPath], cache: cache)
        #expect(cache.statistics.hits == 0 && cache.statistics.writes == 2)
        #expect(contract(again) == contract(IngestResult(disclosures: [d])))
        // Rewritten whole: the next run takes it.
        _ = Ingest.run(paths: [seedPath], cache: cache)
        #expect(cache.statistics.hits == 1)
    }

    @Test("no prefix of an entry is ever taken for the whole, and damaged bodies never trap")
    func everyTruncationRefused() throws {
        let d = try #require(uncached.disclosures.first { $0.source.path == seedPath })
        let root = scratchFolder("prefix")
        defer { discard(root) }
        let cache = DocumentCache(root: root)
        let key = cache.key(sha256: d.source.sha256, options: ReadOptions())
        let entry = cache.encode(d, key: key)
        #expect(cache.decode(entry, key: key, options: ReadOptions(), path: "x") != nil)
        for n in stride(from: 0, to: entry.count, by: 7) {
            #expect(cache.decode(Array(entry.prefix(n)), key: key, options: ReadOptions(), path: "x") == nil)
        }
        // Past the checksum, the decoder itself must refuse or survive whatever the body holds.
        let body = DisclosureCoding.encode(d)
        var g = SplitMix(seed: 13)
        for _ in 0..<3000 {
            var b = body
            for _ in 0...Int(g.next() % 4) { b[Int(g.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: g.next()) }
            if g.next() % 3 == 0 { b.removeLast(Int(g.next() % UInt64(b.count))) }
            _ = try? DisclosureCoding.decode(b[...], path: "x")
        }
    }

    @Test("entries of another version or another build are not read, and are replaced")
    func versionAndBuild() throws {
        let root = scratchFolder("version")
        defer { discard(root) }
        let v1 = DocumentCache(root: root, version: 1, build: "a")
        _ = Ingest.run(paths: [seedPath], cache: v1)
        let v2 = DocumentCache(root: root, version: 2, build: "a")
        _ = Ingest.run(paths: [seedPath], cache: v2)
        #expect(v2.statistics.hits == 0 && v2.statistics.writes == 1)
        let rebuilt = DocumentCache(root: root, version: 1, build: "b")
        let r = Ingest.run(paths: [seedPath], cache: rebuilt)
        #expect(rebuilt.statistics.hits == 0 && rebuilt.statistics.writes == 1)
        #expect(contract(r) == contract(Ingest.run(paths: [seedPath], jobs: 1)))
        // An entry moved under another key is not taken for that key's.
        let other = rebuilt.entryPath(rebuilt.key(sha256: String(repeating: "0", count: 64), options: ReadOptions()))
        let sha = try #require(r.disclosures.first?.source.sha256)
        try FileManager.default.createDirectory(atPath: (other as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rebuilt.entryPath(rebuilt.key(sha256: sha, options: ReadOptions())), toPath: other)
        #expect(rebuilt.load(sha256: String(repeating: "0", count: 64), options: ReadOptions(), path: "x") == nil)
        // OCR or not is part of the key.
        #expect(rebuilt.load(sha256: sha, options: ReadOptions(ocr: true), path: "x") == nil)
        #expect(rebuilt.load(sha256: sha, options: ReadOptions(), path: "x") != nil)
    }

    @Test("the same bytes at another path carry the new path, and the department that path names")
    func sameBytesElsewhere() throws {
        let dir = scratchFolder("moved")
        defer { discard(dir) }
        let text = "2022年部门预算公开说明\n2022年支出预算900万元，其中基本支出300万元，项目支出500万元。\n"
        let fm = FileManager.default
        for folder in ["某县林业局", "某县水利局", "x"] {
            try fm.createDirectory(atPath: "\(dir)/\(folder)", withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(folder)/budget.txt"))
        }
        let root = scratchFolder("moved-cache")
        defer { discard(root) }
        let cache = DocumentCache(root: root)
        let cached = Ingest.run(paths: ["\(dir)/某县林业局", "\(dir)/某县水利局", "\(dir)/x"], cache: cache, jobs: 1)
        #expect(cache.statistics.writes == 1 && cache.statistics.hits == 2)
        let read = Ingest.run(paths: ["\(dir)/某县林业局", "\(dir)/某县水利局", "\(dir)/x"], jobs: 1)
        #expect(contract(cached) == contract(read))
        #expect(cached.disclosures.map(\.source.path) == ["\(dir)/某县林业局/budget.txt", "\(dir)/某县水利局/budget.txt", "\(dir)/x/budget.txt"])
        #expect(cached.disclosures.map(\.identity.department) == ["某县林业局", "某县水利局", nil])
        #expect(cached.disclosures[2].warnings.contains(Disclosure.noDepartmentWarning))
    }

    @Test("the cache folder: the variable, else XDG, else ~/.cache; none without a home")
    func folder() {
        #expect(DocumentCache.standard(environment: ["YUSUAN_CACHE_DIR": "/t/c", "HOME": "/h"])?.folder == "/t/c/v\(DocumentCache.extractorVersion)")
        #expect(DocumentCache.standard(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.folder == "/x/yusuan/v\(DocumentCache.extractorVersion)")
        #expect(DocumentCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.folder == "/h/.cache/yusuan/v\(DocumentCache.extractorVersion)")
        #expect(DocumentCache.standard(environment: [:]) == nil)
    }

    @Test("a cache that cannot be written is noted once and reading goes on")
    func unwritable() throws {
        let dir = scratchFolder("blocked")
        defer { discard(dir) }
        // A file where the cache folder should be.
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(dir)/v\(DocumentCache.extractorVersion)"))
        let cache = DocumentCache(root: dir)
        let r = Ingest.run(paths: [seedPath], cache: cache)
        #expect(r.failures.isEmpty && r.disclosures.count == 1)
        #expect(cache.problem != nil && cache.statistics.writes == 0)
    }

    @Test("two runs at once into one cache leave only whole entries, and no temporary files")
    func concurrentRuns() throws {
        let root = scratchFolder("shared")
        defer { discard(root) }
        let results = ManagedResults()
        let group = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: group) {
                results.add(contract(Ingest.run(paths: cacheInputs, cache: DocumentCache(root: root), jobs: 2)))
            }
        }
        group.wait()
        #expect(Set(results.all) == [contract(uncached)])
        let check = DocumentCache(root: root)
        #expect(contract(Ingest.run(paths: cacheInputs, cache: check)) == contract(uncached))
        #expect(check.statistics.hits == uncached.disclosures.count && check.statistics.writes == 0)
        let leftovers = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}

final class ManagedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite("Reading on every core gives the same output as one file at a time")
struct ParallelIngestTests {
    @Test("same documents, failures and order for any number of threads", arguments: [2, 3, 8])
    func sameOrder(jobs: Int) {
        // Missing paths and refused files among good ones, so failures interleave with successes.
        let paths = [repoRoot.appendingPathComponent("Tests/YusuanIngestTests/Fixtures").path, "/nonexistent/yusuan", seedPath]
        let serial = Ingest.run(paths: paths, jobs: 1)
        let parallel = Ingest.run(paths: paths, jobs: jobs)
        #expect(contract(parallel) == contract(serial))
        #expect(parallel.failures == serial.failures)
    }

    @Test("results come in order while later files are still being read, never more than the window ahead")
    func orderedWindow() {
        let seen = ManagedResults()
        var delivered: [Int] = []
        OrderedParallel.forEach(count: 200, width: 4, window: 8, work: { i in
            // Later items finish first within a window.
            usleep(UInt32((200 - i) % 7) * 200)
            seen.add("\(i)")
            return i
        }, deliver: { i in
            // Workers never run more than the window ahead of what was delivered.
            #expect(seen.all.count <= delivered.count + 8 + 1)
            delivered.append(i)
        })
        #expect(delivered == Array(0..<200))
    }

    @Test("the JSON written one document at a time is the JSON of the whole run")
    func streamedJSON() {
        for r in [uncached, IngestResult(), IngestResult(failures: uncached.failures), IngestResult(disclosures: Array(uncached.disclosures.prefix(1)))] {
            var stream = DisclosureJSON.Stream()
            let parts = r.disclosures.map { stream.disclosure($0) }.joined() + stream.end(failures: r.failures)
            #expect(parts == contract(r))
        }
    }

    @Test("each document's JSON made on the reading threads joins into the same bytes, in file order", arguments: [1, 2, 4])
    func jsonOnReadingThreads(jobs: Int) {
        var stream = DisclosureJSON.Stream()
        var out: [UInt8] = []
        var failures: [IngestFailure] = []
        Ingest.forEach(paths: cacheInputs, jobs: jobs, map: { r in r.map(DisclosureJSON.Stream.body) }) { r in
            switch r {
            case .success(let body): out += stream.next(body)
            case .failure(let f): failures.append(f)
            }
        }
        let text = String(decoding: out, as: UTF8.self) + stream.end(failures: failures)
        #expect(failures == uncached.failures)
        #expect(text == contract(uncached))
    }
}
