import Foundation
import LTXJournal
import LTXMedia
import Testing
import TestSupport

/// Paid requests survive the client: killed with SIGKILL at each stage, the
/// same command run again pays for nothing new and writes what one
/// uninterrupted run writes. The real binary, the real sandbox, a real journal.
@Suite(.serialized) struct DurableJobTests {
    let dir = TemporaryDirectory.make("ltx-durable")

    /// 720p: the smallest answer the API makes ($0.03 a second).
    static let t2v = ["text-to-video", "--prompt", "an eagle", "--model", "ltx-2-3-fast", "--duration", "6", "--resolution", "1280x720", "--no-audio",
                      "--yes"]
    /// The one synchronous call left: Segmind's retake (LTX retired its sync v1 routes after 2026-10-26).
    static let segmind = ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "--provider", "segmind",
                          "--window-only", "--yes"]

    func journalState(_ sandbox: SandboxProcess) async -> JournalEntry.State? {
        guard FileManager.default.fileExists(atPath: sandbox.journal), let journal = try? await Journal.open(sandbox.journal) else { return nil }
        defer { Task { await journal.close() } }
        return try? await journal.all().first?.state
    }

    /// Starts the command, waits (bounded) until `ready` says so, kills it.
    func kill(_ args: [String], _ sandbox: SandboxProcess, when ready: () async -> Bool) async throws {
        let run = try BinaryRunner.start(args, environment: sandbox.environment)
        _ = await run.wait { _ in await ready() }
        _ = await run.finished(signal: SIGKILL)
    }

    /// The reference: one uninterrupted run against its own sandbox, made
    /// once for the suite (each stage's rerun writes its bytes).
    static let uninterrupted = MadeOnce { (args: [String]) -> Data in
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let output = TemporaryDirectory.make("ltx-durable-reference") + "/reference.mp4"
        let r = try await BinaryRunner.run(args + ["-o", output], environment: sandbox.environment)
        #expect(r.status == 0)
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }

    @Test(arguments: ["accepted", "polling", "completed"])
    func killedTextToVideoResumesWithoutPayingAgain(_ stage: String) async throws {
        let reference = try await Self.uninterrupted.value(Self.t2v)
        let sandbox = try SandboxProcess(["--job-seconds", stage == "polling" ? "1.5" : "0.3"])
        defer { sandbox.stop() }
        let output = "\(dir)/t2v-\(stage).mp4"
        let args = Self.t2v + ["-o", output]
        try await kill(args, sandbox) {
            let state = await journalState(sandbox)
            switch stage {
            case "accepted": return state == .accepted
            case "polling":
                let jobs = (try? await sandbox.paidFor().jobs) ?? 0
                return state == .accepted && jobs == 1
            default: return state == .completed || state == .downloaded
            }
        }
        let rerun = try await BinaryRunner.run(args, environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == reference)
        // A third run finds the result on disk, unchanged: nothing paid, exit 0.
        let third = try await BinaryRunner.run(args, environment: sandbox.environment)
        #expect(third.status == 0 && third.stdout.contains("already done"))
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(await journalState(sandbox) == .downloaded)
    }

    /// Killed while uploading (before anything was paid): the rerun uploads
    /// and submits once.
    @Test func killedDuringUploadPaysOnce() async throws {
        // Every answer waits 1 s, the stats this test polls included: between the
        // ticket and the retake call lie the PUT's answer and the call's own, so
        // the kill has at least one of those seconds on a loaded machine too.
        let sandbox = try SandboxProcess(["--latency-ms", "1000"])
        defer { sandbox.stop() }
        let output = "\(dir)/retake.mp4"
        let args = ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "-o", output, "--yes"]
        // The upload URL was handed out; its PUT is then in flight.
        try await kill(args, sandbox) { ((try? await sandbox.paidFor().uploadTickets) ?? 0) >= 1 }
        #expect(try await sandbox.paidFor().jobs == 0)
        let rerun = try await BinaryRunner.run(args, environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test func resultCut504IsFetchedAgainNotResubmitted() async throws {
        let sandbox = try SandboxProcess(["--result-script", "504", "--poll-script", "503"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(Self.t2v + ["-o", "\(dir)/504.mp4"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
    }

    @Test func failedJobPrintsItsErrorAndExitsThree() async throws {
        let sandbox = try SandboxProcess(["--fail-jobs"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(Self.t2v + ["-o", "\(dir)/failed.mp4"], environment: sandbox.environment)
        #expect(r.status == 3)
        let errors = r.stderrLines.filter { $0.hasPrefix("ltx-prep: ") }
        #expect(errors.count == 1 && errors[0].contains("could not render"))
        #expect(await journalState(sandbox) == .failed)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/failed.mp4"))
    }

    @Test func expiredJobIsOneLineAndExitThree() async throws {
        let sandbox = try SandboxProcess(["--job-lifetime", "0", "--job-seconds", "0.2"])
        defer { sandbox.stop() }
        var env = sandbox.environment
        env["LTX_PREP_POLL_INTERVAL"] = "0.6"
        let r = try await BinaryRunner.run(Self.t2v + ["-o", "\(dir)/expired.mp4"], environment: env)
        #expect(r.status == 3)
        #expect(r.stderr.contains("expired"))
        #expect(await journalState(sandbox) == .expired)
    }

    /// A synchronous call (Segmind's) cut off after it was sent may have been
    /// billed: the rerun refuses to pay again and says what is known; --again sends it.
    @Test func cutSyncCallIsNotSentAgainWithoutAgain() async throws {
        let sandbox = try SandboxProcess(["--drop-after-bytes", "1000"])
        defer { sandbox.stop() }
        let args = Self.segmind + ["-o", "\(dir)/sync.mp4"]
        let first = try await BinaryRunner.run(args, environment: sandbox.environment)
        #expect(first.status == 4)
        let second = try await BinaryRunner.run(args, environment: sandbox.environment)
        #expect(second.status == 2)
        #expect(second.stderr.contains("may have been billed") && second.stderr.contains("--again"))
        #expect(try await sandbox.paidFor().sync == 1)
        _ = try await BinaryRunner.run(args + ["--again"], environment: sandbox.environment)
        #expect(try await sandbox.paidFor().sync == 2)
    }

    @Test func unopenableJournalStopsBeforePaying() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let file = "\(dir)/not-a-folder"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let r = try await BinaryRunner.run(Self.t2v + ["-o", "\(dir)/j.mp4", "--journal", file + "/journal.sqlite"], environment: sandbox.environment)
        #expect(r.status == 2 && r.stderrLines.count == 1 && r.stderr.contains("journal"))
        #expect(try await sandbox.paidFor().jobs == 0)
    }

    @Test func jobsListsAndTotals() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        _ = try await BinaryRunner.run(Self.t2v + ["-o", "\(dir)/list.mp4"], environment: sandbox.environment)
        let list = try await BinaryRunner.run(["jobs", "--json"], environment: sandbox.environment)
        #expect(list.status == 0 && list.stdout.contains(#""state":"downloaded""#))
        let totals = try await BinaryRunner.run(["jobs", "totals", "--json"], environment: sandbox.environment)
        #expect(totals.stdout.contains(#""estimated_dollars":0.18"#) && totals.stdout.contains(#""requests":1"#))
    }
}

/// A 200 is not always the video: JSON naming a URL is followed (without the
/// key); a body that is no video is one line and exit 3, never a "video" file.
@Suite struct SyncAnswerTests {
    let dir = TemporaryDirectory.make("ltx-answers")

    @Test func aJSONLinkIsFollowed() async throws {
        let sandbox = try SandboxProcess(["--answer", "link"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(DurableJobTests.segmind + ["-o", "\(dir)/link.mp4"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let frames = try MediaProbe.probeBlocking(Fixtures.path("conformant_h264_aac.mp4")).primaryVideo?.frameCount
        #expect(try MediaProbe.probeBlocking("\(dir)/link.mp4").primaryVideo?.frameCount == frames)
    }

    @Test func aBodyThatIsNoVideoIsRefused() async throws {
        let sandbox = try SandboxProcess(["--answer", "not-video"])
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(DurableJobTests.segmind + ["-o", "\(dir)/html.mp4"], environment: sandbox.environment)
        #expect(r.status == 3)
        let errors = r.stderrLines.filter { $0.hasPrefix("ltx-prep: ") }
        #expect(errors.count == 1 && errors[0].contains("<html>") && errors[0].contains("not a readable video"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).isEmpty)
    }
}
