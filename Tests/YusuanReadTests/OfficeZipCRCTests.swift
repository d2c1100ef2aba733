import Testing
import YusuanModel
@testable import YusuanRead

/// The zip reader's CRC-32 (folded with carry-less multiply where the CPU can) against a plain bit-by-bit one.
@Suite("Office zip CRC")
struct OfficeZipCRCTests {
    /// CRC-32 as zip and zlib define it, one bit at a time.
    static func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test func matchesBitByBit() {
        var rng = SplitMix64(seed: 3_200)
        let data = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        // Every length around the 16- and 64-byte blocks, at every alignment, and some long ones.
        var cases: [(Int, Int)] = []
        for n in 0...200 { cases.append((Int(rng.next() % 16), n)) }
        for _ in 0..<100 { cases.append((Int(rng.next() % 64), Int(rng.next() % 4900))) }
        for (start, count) in cases {
            let slice = data[start..<(start + count)]
            let crc = slice.withUnsafeBufferPointer(OfficeZip.crc)
            #expect(crc == OfficeZipCRCTests.reference(slice), "\(count) bytes at \(start)")
        }
        #expect(Array("123456789".utf8).withUnsafeBufferPointer(OfficeZip.crc) == 0xCBF4_3926)
    }
}
