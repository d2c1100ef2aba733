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
}
