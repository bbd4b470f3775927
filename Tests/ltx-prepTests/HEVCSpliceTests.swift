import Foundation
import LTXMedia
import Testing
import TestSupport

/// HEVC put back with only the GOPs around a section encoded again: the
/// encoder's parameter sets carried in band before each run, the original's
/// again after it (a CRA there made a BLA), in MKV, MP4 and MOV (`hev1`).
@Suite struct HEVCSpliceTests {
    let dir = TemporaryDirectory.make("ltx-hevc-splice")

    @Test(arguments: ["mkv", "mp4", "mov"])
    func farFramesStayBitIdenticalAndTheSectionIsTheAnswers(_ container: String) throws {
        let original = Fixtures.path("hevc_opengop_aac_12s.\(container)")
        let answer = "\(dir)/answer-\(container).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 5, sound: .none))
        let out = "\(dir)/out.\(container)"
        // 7.5 s to 9.5 s: frames 187-236 of GOPs 150-199 and 200-249 (CRAs every 50 frames).
        let r = try BinaryRunner.run(["splice", original, answer, "--window-start", "6", "--start", "7.5", "--duration", "2",
                                      "--mode", "replace_video", "-o", out, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let result = report["result"] as? [String: Any]
        #expect(result?["whole_video_reencoded"] == nil, "\(r.stdout)")
        // The fixture's MP4 and MOV are hvc1; their splice is hev1, and the report says so. MKV has no sample entry.
        #expect(((result?["sample_entry"] as? String)?.contains("written as hev1") ?? false) == (container != "mkv"), "\(r.stdout)")

        let media = try MediaProbe.probeBlocking(out)
        #expect(media.primaryVideo?.codec == "hevc" && media.primaryVideo?.frameCount == 300 && media.primaryVideo?.codedWidth == 320)
        let before = try StreamDigests.pictures(original), after = try StreamDigests.pictures(out)
        #expect(after.count == 300, "every picture decodes: \(after.count)")
        // Every frame more than one GOP from the section is the original's, bit for bit...
        let far = Array(0..<137) + Array(287..<300)
        #expect(far.allSatisfy { before[$0] == after[$0] })
        // ...and so is everything the report calls copied: all but the section's two GOPs and the next one's leading picture.
        let ranges = result?["ranges"] as? [[String: Any]] ?? []
        let copied = ranges.filter { $0["source"] as? String == "copied" }.flatMap { ($0["first_frame"] as? Int ?? 0)...($0["last_frame"] as? Int ?? -1) }
        #expect(copied.count >= 230, "\(copied.count) copied")
        #expect(copied.allSatisfy { before[$0] == after[$0] })
        // The section is the answer's, not the original's.
        #expect((187..<237).allSatisfy { before[$0] != after[$0] })
        // replace_video: the sound's packets are the original's.
        #expect(try StreamDigests.audioPackets(out) == (try StreamDigests.audioPackets(original)))
    }

    /// The sample entry an MP4 or MOV names its HEVC track with: the fourcc in its `stsd` (no other box
    /// of these files holds either string).
    func sampleEntries(_ path: String) throws -> (hvc1: Bool, hev1: Bool) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return (bytes.range(of: Data("hvc1".utf8)) != nil, bytes.range(of: Data("hev1".utf8)) != nil)
    }

    /// `--keep-hvc1`: an iPhone-style hvc1 MOV stays hvc1 (Apple's players take no other), by
    /// encoding the whole video once; without it the splice writes hev1.
    @Test func keepHVC1EncodesTheWholeVideoAndKeepsTheSampleEntry() throws {
        let original = Fixtures.path("hevc_opengop_aac_12s.mov")
        let answer = "\(dir)/answer-keep.mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 5, sound: .none))
        #expect(try sampleEntries(original) == (hvc1: true, hev1: false))
        let args = ["splice", original, answer, "--window-start", "6", "--start", "7.5", "--duration", "2", "--mode", "replace_video", "--json"]
        let kept = try BinaryRunner.run(args + ["-o", "\(dir)/kept.mov", "--keep-hvc1"])
        #expect(kept.status == 0, "\(kept.stderr)")
        let result = (try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any])?["result"] as? [String: Any]
        #expect((result?["whole_video_reencoded"] as? String)?.contains("hvc1 is kept") == true, "\(kept.stdout)")
        #expect(result?["sample_entry"] == nil)
        #expect(try sampleEntries("\(dir)/kept.mov") == (hvc1: true, hev1: false))
        #expect(try StreamDigests.pictures("\(dir)/kept.mov").count == 300)
        let spliced = try BinaryRunner.run(args + ["-o", "\(dir)/spliced.mov"])
        #expect(spliced.status == 0, "\(spliced.stderr)")
        #expect(try sampleEntries("\(dir)/spliced.mov") == (hvc1: false, hev1: true))
    }

