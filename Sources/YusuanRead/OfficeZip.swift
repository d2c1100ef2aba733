import Foundation
import ZIPFoundation

/// Why a container file could not be read.
public struct ContainerError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Reads entries of a .docx/.xlsx zip with hard limits. ZIPFoundation does not enforce an entry's declared
/// size, so the bytes actually produced are counted and reading stops past the cap (zip bombs).
public struct OfficeZip {
    public static let maxEntryBytes = 64 * 1024 * 1024
    public static let maxTotalBytes = 256 * 1024 * 1024

    let archive: Archive
    private var totalRead = 0
    private let tempDir: TempDir

    /// ZIPFoundation's in-memory archives trap on some corrupt offsets (a seek past the end makes a negative
    /// range), so the bytes go to a temporary file and the file-backed reader, which reports errors, reads them.
    public init(bytes: [UInt8]) throws(ContainerError) {
        tempDir = TempDir()
        let url = tempDir.url.appendingPathComponent("in.zip")
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw ContainerError("cannot write a temporary copy of the zip")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ContainerError("not a readable zip container (corrupt or truncated)")
        }
    }

    /// A temporary folder removed when the last reference to it goes.
    final class TempDir: @unchecked Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-zip-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    public func has(_ path: String) -> Bool { archive[path] != nil }

    public var entryPaths: [String] { archive.map(\.path) }

    /// The bytes of one entry, or nil when it does not exist.
    public mutating func read(_ path: String) throws(ContainerError) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        var out: [UInt8] = []
        let cap = min(Self.maxEntryBytes, Self.maxTotalBytes - totalRead)
        var tooBig = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > cap { tooBig = true; throw ContainerError("entry too large") }
                out.append(contentsOf: chunk)
            }
        } catch {
            if tooBig { throw ContainerError("\(path) expands past \(cap / 1_048_576) MB: refused (a zip bomb, or not a disclosure)") }
            throw ContainerError("\(path) cannot be decompressed (corrupt or truncated)")
        }
        totalRead += out.count
        return out
    }
}
