import Foundation

/// Runs a program and collects its output. Both pipes are read on their own threads while it runs (a full pipe
/// would block the child forever); with a timeout, the child is terminated, then killed, when it overruns.
public enum Subprocess {
    public struct Output: Sendable {
        public var stdout: Data
        public var stderr: Data
        public var status: Int32
    }

    public enum Failure: Error, Sendable {
        case cannotStart(String)
        case timedOut
    }

    public static func run(_ executable: String, _ arguments: [String], timeout: Double? = nil) -> Result<Output, Failure> {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        do { try p.run() } catch { return .failure(.cannotStart("\(error)")) }
        let stdout = Drain(out), stderr = Drain(err)
        if exited.wait(timeout: timeout.map { .now() + $0 } ?? .distantFuture) == .timedOut {
            p.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut { kill(p.processIdentifier, SIGKILL); _ = exited.wait(timeout: .now() + 2) }
            return .failure(.timedOut)
        }
        return .success(Output(stdout: stdout.data(), stderr: stderr.data(), status: p.terminationStatus))
    }

    /// Reads a pipe to its end on a thread of its own.
    final class Drain: @unchecked Sendable {
        private var collected = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ pipe: Pipe) {
            Thread { [self] in
                collected = pipe.fileHandleForReading.readDataToEndOfFile()
                done.signal()
            }.start()
        }
        func data() -> Data {
            _ = done.wait(timeout: .now() + 10)
            return collected
        }
    }
}
