import Foundation

/// Runs a program and keeps what it wrote: the built binary (`BinaryRunner`),
/// or a tool a test checks output with (the ffmpeg CLI, libde265's decoder).
///
/// A test awaits the child without holding a thread of Swift's cooperative
/// pool: the pool has one thread per core (two in CI), and two tests sitting
/// in a blocking wait stopped every other test, the sandbox servers in this
/// process among them, which the children themselves may be polling.
public enum ChildProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// A tool by its path, in the test process's environment.
    public static func tool(_ path: String, _ arguments: [String]) async throws -> Output {
        try await run(URL(fileURLWithPath: path), arguments, environment: ProcessInfo.processInfo.environment)
    }

    /// Runs it to its end, once one of `ChildSlots`' few slots is free.
    /// `directory`: where it runs (the test process's own folder when nil).
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String], directory: String? = nil)
        async throws -> Output {
        try await ChildSlots.holding {
            try await Running(executable, arguments, environment: environment, directory: directory).finished()
        }
    }

    /// A started child, left to run while the test watches what it prints,
    /// signals it, and awaits its end. Its stdout and stderr are each drained
    /// by a thread of their own as they come, so that a full pipe cannot stall
    /// it while the other is read.
    public final class Running: @unchecked Sendable {
        public let process = Process()
        /// Left when both pipes are closed and the child has exited.
        private let ended = DispatchGroup()
        private let lock = NSLock()
        private var out = Data(), err = Data()

        public init(_ executable: URL, _ arguments: [String], environment: [String: String], directory: String? = nil) throws {
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            process.executableURL = executable
            process.arguments = arguments
            process.environment = environment
            let outPipe = Pipe(), errPipe = Pipe()
            process.standardOutput = outPipe
            process.standardError = errPipe
            let ended = ended
            ended.enter()
            process.terminationHandler = { _ in ended.leave() }
            try process.run()
            drain(outPipe.fileHandleForReading, stderr: false)
            drain(errPipe.fileHandleForReading, stderr: true)
        }

        private func drain(_ handle: FileHandle, stderr: Bool) {
            ended.enter()
            Thread.detachNewThread { [self] in
                while true {
                    let more = handle.availableData
                    if more.isEmpty { break }
                    lock.withLock { if stderr { err.append(more) } else { out.append(more) } }
                }
                ended.leave()
            }
        }

        /// What it has written to stderr so far.
        public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

        public var isRunning: Bool { process.isRunning }

        /// True once `ready` holds of its stderr so far, while it runs (bounded:
        /// 60 s), checked every 5 ms on the calling thread: for a signal that must
        /// land at a moment, as an async poll can wait behind the other tests' work
        /// on the cooperative pool past the child's end (seen in a whole-suite run).
        public func waitHere(until ready: (String) -> Bool) -> Bool {
            let deadline = ContinuousClock.now + .seconds(60)
            while process.isRunning && ContinuousClock.now < deadline {
                if ready(stderr) { return true }
                usleep(5_000)
            }
            return false
        }

        /// True once `ready` holds of its stderr so far, while it runs (bounded: 60 s).
        public func wait(until ready: (String) async -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(60)
            while process.isRunning && ContinuousClock.now < deadline {
                if await ready(stderr) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }

        /// Its end, waited for on the calling thread (see `waitHere`), and all it wrote.
        public func finishedHere() -> Output {
            ended.wait()
            return output
        }

        /// Its end, after `signal` when one is given, and all it wrote.
        public func finished(signal: Int32? = nil) async -> Output {
            if let signal { kill(process.processIdentifier, signal) }
            await withCheckedContinuation { continuation in
                ended.notify(queue: .global()) { continuation.resume() }
            }
            return output
        }

        private var output: Output {
            lock.withLock {
                Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
            }
        }
    }
}
