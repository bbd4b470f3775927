import Foundation
import LTXMedia
import Testing
import TestSupport

/// `extend` sends only the context the model needs and gives the whole video
/// back with the extension joined on: the built binary against the sandbox,
/// every output probed and compared picture by picture and packet by packet.
@Suite struct ExtendTests {
    let dir = TemporaryDirectory.make("ltx-extend")

    func clip(_ name: String, width: Int, height: Int, fps: Int, seconds: Double, sound: PatternClipSpec.Sound) throws -> String {
        let path = "\(dir)/\(name)"
        _ = try PatternClip.write(PatternClipSpec(output: path, width: width, height: height, frameRate: fps, duration: seconds, sound: sound,
                                                  keyframeInterval: 2 * fps))
        return path
    }

    func extend(_ sandbox: SandboxProcess, _ input: String, _ args: [String], output: String) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(["extend", input, "--prompt", "on", "-o", "\(dir)/\(output)", "--yes", "--json"] + args, environment: sandbox.environment)
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// The largest step between neighbouring samples in `range` (seconds).
    func largestStep(_ sound: (rate: Int, samples: [Float]), _ range: ClosedRange<Double>) -> Float {
        let from = Int(range.lowerBound * Double(sound.rate)), to = min(sound.samples.count - 1, Int(range.upperBound * Double(sound.rate)))
        return (from..<to).map { abs(sound.samples[$0 + 1] - sound.samples[$0]) }.max() ?? 0
    }

