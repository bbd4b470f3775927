import Foundation
import LTXJournal
import LTXMedia
import Testing
import TestSupport

/// `retake` gives the whole video back with only the sections changed, and
/// `splice` does the same for an answer from elsewhere: the built binary
/// against the sandbox, every output probed and compared frame by frame.
@Suite struct WholeRetakeTests {
    let dir = TemporaryDirectory.make("ltx-whole")

    func retake(_ sandbox: SandboxProcess, _ fixture: String, _ args: [String], output: String) async throws -> BinaryRunner.Output {
        try await BinaryRunner.run(["retake", Fixtures.path(fixture), "--prompt", "x", "-o", "\(dir)/\(output)", "--yes"] + args,
                                   environment: sandbox.environment)
    }

    func probe(_ name: String) throws -> MediaInfo { try MediaProbe.probeBlocking("\(dir)/\(name)") }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// The frames whose digests differ, as (first, last) runs.
    func changedFrames(_ a: [String], _ b: [String]) -> [Int] {
        zip(a, b).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
    }

    @Test func aThirtySecondClipComesBackWholeWithOnlyItsSectionChanged() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_720p30_30s.mp4")
        let r = try await retake(sandbox, "h264_aac_720p30_30s.mp4", ["--start", "20.5", "--duration", "4", "--json"], output: "whole.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try probe("whole.mp4")
        #expect(out.primaryVideo?.codedWidth == 1280 && out.primaryVideo?.codedHeight == 720)
        #expect(out.primaryVideo?.frameCount == 900)
        #expect(out.container == .mp4 && out.primaryAudio?.codec == "aac")

        // Frames 615..<735 are the section (20.5 s to 24.5 s at 30 fps); GOPs are 60 frames.
        let before = try StreamDigests.pictures(input), after = try StreamDigests.pictures("\(dir)/whole.mp4")
        #expect(before.count == 900 && after.count == 900)
        let changed = changedFrames(before, after)
        #expect(changed.allSatisfy { $0 >= 615 - 60 && $0 < 735 + 60 }, "changed outside the section's GOPs: \(changed.first ?? -1)...\(changed.last ?? -1)")
        #expect((615..<735).allSatisfy { before[$0] != after[$0] })
        // The section is the sandbox's negative; the re-encoded frames around it are the input's.
        let negated = try StreamDigests.lumaPSNR(reference: input, distorted: "\(dir)/whole.mp4", negated: true)
        let plain = try StreamDigests.lumaPSNR(reference: input, distorted: "\(dir)/whole.mp4")
        #expect((615..<735).allSatisfy { negated[$0] > 20 }, "\(negated[615...734].min() ?? 0)")
        let between = Array(600..<615) + Array(735..<780)
        #expect(between.allSatisfy { plain[$0] >= 35 }, "\(between.map { plain[$0] }.min() ?? 0)")

        // The report: frame ranges covering every frame once, and the window billed.
        let report = try json(r.stdout)
        let splice = report["splice"] as? [String: Any]
        let ranges = (splice?["result"] as? [String: Any])?["ranges"] as? [[String: Any]] ?? []
        #expect(ranges.reduce(0) { $0 + (($1["last_frame"] as? Int ?? 0) - ($1["first_frame"] as? Int ?? 0) + 1) } == 900)
        #expect(ranges.contains { $0["source"] as? String == "answer" && $0["first_frame"] as? Int == 615 && $0["last_frame"] as? Int == 734 })
        // What the report calls copied is the input's, bit for bit. The GOP at 20 s is copied up to the
        // last point where its decode order has shown every earlier picture and none later: its
        // packets show 600-612 before 613 (x264's B-frames), so the re-encoding starts at 613, not 600.
        for range in ranges where range["source"] as? String == "copied" {
            let frames = (range["first_frame"] as? Int ?? 0)...(range["last_frame"] as? Int ?? -1)
            #expect(frames.allSatisfy { before[$0] == after[$0] }, "\(frames)")
        }
        #expect(ranges.contains { $0["source"] as? String == "copied" && $0["last_frame"] as? Int == 612 })
        let calls = report["calls"] as? [[String: Any]] ?? []
        #expect(calls.count == 1)
        // 2 s of context each side, the start snapped back to the keyframe at 18 s: 18 s to 26.5 s.
        let window = calls.first?["window"] as? [String: Any]
        #expect(window?["start"] as? Double == 18 && window?["duration"] as? Double == 8.5)
        // Billed for what is sent: the copy ends at the first packet shown past 26.5 s, 253 frames (8.433 s).
        #expect(report["estimated_cost"] as? Double == 0.8433)
        #expect(calls.first?["frames"] as? Int == 253)
        // The price is said once, before anything is paid, not again by the call.
        #expect(r.stderr.components(separatedBy: "estimated cost of this retake").count == 2, "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        // The answer kept beside the output until the splice was written is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["whole.mp4"])
    }

