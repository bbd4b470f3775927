import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reframe asked for: the whole of `input` at one of reframe's sizes.
public struct ReframeJob: Sendable {
    public var input: String
    /// One of `Catalogue.Reframe.sizes` (`"1080x1920"`...); any other is refused with the list.
    public var resolution: String
    public var delivery: Delivery
    /// With `delivery` `.url`: the input's https URL, which the API fetches.
    public var url: String?
    public var output: String
    public var fixOptions: FixOptions

    public init(input: String, resolution: String, delivery: Delivery = .upload, url: String? = nil, output: String,
                fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.resolution = resolution
        self.delivery = delivery
        self.url = url
        self.output = output
        self.fixOptions = fixOptions
    }

    /// The aspects reframe offers, as `--to` names them: 1:1, 4:5, 5:4, 9:16, 16:9.
    public static var aspects: [String] { Catalogue.Reframe.sizes.map(\.aspect) }

    /// The sizes reframe offers for `aspect`; empty for an aspect it does not offer.
    public static func sizes(aspect: String) -> [String] {
        Catalogue.Reframe.sizes.first { $0.aspect == aspect }?.sizes ?? []
    }

    /// The 1080 class of `aspect` (`1080x1920` for 9:16); nil for an aspect reframe does not offer.
    public static func defaultResolution(aspect: String) -> String? { sizes(aspect: aspect).last }

    /// Why `resolution` cannot be asked (for `aspect`, when one is given),
    /// naming the sizes that can; nil when it can.
    public static func refusal(resolution: String?, aspect: String?) -> ReframeRefusal? {
        if let aspect, sizes(aspect: aspect).isEmpty { return .aspectNotOffered(aspect) }
        guard let resolution else { return aspect == nil ? .noAspectOrSize : nil }
        if let aspect {
            return sizes(aspect: aspect).contains(resolution) ? nil : .sizeNotOfAspect(resolution, aspect: aspect)
        }
        return ReframeSize(rawValue: resolution) != nil ? nil : .sizeNotOffered(resolution)
    }

    /// The one paid call, its answer written to `answer`.
    func call(_ size: ReframeSize, answer: String) -> GenerationJob {
        .reframe(input: input, resolution: size, delivery: delivery, url: url, output: answer, fixOptions: fixOptions)
    }
}

/// Why a reframe's aspect or size cannot be asked, before anything is read.
public enum ReframeRefusal: Sendable, Equatable, CustomStringConvertible {
    /// Reframe does not make this aspect.
    case aspectNotOffered(String)
    /// Neither the aspect nor the size was given.
    case noAspectOrSize
    /// The size is not one reframe makes at the aspect asked.
    case sizeNotOfAspect(String, aspect: String)
    /// The size is not one reframe makes at any aspect.
    case sizeNotOffered(String)

    public var description: String {
        switch self {
        case .aspectNotOffered(let aspect): "the aspect \(aspect): reframe offers \(ReframeJob.aspects.joined(separator: ", "))"
        case .noAspectOrSize: "give the aspect or the size"
        case .sizeNotOfAspect(let size, let aspect):
            "\(size) is not a \(aspect) size: reframe makes \(aspect) at \(ReframeJob.sizes(aspect: aspect).joined(separator: " or "))"
        case .sizeNotOffered(let size):
            "resolution \(size) is not a reframe size: " + Catalogue.Reframe.sizes.map { "\($0.sizes.joined(separator: ", ")) (\($0.aspect))" }.joined(separator: ", ")
        }
    }
}

/// What a reframe did.
public struct ReframeOutcome: Sendable {
    /// The call: its request, estimate, fix, job and answer (written beside
    /// the output, then merged into it and removed).
    public var generation: GenerationOutcome
    public var input: String
    public var output: String
    public var resolution: String
    /// Nil on a dry run.
    public var written: Written?
    /// The output already was this reframe's result, made by an earlier run
    /// (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone = false