    @Test func aFortyFiveSecondClipGetsFourSecondsAtItsEnd() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try clip("long.mp4", width: 1280, height: 720, fps: 30, seconds: 45, sound: .tone(frequency: 440))
        let r = try await extend(sandbox, input, ["--duration", "4"], output: "longer.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try MediaProbe.probeBlocking("\(dir)/longer.mp4")
        #expect(out.primaryVideo?.codedWidth == 1280 && out.primaryVideo?.codedHeight == 720)
        #expect(out.primaryVideo?.frameCount == 1350 + 120)
        #expect(out.primaryVideo?.frameRate == 30)

        // Every picture of the input, bit for bit, then 120 of the answer's (the sandbox's negative).
        let before = try StreamDigests.pictures(input), after = try StreamDigests.pictures("\(dir)/longer.mp4")
        #expect(before.count == 1350 && after.count == 1470)
        #expect(Array(after.prefix(1350)) == before)
        #expect(Set(after.suffix(120)).isDisjoint(with: before))
        // The input's video packets are all there, unchanged, and its sound's up to a few frames before the seam.
        let packets = try StreamDigests.videoPackets(input), outPackets = try StreamDigests.videoPackets("\(dir)/longer.mp4")
        #expect(Array(outPackets.prefix(packets.count)) == packets)
        let sound = try StreamDigests.audioPackets(input), outSound = try StreamDigests.audioPackets("\(dir)/longer.mp4")
        let kept = zip(sound, outSound).prefix { $0 == $1 }.count
        #expect(kept >= sound.count - 4, "\(kept) of \(sound.count)")

        // No jump at the seam: the crossfade steps no further than the tones on either side do.
        let pcm = try StreamDigests.sound("\(dir)/longer.mp4")
        let seam = largestStep(pcm, 44.95...45.05), sides = max(largestStep(pcm, 44...44.9), largestStep(pcm, 45.5...47))
        #expect(seam <= sides * 1.2, "seam \(seam), sides \(sides)")
        #expect(abs(Double(pcm.samples.count) / Double(pcm.rate) - 49) < 0.05)

        // Billed: the context sent plus the 4 s, not 49 s.
        let report = try json(r.stdout)
        let call = (report["plan"] as? [String: Any])?["call"] as? [String: Any]
        let contextFrames = try #require(call?["context_frames"] as? Int)
        #expect(contextFrames >= 73 && contextFrames <= 120)
        let billed = try #require(call?["billed_seconds"] as? Double)
        #expect(abs(billed - (Double(contextFrames) / 30 + 4)) < 0.001)
        // A 720p answer: the docs price extend at 1080p only, so the estimate is "price unknown", not a guess.
        #expect(report["estimated_cost"] == nil)
        #expect(r.stderr.contains("price unknown: no documented price for this extend with ltx"), "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["long.mp4", "longer.mp4"])

        // Run again: the journal knows the output is this extend's result.
        let again = try await extend(sandbox, input, ["--duration", "4"], output: "longer.mp4")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try json(again.stdout)["already_done"] as? Bool == true)
        #expect(try await sandbox.paidFor().jobs == 1)
    }

    @Test func atTheStartTheExtensionComesFirstAndTheInputFollowsUnchanged() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try clip("start.mp4", width: 1280, height: 720, fps: 30, seconds: 8, sound: .tone(frequency: 440))
        let r = try await extend(sandbox, input, ["--duration", "3", "--at", "start"], output: "earlier.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let before = try StreamDigests.pictures(input), after = try StreamDigests.pictures("\(dir)/earlier.mp4")
        #expect(after.count == 240 + 90)
        #expect(Array(after.suffix(240)) == before)
        #expect(Set(after.prefix(90)).isDisjoint(with: before))
        let out = try MediaProbe.probeBlocking("\(dir)/earlier.mp4")
        #expect(abs((out.primaryAudio?.duration ?? 0) - 11) < 0.05)
        let report = try json(r.stdout)
        let ranges = ((report["splice"] as? [String: Any])?["result"] as? [String: Any])?["ranges"] as? [[String: Any]] ?? []
        #expect(ranges.first?["source"] as? String == "answer" && ranges.first?["last_frame"] as? Int == 89)
        #expect(ranges.last?["source"] as? String == "copied" && ranges.last?["first_frame"] as? Int == 90)
    }

    @Test func aFourByThreeClipIsPaddedForTheAPIAndCroppedBack() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = try clip("square.mp4", width: 640, height: 480, fps: 24, seconds: 4, sound: .tone(frequency: 440))
        let r = try await extend(sandbox, input, ["--duration", "2"], output: "wider.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let call = (try json(r.stdout)["plan"] as? [String: Any])?["call"] as? [String: Any]
        let canvas = call?["canvas"] as? [String: Any]
        #expect(canvas?["width"] as? Int == 854 && canvas?["height"] as? Int == 480)
        let out = try MediaProbe.probeBlocking("\(dir)/wider.mp4")
        #expect(out.primaryVideo?.codedWidth == 640 && out.primaryVideo?.codedHeight == 480 && out.primaryVideo?.frameCount == 96 + 48)
        #expect(Array(try StreamDigests.pictures("\(dir)/wider.mp4").prefix(96)) == (try StreamDigests.pictures(input)))
        // What the API got, kept as it came: 16:9 (the sandbox refuses any other shape, as the API does).
        let raw = try await extend(sandbox, input, ["--duration", "2", "--window-only"], output: "raw.mp4")
        #expect(raw.status == 0, "\(raw.stderr)")
        let answer = try MediaProbe.probeBlocking("\(dir)/raw.mp4")
        #expect(answer.primaryVideo?.codedWidth == 854 && answer.primaryVideo?.codedHeight == 480)
    }

    @Test func aTwoSecondClipWithoutSoundIsExtendedWholeAndStaysSilent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        // 48 frames of 128x64 (2:1): padded to the API's 73 frames and to 16:9.
        let input = Fixtures.path("h264_48f.mp4")
        let r = try await extend(sandbox, input, ["--duration", "2"], output: "short.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try MediaProbe.probeBlocking("\(dir)/short.mp4")
        #expect(out.primaryVideo?.frameCount == 96 && out.primaryVideo?.codedWidth == 128 && out.primaryVideo?.codedHeight == 64)
        #expect(out.primaryAudio == nil)
        #expect(Array(try StreamDigests.pictures("\(dir)/short.mp4").prefix(48)) == (try StreamDigests.pictures(input)))
        let call = (try json(r.stdout)["plan"] as? [String: Any])?["call"] as? [String: Any]
        // The whole clip is the context, padded to 73 frames: billed 73 + 48 frames at 24 fps.
        #expect(call?["context_frames"] as? Int == 73)
        #expect(call?["billed_seconds"] as? Double == 5.042)
    }

    @Test func refusalsComeBeforeAnythingIsSent() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_sine_6s.mp4")
        // Longer than the API adds, and a context that with the extension passes 505 frames.
        let long = try await extend(sandbox, input, ["--duration", "25"], output: "x.mp4")
        #expect(long.status == 2 && long.stderr.contains("--duration must be from 2 to 20"), "\(long.stderr)")
        let frames = try await extend(sandbox, input, ["--duration", "20", "--context", "6"], output: "x.mp4")
        #expect(frames.status == 2 && frames.stderr.contains("extend takes at most 505"), "\(frames.stderr)")
        let removed = try await extend(sandbox, input, ["--duration", "4", "--model", "ltx-2-pro"], output: "x.mp4")
        #expect(removed.status == 2 && removed.stderr.contains("ltx-2-pro was removed on 2026-08-15"), "\(removed.stderr)")
        let stats = try await sandbox.paidFor()
        #expect(stats.jobs == 0 && stats.uploadTickets == 0)
    }

    @Test func anAnswerFromElsewhereIsJoinedWithoutACall() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_sine_6s.mp4")
        // An answer as the API gives one for this clip: its 16:9 context, then the 2 s added.
        let answer = try clip("answer.mp4", width: 1280, height: 720, fps: 24, seconds: 5, sound: .tone(frequency: 660))
        let r = try await BinaryRunner.run(["extend", input, "--duration", "2", "--answer", answer, "-o", "\(dir)/joined.mp4", "--json"],
                                           environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let out = try MediaProbe.probeBlocking("\(dir)/joined.mp4")
        #expect(out.primaryVideo?.frameCount == 144 + 48 && out.primaryVideo?.codedWidth == 128 && out.primaryVideo?.codedHeight == 64)
        #expect(Array(try StreamDigests.pictures("\(dir)/joined.mp4").prefix(144)) == (try StreamDigests.pictures(input)))
        let stats = try await sandbox.paidFor()
        #expect(stats.jobs == 0 && stats.uploadTickets == 0)
    }

    /// A variable-rate clip's context (here 3.02 s to 6.06 s, where pictures
    /// come 1/12 s apart) holds 36 pictures, fewer than the API's 73: it is cut
    /// exactly and padded to 73 by holding its last one, the 73 billed, and
    /// every packet of the input is joined on unchanged.
    @Test func aVariableFrameRateClipIsExtended() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_vfr.mkv")
        let r = try await extend(sandbox, input, ["--duration", "2"], output: "vfr.mkv")
        #expect(r.status == 0, "\(r.stderr)")
        // 36 pictures in the span, 37 held: the 73 sent are the 73 billed.
        let call = (try json(r.stdout)["plan"] as? [String: Any])?["call"] as? [String: Any]
        #expect(call?["context_frames"] as? Int == 73 && call?["held_frames"] as? Int == 37 && call?["exact"] as? Bool == true, "\(r.stdout)")
        #expect(try MediaProbe.probeBlocking("\(dir)/vfr.mkv").primaryVideo?.frameCount == 97 + 48)
        let packets = try StreamDigests.videoPackets(input), outPackets = try StreamDigests.videoPackets("\(dir)/vfr.mkv")
        #expect(packets.count == 97 && Array(outPackets.prefix(97)) == packets)
        #expect(Array(try StreamDigests.pictures("\(dir)/vfr.mkv").prefix(97)) == (try StreamDigests.pictures(input)))
        #expect(try await sandbox.paidFor().jobs == 1)
    }
}
