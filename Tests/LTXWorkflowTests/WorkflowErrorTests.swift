import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight
import Testing
import LTXWorkflow

/// The library's errors carry their data and say it in its own terms: no
/// CLI flag (only `ltx-prep` knows those), one line, the path first.
@Suite struct WorkflowErrorTests {
    static let media = MediaError(kind: .unreadable, path: "in.mp4", message: "Invalid data found when processing input")
    static let finding = Finding(rule: .videoCodec, severity: .error, actual: "vp9", required: "h264")
    static let section = TimeWindow(start: 12, duration: 4)

    static let every: [WorkflowError] = [
        .outputExists("out.mp4"), .outputIsInput(output: "a.mp4", input: "a.mp4"), .outputFolderUnusable(folder: "no", output: "no/out.mp4", .missing, errno: 2),
        .outputFolderUnusable(folder: "ro", output: "ro/out.mp4", .notWritable, errno: 30),
        .resultNotWritten(path: "out.mp4", errno: 28, reason: "No space left on device", refetchable: true), .heldByAnotherRun(pid: 42, journaled: "then"),
        .outputHoldsOther(output: "out.mp4", result: "first.mp4", journaled: "retake at then"),
        .cannotRead(path: "a", reason: "Permission denied"), .cannotWrite(path: "a", reason: "No space left on device"),
        .unreadable(media), .unfixable(.outputExists(input: "in.mp4", output: "out.mp4")), .notAVideo(path: "in.m4a", found: .noPicture(container: "M4A"), work: .retake),
        .tooBigToUpload(path: "in.mp4", bytes: 2_000_000_000, limit: 1_000_000_000),
        .tooLongForEndpoint(path: "in.mp4", seconds: 75, limit: 60, endpoint: .extend),
        .breaksRequest(path: "in.mp4", findings: [finding]), .badURL(url: "https://x/a.mp4", finding: finding),
        .urlServesUnfixed(path: "in.mp4", rules: ["audio.aac-profile"]), .urlMissing, .urlTakesOneSection("in.mp4"),
        .modelRefused("ltx-2-pro was removed"), .providerTakesNoUpload(.segmind), .providerTakesNoModel(.segmind), .providerTakesNoResolution(.segmind),
        .noRetakeWindow(path: "in.mp4", .clipNeedsSection(seconds: 60, frames: 1440, maxWindow: 21)),
        .noRetakeWindow(path: "in.mp4", .sectionTooLong(seconds: 25, longest: 21, frameRate: 24)),
        .cannotSplice(path: "in.webm", reason: .webm), .cannotSplice(path: "in.flv", reason: .unwritable(.flv)),
        .spliceFailed(path: "in.mp4", media), .noSection("in.mp4"),
        .sectionOutsideClip(path: "in.mp4", section: section, clipDuration: 10),
        .sectionBeforeAnswer(path: "in.mp4", section: section, answerStart: 13),
        .sectionsOverlap(path: "in.mp4", first: section, second: TimeWindow(start: 14, duration: 2)),
        .answersKept(.spliceFailed(path: "in.mp4", media), KeptAnswers(input: "in.mp4", answers: ["out.1.mp4"],
                                                                       pieces: [SpliceJob.Piece(answer: "out.1.mp4", answerStart: 10, section: section)])),
        .noExtendWindow(path: "in.mp4", .addedOutOfRange(30)), .cannotExtend(path: "in.webm", reason: .webm),
        .joinFailed(path: "in.mp4", media), .answersKept(.joinFailed(path: "in.mp4", media), KeptAnswers(input: "in.mp4", answers: ["out.1.mp4"])),
        .costLimitUnpriced(provider: .segmind, summary: "this retake"), .overCostLimit(estimate: 0.36, limit: 0.1),
        .batchItemUnpriced(output: "out.mp4"), .overBatchBudget(output: "out.mp4", estimate: 0.5, remaining: 0.2), .notConfirmed,
        .sentBefore(.downloadedAndGone(output: "out.mp4", journaled: "then")), .sentBefore(.resultExpired(jobID: "j", journaled: "then")),
        .sentBefore(.noAnswer(journaled: "then")), .sentBefore(.jobFailed(jobID: "j", journaled: "then", reason: nil)),
        .sentBefore(.jobExpired(jobID: "j", journaled: "then")), .sentBefore(.windowUnknown(input: "in.mp4", call: 1, answer: "out.1.mp4")),
        .sendingElsewhere, .nothingToResume(fingerprint: "3f2a9c1b7d0e55", state: .failed), .nothingToResume(fingerprint: nil, state: nil),
        .noSuchRequest("zz"), .ambiguousRequest("3f2", matches: 2), .shardIndexMissing(count: 4), .folderBatchIncomplete("clips"),
        .badManifestItem("line 3: missing the field \"command\""), .client(.missingKey(.ltx)),
        .beyondEndpoint(path: "in.mp4", endpoint: .reframe, findings: [finding]), .mergeFailed(path: "in.mp4", media),
        .answersKept(.mergeFailed(path: "in.mp4", media), KeptAnswers(input: "in.mp4", answers: [".out.mp4.answer-1.mp4"])),
        .reframeRefused(.aspectNotOffered("4:3")), .reframeRefused(.noAspectOrSize), .reframeRefused(.sizeNotOfAspect("1920x1080", aspect: "9:16")),
        .reframeRefused(.sizeNotOffered("640x480")),
    ]

    @Test func noFlagInTheLibrarysWords() {
        for error in Self.every {
            #expect(!error.description.contains("--"), "\(error.description)")
            #expect(!error.description.contains("\n") && !error.description.isEmpty, "\(error.description)")
        }
    }

    /// Every case keeps the exit status its sentence had: only the API, the
    /// network and an interruption are not of the unusable kind.
    @Test func theKindIsUnusable() {
        for error in Self.every { #expect(error.kind == .unusable, "\(error.description)") }
    }

    /// What the spending rules refuse (a batch reports it as refused) and what they do not.
    @Test func refusals() {
        #expect(WorkflowError.outputExists("o").isRefusal && WorkflowError.notConfirmed.isRefusal
                && WorkflowError.sentBefore(.noAnswer(journaled: "then")).isRefusal && WorkflowError.overCostLimit(estimate: 2, limit: 1).isRefusal)
        #expect(!WorkflowError.notAVideo(path: "a", found: .stillImage(codec: "png"), work: .splice).isRefusal && !WorkflowError.unreadable(Self.media).isRefusal)
    }

    @Test func thePathComesFirst() {
        #expect(WorkflowError.outputExists("out.mp4").description == "out.mp4: already exists")
        #expect(WorkflowError.sectionOutsideClip(path: "in.mp4", section: Self.section, clipDuration: 10).description
                == "in.mp4: the section 12 s to 16 s is not inside the video (0 to 10 s)")
        #expect(WorkflowError.answersKept(.noSection("in.mp4"), KeptAnswers(input: "in.mp4", answers: ["a.1.mp4"], pieces: [
            SpliceJob.Piece(answer: "a.1.mp4", answerStart: 10, section: Self.section),
            SpliceJob.Piece(answer: "a.1.mp4", answerStart: 10, section: TimeWindow(start: 20, duration: 2)),
        ])).description == "in.mp4: no section to splice; the paid answers are kept: a.1.mp4")
    }
}
