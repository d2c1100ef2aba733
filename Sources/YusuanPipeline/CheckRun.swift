import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanIngest
import YusuanModel
import YusuanRead

/// A `check` of some paths: its report, the files that could not be read, and whether it was the report a run
/// before kept.
public struct CheckRun: Sendable {
    public var report: CheckReport
    public var failures: [IngestFailure]
    public var fromCache: Bool
}

extension Pipeline {
    /// Checks `paths` as `load` + `check` do. With a cache, the report of a run is kept when every file was read,
    /// under a key made of everything it depends on: each file's path and sha256 in reading order, the aliases and
    /// denominators files (path and bytes), `department`, the read options and yusuan's build. A run whose key
    /// matches prints that report without reading a document: only the files are hashed. Any change (one byte of
    /// one file, a file added or renamed, another yusuan) is a new key, read the usual way through the document
    /// cache. A damaged report is ignored and written again.
    public static func check(paths: [String], aliasesPath: String? = nil, denominatorsPath: String? = nil, department: String? = nil,
                             options: ReadOptions = ReadOptions(), cache: DocumentCache? = nil) throws -> CheckRun {
        let (aliasFile, denomFile) = metadataFiles(paths: paths, aliasesPath: aliasesPath, denominatorsPath: denominatorsPath)
        let key = cache.flatMap { _ in Ingest.fingerprints(paths: paths) }.flatMap {
            checkKey(files: $0, aliases: aliasFile, denominators: denomFile, department: department, options: options)
        }
        if let cache, let key, let body = cache.loadResult(key: key, kind: CheckReportCoding.kind),
           let report = try? CheckReportCoding.decode(body) {
            return CheckRun(report: report, failures: [], fromCache: true)
        }
        var w = try load(paths: paths, aliasFile: aliasFile, denomFile: denomFile, department: department, options: options, cache: cache)
        // Kept under the key of what was read, which differs from `key` if a file changed since it was hashed.
        let read = w.panel.disclosures.map { (path: $0.source.path, sha256: $0.source.sha256) }
        if let department { w = try restrict(w, to: department) }
        let report = CheckReport(findings: check(w), panel: w.panel)
        if let cache, w.failures.isEmpty,
           let readKey = checkKey(files: read, aliases: aliasFile, denominators: denomFile, department: department, options: options) {
            cache.storeResult(CheckReportCoding.encode(report), key: readKey, kind: CheckReportCoding.kind)
        }
        return CheckRun(report: report, failures: w.failures, fromCache: false)
    }

    /// The key of a check of `files` (path and sha256 each, in reading order); nil when a metadata file cannot be
    /// read: that run is never kept.
    static func checkKey(files: [(path: String, sha256: String)], aliases: String?, denominators: String?, department: String?,
                         options: ReadOptions) -> String? {
        let w = CacheWriter()
        w.string("check \(CheckReportCoding.version)"); w.string(DocumentCache.tag(options)); w.optional(department, w.string)
        for meta in [aliases, denominators] {
            w.optional(meta, w.string)
            if let meta {
                guard let bytes = FileManager.default.contents(atPath: meta) else { return nil }
                w.string(SHA256.hex(Array(bytes)))
            }
        }
        w.array(files) { f in w.string(f.path); w.string(f.sha256) }
        return SHA256.hex(w.bytes)
    }
}

/// `CheckReport` as bytes for the cache (not a contract: bump `version` when it or `Finding` changes).
enum CheckReportCoding {
    static let kind = "check"
    static let version = 2

    static func encode(_ r: CheckReport) -> [UInt8] {
        let w = CacheWriter()
        w.array(r.findings) { f in
            w.string(f.rule); w.string(f.severity.rawValue); w.optional(f.department, w.string); w.optional(f.year, w.int)
            w.optional(f.kind?.rawValue, w.string); w.string(f.message.zh); w.string(f.message.en)
            w.array(f.evidence) { e in w.string(e.path); w.int(e.line); w.optional(e.page, w.int); w.string(e.text); w.optional(e.focus) { w.string($0.raw); w.string($0.key) } }
        }
        w.array(r.departmentNames.sorted { $0.key < $1.key }) { kv in w.string(kv.key); w.string(kv.value) }
        w.int(r.documentsChecked)
        w.array(r.unplaced) { u in w.string(u.path); w.string(u.reason) }
        return w.bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>) throws(CacheCorrupt) -> CheckReport {
        let r = CacheReader(bytes)
        let findings = try r.array { () throws(CacheCorrupt) in
            Finding(rule: try r.string(), severity: try r.enumeration(Finding.Severity.self), department: try r.optional(r.string),
                    year: try r.optional(r.int), kind: try r.optional { () throws(CacheCorrupt) in try r.enumeration(DisclosureKind.self) },
                    message: LocalizedText(zh: try r.string(), en: try r.string()),
                    evidence: try r.array { () throws(CacheCorrupt) in
                        Evidence(path: try r.string(), line: try r.int(), page: try r.optional(r.int), text: try r.string(), focus: try r.optional { () throws(CacheCorrupt) in Evidence.Focus(raw: try r.string(), key: try r.string()) })
                    })
        }
        var names: [String: String] = [:]
        for (id, name) in try r.array({ () throws(CacheCorrupt) in (try r.string(), try r.string()) }) {
            guard names.updateValue(name, forKey: id) == nil else { throw CacheCorrupt() }
        }
        let checked = try r.int()
        let unplaced = try r.array { () throws(CacheCorrupt) in Unplaced(path: try r.string(), reason: try r.string()) }
        guard r.atEnd, checked >= 0 else { throw CacheCorrupt() }
        return CheckReport(findings: findings, departmentNames: names, documentsChecked: checked, unplaced: unplaced)
    }
}
