import Foundation
import Testing
import YusuanIngest
import YusuanModel

/// 2,000 random mutations of the seed (fixed seed): byte flips, deletions, truncations, duplicated and
/// swapped lines. Ingest must never trap, and must always return a Disclosure or an error naming the file.
@Suite("Mutation")
struct MutationTests {
    static let count = 2000

    static func mutate(_ bytes: [UInt8], _ g: inout SplitMix) -> [UInt8] {
        var b = bytes
        let rounds = 1 + g.below(4)
        for _ in 0..<rounds where !b.isEmpty {
            switch g.below(7) {
            case 0: // flip bits in a few bytes
                for _ in 0..<(1 + g.below(8)) { let i = g.below(b.count); b[i] ^= UInt8(truncatingIfNeeded: 1 << g.below(8)) }
            case 1: // random bytes anywhere
                for _ in 0..<(1 + g.below(8)) { b[g.below(b.count)] = UInt8(truncatingIfNeeded: g.next()) }
            case 2: // delete a range
                let i = g.below(b.count); let n = min(b.count - i, 1 + g.below(400)); b.removeSubrange(i..<(i + n))
            case 3: // truncate
                b = Array(b.prefix(g.below(b.count)))
            default: // line-level: duplicate, swap, delete lines, or insert a tab/blank line
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 2 else { break }
                let i = g.below(lines.count), j = g.below(lines.count)
                switch g.below(4) {
                case 0: lines.insert(lines[i], at: j)
                case 1: lines.swapAt(i, j)
                case 2: lines.remove(at: i)
                default: lines.insert(g.below(2) == 0 ? [0x09] : [], at: i)
                }
                b = Array(lines.joined(separator: [0x0A]))
            }
        }
        return b
    }

    @Test("2,000 mutations of the seed never trap")
    func mutations() async {
        // Two workers: the machine has two cores.
        let outcomes = await withTaskGroup(of: (Int, Int).self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var g = SplitMix(seed: 0x5EED + UInt64(worker))
                    var ok = 0, failed = 0
                    for n in 0..<(Self.count / 2) {
                        let path = "mutant-\(worker)-\(n).txt"
                        switch Ingest.ingest(bytes: Self.mutate(seedBytes, &g), path: path) {
                        case .success(let d):
                            ok += 1
                            if d.source.path != path { failed += 1000 }
                        case .failure(let f):
                            failed += 1
                            if f.path != path || f.message.isEmpty { failed += 1000 }
                        }
                    }
                    return (ok, failed)
                }
            }
            var total = (0, 0)
            for await r in group { total.0 += r.0; total.1 += r.1 }
            return total
        }
        #expect(outcomes.0 + outcomes.1 == Self.count, "every mutant gives a Disclosure or an error naming its file")
        #expect(outcomes.0 > Self.count / 2, "most mutants still read: \(outcomes)")
    }
}
