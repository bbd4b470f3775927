import Foundation
import Testing
@testable import LTXMedia
import TestSupport

/// Unreadable input is a result, not a crash: each gets its own kind and message.
@Suite struct BadInputTests {
    func kind(of path: String, timeout: Duration = .seconds(30)) -> MediaError.Kind? {
        do {
            _ = try MediaProbe.probeBlocking(path, options: ProbeOptions(timeout: timeout))
            return nil
        } catch {
            #expect(error.path == path)
            #expect(!error.message.isEmpty)
            return error.kind
        }
    }

    @Test(arguments: [
        ("missing.mp4", MediaError.Kind.notFound), ("empty.mp4", .empty), ("garbage.mp4", .unreadable),
        ("text.mp4", .unreadable), ("truncated.mp4", .truncated), ("truncated_tail.mp4", .truncated),
        ("no_av_streams.mkv", .noStreams), ("crafted_moov_end_cut.mov", .truncated), ("crafted_ihdr_100000.png", .unreadable),
        ("crafted_ts_cut.ts", .truncated), ("crafted_mkv_zeroed_pixelheight.mkv", .unreadable),
    ])
    func badFile(_ name: String, _ expected: MediaError.Kind) {
        #expect(kind(of: Fixtures.path(name)) == expected)
    }

    @Test func directoryIsNotAFile() {
        #expect(kind(of: Fixtures.directory) == .notARegularFile)
    }

    /// A FIFO with no writer would block open(2) forever; it is refused
    /// first. The probe runs on a thread of its own, waited for at most 60 s:
    /// a hang becomes a failure, and a busy cooperative pool (the whole suite
    /// on two cores) cannot make a quick answer late, as it made Swift
    /// Testing's time limit, which counts from when the test was scheduled.
    @Test func fifoDoesNotHang() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-fifo-\(getpid())").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        final class Answer: @unchecked Sendable { var error: MediaError? }
        let answer = Answer(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do throws(MediaError) { _ = try MediaProbe.probeBlocking(path, options: ProbeOptions(timeout: .seconds(30))) } catch { answer.error = error }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 60) == .success, "the probe of a FIFO did not return in 60 s")
        #expect(answer.error?.kind == .notARegularFile && answer.error?.path == path)
    }

    /// The interrupt callback gives up once the deadline passes.
    @Test func deadlineStopsTheProbe() {
        #expect(kind(of: Fixtures.path("conformant_h264_aac.mp4"), timeout: .nanoseconds(1)) == .timedOut)
    }

    @Test func errorCarriesFFmpegCodeAndMessage() throws {
        do {
            _ = try MediaProbe.probeBlocking(Fixtures.path("garbage.mp4"))
            Issue.record("garbage probed")
        } catch {
            #expect(error.operation == "avformat_open_input")
            #expect(error.code == FFmpegError.invalidData)
            #expect(error.description.contains("garbage.mp4"))
            #expect(error.description.contains("Invalid data found when processing input"))
        }
    }
}