    /// The output as re-probed.
    public struct Written: Sendable, Codable, Equatable {
        public var width: Int
        public var height: Int
        public var frames: Int
        /// The input's frames: the answer keeps every one.
        public var inputFrames: Int
        /// `copied`: the input's own audio packets, bit for bit; `answer`:
        /// the API's (the input's cannot be copied into MP4); nil: no audio.
        public var audio: String?
        public var audioPackets: Int
        public var bytes: Int64

        public var framesKept: Bool { frames == inputFrames }
    }
}

/// `ltx-prep reframe`: the whole video at another aspect, the area the
/// picture does not cover outpainted by the model, with the input's own
/// audio and every one of its frames.
///
/// ```swift
/// let outcome = try await Reframe.run(ReframeJob(input: "clip.mp4", resolution: "1080x1920", output: "clip-9x16.mp4"),
///                                     client: client)
/// print(outcome.written?.frames ?? 0, "frames at", outcome.resolution)
/// ```
public enum Reframe {
    /// Checks the input against reframe's limits (60 s, 1800 frames, 200 MB)
    /// before anything is fixed, uploaded or paid (one line saying which and
    /// by how much); fixes it if its container or codecs must change; sends
    /// it as a v2 job, journaled as every paid call (`Generation.run`);
    /// then writes the answer's video with the input's own audio stream,
    /// its packets copied unchanged, to a temporary file renamed into place,
    /// and re-probes it: the asked size, and the input's frame count (said
    /// in the outcome). `approve` sees the estimate (per second of input at
    /// the output's tier; nil where no price is documented) before anything
    /// is paid, and throws to stop.
    public static func run(_ job: ReframeJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ReframeOutcome {
        if let why = ReframeJob.refusal(resolution: job.resolution, aspect: nil) { throw .reframeRefused(why) }
        guard let size = ReframeSize(rawValue: job.resolution) else { throw .reframeRefused(.sizeNotOffered(job.resolution)) }
        if job.output == job.input || OutputFile.sameFile(job.input, job.output) {
            throw .outputIsInput(output: job.output, input: job.input)
        }
        if !options.dryRun { try OutputFolder.require(job.output) }
        let media = try await admit(job)
        let answer = answerPath(for: job.output)
        let call = job.call(size, answer: answer)
        if !options.dryRun && !options.replaceOutput && OutputFile.exists(job.output) {
            if let done = try await EditPlacement.placedBefore([call], output: job.output, options: options, client: client) {
                return ReframeOutcome(generation: done[0], input: job.input, output: job.output, resolution: job.resolution, alreadyDone: true)
            }
            throw .outputExists(job.output)
        }
        // The answer is this command's own file, named for the output.
        var callOptions = options
        callOptions.replaceOutput = true
        let generation: GenerationOutcome
        do throws(WorkflowError) {
            generation = try await Generation.run(call, client: client, options: callOptions, approve: approve, events: events)
        } catch { throw error.naming(job.output) }
        var outcome = ReframeOutcome(generation: generation, input: job.input, output: job.output, resolution: job.resolution)
        if options.dryRun { return outcome }
        do throws(WorkflowError) {
            outcome.written = try await merge(answer: answer, input: job.input, inputMedia: media, output: job.output, size: size)
        } catch {
            // Interrupted: the rerun fetches the answer again, free, from the URL the journal keeps.
            if case .cancelled = error { WholeRetake.discardFetchable([answer], [generation]) }
            throw error
        }
        unlink(answer)
        if let journal = options.journal, let fingerprint = generation.fingerprint {
            // Which file the paid result went into, so that a rerun knows it is done.
            let sha = try await PaidCall.sha256(job.output)
            do throws(JournalError) { try await journal.placed(fingerprint, into: job.output, sha256: sha) } catch { throw .journal(error) }
        }
        return outcome
    }

    /// The input's probe, once it is known to be within reframe's limits:
    /// what no fix can mend (longer than 60 s, more than 1800 frames) is
    /// refused here in one line, before anything is uploaded.
    static func admit(_ job: ReframeJob) async throws(WorkflowError) -> MediaInfo {
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(job.input) } catch { throw .unreadable(error) }
        _ = try media.video(for: .reframe)
        let report: CheckReport
        switch Preflight.evaluate(media, CheckRequest(endpoint: .reframe, delivery: job.delivery)) {
        case .success(let r): report = r
        case .failure(let e): throw .unreadable(e)
        }
        let unfixable = report.findings.filter { $0.severity == .error && $0.fixAction == .unfixable }
        if !unfixable.isEmpty {
            throw .beyondEndpoint(path: job.input, endpoint: .reframe, findings: unfixable)
        }
        return media
    }

