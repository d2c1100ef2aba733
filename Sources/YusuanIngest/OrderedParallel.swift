import Foundation

/// Runs `work(0..<count)` on `width` threads and hands the results to `deliver` on the calling thread in index
/// order, as soon as each is next. Workers run at most `window` items ahead of the one delivered last, so
/// memory follows the window, not `count` (a streamed output stays flat in the number of files).
enum OrderedParallel {
    static func forEach<T: Sendable>(count: Int, width: Int, window: Int, work: @escaping @Sendable (Int) -> T, deliver: (T) -> Void) {
        let width = max(1, min(width, count))
        if width == 1 {
            for i in 0..<count { deliver(work(i)) }
            return
        }
        let state = State<T>(window: max(window, width))
        for _ in 0..<width {
            Thread {
                while let i = state.claim(below: count) { state.finish(i, work(i)) }
            }.start()
        }
        for i in 0..<count { deliver(state.take(i)) }
    }

    /// Guarded by `cond`: `done` holds finished results not yet taken; `claimed` is the next index to hand out;
    /// `taken` how many have been delivered. Invariant: taken <= claimed, claimed - taken <= window.
    final class State<T: Sendable>: @unchecked Sendable {
        let cond = NSCondition()
        let window: Int
        var done: [Int: T] = [:]
        var claimed = 0
        var taken = 0

        init(window: Int) { self.window = window }

        func claim(below count: Int) -> Int? {
            cond.lock()
            defer { cond.unlock() }
            while claimed < count && claimed - taken >= window { cond.wait() }
            guard claimed < count else { return nil }
            claimed += 1
            return claimed - 1
        }

        func finish(_ i: Int, _ result: T) {
            cond.lock()
            done[i] = result
            cond.broadcast()
            cond.unlock()
        }

        func take(_ i: Int) -> T {
            cond.lock()
            defer { cond.unlock() }
            while true {
                if let r = done.removeValue(forKey: i) {
                    taken = i + 1
                    cond.broadcast()
                    return r
                }
                cond.wait()
            }
        }
    }
}
