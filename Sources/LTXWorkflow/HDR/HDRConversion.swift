import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HDR version of a whole SDR clip asked for.
public struct HDRJob: Sendable {
    public var input: String
    public var output: String
    /// PQ (HDR10) or HLG.
    public var transfer: HDRTransfer
    /// Where the frames are also kept as a numbered EXR sequence; nil: not kept.
    public var exrDirectory: String?
    /// Frames two neighbouring pieces share, crossfaded in linear light; 0: none.
    public var overlap: Int
    /// `output_colorspace` sent (`Catalogue.HDR.colorSpaces`); nil sends none: the API's `acescg`.
    public var colorSpace: String?
    public var delivery: Delivery
    public var fixOptions: FixOptions

    public init(input: String, output: String, transfer: HDRTransfer = .pq, exrDirectory: String? = nil, overlap: Int = 0,
                colorSpace: String? = nil, delivery: Delivery = .upload, fixOptions: FixOptions = FixOptions()) {
        self.input = input
        self.output = output
        self.transfer = transfer
        self.exrDirectory = exrDirectory
        self.overlap = overlap
        self.colorSpace = colorSpace
        self.delivery = delivery
        self.fixOptions = fixOptions
    }
}

/// Why a clip is not sent for HDR; nothing was paid.
public enum HDRRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The input's transfer already is PQ or HLG.
    case alreadyHDR(path: String, transfer: String)
    case cannotPlan(path: String, HDRPlanError)
    /// Not one of the API's `output_colorspace` names.
    case colorSpaceNotOffered(String)

    public var description: String {
        switch self {
        case .alreadyHDR(let path, let transfer): "\(path): is already HDR (\(transfer)); hdr makes HDR from an SDR video"
        case .cannotPlan(let path, let e): "\(path): \(e.description)"
        case .colorSpaceNotOffered(let name):
            "output colour space \(name) is not offered: \(Catalogue.HDR.colorSpaces.joined(separator: ", "))"
        }
    }
}

/// What an HDR conversion will do, decided once from one probe and one read of the packets.
public struct HDRPlan: Sendable, Codable, Equatable {
    public var pieces: [HDRPiece]
    /// Every piece's price together; nil where the tier has none documented (1440p).
    public var estimate: Pricing.Estimate?
    public var tier: String
    public var tierFrames: Int
    public var clipFrames: Int
    public var frameRate: Double
    public var width: Int
    public var height: Int
}

public struct HDROutcome: Sendable {
    public var plan: HDRPlan
    /// One per piece, in order (the dry run's request shapes, or what was paid).
    public var generations: [GenerationOutcome]
    /// Nil on a dry run and when `alreadyDone`.
    public var assembly: HDRAssemblyReport?
    public var written: Written?
    /// The output already was this conversion's result (the journal has its SHA-256): nothing was paid or written.
    public var alreadyDone = false

    /// The output as re-probed: what a player reads of it.
    public struct Written: Sendable, Codable, Equatable {
        public var codec: String
        public var profile: String?
        public var pixelFormat: String?
        public var colorPrimaries: String?
        public var colorTransfer: String?
        public var colorSpace: String?
        public var frames: Int
        public var width: Int
        public var height: Int
        public var rotation: Int
        public var bytes: Int64
    }
}

