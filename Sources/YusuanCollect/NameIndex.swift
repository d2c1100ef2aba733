import Foundation
import YusuanModel

/// A string compared and hashed by its UTF-8 bytes: department ids are made by one normalisation, so byte
/// equality is the right equality, and it skips the Unicode work String's own hashing does for Chinese text.
struct ByteKey: Hashable, Sendable {
    let string: String
    init(_ s: String) { string = s }
    static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.sameBytes(b.string) }
    func hash(into h: inout Hasher) {
        var s = string
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func precedes(_ a: String, _ b: String) -> Bool { a.precedesByBytes(b) }
}

/// Strings numbered in the order they are added, found by their UTF-8 bytes. The hash table holds a 64-bit
/// hash of each string's bytes, not the string: a probe compares numbers in the table's own memory, and only
/// the entry whose hash matches is compared byte for byte. (A `[ByteKey: …]` compares the strings of every
/// occupied slot it probes, a cache miss each when there are 100,000 names.) Two different strings with the
/// same hash are both found: the later ones go to `collided`.
struct ByteIndex: Sendable {
    private var byHash: [UInt64: Int32] = [:]
    private var collided: [ByteKey: Int32] = [:]
    /// The strings by number.
    private(set) var strings: [String] = []

    init(capacity: Int = 0) {
        byHash.reserveCapacity(capacity)
        strings.reserveCapacity(capacity)
    }

    static func hash(_ s: String) -> UInt64 {
        var h = Hasher()
        var s = s
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        return UInt64(bitPattern: Int64(h.finalize()))
    }

    func index(of s: String) -> Int32? { index(of: s, hash: ByteIndex.hash(s)) }

    private func index(of s: String, hash: UInt64) -> Int32? {
        guard let i = byHash[hash] else { return nil }
        return strings[Int(i)].sameBytes(s) ? i : collided[ByteKey(s)]
    }

    /// The number of `s`: the one it has, else the next.
    mutating func add(_ s: String) -> Int32 {
        let h = ByteIndex.hash(s)
        if let i = index(of: s, hash: h) { return i }
        let i = Int32(strings.count)
        strings.append(s)
        if byHash[h] == nil { byHash[h] = i } else { collided[ByteKey(s)] = i }
        return i
    }
}

/// Values keyed by name with String's equality (canonical equivalence), at the cost of byte equality while
/// every name seen is simple (`SimpleName.isSimple`: then the two agree). The first other name builds the
/// String-keyed index once, and from then on both are kept.
struct NameKeyed<Value> {
    private var names = ByteIndex()
    private var values: [Value] = []
    private var unicode: [String: Value]?

    static func equal(_ a: String, _ b: String) -> Bool {
        SimpleName.isSimple(a) && SimpleName.isSimple(b) ? a.sameBytes(b) : a == b
    }

    /// The value of `name` or of a name equal to it; `sameBytes` says whether it was found under these bytes.
    mutating func existing(_ name: String) -> (value: Value, sameBytes: Bool)? {
        if let i = names.index(of: name) { return (values[Int(i)], true) }
        if unicode == nil, !SimpleName.isSimple(name) {
            // Until now every name was simple, so no two keys are equal without being the same bytes.
            unicode = Dictionary(zip(names.strings, values), uniquingKeysWith: { a, _ in a })
        }
        return unicode?[name].map { ($0, false) }
    }

    mutating func insert(_ name: String, _ value: Value) {
        let i = Int(names.add(name))
        if i == values.count { values.append(value) } else { values[i] = value }
        if unicode != nil, unicode?[name] == nil { unicode?[name] = value }
    }
}