    /// Segmind takes the video only as a data URI, of at most 15 MB of base64
    /// (11.25 MB of file): this 30 s 1080p clip is 60 MB, and even its 8 s
    /// window, copied, is 16 MB. The window is cut, found too big, re-encoded
    /// to fit, sent, and its answer spliced back into all 900 frames.
    @Test func segmindGetsAWindowReencodedToFitADataURIAndTheWholeClipBack() async throws {
        // Made here rather than committed: noise at 16 Mb/s (ultrafast, keyframes every 2 s),
        // over a quarter of the width and height so that each encode of it stays cheap.
        let input = "\(dir)/noise.mp4"
        // 120 MB between the input and the output: not left behind.
        defer { for name in ["noise.mp4", "whole.mp4"] { try? FileManager.default.removeItem(atPath: "\(dir)/\(name)") } }
        try PatternClip.write(PatternClipSpec(output: input, width: 1920, height: 1080, frameRate: 30, duration: 30,
                                              sound: .tone(frequency: 440), noise: 0.25, videoBitRate: 16_000_000, keyframeInterval: 60))
        let limit = 15_000_000
        #expect(try probe("noise.mp4").sizeBytes > Int64(limit) * 3)
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["retake", input, "--start", "14", "--duration", "4", "--prompt", "x", "--provider", "segmind",
                                            "-o", "\(dir)/whole.mp4", "--yes", "--json"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")

        // The window sent: 12 s to 20 s (2 s of context each side, starting on a keyframe),
        // re-encoded at a rate that fits, its data URI within the limit. A fitted rate is set
        // only when the window as cut broke the limit.
        let report = try json(r.stdout)
        let sent = try #require((report["sent"] as? [Any])?.first as? [String: Any], "\(r.stdout)")
        #expect(sent["delivery"] as? String == "data-uri" && sent["limit_bytes"] as? Int == limit)
        #expect(sent["input_start"] as? Double == 12 && sent["frames"] as? Int == 240)
        #expect(sent["reencoded"] as? Bool == true && (sent["fitted_bit_rate"] as? Int ?? 0) > 0)
        let counted = try #require(sent["counted_bytes"] as? Int), bytes = try #require(sent["bytes"] as? Int)
        #expect(counted <= limit && counted == "data:video/mp4;base64,".utf8.count + (bytes + 2) / 3 * 4)
        #expect(try await sandbox.paidFor().sync == 1)

        // The whole clip back, every frame at its size. Frames 420..<540 are the section and
        // GOPs are 60 frames, so every frame outside 360..<600 is the input's: its packet is
        // the input's, bit for bit (comparing packets, not decoded pictures, saves decoding
        // and hashing 1800 pictures of 1080p).
        let out = try probe("whole.mp4")
        #expect(out.primaryVideo?.frameCount == 900)
        #expect(out.primaryVideo?.codedWidth == 1920 && out.primaryVideo?.codedHeight == 1080)
        let before = try StreamDigests.videoPackets(input), after = try StreamDigests.videoPackets("\(dir)/whole.mp4")
        #expect(before.count == 900 && after.count == 900)
        let changed = changedFrames(before, after)
        #expect(changed.allSatisfy { (360..<600).contains($0) }, "changed outside the section's GOPs: \(changed.first ?? -1)...\(changed.last ?? -1)")
        #expect((420..<540).allSatisfy { before[$0] != after[$0] })
    }

    /// Segmind takes no upload, so a clip sent whole (--window-only, under 21 s) that is too big
    /// for a data URI is re-encoded to fit, not refused with "deliver by upload instead".
    @Test func segmindReencodesAWholeClipTooBigForADataURI() async throws {
        let input = "\(dir)/noise-360p.mp4"
        defer { for name in ["noise-360p.mp4", "raw.mp4"] { try? FileManager.default.removeItem(atPath: "\(dir)/\(name)") } }
        try PatternClip.write(PatternClipSpec(output: input, width: 640, height: 360, frameRate: 30, duration: 10,
                                              sound: .tone(frequency: 440), noise: 1, videoBitRate: 14_000_000, keyframeInterval: 60))
        #expect(try probe("noise-360p.mp4").sizeBytes > 11_250_000)
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(["retake", input, "--start", "2", "--duration", "2", "--prompt", "x", "--provider", "segmind", "--window-only",
                                            "-o", "\(dir)/raw.mp4", "--yes", "--json"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.stderr)")
        let fix = try json(r.stdout)["fix"] as? [String: Any]
        let operations = fix?["operations"] as? [[String: Any]] ?? []
        #expect(operations.contains { $0["action"] as? String == "recompress" }, "\(r.stdout)")
        #expect(try await sandbox.paidFor().sync == 1)
        #expect(try probe("raw.mp4").primaryVideo != nil)
    }

    @Test func aTwoSecondClipComesBackAtItsOwnFortyEightFramesAndARerunPaysNothing() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await retake(sandbox, "h264_48f.mp4", ["--start", "0", "--duration", "2"], output: "short.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try probe("short.mp4")
        #expect(out.primaryVideo?.frameCount == 48)
        #expect(out.primaryVideo?.codedWidth == 128 && out.primaryVideo?.codedHeight == 64)
        // The same command again: the journal answers the call, the splice is redone, nothing is paid.
        let again = try await retake(sandbox, "h264_48f.mp4", ["--start", "0", "--duration", "2", "--force"], output: "short.mp4")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing paid this run"))
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(try probe("short.mp4").primaryVideo?.frameCount == 48)
    }

    @Test func uhdComesBackUHDAndARotatedClipComesBackRotated() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let uhd = try await retake(sandbox, "h264_3840x2160.mp4", ["--start", "1", "--duration", "2"], output: "uhd.mp4")
        #expect(uhd.status == 0, "\(uhd.stderr)")
        let big = try probe("uhd.mp4")
        #expect(big.primaryVideo?.codedWidth == 3840 && big.primaryVideo?.codedHeight == 2160 && big.primaryVideo?.frameCount == 97)

        let turned = try await retake(sandbox, "h264_rotated.mp4", ["--start", "1", "--duration", "2"], output: "rotated.mp4")
        #expect(turned.status == 0, "\(turned.stderr)")
        let out = try probe("rotated.mp4")
        let input = try MediaProbe.probeBlocking(Fixtures.path("h264_rotated.mp4"))
        #expect(out.primaryVideo?.rotation == input.primaryVideo?.rotation && out.primaryVideo?.rotation != 0)
        #expect(out.primaryVideo?.codedWidth == 128 && out.primaryVideo?.codedHeight == 64 && out.primaryVideo?.frameCount == 97)
        // The sandbox answered upright (1080x1920) and the answer was turned back: the section
        // is the stored picture's negative, not a sideways one.
        let negated = try StreamDigests.lumaPSNR(reference: Fixtures.path("h264_rotated.mp4"), distorted: "\(dir)/rotated.mp4", negated: true)
        #expect((30..<66).allSatisfy { negated[$0] > 15 }, "\(negated[30..<66].min() ?? 0)")
    }

    /// MPEG-4 Part 2 in AVI cannot sit beside H.264 pictures: the whole video is encoded
    /// once, as H.264, still in AVI. A WebM cannot hold what a splice writes: refused in one
    /// line before anything is paid.
    @Test func anMPEG4AVIIsEncodedOnceAndAWebMIsRefusedBeforePaying() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await retake(sandbox, "mpeg4.avi", ["--start", "1", "--duration", "2", "--json"], output: "mpeg4.avi")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try probe("mpeg4.avi")
        #expect(out.container == .avi && out.primaryVideo?.codec == "h264" && out.primaryVideo?.frameCount == 97)
        let result = (try json(r.stdout)["splice"] as? [String: Any])?["result"] as? [String: Any]
        #expect((result?["whole_video_reencoded"] as? String)?.contains("encoded once as H.264") == true)

        let webm = try await retake(sandbox, "vp9_opus.webm", ["--start", "1", "--duration", "2"], output: "vp9.webm")
        #expect(webm.status == 2 && webm.stderrLines.count == 1 && webm.stderr.contains("cannot splice into it: a WebM")
                && webm.stderr.contains("name the output .mp4, .mov or .mkv"), "\(webm.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/vp9.webm"))

        // Named .mp4, the WebM's retake is fixed, sent, and the whole video comes back as H.264 in MP4.
        let asMP4 = try await retake(sandbox, "vp9_opus.webm", ["--start", "1", "--duration", "2"], output: "vp9.mp4")
        #expect(asMP4.status == 0, "\(asMP4.stderr)")
        let mp4 = try probe("vp9.mp4")
        #expect(mp4.container == .mp4 && mp4.primaryVideo?.codec == "h264" && mp4.primaryVideo?.frameCount == 97 && mp4.primaryAudio?.codec == "aac")
        #expect(try await sandbox.paidFor().jobs == 2)
    }

    /// The HEVC splice's runs have parameter sets of their own beside the original's in the `hvcC`,
    /// none in band, so an `hvc1` MOV comes back `hvc1`.
    @Test func hevcInMOVComesBackAsHEVCTaggedHvc1InMOV() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await retake(sandbox, "hevc_aac.mov", ["--start", "1", "--duration", "2"], output: "hevc.mov")
        #expect(r.status == 0, "\(r.stderr)")
        let out = try probe("hevc.mov")
        #expect(out.container == .mov && out.primaryVideo?.codec == "hevc" && out.primaryVideo?.frameCount == 97)
        let track = try #require(try HEVCTrack.read("\(dir)/hevc.mov"))
        #expect(track.sampleEntry == "hvc1" && track.configurationSets == [32: 2, 33: 2, 34: 2] && track.arraysComplete)
        #expect(track.sampleNALTypes.allSatisfy { Set($0).isDisjoint(with: [32, 33, 34]) })
        #expect(!r.stdout.contains("the whole video is encoded once") && r.stdout.contains(" copied "), "\(r.stdout)")
    }

    @Test func replaceAudioKeepsEveryVideoPacketAndCrossfadesItsSeams() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_sine_6s.mp4")
        let r = try await retake(sandbox, "h264_aac_sine_6s.mp4", ["--start", "2", "--duration", "2", "--mode", "replace_audio"], output: "audio.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try StreamDigests.videoPackets("\(dir)/audio.mp4") == StreamDigests.videoPackets(input))
        // The sound is patched in place: only the AAC packets of a zone around the section (its
        // crossfade and the frames that overlap it) are new; every other one is the input's.
        #expect(r.stdout.contains("audio spliced in place"), "\(r.stdout)")
        let soundBefore = try StreamDigests.audioPackets(input), soundAfter = try StreamDigests.audioPackets("\(dir)/audio.mp4")
        #expect(soundBefore.count == soundAfter.count)
        let newPackets = changedFrames(soundBefore, soundAfter)
        // 1024 samples a packet at 48 kHz: the section, 2 s to 4 s, is packets 94 to 188.
        #expect(newPackets.count < 100 && newPackets.allSatisfy { (88..<196).contains($0) }, "\(newPackets.first ?? -1)...\(newPackets.last ?? -1)")
        let (rate, samples) = try StreamDigests.sound("\(dir)/audio.mp4")
        #expect(rate == 48000 && samples.count >= 6 * 48000 - 2048)
        func step(_ range: Range<Double>) -> Float {
            let lo = Int(range.lowerBound * Double(rate)), hi = min(samples.count, Int(range.upperBound * Double(rate)))
            return (lo + 1..<hi).map { abs(samples[$0] - samples[$0 - 1]) }.max() ?? 0
        }
        // The sandbox's section is an 880 Hz tone: a bigger step than the 440 Hz sine around it.
        let own = max(step(0.5..<1.9), step(2.1..<3.9), step(4.1..<5.5))
        #expect(step(2.1..<3.9) > step(0.5..<1.9) * 1.5, "the section's sound did not change")
        for seam in [2.0, 4.0] {
            #expect(step(seam - 0.01..<seam + 0.01) <= own * 1.2, "a jump at \(seam) s: \(step(seam - 0.01..<seam + 0.01)) vs \(own)")
        }
    }

    @Test func twoSectionsAreTwoCallsSplicedIntoOneOutput() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_aac_720p30_30s.mp4")
        let r = try await retake(sandbox, "h264_aac_720p30_30s.mp4", ["--section", "3:2", "--section", "20.5:4", "--mode", "replace_video"], output: "two.mp4")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 2)
        let changed = changedFrames(try StreamDigests.pictures(input), try StreamDigests.pictures("\(dir)/two.mp4"))
        #expect(changed.contains(100) && changed.contains(700))
        #expect(changed.allSatisfy { (90 - 60..<150 + 60).contains($0) || (615 - 60..<735 + 60).contains($0) })
        #expect(try probe("two.mp4").primaryVideo?.frameCount == 900)
    }

    @Test func spliceTakesAnAnswerFromElsewhere() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        // The raw answer, as the web console would give it, and where its window starts.
        let raw = try await retake(sandbox, "h264_aac_720p30_30s.mp4", ["--start", "10", "--duration", "2", "--window-only", "--json"], output: "raw.mp4")
        #expect(raw.status == 0, "\(raw.stderr)")
        let window = try json(raw.stdout)["window"] as? [String: Any]
        let start = try #require(window?["input_start"] as? Double)
        let input = Fixtures.path("h264_aac_720p30_30s.mp4")
        let r = try await BinaryRunner.run(["splice", input, "\(dir)/raw.mp4", "--window-start", "\(start)", "--section", "10:2", "-o", "\(dir)/spliced.mp4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("frames 300-359  answer"))
        #expect(try probe("spliced.mp4").primaryVideo?.frameCount == 900)

        // The input is never the output, and a section outside the clip is refused, nothing written.
        let same = try await BinaryRunner.run(["splice", input, "\(dir)/raw.mp4", "--window-start", "\(start)", "--section", "10:2", "-o", input])
        #expect(same.status == 2 && same.stderrLines.count == 1 && same.stderr.contains("is the input"))
        let outside = try await BinaryRunner.run(["splice", input, "\(dir)/raw.mp4", "--window-start", "\(start)", "--section", "29:4", "-o", "\(dir)/no.mp4"])
        #expect(outside.status == 2 && outside.stderr.contains("not inside the video"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/no.mp4"))
    }

    /// `--window-only` sends the window the whole retake sends for its section
    /// (the section with --context each side), at the same price, not the
    /// whole clip; its --json says where the answer sits and which request it was.
    @Test func aWindowOnlyRetakeSendsTheWholeRetakesWindow() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        // 12 s at 24 fps, a keyframe every 0.5 s: the window 5.5 s to 12 s is copied from one.
        let input = "\(dir)/twelve.mp4"
        _ = try PatternClip.write(PatternClipSpec(output: input, width: 128, height: 64, frameRate: 24, duration: 12, sound: .tone(frequency: 440),
                                                  keyframeInterval: 12))
        let section = ["--start", "7.5", "--duration", "2.5"]
        let planned = try await BinaryRunner.run(["retake", input, "--prompt", "x", "--dry-run", "--json", "-o", "\(dir)/whole.mp4"] + section,
                                                 environment: sandbox.environment)
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(try json(planned.stdout)["estimated_cost"] as? Double == 0.65)

        let raw = try await BinaryRunner.run(["retake", input, "--prompt", "x", "--yes", "--window-only", "--json", "-o", "\(dir)/raw.mp4"] + section,
                                             environment: sandbox.environment)
        #expect(raw.status == 0, "\(raw.stderr)")
        // Priced as the whole retake is: 6.5 s sent, not the 12 s clip ($1.20).
        #expect(raw.stderr.contains("estimated cost of this retake: $0.65 (6.500 s of input"), "\(raw.stderr)")
        #expect(try await sandbox.paidFor().jobs == 1)
        // What the sandbox was sent: its answer is that file re-encoded, as long as it.
        let answer = try #require(try probe("raw.mp4").primaryVideo)
        #expect(abs((answer.duration ?? 0) - 6.5) < 0.05 && answer.frameCount == 156, "\(answer.duration ?? 0) s, \(answer.frameCount) frames")
        let journal = try await Journal.open(sandbox.journal)
        let sent = try await journal.all().compactMap(\.sentWindow)
        await journal.close()
        #expect(sent.count == 1 && sent.first?.inputStart == 5.5 && abs((sent.first?.duration ?? 0) - 6.5) < 0.05, "\(sent)")
        // --json: the README's keys, as the whole retake means them.
        let report = try json(raw.stdout)
        let window = report["window"] as? [String: Any]
        #expect(window?["input_start"] as? Double == 5.5 && window?["section_start"] as? Double == 2 && window?["section_start_frame"] as? Int == 48,
                "\(raw.stdout)")
        #expect(abs((window?["duration"] as? Double ?? 0) - 6.5) < 0.05)
        let generated = report["generated"] as? [String: Any]
        #expect((generated?["request_id"] as? String)?.isEmpty == false, "\(raw.stdout)")
        #expect(generated?["output"] as? String == "\(dir)/raw.mp4")

        // A batch line with "window_only" plans the same window: priced the same, and the same request (nothing paid again).
        let list = "\(dir)/raw.jsonl"
        try #"{"command":"retake","input":"\#(input)","start":7.5,"duration":2.5,"prompt":"x","window_only":true,"output":"\#(dir)/batch-raw.mp4"}"#
            .write(toFile: list, atomically: true, encoding: .utf8)
        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/raw-dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        let batchPlan = try json(String(contentsOfFile: "\(dir)/raw-dry.jsonl", encoding: .utf8))
        #expect(batchPlan["estimated_dollars"] as? Double == 0.65, "\(batchPlan)")
        let batch = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/raw-run.jsonl", "--yes"], environment: sandbox.environment)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try probe("batch-raw.mp4").primaryVideo?.frameCount == 156)
        #expect(try await sandbox.paidFor().jobs == 1)
    }

    /// `--resolution` asks the API for the answer's size; the whole video still comes back at the input's.
    @Test func resolutionAsksTheAnswersSize() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let raw = try await retake(sandbox, "h264_aac_sine_6s.mp4", ["--start", "2", "--duration", "2", "--resolution", "1080x1920", "--window-only"],
                                   output: "portrait-answer.mp4")
        #expect(raw.status == 0, "\(raw.stderr)")
        let answer = try probe("portrait-answer.mp4").primaryVideo
        #expect(answer?.codedWidth == 1080 && answer?.codedHeight == 1920)
        let whole = try await retake(sandbox, "h264_aac_sine_6s.mp4", ["--start", "2", "--duration", "2", "--resolution", "1080x1920"], output: "whole-portrait.mp4")
        #expect(whole.status == 0, "\(whole.stderr)")
        let out = try probe("whole-portrait.mp4").primaryVideo
        #expect(out?.codedWidth == 128 && out?.codedHeight == 64 && out?.frameCount == 144)
        let segmind = try await BinaryRunner.run(["retake", Fixtures.path("h264_aac_sine_6s.mp4"), "--start", "2", "--duration", "2", "--provider", "segmind",
                                                  "--resolution", "1080x1920", "--dry-run"], environment: sandbox.environment)
        #expect(segmind.status == 2 && segmind.stderr.contains("takes no --resolution"), "\(segmind.stderr)")
        let odd = try await BinaryRunner.run(["retake", Fixtures.path("h264_aac_sine_6s.mp4"), "--start", "2", "--duration", "2", "--resolution", "1280x720",
                                              "--dry-run"], environment: sandbox.environment)
        #expect(odd.status == 2, "\(odd.stderr)")
    }

    /// A window of a variable-rate clip that holds too few pictures is refused
    /// before anything is paid, with what it holds and what the API requires.
    @Test func aVariableRateWindowThatCannotConformSaysWhatItHolds() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = Fixtures.path("h264_vfr.mkv")
        let r = try await retake(sandbox, "h264_vfr.mkv", ["--start", "4", "--duration", "2", "--context", "0"], output: "vfr.mkv")
        #expect(r.status == 2)
        #expect(r.stderr.contains("ltx-prep: \(input): the result still breaks video.frame-count (36 frames at 12.169 fps; required: 73 to 505 frames)"),
                "\(r.stderr)")
        #expect(try await sandbox.paidFor().jobs == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/vfr.mkv"))
    }
}
