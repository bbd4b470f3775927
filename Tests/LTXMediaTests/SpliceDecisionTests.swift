@testable import LTXMedia
import Testing

/// The splice's decision (GOPs or the whole video and why, the decoder's
/// threads, the sound's lane) from made-up originals and jobs: no file, no FFmpeg.
@Suite struct SpliceDecisionTests {
    /// A 1080p H.264 MP4 with an `avcC`, every packet timed, with sound.
    func original(_ codec: SpliceOriginal.Codec = .h264(configured: true), sampleEntry: String? = "avc1", timed: Bool = true,
                  width: Int = 1920, height: Int = 1080, audio: Bool = true) -> SpliceOriginal {
        SpliceOriginal(codec: codec, sampleEntry: sampleEntry, timestampsComplete: timed, width: width, height: height, hasAudio: audio)
    }

    /// One section, 2 s to 4 s.
    func retake(video: Bool = true, audio: Bool = true) -> SpliceJob {
        SpliceJob(original: "in.mp4", output: "out.mp4", container: .mp4,
                  pieces: [SpliceJob.Piece(answer: "a.mp4", answerStart: 1, section: TimeWindow(start: 2, duration: 2))],
                  replaceVideo: video, replaceAudio: audio)
    }

    func extend(at edge: SpliceJob.Extension.Edge) -> SpliceJob {
        SpliceJob(original: "in.mp4", output: "out.mp4", container: .mp4,
                  extension: SpliceJob.Extension(answer: "a.mp4", edge: edge, frames: 48, answerStart: 1))
    }

    @Test func anH264OriginalWithItsSetsInAnAvcCIsSplicedByGOPs() {
        let d = SpliceDecision(original: original(), job: retake())
        #expect(d == SpliceDecision(strategy: .gops, leadingInRun: false, setsInBand: false, decoderThreads: 0, audio: .sections(inPlace: true)))
    }

    @Test func eachReasonForEncodingTheWholeVideo() {
        let cases: [(SpliceOriginal, WholeVideoReason)] = [
            (original(.hevc(configured: false, idsLeft: false), sampleEntry: "hev1"), .hevcWithoutConfiguration),
            (original(.hevc(configured: true, idsLeft: true), sampleEntry: "hvc1", timed: false), .timestampsMissing),
            (original(.hevc(configured: true, idsLeft: false), sampleEntry: "hvc1"), .hevcParameterSetIDsTaken),
            (original(.other("prores"), sampleEntry: "apch"), .uncopyableCodec("prores")),
            (original(.h264(configured: false), sampleEntry: nil), .h264SetsInBand),
            (original(timed: false), .timestampsMissing),
        ]
        for (described, reason) in cases {
            let d = SpliceDecision(original: described, job: retake())
            #expect(d.strategy == .wholeVideo(reason) && d.wholeVideo == reason && !d.leadingInRun, "\(described)")
        }
    }

    /// The order of the HEVC branches: no `hvcC` is said before missing timestamps, those before ids.
    @Test func theFirstReasonThatHoldsIsTheOneGiven() {
        #expect(SpliceDecision.wholeVideoReason(original(.hevc(configured: false, idsLeft: false), timed: false)) == .hevcWithoutConfiguration)
        #expect(SpliceDecision.wholeVideoReason(original(.hevc(configured: true, idsLeft: false), timed: false)) == .timestampsMissing)
        #expect(SpliceDecision.wholeVideoReason(original(.h264(configured: false), timed: false)) == .h264SetsInBand)
        #expect(SpliceDecision.wholeVideoReason(original(.other("mpeg4"), timed: false)) == .uncopyableCodec("mpeg4"))
    }

