import Foundation

/// Runs a program to its end and keeps what it wrote: the built binary
/// (`BinaryRunner`), or a tool a test checks output with (the ffmpeg CLI,
/// libde265's decoder).
public enum ChildProcess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
        public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// A tool by its path, in the test process's environment.
    public static func tool(_ path: String, _ arguments: [String]) throws -> Output {
        try run(URL(fileURLWithPath: path), arguments, environment: ProcessInfo.processInfo.environment)
    }

    /// `directory`: where it runs (the test process's own folder when nil).
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String], directory: String? = nil) throws -> Output {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
