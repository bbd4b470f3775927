import Foundation
import LTXJournal
import LTXMedia
import Testing
import TestSupport

/// Ctrl-C during a paid retake, on the debug build `make run` makes (where
/// SQLiteNIO asserts that its connection was closed): one line, exit 130, the
/// journal closed and its entry written, nothing left beside the output.
@Suite struct InterruptTests {
    let dir = TemporaryDirectory.make("ltx-interrupt")

    /// Starts a retake into `folder`, sends SIGINT once `ready` says so, given
    /// what it printed to stderr so far (bounded: 60 s), and awaits its end.
    func interrupt(_ sandbox: SandboxProcess, into folder: String, command: [String]? = nil, when ready: (String) -> Bool) async throws
        -> ChildProcess.Output {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let arguments = (command ?? ["retake", Fixtures.path("h264_aac_720p30_30s.mp4"), "--start", "20.5", "--duration", "4", "--prompt", "x"])
            + ["--yes", "-o", "\(folder)/out.mp4"]
        let run = try BinaryRunner.start(arguments, environment: sandbox.environment)
        _ = run.waitHere(until: ready)
        #expect(run.isRunning, "ended before it could be interrupted")
        return await run.finished(signal: SIGINT)
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
        // The job is journaled as accepted before "submitted: job" is printed.
        let ended = try await interrupt(sandbox, into: folder) { $0.contains("submitted: job") }
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
        let ended = try await interrupt(sandbox, into: folder) { _ in FileManager.default.fileExists(atPath: "\(folder)/.out.mp4.answer-1.mp4") }
        #expect(ended.status == 130)
        #expect(ended.stderr.split(separator: "\n").filter { $0.hasPrefix("ltx-prep:") } == ["ltx-prep: interrupted: nothing was written"],
                "\(ended.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
        #expect(await state(sandbox) == .downloaded)
        // Run again: the job's result is fetched again, not paid again, and the whole video written.
        let rerun = try await BinaryRunner.run(["retake", Fixtures.path("h264_aac_720p30_30s.mp4"), "--start", "20.5", "--duration", "4", "--prompt", "x",
                                                "--yes", "-o", "\(folder)/out.mp4"], environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.mp4"])
    }

    @Test func anExtendKilledAfterItsJobWasAcceptedIsPaidOnce() async throws {
        let sandbox = try SandboxProcess(["--job-seconds", "3"])
        defer { sandbox.stop() }
        let folder = dir + "/extend"
        let extend = ["extend", Fixtures.path("h264_aac_720p30_30s.mp4"), "--duration", "2", "--prompt", "x"]
        let ended = try await interrupt(sandbox, into: folder, command: extend) { $0.contains("submitted: job") }
        #expect(ended.status == 130)
        #expect(await state(sandbox) == .accepted)
        // Run again: the journal's job is polled and fetched, not submitted again, and the whole video written.
        let rerun = try await BinaryRunner.run(extend + ["--yes", "-o", "\(folder)/out.mp4"], environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.mp4"])
        #expect(try MediaProbe.probeBlocking("\(folder)/out.mp4").primaryVideo?.frameCount == 900 + 60)
    }
}
