import Foundation
import Testing
import TestSupport

/// A negative, huge or not-a-number value of any numeric option gets the
/// option's range in one line and exit 2, as 0 does: not ArgumentParser's
/// "Missing value" (it read `-3` as a flag), nor "the section inf s to inf s".
@Suite struct NumericRangeTests {
    static let clip = Fixtures.path("conformant_h264_aac.mp4")
    static let audio = Fixtures.path("aac_lc_5s.m4a")
    static let image = Fixtures.path("image.png")
    static let out = TemporaryDirectory.make("ltx-range") + "/out.mp4"

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// The one line on stderr, without `ltx-prep: ` and the pointer to --help.
        var line: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let negative: [Case] = [
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "-3", "-o", out], line: "--duration must be from 0.001 to 86400 seconds"),
        Case(arguments: ["retake", clip, "--start", "-1", "--duration", "2", "-o", out], line: "--start must be from 0 to 86400 seconds"),
        Case(arguments: ["retake", clip, "--section", "-1:2", "-o", out], line: "--section -1:2: its start must be from 0 to 86400 seconds"),
        Case(arguments: ["retake", clip, "--section", "1:-2", "-o", out], line: "--section 1:-2: its duration must be from 0.001 to 86400 seconds"),
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "2", "--context", "-1", "-o", out], line: "--context must be from 0 to 21 seconds"),
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "2", "--max-cost", "-1", "-o", out],
             line: "--max-cost must be from 0 to 1000000 dollars"),
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "2", "--timeout", "-1", "-o", out],
             line: "--timeout must be from 0.001 to 86400 seconds"),
        Case(arguments: ["extend", clip, "--duration", "-3", "-o", out], line: "--duration must be from 2 to 20 seconds"),
        Case(arguments: ["extend", clip, "--duration", "4", "--context", "-1", "-o", out], line: "--context must be from 1 to 20 seconds"),
        Case(arguments: ["splice", clip, clip, "--window-start", "-1", "--start", "1", "--duration", "2", "-o", out],
             line: "--window-start must be from 0 to 1000000 seconds"),
        Case(arguments: ["splice", clip, clip, "--window-start", "0", "--start", "-0.5", "--duration", "2", "-o", out],
             line: "--start must be from 0 to 86400 seconds"),
        Case(arguments: ["batch", clip, "--concurrency", "-1"], line: "--concurrency must be from 1 to 64"),
        Case(arguments: ["batch", clip, "--shards", "-1"], line: "--shards must be from 1 to 100000"),
        Case(arguments: ["batch", clip, "--start", "-1", "--duration", "2"], line: "--start must be from 0 to 86400 seconds"),
        Case(arguments: ["fix", clip, "--crf", "-1", "-o", out], line: "--crf must be from 1 to 51"),
        Case(arguments: ["fix", audio, "--audio-start", "-1", "-o", out], line: "--audio-start must be from 0 to 1000000 seconds"),
        Case(arguments: ["check", clip, "--start", "-1", "--duration", "2"], line: "--start must be from 0 to 86400 seconds"),
        Case(arguments: ["check", clip, "--max-bytes", "-1"], line: "--max-bytes must be a positive number of bytes"),
        Case(arguments: ["audio-to-video", audio, "--prompt", "p", "--audio-start", "-1", "-o", out],
             line: "--audio-start must be from 0 to 1000000 seconds"),
        Case(arguments: ["audio-to-video", audio, "--prompt", "p", "--fps", "-24", "-o", out], line: "--fps -24: the API takes 24, 25, 48 or 50"),
        Case(arguments: ["sandbox", "--port", "-1"], line: "--port must be from 0 to 65535"),
        Case(arguments: ["sandbox", "--latency-ms", "-1"], line: "--latency-ms must be from 0 to 60000"),
        Case(arguments: ["sandbox", "--fail-rate", "-0.5"], line: "--fail-rate must be from 0 to 1"),
        Case(arguments: ["sandbox", "--job-seconds", "-1"], line: "--job-seconds must be from 0 to 86400 seconds"),
        Case(arguments: ["sandbox", "--idle-timeout", "-1"], line: "--idle-timeout must be from 0.001 to 86400 seconds"),
        Case(arguments: ["sandbox", "--drop-after-bytes", "-1"], line: "--drop-after-bytes must be from 0 to 1000000000000"),
        Case(arguments: ["jobs", "measure", "--count", "-1"], line: "--count must be from 1 to 100000"),
    ]

    @Test(arguments: negative) func aNegativeValueGetsTheRange(_ c: Case) async throws {
        let r = try await BinaryRunner.run(c.arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderrLines.count == 1 && r.stderrLines.first?.hasPrefix("ltx-prep: \(c.line) (see 'ltx-prep ") == true, "\(r.stderr)")
    }

    /// 1e308 is finite: it is held to the same range, before any sum of it
    /// (a section's end) overflows to inf; a manifest line's start too.
    @Test func aHugeStartGetsTheRange() async throws {
        let retake = try await BinaryRunner.run(["retake", Self.clip, "--start", "1e308", "--duration", "2", "-o", Self.out])
        #expect(retake.status == 2)
        #expect(retake.stderr == "ltx-prep: --start must be from 0 to 86400 seconds (see 'ltx-prep retake --help')\n")
        let section = try await BinaryRunner.run(["splice", Self.clip, Self.clip, "--window-start", "0", "--section", "2:1e308", "-o", Self.out])
        #expect(section.status == 2)
        #expect(section.stderr == "ltx-prep: --section 2:1e308: its duration must be from 0.001 to 86400 seconds (see 'ltx-prep splice --help')\n")
        let check = try await BinaryRunner.run(["check", Self.clip, "--start", "1e308", "--duration", "2"])
        #expect(check.status == 2 && check.stderr.hasPrefix("ltx-prep: --start must be from 0 to 86400 seconds"), "\(check.stderr)")

        let dir = TemporaryDirectory.make("ltx-range-batch")
        let manifest = "\(dir)/m.jsonl"
        try #"{"command":"retake","input":"\#(Self.clip)","start":1e308,"duration":2,"prompt":"p","output":"\#(dir)/a.mp4"}"#
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let batch = try await BinaryRunner.run(["batch", manifest, "--dry-run"], environment: ["LTXV_API_KEY": "sk-test", "XDG_STATE_HOME": dir])
        #expect(batch.status == 1)
        #expect(batch.stdout == "#0 unusable: \(dir)/a.mp4: start must be from 0 to 86400 seconds and duration from 0.001 to 86400 seconds\n")
        #expect(!(batch.stdout + batch.stderr).contains("inf"))
    }
}

