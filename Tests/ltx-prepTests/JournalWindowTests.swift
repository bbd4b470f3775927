import Foundation
import LTXJournal
import LTXMedia
import Testing
import TestSupport

/// A rerun reuses a journaled answer only for the window that answer is of:
/// the same section sent with more context is another request, paid for and
/// put back where its own window lies. And the price printed before paying
/// is the one the journal keeps. The real binary, the
/// real sandbox, a real journal.
@Suite struct JournalWindowTests {
    let dir = TemporaryDirectory.make("ltx-window")
    static let clip = Fixtures.path("h264_aac_720p30_30s.mp4")

    func retake(_ sandbox: SandboxProcess, _ args: [String], output: String) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(["retake", Self.clip, "--start", "13", "--duration", "4", "--prompt", "x", "--yes", "-o", "\(dir)/\(output)"] + args,
                                   environment: sandbox.environment)
    }

    func entries(_ sandbox: SandboxProcess) async throws -> [JournalEntry] {
        let journal = try await Journal.open(sandbox.journal)
        let all = try await journal.all()
        await journal.close()
        return all
    }

    @Test func moreContextIsANewRequestPaidForAndPutBackAtItsOwnWindow() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let first = try await retake(sandbox, ["--context", "2"], output: "two.mp4")
        #expect(first.status == 0, "\(first.stderr)")
        let second = try await retake(sandbox, ["--context", "5"], output: "five.mp4")
        #expect(second.status == 0, "\(second.stderr)")
        // Paid for, and said so: not "nothing paid this run".
        #expect(try await sandbox.paidFor().jobs == 2)
        #expect(!second.stdout.contains("nothing paid") && second.stdout.contains("estimated cost: $1.40"), "\(second.stdout)")
        // The journal keeps each call with the window it sent (a copied window ends at most a
        // few frames early, at the first packet shown past its end).
        let windows = try await entries(sandbox).compactMap(\.sentWindow).sorted { $0.duration < $1.duration }
        #expect(windows.map(\.inputStart) == [10, 8] && windows.count == 2)
        #expect(abs(windows[0].duration - 9) < 0.1 && abs(windows[1].duration - 14) < 0.1, "\(windows)")

        // The same command against a fresh journal and sandbox: the same pictures, frame for frame.
        let fresh = try SandboxProcess()
        defer { fresh.stop() }
        let alone = try await retake(fresh, ["--context", "5"], output: "alone.mp4")
        #expect(alone.status == 0, "\(alone.stderr)")
        let rerun = try StreamDigests.pictures("\(dir)/five.mp4"), reference = try StreamDigests.pictures("\(dir)/alone.mp4")
        #expect(rerun.count == 900 && rerun == reference)

        // Run once more: now the journal answers, and the window is its own.
        let third = try await retake(sandbox, ["--context", "5"], output: "again.mp4")
        #expect(third.status == 0 && third.stdout.contains("nothing paid this run"), "\(third.stdout)")
        #expect(try await sandbox.paidFor().jobs == 2)
        #expect(try StreamDigests.pictures("\(dir)/again.mp4") == reference)
    }

    /// `--window-only` sends the window the whole retake sent: the same request,
    /// paid once, its result fetched again from the journal's URL.
    @Test func aRawWindowIsTheWholeRetakesRequest() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let whole = try await retake(sandbox, [], output: "whole.mp4")
        #expect(whole.status == 0, "\(whole.stderr)")
        let raw = try await retake(sandbox, ["--window-only"], output: "raw.mp4")
        #expect(raw.status == 0, "\(raw.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(raw.stdout.hasPrefix("fetched the finished job's result again: wrote \(dir)/raw.mp4"), "\(raw.stdout)")
        // The raw answer is the 9 s from 10 s the whole retake sent.
        let answer = try MediaProbe.probeBlocking("\(dir)/raw.mp4")
        let windows = try await entries(sandbox).compactMap(\.sentWindow)
        #expect(windows.count == 1 && windows.first?.inputStart == 10 && abs((windows.first?.duration ?? 0) - 9) < 0.1, "\(windows)")
        #expect(abs((answer.primaryVideo?.duration ?? 0) - 9) < 0.1)
        #expect(raw.stdout.contains("the result is the window 10 s to"), "\(raw.stdout)")
    }

    /// A 2 s clip is padded to the API's 73 frames: the 3.042 s sent are what
    /// is printed before paying and what the journal keeps.
    @Test func thePriceShownIsThePriceJournaledForWhatIsSent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let short = try await BinaryRunner.run(["retake", Fixtures.path("h264_48f.mp4"), "--start", "0", "--duration", "2", "--prompt", "x", "--yes",
                                                "-o", "\(dir)/short.mp4"], environment: sandbox.environment)
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stderr.contains("estimated cost of this retake: $0.30 (3.042 s of input"), "\(short.stderr)")
        // A copied window ends at the first packet shown past its end (B-frames): 253 of the 255
        // frames from 18 s to 26.5 s are sent, and billed.
        let long = try await BinaryRunner.run(["retake", Self.clip, "--start", "20.5", "--duration", "4", "--prompt", "x", "--yes",
                                               "-o", "\(dir)/long.mp4"], environment: sandbox.environment)
        #expect(long.status == 0, "\(long.stderr)")
        #expect(long.stdout.contains("estimated cost: $0.84 (8.433 s of input"), "\(long.stdout)")
        let costs = try await entries(sandbox).compactMap(\.estimatedCost).map { ($0 * 1000).rounded() / 1000 }.sorted()
        #expect(costs == [0.304, 0.843])
    }
}
