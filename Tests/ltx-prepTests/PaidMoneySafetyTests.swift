import Foundation
import LTXJournal
import LTXMedia
import Testing
import TestSupport

/// What a paid command must never do with the user's money, through the
/// built binary against the sandbox, whose counters say what was sent and
/// paid: send before it knows its output can be written, call a full disk
/// a network failure, go on after a signal, make a second run pay again
/// while the first holds the job, or forget an output it already made.
@Suite struct PaidMoneySafetyTests {
    let dir = TemporaryDirectory.make("ltx-money")

    static let clip = Fixtures.path("h264_aac_720p30_30s.mp4")
    static let extend = ["extend", clip, "--duration", "2", "--prompt", "x", "--yes"]

    /// Each paid command with what it needs, less its output.
    static let commands: [[String]] = [
        ["reframe", Fixtures.path("conformant_h264_aac.mp4"), "--to", "9:16", "--resolution", "720x1280", "--yes"],
        extend,
        ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "--prompt", "x", "--yes"],
        ["retake", Fixtures.path("conformant_h264_aac.mp4"), "--start", "1", "--duration", "2", "--window-only", "--yes"],
        ["text-to-video", "--prompt", "x", "--duration", "6", "--yes"],
        ["image-to-video", Fixtures.path("image.bmp"), "--prompt", "x", "--duration", "6", "--yes"],
        ["audio-to-video", Fixtures.path("aac_lc_5s.m4a"), "--image", Fixtures.path("image.png"), "--yes"],
    ]

    /// A missing folder and a path through a file: one line naming the
    /// folder (never a temporary file beside it), exit 2, nothing uploaded or sent.
    @Test(arguments: commands) func theOutputsFolderIsCheckedBeforeAnythingIsSent(_ command: [String]) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let missing = try await BinaryRunner.run(command + ["-o", "\(dir)/nodir/sub/x.mp4"], environment: sandbox.environment)
        #expect(missing.status == 2)
        #expect(missing.stderrLines == ["ltx-prep: \(dir)/nodir/sub: no such folder for the output x.mp4"], "\(missing.stderr)")
        let file = "\(dir)/a-file"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let throughFile = try await BinaryRunner.run(command + ["-o", "\(file)/x.mp4"], environment: sandbox.environment)
        #expect(throughFile.status == 2)
        #expect(throughFile.stderrLines == ["ltx-prep: \(file): not a folder, so the output x.mp4 cannot go there"], "\(throughFile.stderr)")
        #expect(try await sandbox.generationRequests() == 0)
        #expect(try await sandbox.paidFor().uploadTickets == 0)
    }

    /// The folder removed while the job runs: the result's bytes have
    /// nowhere to go. That is said as the disk's failure (exit 2), not a
    /// dropped connection retried five times; the journal keeps the result's
    /// URL, and the rerun fetches it without paying.
    @Test func aResultThatCannotBeWrittenIsNotANetworkFailure() async throws {
        let sandbox = try SandboxProcess(["--job-seconds", "2"])
        defer { sandbox.stop() }
        let folder = dir + "/removed"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let command = ["text-to-video", "--prompt", "x", "--duration", "6", "--yes", "-o", "\(folder)/x.mp4"]
        let run = try Self.started(command, sandbox)
        #expect(run.waitHere { $0.contains("submitted: job") })
        try FileManager.default.removeItem(atPath: folder)
        let ended = await run.finished()
        #expect(ended.status == 2)
        #expect(Self.said(ended) == ["ltx-prep: \(folder)/x.mp4: cannot write the result: no such file or directory; it was paid for and stays "
                                     + "fetchable for 24 hours: a rerun fetches it without paying"], "\(ended.stderr)")
        #expect(await Self.state(sandbox) == .completed)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rerun = try await BinaryRunner.run(command, environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try await sandbox.generationRequests() == 1)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/x.mp4"))
    }

    /// Ctrl-C while an extend's answer downloads (the sandbox sends it
    /// slowly), on the download's last attempt (the first four got a 504):
    /// the signal's, exit 130, not a cut connection out of retries (exit 4);
    /// nothing beside the output, the job's URL kept; the rerun fetches it
    /// without paying.
    @Test func ctrlCDuringAnExtendsLastDownloadAttemptStopsIt() async throws {
        let sandbox = try SandboxProcess(["--result-bytes-per-second", "100000", "--result-script", "504,504,504,504"])
        defer { sandbox.stop() }
        let folder = dir + "/download"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let run = try Self.started(Self.extend + ["-o", "\(folder)/out.mp4"], sandbox)
        #expect(run.waitHere { $0.contains("downloading ") })
        let ended = await run.finished(signal: SIGINT)
        #expect(ended.status == 130, "\(ended.stderr)")
        #expect(Self.said(ended) == ["ltx-prep: interrupted: nothing was written"], "\(ended.stderr)")
        #expect(Self.names(folder) == [])
        #expect(await Self.state(sandbox) == .completed)
        let rerun = try await BinaryRunner.run(Self.extend + ["-o", "\(folder)/out.mp4"], environment: sandbox.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(Self.names(folder) == ["out.mp4"])
    }

    /// SIGTERM once the input's packets are copied and the extension is
    /// being encoded onto them: exit 143, no output, the fetched answer
    /// removed (the journal's URL fetches it again, free).
    @Test func sigtermDuringAnExtendsJoinStopsIt() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let folder = dir + "/join"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let command = ["extend", Self.clip, "--duration", "8", "--prompt", "x", "--yes", "-o", "\(folder)/out.mp4"]
        let run = try Self.started(command, sandbox)
        // The input's 900 pictures copied: the extension's are being encoded.
        #expect(run.waitHere { $0.contains("splicing: frame 900 of") })
        let ended = await run.finished(signal: SIGTERM)
        #expect(ended.status == 143, "\(ended.stderr)")
        #expect(Self.said(ended) == ["ltx-prep: interrupted: nothing was written"], "\(ended.stderr)")
        #expect(Self.names(folder) == [])
        #expect(await Self.state(sandbox) == .downloaded)
        #expect(try await sandbox.paidFor().jobs == 1)
    }

    /// Two runs of one extend at once, into two outputs: the second finds
    /// the request in flight with a live owner and waits for its job, then
    /// follows it. One POST, both outputs, no advice to send it again.
    @Test func aSecondRunFollowsTheFirstsJobInsteadOfPaying() async throws {
        let sandbox = try SandboxProcess(["--accept-delay-ms", "4000"])
        defer { sandbox.stop() }
        let first = try Self.started(Self.extend + ["-o", "\(dir)/first.mp4"], sandbox)
        #expect(first.waitHere { _ in Self.stateNow(sandbox) == .submitting })
        let second = try await BinaryRunner.run(Self.extend + ["-o", "\(dir)/second.mp4"], environment: sandbox.environment)
        let ended = await first.finished()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("another ltx-prep (pid \(first.process.processIdentifier)) is sending this request"), "\(second.stderr)")
        #expect(!second.stderr.contains("--again"))
        #expect(try await sandbox.generationRequests() == 1)
        #expect(try await sandbox.paidFor().jobs == 1)
        for name in ["first.mp4", "second.mp4"] {
            #expect(try MediaProbe.probeBlocking("\(dir)/\(name)").primaryVideo?.frameCount == 900 + 60)
        }
    }

    /// An edit put into a.mp4, then into b.mp4, then asked into a.mp4
    /// again: a.mp4 is still its result, so nothing is paid or written.
    @Test(arguments: [extend, ["reframe", Fixtures.path("conformant_h264_aac.mp4"), "--to", "9:16", "--resolution", "720x1280", "--yes"]])
    func everyOutputAResultWentIntoIsRemembered(_ command: [String]) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let folder = dir + "/placed-\(command[0])"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["a.mp4", "b.mp4", "a.mp4"] {
            let r = try await BinaryRunner.run(command + ["-o", "\(folder)/\(name)"], environment: sandbox.environment)
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        #expect(try await sandbox.generationRequests() == 1)
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(Set(Self.names(folder)) == ["a.mp4", "b.mp4"])
    }

    // MARK: helpers

    static func names(_ folder: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }

    static func state(_ sandbox: SandboxProcess) async -> JournalEntry.State? {
        guard FileManager.default.fileExists(atPath: sandbox.journal), let journal = try? await Journal.open(sandbox.journal) else { return nil }
        let state = try? await journal.all().first?.state
        await journal.close()
        return state
    }

    /// The journal's first entry's state as `ltx-prep jobs --json` says it
    /// (waited for on this thread, for a `waitHere` loop).
    static func stateNow(_ sandbox: SandboxProcess) -> JournalEntry.State? {
        guard let r = try? BinaryRunner.start(["jobs", "--json"], environment: sandbox.environment).finishedHere(), r.status == 0,
              let line = r.stdoutLines.first,
              let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return (entry["state"] as? String).flatMap(JournalEntry.State.init(rawValue:))
    }

    /// The binary running, with progress lines at once off a terminal: what the waits watch for.
    static func started(_ arguments: [String], _ sandbox: SandboxProcess) throws -> ChildProcess.Running {
        try BinaryRunner.start(arguments, environment: sandbox.environment.merging(["LTX_PREP_PROGRESS_INTERVAL": "0"]) { $1 })
    }

    /// The lines ltx-prep says (not a status line's redraws).
    static func said(_ ended: ChildProcess.Output) -> [String] { ended.stderrLines.filter { $0.hasPrefix("ltx-prep:") } }
}