    /// The answer's video and the input's audio, merged beside the output
    /// and renamed into place once it reads back at the asked size.
    static func merge(answer: String, input: String, inputMedia: MediaInfo, output: String, size: ReframeSize) async throws(WorkflowError) -> ReframeOutcome.Written {
        let asked = size.rawValue.split(separator: "x").compactMap { Int($0) }
        let file = OutputFile(path: output)
        do throws(WorkflowError) {
            let (merged, audio): (StreamMergeResult, String?)
            do throws(MediaError) {
                (merged, audio) = try await mergeStreams(answer: answer, input: input, hasAudio: inputMedia.primaryAudio != nil, output: file.temporary)
            } catch {
                throw WorkflowError.mergeFailed(path: input, answer: answer, error)
            }
            let written: MediaInfo
            do throws(MediaError) { written = try await MediaProbe.probe(file.temporary) } catch {
                throw WorkflowError.unusable("\(input): the reframed file does not read back: \(error.description)")
            }
            guard let v = written.primaryVideo, asked.count == 2, v.displayWidth == asked[0], v.displayHeight == asked[1] else {
                let got = written.primaryVideo.map { "\($0.displayWidth)x\($0.displayHeight)" } ?? "no video"
                throw WorkflowError.unusable("\(input): the answer is \(got), not the \(size.rawValue) asked; it is kept at \(answer); nothing was written")
            }
            if Task.isCancelled { throw WorkflowError.cancelled }
            if let err = file.commit() {
                throw WorkflowError.cannotWrite(path: output, reason: "cannot rename into place: \(String(cString: strerror(err)))")
            }
            return ReframeOutcome.Written(width: v.displayWidth, height: v.displayHeight, frames: v.frameCount,
                                          inputFrames: inputMedia.primaryVideo?.frameCount ?? 0, audio: audio,
                                          audioPackets: merged.audioPackets, bytes: written.sizeBytes)
        } catch {
            file.discardTemporary()
            throw error
        }
    }

    /// The answer's video with the input's audio (`copied`); where the input's
    /// codec has no place in MP4 (PCM, say), the answer's own (`answer`).
    private static func mergeStreams(answer: String, input: String, hasAudio: Bool, output: String) async throws(MediaError) -> (StreamMergeResult, String?) {
        guard hasAudio else { return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: nil, output: output)), nil) }
        do throws(MediaError) {
            return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: input, output: output)), "copied")
        } catch where error.kind == .unsupported {
            unlink(output)
            do throws(MediaError) {
                return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: answer, output: output)), "answer")
            } catch where error.kind == .noStreams {
                unlink(output)
                return (try await StreamMerge.run(StreamMergeJob(video: answer, audio: nil, output: output)), nil)
            }
        }
    }

    /// A hidden file beside the output, the same on every run so that a
    /// rerun finds what the journal says was downloaded.
    static func answerPath(for output: String) -> String {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[...$0]) } ?? ""
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return "\(folder).\(name).answer.mp4"
    }
}

extension Reframe {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied before `confirm` is asked; the journal is closed after.
    public static func run(_ job: ReframeJob, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> ReframeOutcome {
        try await settings.running(logger: logger, check: { estimate throws(WorkflowError) in
            try settings.checkCost(estimate, summary: "this reframe", provider: .ltx)
        }, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(job, client: client, options: options, approve: approve, events: events)
        }
    }
}
