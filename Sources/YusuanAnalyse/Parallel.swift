import Foundation

enum Parallel {
    /// `body(0..<count)` on every core, the results in index order: the same array as a loop gives.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = Results<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
        return results.values.map { r in
            guard let r else { preconditionFailure("concurrentPerform ran every index") }
            return r
        }
    }

    /// Slots written once each from any thread, under a lock.
    final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]
        init(_ count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
        var values: [T?] { lock.withLock { slots } }
    }
}
