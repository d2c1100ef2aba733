import Foundation
import Testing
import YusuanModel

@Suite("Byte-level text helpers agree with the Character-level ones")
struct TextSearchTests {
    /// Every White_Space scalar, and punctuation that shares their lead bytes (、。《》“”…— and full-width forms).
    static let whitespace = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace)
    static let lookalikes: [Character] = ["、", "。", "《", "》", "“", "”", "…", "—", "‘", "’", "（", "）", "，", "Ā", "ᚠ", "⁰", "〇", "年"]

    @Test("removingWhitespace is filter { !$0.isWhitespace }, for every whitespace scalar and its neighbours")
    func removingWhitespace() {
        #expect(Self.whitespace.count >= 25)
        for w in Self.whitespace {
            for c in Self.lookalikes {
                let s = "2021年\(c)部门\(Character(w))预算\(c)"
                #expect(s.removingWhitespace == s.filter { !$0.isWhitespace }, "U+\(String(w.value, radix: 16))")
            }
        }
        for c in Self.lookalikes {
            let s = "2021年\(c)部门预算\(c)"
            #expect(s.removingWhitespace == s)
        }
        var g = SplitMix64(seed: 5)
        let pool = Self.whitespace.map(Character.init) + Self.lookalikes + ["a", "1", "\u{301}", "\r\n"]
        for _ in 0..<2000 {
            let s = String((0..<g.below(12)).map { _ in pool[g.below(pool.count)] })
            #expect(s.removingWhitespace == s.filter { !$0.isWhitespace }, "\(s.unicodeScalars.map { $0.value })")
        }
    }
}
