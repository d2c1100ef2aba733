import Foundation
import YusuanExtract
import YusuanModel
import YusuanRead

/// A file that could not be read, and why. `line` is set where the problem has one.
public struct IngestFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var line: Int?

    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

public struct IngestResult: Sendable {
    public var disclosures: [Disclosure]
    public var failures: [IngestFailure]

    public init(disclosures: [Disclosure] = [], failures: [IngestFailure] = []) {
        self.disclosures = disclosures
        self.failures = failures
    }
}

/// The formats yusuan tells apart by their content (magic bytes, zip entries), not by the file name.
public enum DetectedFormat: String, Sendable {
    case text = "tika-text"
    case docx
    case xlsx
    case zip                        // a zip that is neither
    case pdf
    case html
    case doc                        // Word 97–2003 (and WPS .wps with a WordDocument stream)
    case xls                        // Excel 97–2003 / 5.0 (and WPS .et with a Workbook stream)
    case legacyOffice = "ole2"      // any other OLE2 compound file
}

/// Paths → files → Disclosures, on every core; a bad file is reported and the rest still load.
public enum Ingest {
    /// Extensions picked up when walking a folder. A file named on the command line is always tried.
    public static let folderExtensions: Set<String> = ["txt", "text", "docx", "xlsx", "pdf", "html", "htm", "doc", "xls", "wps", "et"]
    /// Larger inputs are refused rather than read into memory.
    public static let maxFileBytes = 64 * 1024 * 1024

    /// Wall-clock seconds one file may take. The readers are bounded, so this is a last guard: a file that
    /// overruns is reported and abandoned, and the folder goes on.
    public static let defaultTimeLimit: Double = 60

