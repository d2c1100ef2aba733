import Foundation

/// Writes one run's files into a folder so that runs never mix: the files are staged in a hidden folder
/// inside it, then moved in under an exclusive lock on the folder. A small manifest of its own lists what
/// yusuan wrote; files of an earlier run that this run does not write again are removed when this run `owns`
/// them (a report in one format owns the charts and its own files, not another format's report), and nothing
/// else in the folder (a user's own files) is ever touched. The manifest always covers every file yusuan may
/// have placed, even after a kill mid-way, and the files that mark a run complete (`last`) are removed
/// first and moved in last, so an interrupted run never looks complete.
public enum OutputFolder {
    static let manifestName = ".yusuan-files"
    static let lockName = ".yusuan-lock"

    /// Writes `files` (paths relative to `dir`) and returns their full paths, in the order given.
    @discardableResult
    public static func write(_ files: [(path: String, data: Data)], to dir: String, last: Set<String> = [],
                             owns: (String) -> Bool = { _ in true }) throws(OutputError) -> [String] {
        for f in files where !isSafe(f.path) { throw OutputError(path: f.path, reason: "not a plain relative path") }
        try AtomicFile.makeFolder(dir)
        let staging = (dir as NSString).appendingPathComponent(".yusuan-staging-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        for f in files { try AtomicFile.write(f.data, to: (staging as NSString).appendingPathComponent(f.path)) }

        let lockPath = (dir as NSString).appendingPathComponent(lockName)
        let lock = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw OutputError.errno(lockPath, errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { throw OutputError.errno(lockPath, errno) }
        }

        let manifest = (dir as NSString).appendingPathComponent(manifestName)
        let old = Set(((try? String(contentsOfFile: manifest, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init).filter(isSafe))
        let new = Set(files.map(\.path))
        try AtomicFile.write(old.union(new).sorted().joined(separator: "\n") + "\n", to: manifest)
        for name in last.sorted() { removeIfRegular((dir as NSString).appendingPathComponent(name)) }
        let ordered = files.filter { !last.contains($0.path) } + files.filter { last.contains($0.path) }
        for f in ordered {
            let target = (dir as NSString).appendingPathComponent(f.path)
            try AtomicFile.makeFolder((target as NSString).deletingLastPathComponent)
            try AtomicFile.checkReplaceable(target)
            if rename((staging as NSString).appendingPathComponent(f.path), target) != 0 { throw OutputError.errno(target, errno) }
        }
        let stale = old.subtracting(new).filter(owns)
        for path in stale.sorted() {
            removeIfRegular((dir as NSString).appendingPathComponent(path))
            // A folder yusuan made (charts/) goes once empty; rmdir never removes one that is not.
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                rmdir((dir as NSString).appendingPathComponent(parent))
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        try AtomicFile.write(old.subtracting(stale).union(new).sorted().joined(separator: "\n") + "\n", to: manifest)
        return files.map { (dir as NSString).appendingPathComponent($0.path) }
    }

    /// Relative, without "." or ".." parts: a tampered manifest can name nothing outside the folder.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            && !path.contains("\0")
    }

    static func removeIfRegular(_ path: String) {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { unlink(path) }
    }
}
