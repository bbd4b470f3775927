import Foundation
import LTXContract
import LTXMedia
import LTXPreflight
import LTXWorkflow
import Testing
import TestSupport

/// HEVC put back with only the GOPs around a section encoded again: the
/// runs' parameter sets under ids of their own, every set in the one `hvcC`
/// and none in band, so the track keeps its sample entry (`hvc1` stays
/// `hvc1`) and a remux (`ffmpeg -c copy`, which puts the `hvcC`'s sets before
/// every IRAP) decodes as the file does; in MKV, MP4 and MOV. In process,
/// through `Splicer.splice` and `WholeExtend.join` (what `ltx-prep splice`
/// and `extend --answer` run).
@Suite struct HEVCSpliceTests {
    let dir = TemporaryDirectory.make("ltx-hevc-splice")
    static let ffmpeg = "/usr/bin/ffmpeg"
    /// libde265's decoder (Debian's libde265-examples names it so).
    static let dec265 = "/usr/bin/libde265-dec265"

    /// Both families in the `hvcC` (complete, for `hvc1`), none in any sample, the original's sample entry.
    func expectSetsOnlyInTheConfiguration(_ out: String, like original: String) throws {
        let before = try #require(try HEVCTrack.read(original)), after = try #require(try HEVCTrack.read(out))
        #expect(after.sampleEntry == before.sampleEntry)
        #expect(after.configurationSets == [32: 2, 33: 2, 34: 2])
        #expect(after.arraysComplete || after.sampleEntry != "hvc1")
        #expect(after.sampleNALTypes.allSatisfy { Set($0).isDisjoint(with: [32, 33, 34]) })
    }

    /// libde265 decodes `out`'s bitstream to the same `bytes` of raw `pixelFormat` pictures as FFmpeg.
    func expectLibde265DecodesAsFFmpeg(_ out: String, pixelFormat: String, bytes: Int) async throws {
        let bitstream = "\(out).hevc", theirs = "\(out).de265.yuv", ours = "\(out).ffmpeg.yuv"
        let annexB = try await ChildProcess.tool(Self.ffmpeg, ["-v", "error", "-y", "-i", out, "-c:v", "copy", "-bsf:v", "hevc_mp4toannexb", "-f", "hevc", bitstream])
        #expect(annexB.status == 0, "\(annexB.stderr)")
        // With a worker thread: libde265 1.0.11 decoding sequentially (-t 0) finishes the last picture before
        // a run's IDR after reading that IDR's header, and gets it wrong (1 of 150 in the closed-GOP splice;
        // FFmpeg and libde265 threaded agree on all); with the runs' sets in band it failed at the first run.
        let de265 = try await ChildProcess.tool(Self.dec265, ["-q", "-t", "1", "-o", theirs, bitstream])
        #expect(de265.status == 0, "\(de265.stderr)")
        let raw = try await ChildProcess.tool(Self.ffmpeg, ["-v", "error", "-y", "-i", out, "-f", "rawvideo", "-pix_fmt", pixelFormat, ours])
        #expect(raw.status == 0, "\(raw.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: theirs)), b = try Data(contentsOf: URL(fileURLWithPath: ours))
        #expect(b.count == bytes && a == b, "libde265 \(a.count) bytes, FFmpeg \(b.count)")
    }

    /// `answer` put back into `original` over `section`, its first instant at `answerStart`, pictures only.
    func splice(_ original: String, _ answer: String, answerStart: Double, section: TimeWindow, output: String) async throws -> SpliceOutcome {
        try await Splicer.splice(SpliceRequest(original: original, pieces: [SpliceJob.Piece(answer: answer, answerStart: answerStart, section: section)],
                                               mode: .replaceVideo, output: output))
    }

    /// `answer` joined as `duration` seconds more at `edge` of `original`.
    func extend(_ original: String, _ answer: String, duration: Double, at edge: ExtendCall.Edge = .end, output: String) async throws -> SpliceOutcome {
        try await WholeExtend.join(answer: answer, for: WholeExtendRequest(input: original, duration: duration, edge: edge, output: output))
    }