    /// Files read at once: one per core.
    /// One reading thread per core this process may run on: the CPUs of its affinity mask (taskset, a
    /// container's cpuset), not every CPU of the machine, so that a process held to one core does not switch
    /// between two readers on it.
    public static var defaultJobs: Int {
        let all = ProcessInfo.processInfo.activeProcessorCount
        guard let allowed = allowedCPUs(status: (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? "") else { return all }
        return max(1, min(all, allowed))
    }

    /// The number of CPUs in the `Cpus_allowed:` mask of a /proc/PID/status text (hex words, comma-separated);
    /// nil when there is none or it cannot be read. Read on the UTF-8 bytes: splitting the text into lines of
    /// Characters cost half a million instructions at the start of every run.
    static func allowedCPUs(status: String) -> Int? {
        let key = Array("Cpus_allowed:".utf8)
        guard let line = status.utf8.split(separator: UInt8(ascii: "\n")).first(where: { $0.starts(with: key) }) else { return nil }
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var count = 0
        for c in line.dropFirst(key.count) where c != UInt8(ascii: ",") && c != UInt8(ascii: " ") && c != UInt8(ascii: "\t") {
            guard let v = hexValue(c) else { return nil }
            count += v.nonzeroBitCount
        }
        return count > 0 ? count : nil
    }

    /// Every document under `paths`, in file order whatever `jobs` is (see `forEach`).
    public static func run(paths: [String], options: ReadOptions = ReadOptions(), timeLimit: Double = defaultTimeLimit,
                           cache: DocumentCache? = nil, jobs: Int = defaultJobs) -> IngestResult {
        var disclosures: [Disclosure] = []
        var failures: [IngestFailure] = []
        forEach(paths: paths, options: options, timeLimit: timeLimit, cache: cache, jobs: jobs) { r in
            switch r {
            case .success(let d): disclosures.append(d)
            case .failure(let e): failures.append(e)
            }
        }
        return IngestResult(disclosures: disclosures, failures: failures)
    }

    /// Reads the files under `paths` on `jobs` threads and hands each result to `body` on the calling thread:
    /// first what cannot be walked, then every file in order, so the output is the same for any `jobs`. Only a
    /// few results wait at a time, so a caller that writes each out keeps memory flat in the number of files.
    /// With a `cache`, unchanged files are not read again (see `DocumentCache`).
    public static func forEach(paths: [String], options: ReadOptions = ReadOptions(), timeLimit: Double = defaultTimeLimit,
                               cache: DocumentCache? = nil, jobs: Int = defaultJobs,
                               _ body: (Result<Disclosure, IngestFailure>) -> Void) {
        forEach(paths: paths, options: options, timeLimit: timeLimit, cache: cache, jobs: jobs, map: { $0 }, body)
    }

    /// `forEach`, with `map` applied to each result on the thread that read it (what each document becomes, such
    /// as its JSON, is then made on every core too); `body` still gets them in file order on the calling thread.
    public static func forEach<T: Sendable>(paths: [String], options: ReadOptions = ReadOptions(), timeLimit: Double = defaultTimeLimit,
                                            cache: DocumentCache? = nil, jobs: Int = defaultJobs,
                                            map: @escaping @Sendable (Result<Disclosure, IngestFailure>) -> T, _ body: (T) -> Void) {
        let (files, missing) = expand(paths)
        for f in missing { body(map(.failure(f))) }
        OrderedParallel.forEach(count: files.count, width: jobs, window: 4 * max(1, jobs), timeLimit: timeLimit,
                                work: { i in map(ingest(file: files[i], options: options, cache: cache)) },
                                overrun: { i in map(.failure(overran(files[i], timeLimit))) },
                                deliver: body)
    }

    /// The files under `paths` in the order `forEach` reads them, each with the sha256 of its bytes (hashed on
    /// `jobs` threads): what a result computed from these files depends on. Nil when a path cannot be walked or a
    /// file cannot be read: such a run is read the usual way, which says why.
    public static func fingerprints(paths: [String], jobs: Int = defaultJobs) -> [(path: String, sha256: String)]? {
        let (files, failures) = expand(paths)
        guard failures.isEmpty else { return nil }
        var out: [(path: String, sha256: String)] = []
        out.reserveCapacity(files.count)
        var whole = true
        OrderedParallel.forEach(count: files.count, width: jobs, window: 4 * max(1, jobs),
                                work: { i in (try? contents(of: files[i]).get()).map(SHA256.hex) },
                                deliver: { sha in
                                    if let sha, whole { out.append((files[out.count], sha)) } else { whole = false }
                                })
        return whole ? out : nil
    }

    /// One file: from the cache when it holds the file's bytes, else read on a reading thread, waited for at
    /// most `timeLimit` seconds (and kept in the cache when read).
    public static func ingest(file path: String, options: ReadOptions = ReadOptions(), timeLimit: Double,
                              cache: DocumentCache?) -> Result<Disclosure, IngestFailure> {
        var result: Result<Disclosure, IngestFailure> = .failure(overran(path, timeLimit))
        OrderedParallel.forEach(count: 1, width: 1, window: 1, timeLimit: timeLimit,
                                work: { _ in ingest(file: path, options: options, cache: cache) },
                                overrun: { _ in .failure(overran(path, timeLimit)) }, deliver: { result = $0 })
        return result
    }

    /// One file read where it is called (on a reading thread: see `forEach`), from the cache when it holds the
    /// file's bytes (and kept in the cache when read).
    static func ingest(file path: String, options: ReadOptions, cache: DocumentCache?) -> Result<Disclosure, IngestFailure> {
        let bytes: [UInt8]
        switch contents(of: path) {
        case .success(let b): bytes = b
        case .failure(let f): return .failure(f)
        }
        let sha = SHA256.hex(bytes)
        if let cache, var d = cache.load(sha256: sha, options: options, path: path) {
            Extractor.place(&d, at: path)
            return .success(d)
        }
        let read = unplaced(bytes: bytes, sha256: sha, path: path, options: options)
        guard case .success(var d) = read else { return read }
        cache?.store(d, options: options)
        Extractor.place(&d, at: path)
        return .success(d)
    }

    /// One file read on a reading thread, waited for at most `timeLimit` seconds.
    public static func ingest(file path: String, options: ReadOptions = ReadOptions(), timeLimit: Double) -> Result<Disclosure, IngestFailure> {
        ingest(file: path, options: options, timeLimit: timeLimit, cache: nil)
    }

    static func overran(_ path: String, _ timeLimit: Double) -> IngestFailure {
        IngestFailure(path: path, message: "reading took longer than \(Int(timeLimit.rounded())) s: abandoned (a hostile or broken file?)")
    }

    /// Files named directly plus, for folders, every file with a known extension below them (sorted, hidden
    /// skipped). What cannot be walked is a failure naming its path: a name that is not UTF-8, a dangling
    /// symlink, a symlink loop, a folder that cannot be listed.
    public static func expand(_ paths: [String]) -> (files: [String], failures: [IngestFailure]) {
        var files: [String] = []
        var failures: [IngestFailure] = []
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else {
                var lst = stat()
                let dangling = lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK
                failures.append(IngestFailure(path: path, message: dangling ? "a symlink to nothing (or a symlink loop)" : "no such file or folder"))
                continue
            }
            if (st.st_mode & S_IFMT) != S_IFDIR { files.append(path); continue }
            var found: [String] = []
            walk(path, ancestors: [FileID(st)], into: &found, failures: &failures)
            files += found.sorted()
        }
        return (files, failures)
    }

    struct FileID: Hashable {
        var device: UInt64, inode: UInt64
        init(_ st: stat) { device = UInt64(st.st_dev); inode = UInt64(st.st_ino) }
    }

