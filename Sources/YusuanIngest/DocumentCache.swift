import CYusuanZlib
import Foundation
import YusuanModel
import YusuanRead

/// Disclosures already read, kept on disk so that `check`, `compare`, `report`… over the same folder do not read
/// unchanged files again. An entry is found by the sha256 of the file's bytes and the read options that change
/// what is read (`--ocr`); it holds what the document says, without its path, so the same bytes at another path
/// are read from the cache with the new path (and the department that path names, when the text names none).
/// `--department` is applied after the cache, so it needs no key of its own.
///
/// An entry is used only when its version, build and key match and its checksum holds; anything else (corrupt,
/// truncated, from another yusuan) is read as missing and written again. Entries are written to a temporary
/// file and renamed into place, so another process sees the old entry, the new one, or none. Only successes
/// are kept: a file that cannot be read is tried again next time.
public final class DocumentCache: @unchecked Sendable {
    /// Bump whenever what yusuan reads from a file may change: a reader, the extractor, a model type, or
    /// `DisclosureCoding`. Entries of another version are never read. (A rebuilt yusuan also stops reading the
    /// entries of the build before it, see `buildStamp`; the version is what says so on purpose.)
    public static let extractorVersion = 4

    /// The environment variable that names the cache folder (tests and CI point it at a temporary folder).
    public static let environmentVariable = "YUSUAN_CACHE_DIR"

    /// `v<version>` under the root; entries in 256 subfolders by the first two hex digits of the key.
    public let folder: String
    let version: Int
    let build: String

    private let lock = NSLock()
    private var counts = Counts()
    private var firstProblem: String?

    public struct Counts: Equatable, Sendable {
        /// Entries read and used.
        public var hits = 0
        /// Lookups with no entry, or one that was not used (corrupt, stale).
        public var misses = 0
        public var writes = 0
    }

    public init(root: String, version: Int = extractorVersion, build: String = DocumentCache.buildStamp) {
        folder = (root as NSString).appendingPathComponent("v\(version)")
        self.version = version
        self.build = build
    }

    /// `$YUSUAN_CACHE_DIR`, else `$XDG_CACHE_HOME/yusuan`, else `~/.cache/yusuan`; nil when none can be named.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> DocumentCache? {
        if let dir = environment[environmentVariable], !dir.isEmpty { return DocumentCache(root: dir) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return DocumentCache(root: xdg + "/yusuan") }
        if let home = environment["HOME"], home.hasPrefix("/") { return DocumentCache(root: home + "/.cache/yusuan") }
        return nil
    }

    /// The running executable's size and modification time: a rebuilt yusuan does not trust entries written by
    /// the one before, even where the version was not bumped.
    public static let buildStamp: String = {
        var st = stat()
        guard let exe = Bundle.main.executablePath, stat(exe, &st) == 0 else { return "unknown" }
        #if canImport(Darwin)
        let m = st.st_mtimespec
        #else
        let m = st.st_mtim
        #endif
        return "\(st.st_size)-\(m.tv_sec).\(m.tv_nsec)"
    }()

    public var statistics: Counts { lock.withLock { counts } }

    /// The first reason an entry could not be written (a read-only or full disk), for one warning.
    public var problem: String? { lock.withLock { firstProblem } }

    /// The read options that change what is read, as part of the key.
    public static func tag(_ options: ReadOptions) -> String { options.ocr ? "ocr" : "plain" }

    func key(sha256: String, options: ReadOptions) -> String { "\(sha256)-\(Self.tag(options))" }

    func entryPath(_ key: String) -> String { "\(folder)/\(key.prefix(2))/\(key)" }

    static let magic = Array("YUSUANDC".utf8)

    func header(_ key: String) -> [UInt8] { Array("\(version)\n\(build)\n\(key)\n".utf8) }

    /// The disclosure of the file whose bytes hash to `sha256`, placed nowhere yet (see `Extractor.place`).
    func load(sha256: String, options: ReadOptions, path: String) -> Disclosure? {
        let key = key(sha256: sha256, options: options)
        let d = Ingest.readFile(entryPath(key), followLinks: false).flatMap { decode($0, key: key, options: options, path: path) }
        lock.withLock { if d == nil { counts.misses += 1 } else { counts.hits += 1 } }
        return d
    }

    func decode(_ bytes: [UInt8], key: String, options: ReadOptions, path: String) -> Disclosure? {
        guard let body = body(of: bytes, key: key), let d = try? DisclosureCoding.decode(body, path: path),
              key == "\(d.source.sha256)-\(Self.tag(options))" else { return nil }
        return d
    }

    func encode(_ d: Disclosure, key: String) -> [UInt8] { entry(DisclosureCoding.encode(d), key: key) }

    /// Keeps what the document says (its path is not kept). Failing to write is noted, never an error.
    func store(_ d: Disclosure, options: ReadOptions) {
        let key = key(sha256: d.source.sha256, options: options)
        keep(encode(d, key: key), key: key)
    }

    // MARK: results

    /// The bytes kept by `storeResult` under `key` (a hex sha256 of everything the result depends on, which the
    /// caller computes), if they are whole. Results live beside the documents, under the same version and build.
    public func loadResult(key: String, kind: String) -> ArraySlice<UInt8>? {
        let key = "\(key)-\(kind)"
        return Ingest.readFile(entryPath(key), followLinks: false).flatMap { body(of: $0, key: key) }
    }

    public func storeResult(_ body: [UInt8], key: String, kind: String) {
        let key = "\(key)-\(kind)"
        keep(entry(body, key: key), key: key)
    }

    // MARK: entries

    /// magic, header, CRC-32 of the body (4 bytes, little-endian), the body.
    func entry(_ body: [UInt8], key: String) -> [UInt8] {
        let crc = Self.crc(body[...])
        return Self.magic + header(key) + (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) } + body
    }

    /// The body of an entry whose magic, version, build and key match and whose checksum holds.
    func body(of bytes: [UInt8], key: String) -> ArraySlice<UInt8>? {
        let head = Self.magic + header(key)
        guard bytes.count >= head.count + 4, bytes.starts(with: head) else { return nil }
        let stored = bytes[head.count..<head.count + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let body = bytes[(head.count + 4)...]
        return Self.crc(body) == stored ? body : nil
    }

    func keep(_ entry: [UInt8], key: String) {
        let path = entryPath(key)
        if let problem = Self.writeAtomically(entry, to: path) {
            lock.withLock { if firstProblem == nil { firstProblem = "\(path): \(problem)" } }
        } else {
            lock.withLock { counts.writes += 1 }
        }
    }

    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: yusuan_crc32(0, $0.baseAddress, $0.count)) }
    }

    /// A temporary file in the entry's folder (created new, readable by the user only), renamed over the entry.
    /// Nil when written, else why not. Two processes writing one entry both write whole files; the last rename wins.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> String? {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = "\(dir)/.tmp-\(UInt64.random(in: 0...UInt64.max))"
        func create() -> Int32 { open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) }
        var fd = create()
        if fd < 0 && errno == ENOENT {
            // The folder is made the first time an entry goes into it, not looked for at every write.
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                return "cannot create the folder"
            }
            fd = create()
        }
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                off += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(tmp, path) != 0 { failure = errno }
        guard failure != 0 else { return nil }
        unlink(tmp)
        return String(cString: strerror(failure))
    }
}