    /// `ffmpeg -c copy` into MPEG-TS and into MP4: every picture as the output's, no decoder error.
    func expectRemuxesKeepEveryPicture(_ out: String) async throws {
        let pictures = try StreamDigests.pictures(out)
        for container in ["ts", "mp4"] {
            let copy = "\(out).copy.\(container)"
            let r = try await ChildProcess.tool(Self.ffmpeg, ["-v", "error", "-y", "-i", out, "-map", "0:v", "-c", "copy", copy])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try StreamDigests.pictures(copy) == pictures, "\(container)")
            let decoded = try await ChildProcess.tool(Self.ffmpeg, ["-v", "error", "-i", copy, "-f", "null", "-"])
            #expect(decoded.status == 0 && decoded.stderr.isEmpty, "\(container): \(decoded.stderr)")
        }
    }

    @Test(arguments: ["mkv", "mp4", "mov"])
    func farFramesStayBitIdenticalAndTheSectionIsTheAnswers(_ container: String) async throws {
        let original = Fixtures.path("hevc_opengop_aac_12s.\(container)")
        let answer = "\(dir)/answer-\(container).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 5, sound: .none))
        let out = "\(dir)/out.\(container)"
        // 7.5 s to 9.5 s: frames 187-236 of GOPs 150-199 and 200-249 (CRAs every 50 frames).
        let result = try await splice(original, answer, answerStart: 6, section: TimeWindow(start: 7.5, duration: 2), output: out).result
        #expect(result.wholeVideoReencoded == nil, "\(result)")
        // The fixture's MP4 and MOV are hvc1, and so is the splice.
        try expectSetsOnlyInTheConfiguration(out, like: original)
        #expect(try HEVCTrack.read(out)?.sampleEntry == (container == "mkv" ? nil : "hvc1"))
        try await expectRemuxesKeepEveryPicture(out)

        let media = try MediaProbe.probeBlocking(out)
        #expect(media.primaryVideo?.codec == "hevc" && media.primaryVideo?.frameCount == 300 && media.primaryVideo?.codedWidth == 320)
        let before = try StreamDigests.pictures(original), after = try StreamDigests.pictures(out)
        #expect(after.count == 300, "every picture decodes: \(after.count)")
        // Every frame more than one GOP from the section is the original's, bit for bit...
        let far = Array(0..<137) + Array(287..<300)
        #expect(far.allSatisfy { before[$0] == after[$0] })
        // ...and so is everything the report calls copied: all but the section's two GOPs and the next one's leading picture.
        let copied = result.ranges.filter { $0.source == .copied }.flatMap { $0.firstFrame...$0.lastFrame }
        #expect(copied.count >= 230, "\(copied.count) copied")
        #expect(copied.allSatisfy { before[$0] == after[$0] })
        // The section is the answer's, not the original's.
        #expect((187..<237).allSatisfy { before[$0] != after[$0] })
        // The original's keyframes stay keyframes, 200 (inside the re-encoded run) among them.
        let keysBefore = try await EditSamples.packets(original, digests: false).keyframes, keysAfter = try await EditSamples.packets(out, digests: false).keyframes
        #expect(keysBefore[200] && keysAfter.count == 300 && keysBefore.indices.filter { keysBefore[$0] && !keysAfter[$0] }.isEmpty)
        // replace_video: the sound's packets are the original's.
        #expect(try StreamDigests.audioPackets(out) == (try StreamDigests.audioPackets(original)))
    }

    /// A phone's clip as it records (an hvc1 MOV, 10-bit HLG), with closed GOPs, made here: retaken
    /// and extended, each decodes in libde265 exactly as in FFmpeg. (libde265 gets open GOPs' leading
    /// pictures wrong even in libx265's own files, so closed GOPs.)
    @Test func libde265DecodesAClosedGOPSpliceAndExtendAsFFmpegDoes() async throws {
        let original = "\(dir)/phone.mov"
        let made = try await ChildProcess.tool(Self.ffmpeg, [
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=6", "-c:v", "libx265", "-preset", "ultrafast",
            "-crf", "34", "-pix_fmt", "yuv420p10le",
            "-x265-params", "log-level=error:keyint=25:min-keyint=25:scenecut=0:open-gop=0:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc",
            "-tag:v", "hvc1", original])
        #expect(made.status == 0, "\(made.stderr)")
        let answer = "\(dir)/answer-phone.mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 4, sound: .none))
        let retaken = "\(dir)/phone-retaken.mov", extended = "\(dir)/phone-extended.mov"
        _ = try await splice(original, answer, answerStart: 1, section: TimeWindow(start: 2.5, duration: 1), output: retaken)
        _ = try await extend(original, answer, duration: 2, output: extended)
        let before = try StreamDigests.pictures(original)
        for (out, frames) in [(retaken, 150), (extended, 200)] {
            try expectSetsOnlyInTheConfiguration(out, like: original)
            #expect(try HEVCTrack.read(out)?.sampleEntry == "hvc1")
            try await expectRemuxesKeepEveryPicture(out)
            let after = try StreamDigests.pictures(out)
            #expect(after.count == frames)
            // GOPs of 25: a retake encodes the section's two (frames 50-99) again, an extend none.
            if out == extended {
                #expect(Array(after.prefix(150)) == before)
            } else {
                #expect(Array(after.prefix(50)) == Array(before.prefix(50)) && Array(after.suffix(50)) == Array(before.suffix(50)))
            }
            try await expectLibde265DecodesAsFFmpeg(out, pixelFormat: "yuv420p10le", bytes: frames * 320 * 180 * 3)
        }
    }

    /// An `hev1` original whose keyframe samples carry their sets (as some cameras write it) keeps
    /// its form: `hev1`, the copied samples' sets still in band, every picture decoding alike in
    /// FFmpeg, in libde265 and after a remux to MPEG-TS and MP4.
    @Test func anHev1OriginalWithSetsInBandKeepsItsForm() async throws {
        let original = "\(dir)/camera.mp4"
        let made = try await ChildProcess.tool(Self.ffmpeg, [
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=6", "-c:v", "libx265", "-preset", "ultrafast",
            "-crf", "34", "-x265-params", "log-level=error:keyint=25:min-keyint=25:scenecut=0:open-gop=0:repeat-headers=1",
            "-tag:v", "hev1", original])
        #expect(made.status == 0, "\(made.stderr)")
        let source = try #require(try HEVCTrack.read(original))
        // The original as made: hev1, a VPS in each of the six keyframe samples.
        #expect(source.sampleEntry == "hev1" && source.sampleNALTypes.filter { $0.contains(32) }.count == 6)
        let answer = "\(dir)/answer-camera.mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 4, sound: .none))
        let out = "\(dir)/camera-retaken.mp4"
        let result = try await splice(original, answer, answerStart: 1, section: TimeWindow(start: 2.5, duration: 1), output: out).result
        #expect(result.wholeVideoReencoded == nil, "\(result)")
        let after = try #require(try HEVCTrack.read(out))
        #expect(after.sampleEntry == "hev1")
        // The copied keyframes (0, 25, 50, 100, 125: GOP 75-99 is encoded again) keep their sets in band.
        for keyframe in [0, 25, 50, 100, 125] { #expect(after.sampleNALTypes[keyframe].contains(32), "frame \(keyframe)") }
        try await expectRemuxesKeepEveryPicture(out)
        let before = try StreamDigests.pictures(original), pictures = try StreamDigests.pictures(out)
        #expect(pictures.count == 150 && Array(pictures.prefix(50)) == Array(before.prefix(50)) && Array(pictures.suffix(50)) == Array(before.suffix(50)))
        try await expectLibde265DecodesAsFFmpeg(out, pixelFormat: "yuv420p", bytes: 150 * 320 * 180 * 3 / 2)
    }

    /// An extend's join at the start of an HEVC clip: the extension's own sets before it, the clip's
    /// again before its first CRA (made a BLA), every picture of the clip decoding as it did.
    @Test(arguments: ["mkv", "mp4"])
    func anExtensionBeforeAnHEVCClipKeepsEveryPicture(_ container: String) async throws {
        let original = Fixtures.path("hevc_opengop_aac_12s.\(container)")
        let answer = "\(dir)/extension-\(container).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: 320, height: 180, frameRate: 25, duration: 4, sound: .tone(frequency: 660)))
        let out = "\(dir)/earlier.\(container)"
        _ = try await extend(original, answer, duration: 2, at: .start, output: out)
        let before = try StreamDigests.pictures(original), after = try StreamDigests.pictures(out)
        #expect(after.count == 350)
        #expect(Array(after.suffix(300)) == before)
        #expect(try MediaProbe.probeBlocking(out).primaryVideo?.codec == "hevc")
        try expectSetsOnlyInTheConfiguration(out, like: original)
        try await expectRemuxesKeepEveryPicture(out)
    }

    /// A phone's 10-bit HLG clip: the answer's SDR made HLG (not washed out, not clipped), the output
    /// tagged and turned as the input, its far pictures the input's.
    /// An answer half the clip's size is turned and made HLG at its own size, then scaled up in 10 bits.
    @Test(arguments: [180, 90])
    func aTenBitHLGClipGetsTheAnswerInItsOwnColour(answerWidth: Int) async throws {
        let original = Fixtures.path("hevc_hlg10_rotated_6s.mov")
        // The API answers upright: a portrait picture for this portrait clip.
        let answer = "\(dir)/upright-\(answerWidth).mp4"
        _ = try PatternClip.write(PatternClipSpec(output: answer, width: answerWidth, height: answerWidth * 16 / 9, frameRate: 25, duration: 4, sound: .none))
        let out = "\(dir)/hlg-\(answerWidth).mov"
        let text = try await splice(original, answer, answerStart: 1, section: TimeWindow(start: 2.5, duration: 1), output: out).text
        #expect(text.contains("converted to the original's BT.2020 HLG"), "\(text)")
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