    /// The sentences the splice prints as its note, word for word.
    @Test func eachReasonReadsAsTheNoteItPrints() {
        #expect(WholeVideoReason.hevcWithoutConfiguration.description
            == "the original's HEVC carries no hvcC to splice beside: the whole video is encoded once")
        #expect(WholeVideoReason.timestampsMissing.description
            == "some of the original's packets have no timestamps: the whole video is encoded once")
        #expect(WholeVideoReason.hevcParameterSetIDsTaken.description
            == "the original's HEVC parameter sets leave no ids for the re-encoded pictures' own: the whole video is encoded once")
        #expect(WholeVideoReason.uncopyableCodec("prores").description
            == "the original's codec cannot be copied into its own container beside new pictures: the whole video is encoded once as H.264")
        #expect(WholeVideoReason.h264SetsInBand.description
            == "the original's H.264 carries its parameter sets in band: the whole video is encoded once")
    }

    /// Nothing of the video changes (replace_audio): whatever the original, its GOPs are copied.
    @Test func aSpliceOfTheSoundAloneCopiesEveryGOP() {
        let d = SpliceDecision(original: original(.other("prores"), timed: false), job: retake(video: false))
        #expect(d.strategy == .gops && d.audio == .sections(inPlace: true))
        let hevc = SpliceDecision(original: original(.hevc(configured: false, idsLeft: false)), job: retake(video: false))
        #expect(hevc.strategy == .gops && !hevc.leadingInRun)
    }

    /// HEVC beside its own GOPs: runs take the next open GOP's leading pictures; an hev1 original keeps its sets in band.
    @Test func hevcByGOPsLendsLeadingPicturesAndKeepsItsSampleEntry() {
        let hvc1 = SpliceDecision(original: original(.hevc(configured: true, idsLeft: true), sampleEntry: "hvc1"), job: retake())
        #expect(hvc1 == SpliceDecision(strategy: .gops, leadingInRun: true, setsInBand: false, decoderThreads: 0, audio: .sections(inPlace: true)))
        let hev1 = SpliceDecision(original: original(.hevc(configured: true, idsLeft: true), sampleEntry: "hev1"), job: retake())
        #expect(hev1.leadingInRun && hev1.setsInBand)
        // In Matroska there is no sample entry, so nothing says the sets are in band.
        #expect(!SpliceDecision(original: original(.hevc(configured: true, idsLeft: true), sampleEntry: nil), job: retake()).setsInBand)
    }

    /// One decoder thread past 2560x1440 (3,686,400 pixels), FFmpeg's choice (0) up to it.
    @Test func theDecoderTakesOneThreadPast1440p() {
        let threads = { (w: Int, h: Int) in SpliceDecision(original: original(width: w, height: h), job: retake()).decoderThreads }
        #expect(threads(1920, 1080) == 0)
        #expect(threads(2560, 1440) == 0)
        #expect(threads(2560, 1441) == 1)
        #expect(threads(3840, 2160) == 1)
        #expect(threads(1440, 2560) == 0)
    }

    @Test func eachAudioLane() {
        let lane = { (job: SpliceJob) in SpliceDecision(original: self.original(), job: job).audio }
        #expect(lane(retake()) == .sections(inPlace: true))
        #expect(lane(retake(video: true, audio: false)) == .copied)
        var whole = retake()
        whole.soundInPlace = false
        #expect(lane(whole) == .sections(inPlace: false))
        #expect(lane(extend(at: .end)) == .extensionAt(.end, inPlace: true))
        #expect(lane(extend(at: .start)) == .extensionAt(.start, inPlace: false))
        var extendWhole = extend(at: .end)
        extendWhole.soundInPlace = false
        #expect(lane(extendWhole) == .extensionAt(.end, inPlace: false))
        // No section at all: the sound is copied.
        #expect(lane(SpliceJob(original: "in.mp4", output: "out.mp4", container: .mp4, pieces: [], replaceVideo: true, replaceAudio: true)) == .copied)
        // No sound: no lane.
        #expect(SpliceDecision(original: original(audio: false), job: retake()).audio == nil)
    }

    /// An extend changes the video though no section does: the same reasons hold for it.
    @Test func anExtendOfAnUncopyableOriginalEncodesTheWholeVideo() {
        #expect(SpliceDecision(original: original(.h264(configured: false)), job: extend(at: .end)).strategy == .wholeVideo(.h264SetsInBand))
        #expect(SpliceDecision(original: original(), job: extend(at: .start)).strategy == .gops)
    }
}
