import Foundation
import Testing
import TestSupport

/// What a test process leaves behind: its temporary folder is removed when
/// it exits (a run of the suite left about 100 MB in /tmp, `ltx-tests-PID`,
/// until the next run), and a sandbox it stops logs no error (each stop
/// printed "Waiting on child channel: CancellationError()" and "Server
/// shutdown error: Already closed"). Both checked by running this very test
/// bundle again as a child, with its own TMPDIR, for one test below.
@Suite struct TestFilesCleanupTests {
    static let childVariable = "LTX_TEST_CHILD"
    static var inChild: Bool { ProcessInfo.processInfo.environment[childVariable] != nil }

    /// Only in the child: writes a file where every test writes its files.
    @Test(.enabled(if: inChild)) func childWritesATemporaryFile() throws {
        let dir = TemporaryDirectory.make("ltx-cleanup")
        try Data(count: 1 << 16).write(to: URL(fileURLWithPath: "\(dir)/file.bin"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/file.bin"))
    }

    /// Only in the child: starts the sandbox in this process and stops it as the tests do, by cancelling it.
    @Test(.enabled(if: inChild)) func childStopsASandbox() async throws {
        let (_, server) = try await SandboxInProcess.start(storage: TemporaryDirectory.make("ltx-cleanup-sbx"))
        server.cancel()
        _ = await server.result
    }

    /// Runs `test` of this suite in a child test process; its status and stderr.
    func child(_ test: String, tmp: String, keep: Bool = false) async throws -> (status: Int32, pid: Int32, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp
        environment[Self.childVariable] = "1"
        environment["LTX_KEEP_TEST_FILES"] = keep ? "1" : nil
        let run = try ChildProcess.Running(URL(fileURLWithPath: CommandLine.arguments[0]),
                                           ["--testing-library", "swift-testing", "--filter", "TestFilesCleanupTests.\(test)"], environment: environment)
        let ended = await run.finished()
        return (ended.status, run.process.processIdentifier, ended.stderr)
    }

    @Test(.enabled(if: !inChild)) func aTestProcessLeavesNothingInTMPDIR() async throws {
        let tmp = TemporaryDirectory.make("ltx-cleanup-tmpdir")
        let removed = try await child("childWritesATemporaryFile", tmp: tmp)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
        // Kept when asked: the child's one folder, with its file (so the child did write one).
        let kept = try await child("childWritesATemporaryFile", tmp: tmp, keep: true)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == ["ltx-tests-\(kept.pid)"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: "\(tmp)/ltx-tests-\(kept.pid)").contains { $0.hasSuffix("/file.bin") })
    }

    @Test(.enabled(if: !inChild)) func aStoppedSandboxLogsNoError() async throws {
        let tmp = TemporaryDirectory.make("ltx-cleanup-tmpdir")
        let r = try await child("childStopsASandbox", tmp: tmp)
        #expect(r.status == 0, "\(r.stderr)")
        // The child ran the test (Swift Testing reports it on stderr), and no line logged an error.
        #expect(r.stderr.contains("childStopsASandbox()"), "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(" error ") || $0.contains("Already closed") }
        #expect(errors.isEmpty, "\(errors)")
    }
}
