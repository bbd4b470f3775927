import Foundation
import LTXMedia
import Testing
import TestSupport

/// `ltx-prep reframe` through the built binary against the sandbox: the
/// answer at the asked size, every frame kept, the input's own audio packets
/// under it; what reframe cannot take refused before anything is uploaded.
@Suite struct ReframeCommandTests {
    let dir = TemporaryDirectory.make("ltx-reframe")

    /// 10 s of 1280x720 at 24 fps with an AAC tone: made here, not committed.
    func landscapeClip() throws -> String {
        let path = "\(dir)/landscape.mp4"
        if !FileManager.default.fileExists(atPath: path) {
            try PatternClip.write(PatternClipSpec(output: path, width: 1280, height: 720, frameRate: 24, duration: 10, sound: .tone(frequency: 440)))
        }
        return path
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func aLandscapeClipComesBackVerticalWithEveryFrameAndItsOwnAudio() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try landscapeClip()
        let output = "\(dir)/vertical.mp4"
        let r = try await BinaryRunner.run(["reframe", input, "--to", "9:16", "-o", output, "--yes", "--json"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let before = try MediaProbe.probeBlocking(input), after = try MediaProbe.probeBlocking(output)
        #expect(after.primaryVideo?.displayWidth == 1080 && after.primaryVideo?.displayHeight == 1920)
        #expect(before.primaryVideo?.frameCount == 240)
        #expect(after.primaryVideo?.frameCount == before.primaryVideo?.frameCount)
        #expect(after.primaryVideo?.frameRate == before.primaryVideo?.frameRate)
        // The input's audio packets, byte for byte, in order.
        let inputAudio = try StreamDigests.audioPackets(input), outputAudio = try StreamDigests.audioPackets(output)
        #expect(inputAudio.count > 400)
        #expect(outputAudio == inputAudio)
        let report = try json(r.stdout)
        let written = report["written"] as? [String: Any]
        #expect(written?["frames"] as? Int == 240 && written?["input_frames"] as? Int == 240)
        #expect(written?["audio"] as? String == "copied" && written?["audio_packets"] as? Int == inputAudio.count)
        #expect(report["frames_kept"] as? Bool == true)
        // 1080x1920 is reframe's 1080p class: no documented price, and the estimate says so.
        #expect(report["estimated_cost"] == nil)
        #expect(r.stderr.contains("price unknown"), "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        // The answer kept beside the output until the merge was written is gone.
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir)).contains { $0.hasPrefix(".vertical") })

        // The picture fills the middle; above and below it, the outpainted area is not black.
        let rows = try StreamDigests.lumaRows(output, frame: 120)
        #expect(rows.count == 1920)
        #expect(rows[100] > 60 && rows[1800] > 60, "\(rows[100]) \(rows[1800])")
    }

    /// The same at 720p, reframe's priced class ($0.10 per second of input), in text.
    @Test func sevenTwentyIsPricedPerSecondOfInput() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let output = "\(dir)/square.mp4"
        let r = try await BinaryRunner.run(["reframe", try landscapeClip(), "--to", "1:1", "--resolution", "720x720", "-o", output, "--yes"],
                                           environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote \(output): 720x720, 240 frames"), "\(r.stdout)")
        #expect(r.stdout.contains("every frame kept"))
        #expect(r.stdout.contains("audio, ") && r.stdout.contains("packets copied unchanged"))
        #expect(r.stdout.contains("estimated cost: $1.00 (10.000 s of input at $0.10/s)"), "\(r.stdout)")
    }

    @Test func aSeventySecondClipIsRefusedBeforeAnythingIsUploaded() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = "\(dir)/long.mp4"
        try PatternClip.write(PatternClipSpec(output: input, width: 160, height: 90, frameRate: 24, duration: 70, sound: .none))
        let r = try await BinaryRunner.run(["reframe", input, "--to", "9:16", "-o", "\(dir)/long-vertical.mp4", "--yes"], environment: sandbox.environment)
        #expect(r.status == 2, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("estimated") }
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("video.duration: 70") && r.stderr.contains("at most 60 s"), "\(r.stderr)")
        let paid = try await sandbox.paidFor()
        #expect(paid.uploadTickets == 0 && paid.jobs == 0)
        #expect(try await sandbox.generationRequests() == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/long-vertical.mp4"))
    }

    @Test(arguments: [["--to", "9:16", "--resolution", "1920x1080"], ["--to", "3:2"], ["--resolution", "1000x1000"]])
    func aSizeNotOfTheAspectIsExitTwo(_ args: [String]) async throws {
        let r = try await BinaryRunner.run(["reframe", Fixtures.path("conformant_h264_aac.mp4"), "-o", "\(dir)/x.mp4", "--yes"] + args)
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        if args.first == "--to", args.count == 4 { #expect(r.stderr.contains("720x1280 or 1080x1920"), "\(r.stderr)") }
    }

    @Test func helpTeachesSizesLimitsPriceAndAudio() async throws {
        let r = try await BinaryRunner.run(["reframe", "--help"])
        #expect(r.status == 0)
        for text in ["1080x1350", "60 s", "1800 frames", "200 MB", "per second of input", "audio", "--to"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
    }

    @Test func aBatchLineReframes() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try landscapeClip()
        let list = "\(dir)/reframe.jsonl"
        let lines = [#"{"command":"reframe","input":"\#(input)","to":"1:1","resolution":"720x720","output":"\#(dir)/out/square.mp4"}"#,
                     #"{"command":"reframe","input":"\#(input)","to":"9:16","resolution":"1080x1080","output":"\#(dir)/out/bad.mp4"}"#]
        try lines.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 1)
        let planned = try String(contentsOfFile: "\(dir)/dry.jsonl", encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        #expect(planned.first?["status"] as? String == "would-send")
        #expect(planned.first?["estimated_dollars"] as? Double == 1.0)
        #expect(planned.last?["status"] as? String == "unusable")
        #expect(try await sandbox.paidFor().jobs == 0)

        let run = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/run.jsonl", "--yes"], environment: sandbox.environment)
        #expect(run.status == 1, "\(run.stderr)")
        let results = try String(contentsOfFile: "\(dir)/run.jsonl", encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        #expect(results.first?["status"] as? String == "written", "\(results)")
        let media = try MediaProbe.probeBlocking("\(dir)/out/square.mp4")
        #expect(media.primaryVideo?.displayWidth == 720 && media.primaryVideo?.frameCount == 240)
        #expect(try StreamDigests.audioPackets("\(dir)/out/square.mp4") == (try StreamDigests.audioPackets(input)))
        #expect(try await sandbox.paidFor().jobs == 1)

        // Again: done, nothing paid.
        let again = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/again.jsonl", "--yes"], environment: sandbox.environment)
        #expect(again.status == 1)
        let second = try String(contentsOfFile: "\(dir)/again.jsonl", encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        #expect(second.first?["status"] as? String == "resumed", "\(second)")
        #expect(try await sandbox.paidFor().jobs == 1)
    }
}
