import Foundation
import Testing
import YusuanIngest
import ZIPFoundation

/// Mutations of the .docx and .xlsx fixtures: bytes of the zip itself, and bytes of the XML inside it
/// (re-zipped). Ingest must never trap, and always return a Disclosure or an error naming the file.
@Suite("Container mutation")
struct ContainerMutationTests {
    static func entries(_ bytes: [UInt8]) throws -> [(String, Data)] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var out: [(String, Data)] = []
        for e in archive {
            var d = Data()
            _ = try archive.extract(e) { d.append($0) }
            out.append((e.path, d))
        }
        return out
    }

    static func zip(_ entries: [(String, Data)]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<(Int(pos) + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    @Test("zip bytes and inner XML mutated", arguments: ["seed.docx", "standard-tables.xlsx"])
    func mutate(name: String) throws {
        let original = fixture(name)
        let inner = try Self.entries(original)
        var g = SplitMix(seed: 0xD0C5 &+ UInt64(name.count))
        var outcomes = 0
        for n in 0..<300 {
            let bytes: [UInt8]
            if n % 2 == 0 {
                bytes = MutationTests.mutate(original, &g)
            } else {
                // Mutate one XML part (the biggest one most of the time) and zip it again.
                var parts = inner
                let i = g.below(4) == 0 ? g.below(parts.count) : parts.indices.max { parts[$0].1.count < parts[$1].1.count }!
                parts[i].1 = Data(MutationTests.mutate([UInt8](parts[i].1), &g))
                bytes = try Self.zip(parts)
            }
            switch Ingest.ingest(bytes: bytes, path: "\(name)#\(n)") {
            case .success(let d): #expect(d.source.path == "\(name)#\(n)"); outcomes += 1
            case .failure(let f): #expect(f.path == "\(name)#\(n)" && !f.message.isEmpty); outcomes += 1
            }
        }
        #expect(outcomes == 300)
    }
}
