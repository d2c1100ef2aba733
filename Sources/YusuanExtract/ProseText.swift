import YusuanModel

/// A paragraph's UTF-8, read by byte offsets: `Numbers.mentions` gives byte ranges, and the sentence and clause
/// marks are found on the bytes. Invariant: every offset handed out is a scalar boundary in `0...count`.
struct ProseText {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    var count: Int { bytes.count }

    func string(_ r: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { UTF8Text.string($0, max(r.lowerBound, 0), min(r.upperBound, count)) }
    }

    func scalarLength(at i: Int) -> Int { UTF8Text.scalarLength(lead: bytes[i]) }

    /// The offset `k` scalars before `i`, not before `floor`.
    func back(from i: Int, scalars k: Int, floor: Int) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var j = min(i, count), left = k
            while left > 0, j > floor {
                j = UTF8Text.scalarStart(b, before: j)
                left -= 1
            }
            return max(j, floor)
        }
    }

    /// Whether `word` is written at `i`.
    func has(_ word: String, at i: Int) -> Bool {
        bytes.withUnsafeBufferPointer { ProseText.has(word, in: $0, at: i, before: $0.count) }
    }

    static func has(_ word: String, in b: UnsafeBufferPointer<UInt8>, at i: Int, before end: Int) -> Bool {
        word.withBytes { w in i + w.count <= end && TextSearch.equal(b, i, w) }
    }

    /// Whether every character in `r` is one of `set` ("、和及与 ").
    func allScalars(_ r: Range<Int>, in set: String) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = r.lowerBound
            while i < r.upperBound {
                let v = UTF8Text.scalar(b, at: i)
                guard set.unicodeScalars.contains(where: { $0.value == v }) else { return false }
                i += UTF8Text.scalarLength(lead: b[i])
            }
            return true
        }
    }

    /// The first offset after the character at `i` that is a sentence or clause end, or else `limit` (a character
    /// boundary, at most `count`).
    func nextMark(after i: Int, before limit: Int) -> Int {
        let end = min(limit, count)
        var j = i + scalarLength(at: i)
        while j < end {
            let c = bytes[j]
            // Every mark is "!", "?", ";" or starts with E3 or EF.
            if c == 0x21 || c == 0x3F || c == 0x3B || c == 0xE3 || c == 0xEF,
               sentenceEndLength(at: j) > 0 || clauseEndLength(at: j) > 0 { return j }
            j += UTF8Text.scalarLength(lead: c)
        }
        return end
    }

    /// The length of the sentence end at `i` ("。" E3 80 82, "！" EF BC 81, "？" EF BC 9F, "!", "?"), or 0.
    func sentenceEndLength(at i: Int) -> Int {
        let c = bytes[i]
        if c == 0x21 || c == 0x3F { return 1 }
        guard i + 2 < count else { return 0 }
        let m = bytes[i + 1], l = bytes[i + 2]
        if c == 0xE3 && m == 0x80 && l == 0x82 { return 3 }
        if c == 0xEF && m == 0xBC && (l == 0x81 || l == 0x9F) { return 3 }
        return 0
    }

    /// The length of the clause end at `i` ("；" EF BC 9B, ";"), or 0.
    func clauseEndLength(at i: Int) -> Int {
        if bytes[i] == 0x3B { return 1 }
        return i + 2 < count && bytes[i] == 0xEF && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x9B ? 3 : 0
    }

    /// The non-empty pieces of `b` between the characters in `stops`.
    static func pieces(_ b: UnsafeBufferPointer<UInt8>, at stops: Set<UInt32>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, i = 0
        while i < b.count {
            let k = UTF8Text.scalarLength(lead: b[i])
            if stops.contains(UTF8Text.scalar(b, at: i)) {
                if i > start { out.append(start..<i) }
                start = i + k
            }
            i += k
        }
        if b.count > start { out.append(start..<b.count) }
        return out
    }

    /// The non-empty pieces of `b` between the segment separators ("，" "," "：" ":" "；" ";").
    static func segments(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, i = 0
        while i < b.count {
            let c = b[i]
            var k = 0
            if c == 0x2C || c == 0x3A || c == 0x3B { k = 1 }
            // "，" EF BC 8C, "：" EF BC 9A, "；" EF BC 9B.
            else if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x8C || b[i + 2] == 0x9A || b[i + 2] == 0x9B { k = 3 }
            if k > 0 {
                if i > start { out.append(start..<i) }
                i += k
                start = i
            } else {
                i += 1
            }
        }
        if b.count > start { out.append(start..<b.count) }
        return out
    }
}
