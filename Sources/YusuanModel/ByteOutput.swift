/// Bytes appended in many small pieces: JSON keys, numbers and strings, cache entries. `[UInt8].append(contentsOf:)`
/// spends about a hundred instructions per call on generic bookkeeping, more than most pieces are long; here a
/// piece costs one check for room and one copy.
///
/// Invariant: `0 <= used <= storage.count`; the bytes of `storage[used...]` are spare room, never read.
public struct ByteOutput: Sendable {
    @usableFromInline var storage: [UInt8]
    @usableFromInline var used = 0

    public var count: Int { used }

    public init(capacity: Int = 256) {
        storage = [UInt8](repeating: 0, count: max(capacity, 16))
    }

    /// The bytes written.
    public var bytes: [UInt8] { Array(storage[..<used]) }

    /// The bytes written, without a copy: the storage is moved out (leaving this output empty) so that it is
    /// unshared when its spare room is dropped in place. (A `consuming` take of a copy, such as a getter's, would
    /// find the storage shared and copy it all.)
    public mutating func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &storage)
        taken.removeSubrange(used...)
        used = 0
        return taken
    }

    public mutating func removeAll() { used = 0 }

    /// Keeps the first `n` bytes (all of them when `n` is past the end).
    public mutating func removeAll(after n: Int) { used = Swift.min(Swift.max(n, 0), used) }

    /// Runs `body` over the bytes written, in place.
    @inlinable
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<used])) }
    }

    @inlinable
    public mutating func append(_ b: UInt8) {
        if used == storage.count { grow(1) }
        storage[used] = b
        used += 1
    }

    @inlinable
    public mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let from = b.baseAddress else { return }
        write(upTo: b.count) { to in
            to.initialize(from: from, count: b.count)
            return b.count
        }
    }

    @inlinable
    public mutating func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inlinable
    public mutating func append(_ s: String) {
        s.withBytes { append($0) }
    }

    /// Lets `body` write at most `n` bytes in place; it returns how many it wrote.
    @inlinable
    public mutating func write(upTo n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if storage.count - used < n { grow(n) }
        let at = used
        let written = storage.withUnsafeMutableBufferPointer { buf in
            // Never nil: `storage` is never empty (init and grow keep at least 16 bytes).
            body(buf.baseAddress.unsafelyUnwrapped + at)
        }
        precondition(written >= 0 && written <= n, "ByteOutput.write wrote outside the room it asked for")
        used += written
    }

    /// Room for `n` more bytes, at least doubling what there is, so that appends cost amortised constant time.
    @usableFromInline
    mutating func grow(_ n: Int) {
        storage.append(contentsOf: repeatElement(0, count: max(storage.count, n)))
    }
}
