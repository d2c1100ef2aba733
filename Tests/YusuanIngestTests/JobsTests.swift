import Foundation
import Testing
@testable import YusuanIngest
import YusuanModel

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
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed_list:\t0-3\nState:\tR\nCpus_allowed:\tF\n") == 4, "the mask's own line, wherever it is")
        #expect(Ingest.allowedCPUs(status: "Cpus_allowed:\t1\r\n") == nil, "nothing but hex digits, commas and blanks")
    }

    @Test("one thread per allowed core, at least one and never more than the machine has")
    func defaultJobs() {
        #expect(Ingest.defaultJobs >= 1 && Ingest.defaultJobs <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("work runs on threads with a large stack; an item over its time limit is given up and the rest go on in order", arguments: [1, 2, 4])
    func timeLimit(width: Int) {
        let threads = ManagedThreads()
        var delivered: [Int] = []
        OrderedParallel.forEach(count: 12, width: width, window: 4, timeLimit: 0.2, work: { i in
            #expect(Thread.current.stackSize == OrderedParallel.stackSize)
            #expect(!Thread.isMainThread)
            threads.add(i, pthread_self())
            if i == 3 { usleep(1_200_000) }   // stuck
            return i
        }, overrun: { i in -i }, deliver: { delivered.append($0) })
        #expect(delivered == [0, 1, 2, -3] + Array(4..<12), "given up in its place; the result it finishes with later is dropped")
        // The stuck item's thread never takes another item, even after it finishes.
        usleep(1_500_000)
        let stuck = threads.thread(of: 3)
        #expect(stuck != nil && !(0..<12).contains { $0 != 3 && threads.thread(of: $0) == stuck && threads.order(of: $0) > threads.order(of: 3) })
    }

    @Test("without a time limit nothing is given up, and one item can be as slow as it likes")
    func noLimit() {
        var delivered: [Int] = []
        OrderedParallel.forEach(count: 5, width: 2, window: 2, work: { i in
            if i == 1 { usleep(300_000) }
            return i * i
        }, deliver: { delivered.append($0) })
        #expect(delivered == [0, 1, 4, 9, 16])
        OrderedParallel.forEach(count: 0, width: 2, window: 2, work: { $0 }, deliver: { _ in Issue.record("nothing to deliver") })
    }
}

/// Which thread ran each item, and in what order items started, from many threads.
final class ManagedThreads: @unchecked Sendable {
    private let lock = NSLock()
    private var threads: [Int: (thread: pthread_t, order: Int)] = [:]
    func add(_ i: Int, _ t: pthread_t) { lock.lock(); threads[i] = (t, threads.count); lock.unlock() }
    func thread(of i: Int) -> pthread_t? { lock.lock(); defer { lock.unlock() }; return threads[i]?.thread }
    func order(of i: Int) -> Int { lock.lock(); defer { lock.unlock() }; return threads[i]?.order ?? -1 }
}

@Suite("Folder walking")
struct FolderPathTests {
    @Test("a name is joined to its folder exactly as NSString.appendingPathComponent joins it")
    func joinedAsFoundation() {
        var rng = SplitMix64(seed: 13)
        let pieces = ["", "/", "//", ".", "..", "a", "b.txt", "教育局", "2021", " ", "x/", "/y", "é", "~"]
        func random(_ n: Int) -> String { (0..<n).map { _ in pieces[rng.below(pieces.count)] }.joined() }
        for _ in 0..<20_000 {
            let dir = random(rng.below(5)), name = random(1 + rng.below(3))
            #expect(Ingest.joined(dir, name) == (dir as NSString).appendingPathComponent(name), "\(dir) + \(name)")
        }
        #expect(Ingest.joined("/", "a") == "/a")
        #expect(Ingest.joined("datasets/", "甲.txt") == "datasets/甲.txt")
    }
}
