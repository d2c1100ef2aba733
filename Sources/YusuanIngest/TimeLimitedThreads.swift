import Foundation

/// Runs work on threads with a large stack (deeply nested documents recurse), waiting at most a time limit for
/// each piece. The threads are kept between pieces of work: a new thread per file cost a fresh 64 MB stack
/// mapping, its page faults and its unmapping every time, about a tenth of reading a real-size text. A thread
/// that overruns cannot be stopped from outside: it is left to finish (or to end with the process) and is not
/// given work again. Idle threads end after a second, so a long-lived caller does not keep them.
final class TimeLimitedThreads: @unchecked Sendable {
    static let shared = TimeLimitedThreads()

    static let stackSize = 64 << 20
    static let idleSeconds = 1.0

    /// Lock order: `lock` before any worker's `cond`.
    private let lock = NSLock()
    private var idle: [Worker] = []

    /// `work`'s result, or nil when it did not finish within `timeLimit` seconds.
    func run<T>(timeLimit: Double, _ work: @escaping @Sendable () -> T) -> T? {
        let outcome = Outcome<T>()
        let job: @Sendable () -> Void = {
            outcome.result = work()
            outcome.done.signal()
        }
        lock.lock()
        let worker = idle.popLast()
        if let worker { worker.give(job) }
        lock.unlock()
        let running = worker ?? Worker(pool: self, first: job)
        guard outcome.done.wait(timeout: .now() + timeLimit) == .success else { return nil }
        lock.lock()
        if !running.gone { idle.append(running) }
        lock.unlock()
        return outcome.result
    }

    private final class Outcome<T>: @unchecked Sendable {
        var result: T?
        let done = DispatchSemaphore(value: 0)
    }

    /// Called by an idle worker whose wait timed out: true when it has no work and has left the pool.
    fileprivate func retire(_ worker: Worker) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard worker.leaveIfIdle() else { return false }
        worker.gone = true
        idle.removeAll { $0 === worker }
        return true
    }

    fileprivate final class Worker: @unchecked Sendable {
        /// Guarded by `cond`: the work handed over and not yet started.
        private let cond = NSCondition()
        private var job: (@Sendable () -> Void)?
        /// Guarded by the pool's lock: the thread has ended (it may end before its last caller returns it).
        var gone = false

        init(pool: TimeLimitedThreads, first: @escaping @Sendable () -> Void) {
            job = first
            let thread = Thread { [self] in loop(pool) }
            thread.stackSize = TimeLimitedThreads.stackSize
            thread.start()
        }

        /// Hands over work; the pool's lock is held, so the worker cannot retire in between.
        func give(_ work: @escaping @Sendable () -> Void) {
            cond.lock()
            job = work
            cond.signal()
            cond.unlock()
        }

        /// With the pool's lock held: true when there is no work, so the worker may end.
        func leaveIfIdle() -> Bool {
            cond.lock()
            defer { cond.unlock() }
            return job == nil
        }

        private func loop(_ pool: TimeLimitedThreads) {
            while true {
                cond.lock()
                while job == nil {
                    if !cond.wait(until: Date(timeIntervalSinceNow: TimeLimitedThreads.idleSeconds)) && job == nil {
                        cond.unlock()
                        if pool.retire(self) { return }
                        cond.lock()
                    }
                }
                let work = job
                job = nil
                cond.unlock()
                work?()
            }
        }
    }
}
