import Foundation
import ZIPFoundation

/// Writes zips with a fixed modification date, so generated files are byte-for-byte reproducible.
enum Zip {
    static let fixedDate = Date(timeIntervalSince1970: 1_609_459_200) // 2021-01-01

    static func make(_ files: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { pos, size in data.subdata(in: Int(pos)..<(Int(pos) + size)) }
        }
        return archive.data ?? Data()
    }
}
