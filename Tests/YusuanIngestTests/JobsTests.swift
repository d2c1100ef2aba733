import Foundation
import Testing
@testable import YusuanIngest

@Suite("Reading threads")
struct JobsTests {
    @Test("the CPUs a process may run on, from the mask in /proc/PID/status")
    func allowedMask() {
        #expect(Ingest.allowedCPUs(status: "Name:\tyusuan\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == 2)
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed:\t1\n") == 1, "taskset -c 0")
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed:\tffffffff,00000000,00000001\n") == 33, "comma-separated words")
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed_list:\t0-1\n") == nil, "only the list: not read")
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed:\t0\n") == nil, "an empty mask is not believed")
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed:\txyz\n") == nil)
        #expect(Ingest.allowedCPUs(status: "") == nil)
    }

    @Test("one thread per allowed core, at least one and never more than the machine has")
    func defaultJobs() {
        #expect(Ingest.defaultJobs >= 1 && Ingest.defaultJobs <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("reading threads are reused, but never one that overran its time limit")
    func timeLimitedThreads() {
        let pool = TimeLimitedThreads()
        #expect(pool.run(timeLimit: 10) { Thread.current.stackSize } == TimeLimitedThreads.stackSize)
        let first = pool.run(timeLimit: 10) { pthread_self() }
        #expect(pool.run(timeLimit: 10) { pthread_self() } == first, "the idle thread takes the next piece of work")
        let stuck = pool.run(timeLimit: 0.05) { () -> pthread_t in usleep(400_000); return pthread_self() }
        #expect(stuck == nil, "abandoned after its limit")
        let next = pool.run(timeLimit: 10) { pthread_self() }
        #expect(next != nil && next != first, "the overrunning thread is not handed work while it still runs")
        // Many callers at once all get their own result.
        let lock = NSLock()
        nonisolated(unsafe) var results = [Int: Int]()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let r = pool.run(timeLimit: 10) { i * i }
            lock.lock(); results[i] = r; lock.unlock()
        }
        #expect(results == Dictionary(uniqueKeysWithValues: (0..<64).map { ($0, $0 * $0) }))
        // An idle thread ends after a while and the pool makes another when needed.
        usleep(UInt32(TimeLimitedThreads.idleSeconds * 1_500_000))
        #expect(pool.run(timeLimit: 10) { 7 } == 7)
    }
}
