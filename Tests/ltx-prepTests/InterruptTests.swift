import Foundation
import LTXJournal
import Testing
import TestSupport

/// Ctrl-C during a paid retake, on the debug build `make run` makes (where
/// SQLiteNIO asserts that its connection was closed): one line, exit 130, the
/// journal closed and its entry written, nothing left beside the output.
@Suite struct InterruptTests {
    let dir = TemporaryDirectory.make("ltx-interrupt")

    struct Ended {
        var status: Int32
        var stderr: String
    }

    /// Starts a retake into `folder`, sends SIGINT once `ready` says so
    /// (bounded: 60 s), and waits for it to end.
    func interrupt(_ sandbox: SandboxProcess, into folder: String, when ready: () async -> Bool) async throws -> Ended {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["retake", Fixtures.path("h264_aac_720p30_30s.mp4"), "--start", "20.5", "--duration", "4", "--prompt", "x",
                             "--yes", "-o", "\(folder)/out.mp4"]
        process.environment = ProcessInfo.processInfo.environment.merging(sandbox.environment) { $1 }
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning && ContinuousClock.now < deadline {
            if await ready() { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(process.isRunning, "ended before it could be interrupted")
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Ended(status: process.terminationStatus, stderr: stderr)
    }

    func state(_ sandbox: SandboxProcess) async -> JournalEntry.State? {
        guard FileManager.default.fileExists(atPath: sandbox.journal), let journal = try? await Journal.open(sandbox.journal) else { return nil }
        let state = try? await journal.all().first?.state
        await journal.close()
        return state
    }

    @Test func whileTheJobRunsTheJournalIsClosedAndKeepsTheJob() async throws {
        let sandbox = try SandboxProcess(["--job-seconds", "60"])
        defer { sandbox.stop() }
        let folder = dir + "/polling"
        let ended = try await interrupt(sandbox, into: folder) { await state(sandbox) == .accepted }
        #expect(ended.status == 130)
        let lines = ended.stderr.split(separator: "\n").filter { $0.hasPrefix("ltx-prep:") || $0.contains("Assertion") || $0.contains("Fatal") }
        #expect(lines == ["ltx-prep: interrupted: nothing was written"], "\(ended.stderr)")
        // The paid job stays journaled for the rerun to follow.
        #expect(await state(sandbox) == .accepted)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test func whileSplicingNoAnswerOrTemporaryIsLeft() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let folder = dir + "/splicing"
        // The answer is renamed into place once downloaded; the splice starts then (it takes seconds).
        let ended = try await interrupt(sandbox, into: folder) { FileManager.default.fileExists(atPath: "\(folder)/.out.mp4.answer-1.mp4") }
        #expect(ended.status == 130)
        #expect(ended.stderr.split(separator: "\n").filter { $0.hasPrefix("ltx-prep:") } == ["ltx-prep: interrupted: nothing was written"],
                "\(ended.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
        #expect(await state(sandbox) == .downloaded)
        // Run again: the job's result is fetched again, not paid again, and the whole video written.
        let rerun = try BinaryRunner.run(["retake", Fixtures.path("h264_aac_720p30_30s.mp4"), "--start", "20.5", "--duration", "4", "--prompt", "x",
                                          "--yes", "-o", "\(folder)/out.mp4"], environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.mp4"])
    }
}
