import Foundation
import TestSupport

/// Runs the built `ltx-prep` binary, as a user would.
struct BinaryRunner {
    typealias Output = ChildProcess.Output

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
    static func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: String? = nil) async throws -> Output {
        try await start(arguments, environment: extra, in: directory).finished()
    }

    /// Started and left running, for a test that watches it or signals it.
    static func start(_ arguments: [String], environment extra: [String: String] = [:], in directory: String? = nil) throws -> ChildProcess.Running {
        var env = ProcessInfo.processInfo.environment
        for name in ["LTXV_API_KEY", "LTX_API_BASE_URL", "SEGMIND_API_KEY", "SEGMIND_API_BASE_URL"] { env[name] = nil }
        env.merge(extra) { $1 }
        env["NO_COLOR"] = "1"
        return try ChildProcess.Running(binary, arguments, environment: env, directory: directory)
    }

    /// Another program a test checks the binary's output with (the ffmpeg
    /// CLI, libde265's decoder), by its path.
    static func runTool(_ path: String, _ arguments: [String]) async throws -> Output {
        try await ChildProcess.tool(path, arguments)
    }
}
