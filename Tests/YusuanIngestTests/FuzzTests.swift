import Foundation
import Testing
import YusuanIngest
import YusuanModel

/// A bounded-time mutation fuzzer over every reader. Each reader has a seed document; mutants are byte
/// mutations of the whole file and, for zip containers, mutations of one XML part zipped again. Every mutant
/// must give a Disclosure or an error naming its file, without a trap, and none may take 10 s.
///
/// CI runs a few seconds per reader. scripts/fuzz.sh runs long campaigns through the same test with
/// YUSUAN_FUZZ_COUNT (mutants per reader), YUSUAN_FUZZ_SECONDS (time per reader), YUSUAN_FUZZ_READERS
/// (a comma-separated subset), YUSUAN_FUZZ_SEED and YUSUAN_FUZZ_TRIM (see `trimmed`).
@Suite("Fuzz")
struct FuzzTests {
    /// One reader to fuzz: its name, its seed document, and whether the seed is a zip whose parts to mutate.
    /// A new reader (.xls, .doc) is one more line here.
    struct Reader: CustomStringConvertible, Sendable {
        var name: String
        var seed: [UInt8]
        var zipped: Bool
        var description: String { name }
    }

    static let readers: [Reader] = [
        Reader(name: "text", seed: seedBytes, zipped: false),
        Reader(name: "docx", seed: fixture("seed.docx"), zipped: true),
        Reader(name: "xlsx", seed: fixture("standard-tables.xlsx"), zipped: true),
        Reader(name: "html", seed: fixture("seed-gb18030.html"), zipped: false),
        Reader(name: "xls", seed: fixture("standard-tables.xls"), zipped: false),
        Reader(name: "doc", seed: fixture("explanation.doc"), zipped: false),
    ]

    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var selected: [Reader] {
        let all = readers.map(trimmed)
        guard let names = environment["YUSUAN_FUZZ_READERS"]?.split(separator: ",").map(String.init) else { return all }
        return all.filter { names.contains($0.name) }
    }

    /// YUSUAN_FUZZ_TRIM=N: a plain-text seed (text, HTML) cut to its first N bytes at a line end, for long
    /// campaigns: a smaller seed gives more mutants per second, and its tables and prose are still there.
    static func trimmed(_ r: Reader) -> Reader {
        guard !r.zipped, ["text", "html"].contains(r.name), let n = Int(environment["YUSUAN_FUZZ_TRIM"] ?? ""), n < r.seed.count,
              let end = r.seed[..<max(n, 1)].lastIndex(of: 0x0A) else { return r }
        var cut = r
        cut.seed = Array(r.seed[...end])
        return cut
    }

    /// Zip-specific damage the byte mutator rarely makes: a deflate block header made non-final or stored,
    /// a size field changed, an offset pointed elsewhere.
    static func damageZip(_ bytes: [UInt8], _ g: inout SplitMix) -> [UInt8] {
        var b = bytes
        var headers: [Int] = []
        var i = 0
        while i + 4 <= b.count {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] < 8, b[i + 3] < 9 { headers.append(i) }
            i += 1
        }
        guard let h = headers.isEmpty ? nil : headers[g.below(headers.count)] else { return b }
        let offsets = [10, 14, 16, 18, 20, 22, 26, 30, 42]
        let field = h + offsets[g.below(offsets.count)]
        guard field + 4 <= b.count else { return b }
        switch g.below(4) {
        case 0: b[field] = 0xFF; b[field + 1] = 0xFF; b[field + 2] = 0xFF; b[field + 3] = 0x7F
        case 1: b[field] = 0; b[field + 1] = 0; b[field + 2] = 0; b[field + 3] = 0
        case 2: b[field] = UInt8(truncatingIfNeeded: g.next()); b[field + 1] = UInt8(truncatingIfNeeded: g.next())
        default:
            // The first data byte after a local header: BFINAL cleared, or a stored block that never ends.
            if b[h + 2] == 3, h + 30 < b.count {
                let start = h + 30 + Int(b[h + 26]) + Int(b[h + 27]) << 8 + Int(b[h + 28]) + Int(b[h + 29]) << 8
                if start < b.count { b[start] = g.below(2) == 0 ? b[start] & 0xFE : 0x00 }
            }
        }
        return b
    }

    struct Tally: Sendable {
        var mutants = 0, read = 0, refused = 0, misnamed = 0, slow = 0
        var slowest = 0.0
    }

    static func run(_ r: Reader, count: Int, seconds: Double, seed: UInt64) throws -> Tally {
        var g = SplitMix(seed: seed &+ r.name.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) })
        let parts = r.zipped ? try ContainerMutationTests.entries(r.seed) : []
        var t = Tally()
        let start = Date()
        while t.mutants < count, Date().timeIntervalSince(start) < seconds {
            let bytes: [UInt8]
            switch (r.zipped, g.below(3)) {
            case (true, 0):
                var p = parts
                let i = g.below(p.count)
                p[i].1 = Data(MutationTests.mutate([UInt8](p[i].1), &g))
                bytes = try ContainerMutationTests.zip(p)
            case (true, 1): bytes = damageZip(r.seed, &g)
            default: bytes = MutationTests.mutate(r.seed, &g)
            }
            let path = "\(r.name)#\(t.mutants)"
            let began = Date()
            switch Ingest.ingest(bytes: bytes, path: path) {
            case .success(let d): t.read += 1; if d.source.path != path { t.misnamed += 1 }
            case .failure(let f): t.refused += 1; if f.path != path || f.message.isEmpty { t.misnamed += 1 }
            }
            let took = Date().timeIntervalSince(began)
            t.slowest = max(t.slowest, took)
            if took > 10 { t.slow += 1 }
            t.mutants += 1
        }
        return t
    }

    @Test("every reader survives mutants for a bounded time", arguments: FuzzTests.selected)
    func fuzz(reader: Reader) throws {
        let count = Int(Self.environment["YUSUAN_FUZZ_COUNT"] ?? "") ?? 100_000
        let seconds = Double(Self.environment["YUSUAN_FUZZ_SECONDS"] ?? "") ?? 4
        let seed = UInt64(Self.environment["YUSUAN_FUZZ_SEED"] ?? "") ?? 0xF022
        let t = try Self.run(reader, count: count, seconds: seconds, seed: seed)
        print("fuzz \(reader.name): \(t.mutants) mutants, \(t.read) read, \(t.refused) refused, slowest \(String(format: "%.2f", t.slowest)) s, over 10 s: \(t.slow)")
        #expect(t.mutants > 0)
        #expect(t.misnamed == 0, "every outcome names its file")
        #expect(t.slow == 0, "no mutant takes 10 s")
    }
}