/// `ltx-prep hdr`: an SDR clip sent to `/v2/video-to-video-hdr` in pieces
/// within its tier's frame limit, the EXR frames that come back assembled
/// into one playable HDR video of the input's size, frames, rate and
/// rotation, with its audio copied.
///
/// ```swift
/// let outcome = try await HDR.run(HDRJob(input: "clip.mp4", output: "clip-hdr.mp4"), client: client)
/// print(outcome.plan.pieces.count, "pieces,", outcome.written?.colorTransfer ?? "-")
/// ```
public enum HDR {
    /// The plan, refusing in one line what no call can make: no video, an
    /// input already HDR, past 4K, an overlap a piece cannot hold.
    public static func plan(_ job: HDRJob) async throws(WorkflowError) -> HDRPlan {
        if let space = job.colorSpace, !Catalogue.HDR.colorSpaces.contains(space) { throw .hdrRefused(.colorSpaceNotOffered(space)) }
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(job.input) } catch { throw .unreadable(error) }
        let video = try media.video(for: .hdr)
        if let t = HDRTransfer(ffmpegName: video.colorTransfer) {
            throw .hdrRefused(.alreadyHDR(path: job.input, transfer: t.rawValue.uppercased()))
        }
        guard let tier = Catalogue.HDR.tier(width: video.displayWidth, height: video.displayHeight) else {
            throw .hdrRefused(.cannotPlan(path: job.input, .pastFourK(width: video.displayWidth, height: video.displayHeight)))
        }
        let read: VideoFrameTimes?
        do throws(MediaError) {
            read = try await BlockingExecutor.run { () throws(MediaError) in try MediaProbe.frameTimes(in: job.input) }
        } catch { throw .unreadable(error) }
        guard let frames = read, !frames.times.isEmpty else { throw .hdrRefused(.cannotPlan(path: job.input, .noFrames)) }
        let duration = video.duration ?? media.duration ?? 0
        let fps = video.frameRate ?? Double(frames.times.count) / max(duration, 0.001)
        let clipEnd = max(duration, (frames.times.last ?? 0) + 1 / max(fps, 1))
        // Only H.264 and HEVC pieces can be copied from a keyframe; any other codec is re-encoded for the API anyway.
        let copyable = ["h264", "hevc"].contains(video.codec) && job.delivery != .url
        var pieces: [HDRPiece]
        switch HDRPieces.plan(frameTimes: frames.times, clipEnd: clipEnd, tierFrames: tier.frames, tierName: tier.name,
                              keyframes: frames.keyframes, copyable: copyable, overlap: job.overlap) {
        case .success(let p): pieces = p
        case .failure(let e): throw .hdrRefused(.cannotPlan(path: job.input, e))
        }
        for (i, piece) in pieces.enumerated() where !piece.exact && pieces.count > 1 {
            let cut: WindowCut?
            do throws(MediaError) {
                cut = try await BlockingExecutor.run { () throws(MediaError) in
                    try MediaProbe.windowCut(from: piece.window.start, to: piece.window.end, in: job.input)
                }
            } catch { throw .unreadable(error) }
            pieces[i] = HDRPieces.settle(piece, cut: cut)
        }
        let estimate = Pricing.estimate(endpoint: .hdr, provider: .ltx, resolution: "\(video.displayWidth)x\(video.displayHeight)",
                                        seconds: HDRPieces.seconds(pieces))
        return HDRPlan(pieces: pieces, estimate: estimate, tier: tier.name, tierFrames: tier.frames, clipFrames: frames.times.count,
                       frameRate: fps, width: video.displayWidth, height: video.displayHeight)
    }

    /// The paid call that sends `piece`, its answer (a ZIP) written to `answer`.
    static func callJob(_ job: HDRJob, _ plan: HDRPlan, _ piece: HDRPiece, answer: String) -> GenerationJob {
        var fix = job.fixOptions
        let sent = piece.sent(clipFrames: plan.clipFrames)
        if sent.cuts { fix.window = sent }
        let check = CheckRequest(endpoint: .hdr, delivery: job.delivery)
        let space = job.colorSpace.flatMap(HDROutputColorSpace.init(rawValue:))
        var call = GenerationJob(endpoint: .hdr, inputs: [GenerationJob.Input(path: job.input, check: check, delivery: job.delivery)],
                                 output: answer, fixOptions: fix) { uris, _ in
            .hdr(HDRRequest(videoUri: uris[0], outputColorspace: space))
        } estimate: { _ in nil }
        // The piece's price as planned from its frames: the journal records the same figure.
        let estimate = Pricing.estimate(endpoint: .hdr, provider: .ltx, resolution: "\(plan.width)x\(plan.height)",
                                        seconds: HDRPieces.seconds([piece]))
        call.estimate = { _ in estimate }
        return call
    }

    /// Plans, asks `approve` once with the total, sends each piece (each
    /// journaled: a rerun pays nothing for a piece already paid), then
    /// assembles the frames into the output. The answers are kept beside the
    /// output until the video is written.
    public static func run(_ job: HDRJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> HDROutcome {
        if job.output == job.input || OutputFile.sameFile(job.input, job.output) {
            throw .outputIsInput(output: job.output, input: job.input)
        }
        if !options.dryRun { try OutputFolder.require(job.output) }
        let plan = try await plan(job)
        let calls = plan.pieces.enumerated().map { i, piece in callJob(job, plan, piece, answer: answerPath(for: job.output, piece: i + 1)) }
        if !options.dryRun && !options.replaceOutput && OutputFile.exists(job.output) {
            if let done = try await EditPlacement.placedBefore(calls, output: job.output, options: options, client: client) {
                return HDROutcome(plan: plan, generations: done, alreadyDone: true)
            }
            throw .outputExists(job.output)
        }
        events(.estimated(plan.estimate))
        try await approve(plan.estimate)
        var callOptions = options
        // The answers are this command's own files, named for the output.
        callOptions.replaceOutput = true
        var generations: [GenerationOutcome] = []
        var answers: [String] = []
        for (i, call) in calls.enumerated() {
            events(.hdrPiece(index: i + 1, count: calls.count, plan.pieces[i]))
            let outcome: GenerationOutcome
            do throws(WorkflowError) {
                // The total was shown and approved once above; each piece's own estimate would repeat it.
                outcome = try await Generation.run(call, client: client, options: callOptions, events: { event in
                    if case .estimated = event { return }
                    events(event)
                })
            } catch {
                if case .cancelled = error { WholeRetake.discardFetchable(answers, generations) }
                throw error.naming(job.output)
            }
            generations.append(outcome)
            if !options.dryRun { answers.append(call.output) }
        }
        if options.dryRun { return HDROutcome(plan: plan, generations: generations) }

        let assembled: (HDRAssemblyReport, HDROutcome.Written)
        do throws(WorkflowError) {
            assembled = try await assemble(job, plan, answers: answers, events: events)
        } catch {
            if case .cancelled = error {
                WholeRetake.discardFetchable(answers, generations)
                throw error
            }
            throw .answerKept(error, answer: answers.joined(separator: ", "))
        }
        for answer in answers { unlink(answer) }
        if let journal = options.journal {
            // Which file each paid piece went into, so that a rerun knows it is done.
            let sha = try await PaidCall.sha256(job.output)
            for fingerprint in generations.compactMap(\.fingerprint) {
                do throws(JournalError) { try await journal.placed(fingerprint, into: job.output, sha256: sha) } catch { throw .journal(error) }
            }
        }
        return HDROutcome(plan: plan, generations: generations, assembly: assembled.0, written: assembled.1)
    }

    /// The pieces' frames as one HDR video, written beside the output and
    /// renamed once it reads back with the input's frame count.
    static func assemble(_ job: HDRJob, _ plan: HDRPlan, answers: [String],
                         events: @escaping @Sendable (WorkflowEvent) -> Void) async throws(WorkflowError) -> (HDRAssemblyReport, HDROutcome.Written) {
        let file = OutputFile(path: job.output)
        let request = HDRAssemblyRequest(input: job.input,
                                         pieces: zip(answers, plan.pieces).map { HDRPieceAnswer(zip: $0, firstFrame: $1.firstFrame, frameCount: $1.frameCount) },
                                         output: file.temporary, transfer: job.transfer, exrDirectory: job.exrDirectory,
                                         assumedColorSpace: HDRColorSpace(rawValue: job.colorSpace ?? Catalogue.HDR.defaultColorSpace) ?? .acescg)
        let stop = Atomic<Bool>(false)
        do throws(WorkflowError) {
            let report: HDRAssemblyReport
            let attempt = await withTaskCancellationHandler { () async -> Result<HDRAssemblyReport, MediaError> in
                do throws(MediaError) {
                    return .success(try await BlockingExecutor.run { () throws(MediaError) in
                        try HDRAssembly.assemble(request, cancelled: { stop.load(ordering: .relaxed) }) { done, all in events(.assembling(done: done, of: all)) }
                    })
                } catch { return .failure(error) }
            } onCancel: {
                stop.store(true, ordering: .relaxed)
            }
            do throws(MediaError) { report = try attempt.get() } catch {
                if Task.isCancelled { throw WorkflowError.cancelled }
                throw WorkflowError.assemblyFailed(path: job.input, error)
            }
            let written: MediaInfo
            do throws(MediaError) { written = try await MediaProbe.probe(file.temporary) } catch {
                throw WorkflowError.unusable("\(job.input): the HDR video does not read back: \(error.description)")
            }
            guard let v = written.primaryVideo, v.frameCount == plan.clipFrames else {
                throw WorkflowError.unusable("\(job.input): the HDR video holds \(written.primaryVideo?.frameCount ?? 0) frames, not the input's \(plan.clipFrames); nothing was written")
            }
            if Task.isCancelled { throw WorkflowError.cancelled }
            if let err = file.commit() {
                throw WorkflowError.cannotWrite(path: job.output, reason: "cannot rename into place: \(String(cString: strerror(err)))")
            }
            return (report, HDROutcome.Written(codec: v.codec, profile: v.profile, pixelFormat: v.pixelFormat, colorPrimaries: v.colorPrimaries,
                                               colorTransfer: v.colorTransfer, colorSpace: v.colorSpace, frames: v.frameCount,
                                               width: v.displayWidth, height: v.displayHeight, rotation: v.rotation, bytes: written.sizeBytes))
        } catch {
            file.discardTemporary()
            throw error
        }
    }

    /// A hidden file beside the output, the same on every run so that a rerun
    /// finds what the journal says was downloaded.
    static func answerPath(for output: String, piece: Int) -> String {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[...$0]) } ?? ""
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return "\(folder).\(name).hdr-\(piece).zip"
    }
}

extension HDR {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied to the total before `confirm` is asked; the journal is closed after.
    public static func run(_ job: HDRJob, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> HDROutcome {
        try await settings.running(logger: logger, check: { estimate throws(WorkflowError) in
            try settings.checkCost(estimate, summary: "this HDR", provider: .ltx)
        }, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(job, client: client, options: options, approve: approve, events: events)
        }
    }
}