/// A still image whatever its name: every command that needs a video says
/// so in the same line, from one typed error, and exits 2 with nothing sent.
@Suite struct StillImageTests {
    @Test func aPictureNamedMP4IsNotAVideoToAnyCommand() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = TemporaryDirectory.make("ltx-still")
        let still = "\(dir)/x.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("image.png"), toPath: still)
        let runs: [(String, [String])] = [
            ("extend", ["extend", still, "--duration", "4", "--yes", "-o", "\(dir)/e.mp4"]),
            ("reframe", ["reframe", still, "--to", "9:16", "--resolution", "720x1280", "--yes", "-o", "\(dir)/r.mp4"]),
            ("retake", ["retake", still, "--start", "0.5", "--duration", "2", "--yes", "-o", "\(dir)/t.mp4"]),
            ("splice", ["splice", still, Fixtures.path("conformant_h264_aac.mp4"), "--window-start", "0", "--start", "0.5", "--duration", "2",
                        "-o", "\(dir)/s.mp4"]),
        ]
        for (command, arguments) in runs {
            let r = try await BinaryRunner.run(arguments, environment: sandbox.environment)
            #expect(r.status == 2, "\(command)")
            #expect(r.stderr == "ltx-prep: \(still): a still image (png), not a video: \(command) needs a video\n", "\(command): \(r.stderr)")
        }
        let paid = try await sandbox.paidFor()
        #expect(paid.jobs == 0 && paid.uploadTickets == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.mp4"])
    }
}