    /// Reads folder entries as raw bytes (a name need not be UTF-8), following symlinks to folders but never
    /// into one of the folders it is already inside.
    /// `(dir as NSString).appendingPathComponent(name)`, without Foundation's slash clean-up (some 15,000
    /// instructions a call, a tenth of a cached `check` of a large folder) where there is nothing to clean: a
    /// folder path with no "//" and a name with no "/", as every name a folder lists is.
    static func joined(_ dir: String, _ name: String) -> String {
        let slash = UInt8(ascii: "/")
        let simple = !dir.isEmpty && !name.isEmpty && !name.utf8.contains(slash)
            && !zip(dir.utf8, dir.utf8.dropFirst()).contains { $0 == slash && $1 == slash }
        guard simple else { return (dir as NSString).appendingPathComponent(name) }
        return dir.utf8.last == slash ? dir + name : dir + "/" + name
    }

    static func walk(_ dir: String, ancestors: Set<FileID>, into found: inout [String], failures: inout [IngestFailure]) {
        guard let d = opendir(dir) else {
            failures.append(IngestFailure(path: dir, message: "cannot list the folder (\(String(cString: strerror(errno))))"))
            return
        }
        var names: [[UInt8]] = []
        while let e = readdir(d) {
            let name: [UInt8] = withUnsafeBytes(of: e.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        closedir(d)
        for raw in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let name = String(validating: raw, as: UTF8.self) else {
                let shown = raw.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                failures.append(IngestFailure(path: (dir as NSString).appendingPathComponent(shown), message: "the name is not UTF-8: rename the file"))
                continue
            }
            let full = joined(dir, name)
            let known = folderExtensions.contains((name as NSString).pathExtension.lowercased())
            var lst = stat(), st = stat()
            guard lstat(full, &lst) == 0 else {
                failures.append(IngestFailure(path: full, message: "cannot read its attributes (\(String(cString: strerror(errno))))"))
                continue
            }
            let isLink = (lst.st_mode & S_IFMT) == S_IFLNK
            guard stat(full, &st) == 0 else {
                if isLink && known { failures.append(IngestFailure(path: full, message: "a symlink to nothing (or a symlink loop)")) }
                else if !isLink { failures.append(IngestFailure(path: full, message: "cannot read its attributes")) }
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let id = FileID(st)
                if ancestors.contains(id) {
                    failures.append(IngestFailure(path: full, message: "a symlink loop back to a folder above it: not followed"))
                } else {
                    walk(full, ancestors: ancestors.union([id]), into: &found, failures: &failures)
                }
            case S_IFREG where known: found.append(full)
            default: break
            }
        }
    }

    public static func ingest(file path: String, options: ReadOptions = ReadOptions()) -> Result<Disclosure, IngestFailure> {
        contents(of: path).flatMap { ingest(bytes: $0, path: path, options: options) }
    }

    /// The bytes of a regular file up to `maxFileBytes`. A FIFO or a device would block or never end.
    static func contents(of path: String) -> Result<[UInt8], IngestFailure> {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            return .failure(IngestFailure(path: path, message: "not a regular file (a device, pipe or socket): not read"))
        }
        if Int(st.st_size) > maxFileBytes {
            return .failure(IngestFailure(path: path, message: "file is \(Int(st.st_size) / 1_048_576) MB; yusuan reads disclosures up to \(maxFileBytes / 1_048_576) MB"))
        }
        guard let bytes = readFile(path, limit: maxFileBytes) else {
            return .failure(IngestFailure(path: path, message: "cannot read the file (permissions, or it is not a regular file)"))
        }
        return .success(bytes)
    }

