import Foundation
import YusuanAnalyse
import YusuanCollect
import YusuanIngest
import YusuanModel
import YusuanRead

/// What the commands work on: the documents read, the panel built from them, and the metadata found.
public struct Workspace: Sendable {
    public var panel: Panel
    public var failures: [IngestFailure]
    public var aliases: AliasTable?
    public var aliasesPath: String?
    public var denominators: Denominators?
    public var denominatorsPath: String?

    public init(panel: Panel, failures: [IngestFailure] = [], aliases: AliasTable? = nil, aliasesPath: String? = nil,
                denominators: Denominators? = nil, denominatorsPath: String? = nil) {
        self.panel = panel
        self.failures = failures
        self.aliases = aliases
        self.aliasesPath = aliasesPath
        self.denominators = denominators
        self.denominatorsPath = denominatorsPath
    }
}

public enum Pipeline {
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `paths` and builds the panel. Aliases (`departments.yaml`) and denominators (`denominators.yaml`)
    /// are taken from the given files, or else found in the inputs' folders and their parents.
    /// `department` is the name given for documents whose text names none (`--department`).
    public static func load(paths: [String], aliasesPath: String? = nil, denominatorsPath: String? = nil,
                            department: String? = nil, options: ReadOptions = ReadOptions(), cache: DocumentCache? = nil) throws -> Workspace {
        let (aliasFile, denomFile) = metadataFiles(paths: paths, aliasesPath: aliasesPath, denominatorsPath: denominatorsPath)
        return try load(paths: paths, aliasFile: aliasFile, denomFile: denomFile, department: department, options: options, cache: cache)
    }

    /// `load` with the metadata files already found (nil: there is none).
    static func load(paths: [String], aliasFile: String?, denomFile: String?, department: String?, options: ReadOptions,
                     cache: DocumentCache?) throws -> Workspace {
        let aliases: AliasTable?
        do { aliases = try aliasFile.map(AliasTable.load) } catch { throw SetupError(description: "\(error)") }
        let denominators: Denominators?
        do { denominators = try denomFile.map(Denominators.load) } catch { throw SetupError(description: "\(error)") }
        let result = ingest(paths: paths, department: department, options: options, cache: cache)
        let panel = PanelBuilder.build(result.disclosures, aliases: aliases)
        return Workspace(panel: panel, failures: result.failures, aliases: aliases, aliasesPath: aliasFile,
                         denominators: denominators, denominatorsPath: denomFile)
    }

    /// Reads `paths`; documents whose text names no department get `department` when one is given.
    public static func ingest(paths: [String], department: String? = nil, options: ReadOptions = ReadOptions(),
                              cache: DocumentCache? = nil) -> IngestResult {
        var result = IngestResult(disclosures: [], failures: [])
        forEach(paths: paths, department: department, options: options, cache: cache) { r in
            switch r {
            case .success(let d): result.disclosures.append(d)
            case .failure(let f): result.failures.append(f)
            }
        }
        return result
    }

    /// `ingest` one result at a time, in order (for output written as it is read).
    public static func forEach(paths: [String], department: String? = nil, options: ReadOptions = ReadOptions(),
                               cache: DocumentCache? = nil, _ body: (Result<Disclosure, IngestFailure>) -> Void) {
        forEach(paths: paths, department: department, options: options, cache: cache, map: { $0 }, body)
    }

    /// `forEach`, with `map` applied to each result on the thread that read it (see `Ingest.forEach`).
    public static func forEach<T: Sendable>(paths: [String], department: String? = nil, options: ReadOptions = ReadOptions(),
                                            cache: DocumentCache? = nil, map: @escaping @Sendable (Result<Disclosure, IngestFailure>) -> T,
                                            _ body: (T) -> Void) {
        let name = department?.trimmingCharacters(in: .whitespaces)
        Ingest.forEach(paths: paths, options: options, cache: cache, map: { r in
            guard let name, !name.isEmpty, case .success(var d) = r, d.textNamesNoDepartment else { return map(r) }
            d.identity.assignDepartment(name)
            d.warnings.removeAll { $0.hasPrefix(Disclosure.departmentFromPathWarning) || $0 == Disclosure.noDepartmentWarning }
            d.warnings.append("the text names no department; set to “\(name)” by --department")
            return map(.success(d))
        }, body)
    }

    /// The aliases and denominators files: the ones given, else the ones found near the inputs (one walk for both).
    static func metadataFiles(paths: [String], aliasesPath: String?, denominatorsPath: String?) -> (aliases: String?, denominators: String?) {
        let wanted = [aliasesPath == nil ? "departments.yaml" : nil, denominatorsPath == nil ? "denominators.yaml" : nil].compactMap { $0 }
        let found = wanted.isEmpty ? [:] : findUpwards(wanted, from: paths)
        return (aliasesPath ?? found["departments.yaml"], denominatorsPath ?? found["denominators.yaml"])
    }

    /// The nearest `name` in an input's folder or above it (up to three levels), else below an input folder,
    /// for the first input that has one.
    public static func findUpwards(_ name: String, from paths: [String]) -> String? { findUpwards([name], from: paths)[name] }

