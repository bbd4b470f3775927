import Foundation
import LTXMedia
import Testing
import TestSupport

/// `ltx-prep hdr` through the built binary against the sandbox: what it
/// cannot take refused in one line with nothing sent, its pieces and price
/// shown and held to --max-cost before anything is sent, its --help.
@Suite struct HDRCommandTests {
    let dir = TemporaryDirectory.make("ltx-hdr")

    /// 200 frames of 160x90 at 30 fps (two pieces at the 181-frame tier), a
    /// keyframe every 100 (the second piece is a stream copy), an AAC tone.
    func clip() throws -> String { try Self.clip(in: dir) }

    static func clip(in dir: String) throws -> String {
        let path = "\(dir)/sdr.mp4"
        if !FileManager.default.fileExists(atPath: path) {
            var spec = PatternClipSpec(output: path, width: 160, height: 90, frameRate: 30, duration: 200.0 / 30, sound: .tone(frequency: 440))
            spec.keyframeInterval = 100
            try PatternClip.write(spec)
        }
        return path
    }

    /// What no call can make HDR: one line, exit 2, and nothing uploaded or sent.
    @Test(arguments: [
        ("hevc_hlg10_rotated_6s.mov", "is already HDR (HLG); hdr makes HDR from an SDR video"),
        ("h264_4096x2160.mp4", "it is 4096x2160; HDR takes at most 3840x2160 (either orientation) and answers at the input's size"),
        ("aac_lc_5s.m4a", "no video stream (M4A), not a video: hdr needs a video"),
    ])
    func anInputNoCallCanMakeHDRIsRefusedWithNothingSent(_ fixture: String, _ reason: String) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path(fixture)
        let r = try await BinaryRunner.run(["hdr", input, "-o", "\(dir)/\(fixture).hdr.mp4", "--yes"], environment: sandbox.environment)
        #expect(r.status == 2)
        #expect(r.stderr == "ltx-prep: \(input): \(reason)\n", "\(r.stderr)")
        #expect(try await sandbox.generationRequests() == 0)
        #expect(try await sandbox.paidFor().uploadTickets == 0)
    }

    @Test func anOutputThatIsTheInputIsRefusedWithNothingSent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try clip()
        let r = try await BinaryRunner.run(["hdr", input, "-o", input, "--yes"], environment: sandbox.environment)
        #expect(r.status == 2)
        #expect(r.stderr == "ltx-prep: \(input): is the input \(input); the input is never modified, so name another output\n", "\(r.stderr)")
        #expect(try await sandbox.generationRequests() == 0)
    }

    /// The output's name picks its container: one the HDR video cannot be written in is refused before anything is paid.
    @Test func anOutputInAContainerHDRIsNotWrittenInIsRefusedWithNothingSent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let output = "\(dir)/hdr.avi"
        let r = try await BinaryRunner.run(["hdr", try clip(), "-o", output, "--yes"], environment: sandbox.environment)
        #expect(r.status == 2)
        #expect(r.stderr == "ltx-prep: \(output): an HDR video is written as .mp4, .mov or .mkv\n", "\(r.stderr)")
        #expect(try await sandbox.generationRequests() == 0)
    }

    @Test func aDryRunShowsThePiecesAndTheirPriceAndMaxCostRefusesThem() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dry = try await BinaryRunner.run(["hdr", try clip(), "--dry-run"], environment: sandbox.environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would send 2 pieces of at most 181 frames (1080p) of 200"), "\(dry.stdout)")
        #expect(dry.stdout.contains("piece 2: frames 101 to 200 (100)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("estimated cost: $1.33 (6.667 s of input at $0.20/s)"), "\(dry.stdout)")
        let over = try await BinaryRunner.run(["hdr", try clip(), "-o", "\(dir)/over.mp4", "--max-cost", "1", "--yes"], environment: sandbox.environment)
        #expect(over.status == 2)
        #expect(over.stderr.split(separator: "\n").last == "ltx-prep: the estimate ($1.33) is above --max-cost ($1.00); nothing was sent", "\(over.stderr)")
        #expect(try await sandbox.generationRequests() == 0)
    }

    /// A batch `hdr` line is planned as the command plans it: its pieces and their price; a bad field is one line.
    @Test func aBatchHDRLineIsPlannedAsTheCommandPlansIt() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let list = "\(dir)/hdr.jsonl"
        let lines = [#"{"command":"hdr","input":"\#(try clip())","output":"\#(dir)/out/hdr.mp4"}"#,
                     #"{"command":"hdr","input":"\#(try clip())","transfer":"sdr","output":"\#(dir)/out/bad.mp4"}"#]
        try lines.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 1, "\(dry.stderr)")
        let planned = try String(contentsOfFile: "\(dir)/dry.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        #expect(planned.first?["status"] as? String == "would-send")
        #expect(planned.first?["estimated_dollars"] as? Double == 1.3334)
        #expect((planned.first?["message"] as? String)?.hasPrefix("send 2 pieces of at most 181 frames (100, 100)") == true, "\(planned)")
        #expect(planned.last?["status"] as? String == "unusable")
        #expect((planned.last?["message"] as? String)?.contains("transfer must be pq or hlg") == true, "\(planned)")
        #expect(try await sandbox.generationRequests() == 0)
    }

    @Test func helpTeachesPiecesCostAndWhatComesBack() async throws {
        let r = try await BinaryRunner.run(["hdr", "--help"])
        #expect(r.status == 0)
        for text in ["181 (1080p)", "41 (4K)", "5 pieces", "$0.20/s", "$0.80/s", "OpenEXR", "HEVC Main 10", "PQ", "--transfer", "--exr", "--overlap",
                     "already HDR", "pays nothing"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
    }
}
