import Foundation
import Testing
import YusuanModel
@testable import YusuanRead

/// Our SHA-256 against digests made by Python's hashlib (SHA256Vectors.swift, scripts/sha256-vectors.py) and FIPS
/// 180-4's examples: every path this CPU can take (SHA-NI, AVX2 with BMI2, portable C), every length across the
/// padding boundaries, from buffers at every alignment.
@Suite("SHA-256")
struct SHA256Tests {
    static func hex(_ d: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(d.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// The digest by each path, then by the public entry.
    static func digests(_ data: [UInt8]) -> [String] {
        data.withUnsafeBytes { b in SHA256.Path.allCases.map { hex(SHA256.digest(b, path: $0)) } } + [SHA256.hex(data)]
    }

    static func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) } }

    @Test func fipsExamples() {
        let examples: [(String, String)] = [
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ]
        for (message, digest) in examples {
            #expect(Self.digests(Array(message.utf8)) == [String](repeating: digest, count: 4), "\(message)")
        }
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.digests(million) == [String](repeating: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", count: 4))
    }

    /// Every length 0...300 (one to six blocks, every padding case), each from a buffer at offsets 0...15.
    @Test func everyLengthAtEveryAlignment() {
        #expect(SHA256Vectors.prefixes.count == 301)
        for n in 0...300 {
            let message = Self.pattern(n)
            let expected = SHA256Vectors.prefixes[n]
            for offset in 0..<16 {
                let buffer = [UInt8](repeating: 0xA5, count: offset) + message + [0x5A, 0x5A]
                let got = buffer.withUnsafeBytes { b in
                    let m = UnsafeRawBufferPointer(rebasing: b[offset..<(offset + n)])
                    return SHA256.Path.allCases.map { Self.hex(SHA256.digest(m, path: $0)) }
                }
                #expect(got == [String](repeating: expected, count: 3), "length \(n) at offset \(offset)")
            }
        }
    }

    @Test func randomLongBuffers() {
        for v in SHA256Vectors.random {
            var rng = SplitMix64(seed: v.seed)
            let data = (0..<v.count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(Self.digests(data) == [String](repeating: v.digest, count: 4), "seed \(v.seed)")
        }
    }

    /// The fast paths are taken where the CPU has what they need (Linux lists it in /proc/cpuinfo), so that the
    /// tests above test them and not the portable path three times.
    @Test func takesTheFastPathsWhereTheCPUHasThem() throws {
        #expect(SHA256.Path.portable.available)
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        #expect(SHA256.Path.shaNI.available == flags.isSuperset(of: ["sha_ni", "sse4_1", "ssse3"]))
        #expect(SHA256.Path.vector.available == flags.isSuperset(of: ["avx2", "bmi1", "bmi2"]))
        #else
        #expect(!SHA256.Path.shaNI.available && !SHA256.Path.vector.available)
        #endif
    }
}
