import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight

/// What to put back where.
public struct SpliceRequest: Sendable {
    public var original: String
    /// Each answer and the section it replaces, on the original's timeline.
    public var pieces: [SpliceJob.Piece]
    /// Which of the answer's streams replace the original's inside the sections.
    public var mode: RetakeMode
    public var output: String
    public var force: Bool

    public init(original: String, pieces: [SpliceJob.Piece], mode: RetakeMode = .replaceAudioAndVideo, output: String, force: Bool = false) {
        self.original = original
        self.pieces = pieces
        self.mode = mode
        self.output = output
        self.force = force
    }
}

/// What a splice wrote and how it was checked.
public struct SpliceOutcome: Sendable, Codable, Equatable {
    public var original: String
    public var output: String
    public var mode: RetakeMode
    public var pieces: [SpliceJob.Piece]
    public var result: SpliceResult
    /// The output's frame count and coded size, re-probed: equal to the original's.
    public var frames: Int
    public var width: Int
    public var height: Int
    public var rotation: Int
}

/// Puts an answer (or several) back into the video it was cut from, writing
/// beside the output and renaming once the written file is re-probed and
/// holds the original's frame count and size.
///
/// ```swift
/// let outcome = try await Splicer.splice(SpliceRequest(
///     original: "clip.mp4",
///     pieces: [SpliceJob.Piece(answer: "answer.mp4", answerStart: 10, section: TimeWindow(start: 12, duration: 4))],
///     output: "clip-retaken.mp4"))
/// print(outcome.result.frames(.copied), "frames copied")
/// ```
public enum Splicer {
    public static func splice(_ request: SpliceRequest,
                              progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(WorkflowError) -> SpliceOutcome {
        let original: MediaInfo
        do throws(MediaError) { original = try await MediaProbe.probe(request.original) } catch { throw .unreadable(error) }
        let video = try original.video(for: .splice)
        if request.output == request.original || OutputFile.sameFile(request.original, request.output) {
            throw .outputIsInput(output: request.output, input: request.original)
        }
        if OutputFile.exists(request.output) && !request.force {
            throw .outputExists(request.output)
        }
        try OutputFolder.require(request.output)
        try validate(request.pieces, original: request.original, duration: video.duration ?? original.duration ?? 0)
        try await AnswerCoverage.check(request.pieces, original: original, replaceVideo: request.mode != .replaceAudio,
                                       replaceAudio: request.mode != .replaceVideo)

        let file = OutputFile(path: request.output)
        let job = SpliceJob(original: request.original, output: file.temporary,
                            container: OutputName.spliceContainer(original: original.container, output: request.output), pieces: request.pieces,
                            replaceVideo: request.mode != .replaceAudio, replaceAudio: request.mode != .replaceVideo)
        let (result, out) = try await write(job, into: file, original: request.original, frames: video.frameCount, file: "spliced file", whose: "the original's ",
                                            width: video.codedWidth, height: video.codedHeight, progress: progress) { .spliceFailed(path: request.original, $0) }
        return SpliceOutcome(original: request.original, output: request.output, mode: request.mode, pieces: request.pieces,
                             result: result, frames: out.frameCount, width: out.codedWidth, height: out.codedHeight, rotation: out.rotation)
    }

    /// Runs `job` into `file`'s temporary, probes what it wrote and renames it
    /// into place only when it holds `frames` pictures at `width`x`height`;
    /// on any failure the temporary is removed and nothing is written. What a
    /// retake's splice and an extend's join share.
    static func write(_ job: SpliceJob, into file: OutputFile, original: String, frames: Int, file noun: String, whose: String, width: Int, height: Int,
                      progress: @escaping @Sendable (TranscodeProgress) -> Void,
                      failed: (MediaError) -> WorkflowError) async throws(WorkflowError) -> (SpliceResult, VideoStreamInfo) {
        do throws(WorkflowError) {
            let result: SpliceResult
            do throws(MediaError) { result = try await SpliceWriter.run(job, progress: progress) } catch {
                if error.kind == .cancelled { throw WorkflowError.cancelled }
                throw failed(error)
            }
            let written: MediaInfo
            do throws(MediaError) { written = try await MediaProbe.probe(file.temporary) } catch {
                throw WorkflowError.unusable("\(original): the \(noun) does not read back: \(error.description)")
            }
            guard let out = written.primaryVideo, out.frameCount == frames, out.codedWidth == width, out.codedHeight == height else {
                let got = written.primaryVideo.map { "\($0.frameCount) frames \($0.codedWidth)x\($0.codedHeight)" } ?? "no video"
                throw WorkflowError.unusable("\(original): the \(noun) has \(got), not \(whose)\(frames) frames \(width)x\(height); nothing was written")
            }
            // A signal that came while the file was read back: it does not take the output's name.
            if Task.isCancelled { throw WorkflowError.cancelled }
            do { try file.commit() } catch {
                throw WorkflowError.cannotWrite(path: file.path, reason: "cannot rename into place: \(error.message)")
            }
            return (result, out)
        } catch {
            file.discardTemporary()
            throw error
        }
    }

    /// Sections inside the original, not overlapping, each inside its answer's span start.
    static func validate(_ pieces: [SpliceJob.Piece], original: String, duration: Double) throws(WorkflowError) {
        guard !pieces.isEmpty else { throw .noSection(original) }
        let sorted = pieces.sorted { $0.section.start < $1.section.start }
        for (i, p) in sorted.enumerated() {
            guard p.section.start >= 0, p.section.duration > 0, p.section.end <= duration + 0.001 else {
                throw .sectionOutsideClip(path: original, section: p.section, clipDuration: duration)
            }
            guard p.section.start >= p.answerStart - 0.001 else {
                throw .sectionBeforeAnswer(path: original, section: p.section, answerStart: p.answerStart)
            }
            if i > 0, sorted[i - 1].section.end > p.section.start + 0.001 {
                throw .sectionsOverlap(path: original, first: sorted[i - 1].section, second: p.section)
            }
        }
    }
}
