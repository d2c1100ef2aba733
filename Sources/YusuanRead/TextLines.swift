import YusuanModel

/// A document's lines in one UTF-8 buffer, each a byte range into it; a line's String is made only when it is
/// asked for. Reading a text keeps its decoded bytes as the buffer and appends the few lines that clean-up or
/// repairs change, so thousands of lines cost no allocation each. Lines need not follow each other in the
/// buffer (two sets of lines, such as the read lines and the lines as written, may share one buffer).
public struct TextLines: RandomAccessCollection, Sendable, Equatable {
    /// Valid UTF-8; every range starts and ends on a character boundary.
    private(set) var bytes: [UInt8]
    private(set) var ranges: [Range<Int>]

    init(bytes: [UInt8], ranges: [Range<Int>]) {
        self.bytes = bytes
        self.ranges = ranges
    }

    public init<S: Sequence>(_ lines: S) where S.Element == String {
        bytes = []
        ranges = []
        for line in lines {
            let start = bytes.count
            line.withBytes { bytes.append(contentsOf: $0) }
            ranges.append(start..<bytes.count)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ranges.count }

    public subscript(i: Int) -> String {
        let r = ranges[i]
        return bytes.withUnsafeBufferPointer { UTF8Text.string($0, r.lowerBound, r.upperBound) }
    }

    /// Runs `body` over the bytes of line `i` in place.
    public func withBytes<R>(ofLine i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = ranges[i]
        return try bytes.withUnsafeBufferPointer { b in try body(UnsafeBufferPointer(rebasing: b[r])) }
    }

    /// Runs `body` over the whole buffer, to be read with `range(ofLine:)`.
    func withBuffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Where line `i` stands in the buffer.
    func range(ofLine i: Int) -> Range<Int> { ranges[i] }

    /// The lines one after another without a separator, as `[String].joined()`: one String, copied from the buffer.
    public func joined() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
        for r in ranges { out.append(contentsOf: bytes[r]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The indices of the lines that hold `needle` (bytes compared), in order.
    public func indices(containing needle: String) -> [Int] {
        var out: [Int] = []
        needle.withBytes { n in
            bytes.withUnsafeBufferPointer { b in
                for (i, r) in ranges.enumerated() where r.count >= n.count
                    && TextSearch.find(UnsafeBufferPointer(rebasing: b[r]), n) != nil {
                    out.append(i)
                }
            }
        }
        return out
    }

    /// Line for line the same text (Strings compared as Strings).
    public static func == (a: TextLines, b: TextLines) -> Bool {
        if a.ranges.count != b.ranges.count { return false }
        if a.ranges == b.ranges && a.bytes == b.bytes { return true }
        return a.elementsEqual(b)
    }

    public static func == (a: TextLines, b: [String]) -> Bool { a.elementsEqual(b) }
}