    /// For each of `names`: the first input's folder or one of up to three folders above it that holds it, else the
    /// first (in sorted order) below an input folder. One walk of each input folder serves every name.
    static func findUpwards(_ names: [String], from paths: [String]) -> [String: String] {
        let fm = FileManager.default
        var result: [String: String] = [:]
        for p in paths {
            let left = names.filter { result[$0] == nil }
            if left.isEmpty { break }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { continue }
            var dir = URL(fileURLWithPath: p).standardizedFileURL
            if !isDir.boolValue { dir = dir.deletingLastPathComponent() }
            for name in left {
                // Look in the folder, then up to three levels above it.
                var d = dir
                for _ in 0..<4 {
                    let candidate = d.appendingPathComponent(name).path
                    if fm.fileExists(atPath: candidate) { result[name] = relative(candidate); break }
                    let parent = d.deletingLastPathComponent()
                    if parent.path == d.path { break }
                    d = parent
                }
            }
            // A folder given as input may hold the file deeper down (datasets/ → datasets/guangyang/).
            let deeper = names.filter { result[$0] == nil }
            if isDir.boolValue, !deeper.isEmpty {
                var found: [String: [String]] = [:]
                for rel in entries(below: p) {
                    for name in deeper where rel == name || rel.hasSuffix("/" + name) { found[name, default: []].append(rel) }
                }
                for (name, rels) in found { if let first = rels.min() { result[name] = (p as NSString).appendingPathComponent(first) } }
            }
        }
        return result
    }

    /// Every entry below the folder `root` (files, folders, links; hidden ones too), as paths relative to it: what
    /// `FileManager.enumerator(atPath:)` lists, without its cost (some 50,000 instructions an entry, most of a
    /// cached `check` of a large folder). Symlinked folders are not entered; folders that cannot be listed are
    /// passed over.
    static func entries(below root: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, _ rel: String) {
            guard let d = opendir(dir) else { return }
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(d)
            for name in names {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                let r = rel.isEmpty ? name : rel + "/" + name
                out.append(r)
                var st = stat()
                if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { walk(path, r) }
            }
        }
        walk(root, "")
        return out
    }

    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    public static func check(_ w: Workspace) -> [Finding] { Checks.run(w.panel) }

    /// The deflator table: the given file, else `deflators/cpi-china.csv` near the inputs; nil when there is none.
    public static func deflators(path: String?, near paths: [String]) throws -> Deflators? {
        guard let p = path ?? findUpwards("deflators/cpi-china.csv", from: paths) else { return nil }
        do { return try Deflators.load(path: p) } catch { throw SetupError(description: "\(error)") }
    }

    public static func compare(_ w: Workspace, figures: [String], deflatorsPath: String?, department: String? = nil) throws -> Comparison {
        let deflators: Deflators?
        do { deflators = try deflatorsPath.map(Deflators.load) } catch { throw SetupError(description: "\(error)") }
        var c = Compare.run(w.panel, figures: figures, deflators: deflators, denominators: w.denominators)
        if let wanted = department {
            guard let id = resolveDepartment(wanted, in: w.panel) else {
                throw SetupError(description: "no department “\(wanted)”; there are: \(w.panel.departments.map(\.name).joined(separator: "、"))")
            }
            c.departments = c.departments.filter { $0.department.id == id }
        }
        return c
    }

    /// The workspace narrowed to one department (its documents only, the panel rebuilt from them).
    public static func restrict(_ w: Workspace, to wanted: String) throws -> Workspace {
        guard let id = resolveDepartment(wanted, in: w.panel) else {
            throw SetupError(description: "no department “\(wanted)”; there are: \(w.panel.departments.map(\.name).joined(separator: "、"))")
        }
        var narrowed = w
        let docs = w.panel.cells.values.filter { $0.key.department == id }.flatMap(\.documents).sorted().map { w.panel.disclosures[$0] }
        narrowed.panel = PanelBuilder.build(docs, aliases: w.aliases)
        return narrowed
    }

    /// A department by id, any of its names, or a name variant (中共…委… forms, region prefixes).
    public static func resolveDepartment(_ wanted: String, in panel: Panel) -> String? {
        if panel.department(wanted) != nil { return wanted }
        let key = DepartmentNames.matchKey(wanted)
        let candidates = panel.departments.filter { d in d.names.contains(wanted) || DepartmentNames.matchKey(d.name) == key }
        if candidates.count == 1 { return candidates[0].id }
        // A short name ("教育局") that ends exactly one department's name.
        let suffixed = panel.departments.filter { $0.name.hasSuffix(wanted) || $0.names.contains { $0.hasSuffix(wanted) } }
        return suffixed.count == 1 ? suffixed[0].id : nil
    }

    public static func outliers(_ w: Workspace, metric: Metric, year: Int?, kind: DisclosureKind, methods: [OutlierMethod],
                                options: OutlierOptions) -> (items: [OutlierItem], year: Int?, results: [MethodResult]) {
        let (items, y) = Metrics.items(w.panel, metric, year: year, kind: kind)
        return (items, y, Outliers.run(items, methods: methods, options: options))
    }
}