    /// The whole of a regular file of at most `limit` bytes, or nil. With `followLinks` false, a symlink is not read.
    static func readFile(_ path: String, limit: Int = 1 << 30, followLinks: Bool = true) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        let ok = bytes.withUnsafeMutableBytes { buf -> Bool in
            while got < buf.count {
                let n = Foundation.read(fd, buf.baseAddress! + got, buf.count - got)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                got += n
            }
            return true
        }
        return ok ? bytes : nil
    }

    /// Reads one document held in memory into blocks (what the extractor sees). Never traps on any input.
    public static func read(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) -> Result<(TextDocument, DetectedFormat), IngestFailure> {
        if bytes.isEmpty { return .failure(IngestFailure(path: path, message: "the file is empty")) }
        let format = detect(bytes)
        let doc: TextDocument
        do {
            switch format {
            case .doc: doc = try DocReader.read(CompoundFile(bytes: bytes))
            case .xls: doc = try XlsReader.read(CompoundFile(bytes: bytes))
            case .legacyOffice: throw CompoundFile.unreadable(bytes)
            case .zip:
                return .failure(IngestFailure(path: path, message: "a zip file that is neither a .docx nor an .xlsx: unpack it and pass its files"))
            case .docx: doc = try DocxReader.read(bytes: bytes)
            case .xlsx: doc = try XlsxReader.read(bytes: bytes)
            case .pdf: doc = try PDFReader.read(bytes: bytes, options: options)
            case .html: doc = try HTMLReader.read(bytes: bytes)
            case .text: doc = try readText(bytes)
            }
        } catch let e as ContainerError {
            return .failure(IngestFailure(path: path, message: "\(format.rawValue): \(e.description)"))
        } catch let e as DecodingError {
            return .failure(IngestFailure(path: path, message: describe(e)))
        } catch {
            return .failure(IngestFailure(path: path, message: "\(error)"))
        }
        if let why = doc.missingLibrary { return .failure(IngestFailure(path: path, message: "\(format.rawValue): \(why)")) }
        return .success((doc, format))
    }

    /// Reads and extracts one document held in memory. Never traps on any input.
    public static func ingest(bytes: [UInt8], path: String, options: ReadOptions = ReadOptions()) -> Result<Disclosure, IngestFailure> {
        unplaced(bytes: bytes, sha256: SHA256.hex(bytes), path: path, options: options).map { d in
            var d = d
            Extractor.place(&d, at: path)
            return d
        }
    }

    /// What the document says, before `Extractor.place` gives it its path: what the cache keeps.
    static func unplaced(bytes: [UInt8], sha256: String, path: String, options: ReadOptions) -> Result<Disclosure, IngestFailure> {
        let doc: TextDocument, format: DetectedFormat
        switch read(bytes: bytes, path: path, options: options) {
        case .success(let r): (doc, format) = r
        case .failure(let f): return .failure(f)
        }
        let source = SourceInfo(path: path, format: format.rawValue, sha256: sha256, encoding: doc.encoding)
        do {
            return .success(try Extractor.content(doc, source: source))
        } catch {
            return .failure(IngestFailure(path: path, message: error.message, line: error.line))
        }
    }

    static func readText(_ bytes: [UInt8]) throws(DecodingError) -> TextDocument { try TikaTextReader.read(bytes: bytes) }

    public static func detect(_ bytes: [UInt8]) -> DetectedFormat {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            // Tell Word from Excel by the entries the zip holds (names appear in the local headers), on the bytes.
            let head = bytes.prefix(1 << 20)
            func names(_ part: String) -> Bool {
                head.withUnsafeBufferPointer { h in Array(part.utf8).withUnsafeBufferPointer { TextSearch.find(h, $0) != nil } }
            }
            if names("word/") { return .docx }
            if names("xl/") { return .xlsx }
            if let zip = try? OfficeZip(bytes: bytes) {
                if zip.has("word/document.xml") { return .docx }
                if zip.has("xl/workbook.xml") { return .xlsx }
            }
            return .zip
        }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if CompoundFile.isCompoundFile(bytes) {
            // Word or Excel by the streams the compound file holds, whatever the extension (.doc, .wps, .xls, .et).
            let names = Set(((try? CompoundFile(bytes: bytes))?.rootNames ?? []).map { $0.uppercased() })
            if names.contains("WORDDOCUMENT") { return .doc }
            if names.contains("WORKBOOK") || names.contains("BOOK") { return .xls }
            return .legacyOffice
        }
        // ASCII letters lowered on the bytes (String.lowercased maps every scalar, slowly for Chinese text): the marks
        // looked for are ASCII, and no other letter lowers to one of their letters (U+0130 and U+212A lower to i, k).
        var headBytes = Array(bytes.prefix(512))
        for k in headBytes.indices where headBytes[k] &- 0x41 < 26 { headBytes[k] |= 0x20 }
        let head = String(decoding: headBytes, as: UTF8.self)
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<meta") || trimmed.hasPrefix("<head")
            || (trimmed.hasPrefix("<") && (head.includes("<body") || head.includes("<table") || head.includes("<p>"))) {
            return .html
        }
        return .text
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .empty: return "the file has no text"
        case .binary(let reason): return "not a text file (\(reason)); yusuan reads disclosures as text"
        case .undecodable: return "the text could not be decoded as UTF-8, UTF-16 or GB18030"
        }
    }
}

extension Ingest {
    /// The decoded, normalised lines of one file as the extractor sees them: for looking at what yusuan read.
    public static func lines(file path: String, options: ReadOptions = ReadOptions()) -> Result<TextDocument, IngestFailure> {
        contents(of: path).flatMap { read(bytes: $0, path: path, options: options) }.map(\.0)
    }
}
