import Foundation

/// Runs the built `ltx-prep` binary, as a user would.
struct BinaryRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The binary sits beside the test bundle in SwiftPM's products folder.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["LTX_PREP_BIN"] { return URL(fileURLWithPath: override) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("ltx-prep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "ltx-prep")
    }()

    /// `directory`: where it runs (the test process's own folder when nil).
    static func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: String? = nil) throws -> Output {
        var env = ProcessInfo.processInfo.environment
        for name in ["LTXV_API_KEY", "LTX_API_BASE_URL", "SEGMIND_API_KEY", "SEGMIND_API_BASE_URL"] { env[name] = nil }
        env.merge(extra) { $1 }
        env["NO_COLOR"] = "1"
        return try launch(binary, arguments, environment: env, directory: directory)
    }

    /// Another program a test checks the binary's output with (the ffmpeg
    /// CLI, libde265's decoder), by its path.
    static func runTool(_ path: String, _ arguments: [String]) throws -> Output {
        try launch(URL(fileURLWithPath: path), arguments, environment: ProcessInfo.processInfo.environment)
    }

    private static func launch(_ executable: URL, _ arguments: [String], environment: [String: String], directory: String? = nil) throws -> Output {
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
