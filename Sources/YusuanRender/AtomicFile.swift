import Foundation

/// Why an output could not be written, in one line that names the path.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "cannot write \(path): \(reason)" }

    /// The system's reason for `errno`, worded for the person who gave the path.
    static func errno(_ path: String, _ code: Int32) -> OutputError {
        switch code {
        case ENOTDIR: return OutputError(path: path, reason: "a part of the path is a file, not a folder")
        case EACCES, EPERM: return OutputError(path: path, reason: "permission denied")
        case EROFS: return OutputError(path: path, reason: "the file system is read-only")
        case ENOSPC: return OutputError(path: path, reason: "no space left on the device")
        case EISDIR: return OutputError(path: path, reason: "it is a folder")
        default: return OutputError(path: path, reason: String(cString: strerror(code)))
        }
    }
}

/// Writes a file so that readers see the old file or the new one, never half of it: write a temporary file
/// in the same folder, then rename it over the target. Only a regular file is ever replaced (never a device,
/// a folder or a symlink), and the temporary file is created new (O_EXCL, O_NOFOLLOW) under a name no one
/// can predict, so a symlink planted in its place is never followed.
public enum AtomicFile {
    public static func write(_ text: String, to path: String, bom: Bool = false) throws(OutputError) {
        var data = Data()
        if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        data.append(contentsOf: Array(text.utf8))
        try write(data, to: path)
    }

    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        try makeFolder(dir)
        try checkReplaceable(path)
        var tmp = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            tmp = (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt64.random(in: 0...UInt64.max))")
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || Foundation.errno != EEXIST { break }
        }
        guard fd >= 0 else { throw OutputError.errno(path, Foundation.errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 { if Foundation.errno == EINTR { continue }; failure = Foundation.errno; return }
                off += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = Foundation.errno }
        if failure == 0 && rename(tmp, path) != 0 { failure = Foundation.errno }
        if failure != 0 {
            unlink(tmp)
            throw OutputError.errno(path, failure)
        }
    }

    /// Throws unless `path` is absent or a regular file.
    static func checkReplaceable(_ path: String) throws(OutputError) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw OutputError(path: path, reason: "it is a folder; give a file name")
        case S_IFLNK: throw OutputError(path: path, reason: "it is a symlink; yusuan replaces only regular files")
        default: throw OutputError(path: path, reason: "it is not a regular file (a device, pipe or socket); yusuan replaces only regular files")
        }
    }

    /// Creates a folder and its parents, with a one-line error when a file stands in the way.
    public static func makeFolder(_ dir: String) throws(OutputError) {
        var st = stat()
        if stat(dir, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw OutputError(path: dir, reason: "it is a file, not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            // Find the first part of the path that is in the way, for a message that says which.
            var prefix = dir.hasPrefix("/") ? "" : "."
            for part in dir.split(separator: "/") {
                prefix += "/" + part
                if stat(prefix, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR {
                    throw OutputError(path: dir, reason: "\(prefix) is a file, not a folder")
                }
            }
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            throw OutputError.errno(dir, code.map(Int32.init) ?? EACCES)
        }
    }
}
