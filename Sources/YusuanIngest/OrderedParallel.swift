import Foundation

/// Runs `work(0..<count)` on `width` threads and hands the results to `deliver` on the calling thread in index
/// order, as soon as each is next. Workers run at most `window` items ahead of the one delivered last, so
/// memory follows the window, not `count` (a streamed output stays flat in the number of files).
///
/// The work runs on threads of this call's own, with a large stack (deeply nested documents recurse), never on the
/// calling thread, so that an item that takes longer than `timeLimit` seconds can be given up: `deliver` gets
/// `overrun(i)` in its place, and its thread is left to finish (its result dropped) and then ends; a new thread
/// takes its place. A thread cannot be stopped from outside, and a hostile file must not stop the folder.
///
/// Each item runs start to end on one thread, and the calling thread is only woken for the item it waits for:
/// handing each item from thread to thread cost a sixth of the CPU on two cores of a virtual machine, where
/// waking a sleeping core is slow.
enum OrderedParallel {
    static let stackSize = 64 << 20

    static func forEach<T: Sendable>(count: Int, width: Int, window: Int, timeLimit: Double = .infinity,
                                     work: @escaping @Sendable (Int) -> T, overrun: (Int) -> T, deliver: (T) -> Void) {
        guard count > 0 else { return }
        let state = State<T>(count: count, window: max(window, width, 1))
        let lane: @Sendable () -> Void = {
            while let i = state.claim() {
                let result = work(i)
                guard state.finish(i, result) else { return }   // given up: this thread ends
            }
        }
        func start() {
            let thread = Thread(block: lane)
            thread.stackSize = stackSize
            thread.start()
        }
        for _ in 0..<max(1, min(width, count)) { start() }
        for i in 0..<count {
            if let r = state.take(i, timeLimit: timeLimit) {
                deliver(r)
            } else {
                // Given up; another thread keeps the width.
                deliver(overrun(i))
                start()
            }
        }
    }

    /// `forEach` without a time limit.
    static func forEach<T: Sendable>(count: Int, width: Int, window: Int, work: @escaping @Sendable (Int) -> T, deliver: (T) -> Void) {
        forEach(count: count, width: width, window: window, work: work, overrun: { _ in preconditionFailure("no time limit") }, deliver: deliver)
    }

    /// Guarded by `cond`: `done` holds finished results not yet taken; `claimed` is the next index to hand out;
    /// `taken` how many have been delivered or given up; `started` when each claimed item not yet taken began;
    /// `givenUp` the items whose thread is to end when it finishes. Invariant: taken <= claimed,
    /// claimed - taken <= window.
    final class State<T: Sendable>: @unchecked Sendable {
        let cond = NSCondition()
        let count: Int, window: Int
        var done: [Int: T] = [:]
        var started: [Int: Date] = [:]
        var givenUp: Set<Int> = []
        var claimed = 0
        var taken = 0
        /// The item the calling thread waits for, and whether worker threads wait for room in the window: a
        /// thread is only woken when what it waits for has happened.
        var awaited: Int?
        var waitingForRoom = 0

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        func claim() -> Int? {
            cond.lock()
            defer { cond.unlock() }
            while claimed < count && claimed - taken >= window {
                waitingForRoom += 1
                cond.wait()
                waitingForRoom -= 1
            }
            guard claimed < count else { return nil }
            let i = claimed
            claimed += 1
            started[i] = Date()
            // The calling thread may be waiting for this item to start, to know its deadline.
            if awaited == i { cond.broadcast() }
            return i
        }

        /// False when item `i` was given up: its result is dropped and its thread is to end.
        func finish(_ i: Int, _ result: T) -> Bool {
            cond.lock()
            defer { cond.unlock() }
            if givenUp.remove(i) != nil { return false }
            done[i] = result
            if awaited == i { cond.broadcast() }
            return true
        }

        /// Item `i`'s result, or nil when it ran more than `timeLimit` seconds and was given up.
        func take(_ i: Int, timeLimit: Double) -> T? {
            cond.lock()
            defer { cond.unlock() }
            awaited = i
            defer { awaited = nil }
            while true {
                if let r = done.removeValue(forKey: i) {
                    advance(past: i)
                    return r
                }
                if let begun = started[i], timeLimit.isFinite {
                    let deadline = begun.addingTimeInterval(timeLimit)
                    if Date() >= deadline {
                        givenUp.insert(i)
                        advance(past: i)
                        return nil
                    }
                    _ = cond.wait(until: deadline)
                } else {
                    cond.wait()
                }
            }
        }

        private func advance(past i: Int) {
            started[i] = nil
            taken = i + 1
            if waitingForRoom > 0 { cond.broadcast() }
        }
    }
}