    /// An extend's join at the start of an HEVC clip: the extension's own sets before it, the clip's
    /// again before its first CRA (made a BLA), every picture of the clip decoding as it did.
    @Test(arguments: ["mkv", "mp4"])
    func anExtensionBeforeAnHEVCClipKeepsEveryPicture(_ container: String) throws {
        let original = Fixtures.path("hevc_opengop_aac_12s.\(container)")
        let answer = "\(dir)/extension-\(container).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 4, sound: .tone(frequency: 660)))
        let out = "\(dir)/earlier.\(container)"
        let r = try BinaryRunner.run(["extend", original, "--duration", "2", "--at", "start", "--answer", answer, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let before = try StreamDigests.pictures(original), after = try StreamDigests.pictures(out)
        #expect(after.count == 350)
        #expect(Array(after.suffix(300)) == before)
        #expect(try MediaProbe.probeBlocking(out).primaryVideo?.codec == "hevc")
    }

    /// A phone's 10-bit HLG clip: the answer's SDR made HLG (not washed out, not clipped), the output
    /// tagged and turned as the input, its far pictures the input's.
    /// An answer half the clip's size is turned and made HLG at its own size, then scaled up in 10 bits.
    @Test(arguments: [180, 90])
    func aTenBitHLGClipGetsTheAnswerInItsOwnColour(answerWidth: Int) throws {
        let original = Fixtures.path("hevc_hlg10_rotated_6s.mov")
        // The API answers upright: a portrait picture for this portrait clip.
        let answer = "\(dir)/upright-\(answerWidth).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: answerWidth, height: answerWidth * 16 / 9, frameRate: 25, duration: 4, sound: .none))
        let out = "\(dir)/hlg-\(answerWidth).mov"
        let r = try BinaryRunner.run(["splice", original, answer, "--window-start", "1", "--start", "2.5", "--duration", "1",
                                      "--mode", "replace_video", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("converted to the original's BT.2020 HLG"), "\(r.stdout)")
        let before = try #require(try MediaProbe.probeBlocking(original).primaryVideo)
        let after = try #require(try MediaProbe.probeBlocking(out).primaryVideo)
        #expect(after.pixelFormat == "yuv420p10le" && after.colorTransfer == "arib-std-b67" && after.colorPrimaries == "bt2020")
        #expect(after.colorSpace == before.colorSpace && after.rotation == before.rotation && before.rotation == 90)
        let a = try StreamDigests.pictures(original), b = try StreamDigests.pictures(out)
        #expect(b.count == 150 && Array(a.prefix(12)) == Array(b.prefix(12)) && Array(a.suffix(12)) == Array(b.suffix(12)))
        // The section (frames 62-86, answer times 1.5 s to 2.5 s), seen in SDR, is as bright as the answer.
        let section = try StreamDigests.sdrLuma(out, transfer: .hlg)[63..<87]
        let source = try StreamDigests.sdrLuma(answer, transfer: nil)[38..<62]
        let (mine, theirs) = (section.reduce(0, +) / Double(section.count), source.reduce(0, +) / Double(source.count))
        #expect(abs(mine - theirs) / theirs < 0.05, "SDR luma \(mine) against the answer's \(theirs)")
    }
}
