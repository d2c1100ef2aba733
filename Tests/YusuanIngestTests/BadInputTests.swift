import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = repoRoot.appendingPathComponent("datasets/guangyang/2021/organization-department.budget.txt").path
let seedBytes: [UInt8] = [UInt8](FileManager.default.contents(atPath: seedPath) ?? Data())

func failure(_ r: Result<Disclosure, IngestFailure>) -> IngestFailure? {
    if case .failure(let f) = r { return f } else { return nil }
}
func success(_ r: Result<Disclosure, IngestFailure>) -> Disclosure? {
    if case .success(let d) = r { return d } else { return nil }
}

@Suite("Bad input gets a clear error")
struct BadInputTests {
    @Test func emptyFile() throws {
        let f = try #require(failure(Ingest.ingest(bytes: [], path: "empty.txt")))
        #expect(f.path == "empty.txt" && f.message.contains("empty"))
    }

    @Test func binaryFile() throws {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        var g = SplitMix(seed: 7)
        for _ in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: g.next())) }
        let f = try #require(failure(Ingest.ingest(bytes: bytes, path: "a.out")))
        #expect(f.message.contains("not a text file"), "\(f.message)")
    }

    @Test func textThatIsNotADisclosure() throws {
        let text = "Lorem ipsum dolor sit amet.\n今天天气很好，我们去公园散步。\n"
        let f = try #require(failure(Ingest.ingest(bytes: Array(text.utf8), path: "notes.txt")))
        #expect(f.message.contains("not a budget or final-accounts disclosure"))
    }

    @Test("broken or unsupported containers say what is wrong and what to do", arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] as [UInt8], "zip"), (Array("%PDF-1.7\n".utf8), "pdf"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], ".docx/.xlsx"),
        (Array("<!DOCTYPE html><html><body>x</body></html>".utf8), "not a budget or final-accounts disclosure"),
    ])
    func otherFormats(bytes: [UInt8], hint: String) throws {
        let f = try #require(failure(Ingest.ingest(bytes: bytes, path: "x")))
        #expect(f.message.contains(hint), "\(f.message)")
    }

    @Test func seedInGB18030ReadsTheSame() throws {
        let gb = try #require(TextDecoding.convert(seedBytes, from: "UTF-8", to: "GB18030"))
        let a = try #require(success(Ingest.ingest(bytes: seedBytes, path: "seed")))
        let b = try #require(success(Ingest.ingest(bytes: gb, path: "seed")))
        #expect(b.source.encoding == "GB18030")
        #expect(a.figures == b.figures)
        #expect(a.performanceTables == b.performanceTables && a.procurement == b.procurement)
    }

    @Test func seedWithCRLFAndUTF16ReadsTheSame() throws {
        let text = String(decoding: seedBytes, as: UTF8.self)
        let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let a = try #require(success(Ingest.ingest(bytes: seedBytes, path: "seed")))
        for bytes in [crlf, utf16] {
            let b = try #require(success(Ingest.ingest(bytes: bytes, path: "seed")))
            #expect(a.figures == b.figures && a.performanceTables == b.performanceTables)
        }
    }

    @Test("the seed truncated anywhere: a Disclosure with fewer figures, or a clear error")
    func truncated() {
        var g = SplitMix(seed: 2021)
        var cuts = [0, 1, 2, 3, 100, seedBytes.count - 1]
        for _ in 0..<60 { cuts.append(Int(g.next() % UInt64(seedBytes.count))) }
        for cut in cuts {
            switch Ingest.ingest(bytes: Array(seedBytes.prefix(cut)), path: "cut-\(cut).txt") {
            case .success(let d):
                // Whatever is found must be on a line that exists.
                for f in d.figures.values { #expect(f.provenance.line >= 1) }
            case .failure(let f):
                #expect(f.path == "cut-\(cut).txt" && !f.message.isEmpty)
            }
        }
    }

    @Test("a folder with a bad file still loads the rest, and reports the bad one")
    func folder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(seedBytes).write(to: dir.appendingPathComponent("sub/a.txt"))
        try Data().write(to: dir.appendingPathComponent("b.txt"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("README.md"))
        try Data(seedBytes).write(to: dir.appendingPathComponent(".hidden.txt"))
        let before = try Data(contentsOf: dir.appendingPathComponent("sub/a.txt"))
        let r = Ingest.run(paths: [dir.path, dir.appendingPathComponent("missing.txt").path])
        #expect(r.disclosures.count == 1)
        #expect(r.failures.count == 2)
        #expect(r.failures.contains { $0.path.hasSuffix("b.txt") && $0.message.contains("empty") })
        #expect(r.failures.contains { $0.path.hasSuffix("missing.txt") && $0.message.contains("no such file") })
        #expect(try Data(contentsOf: dir.appendingPathComponent("sub/a.txt")) == before, "inputs are never modified")
    }
}

typealias SplitMix = SplitMix64
