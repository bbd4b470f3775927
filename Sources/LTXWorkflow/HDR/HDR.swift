import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight
import Logging
import Synchronization

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
    /// assembles the frames into the output, through the one paid-edit
    /// lifecycle (`PaidEdit`): the answers stay beside the output until the
    /// video is written.
    public static func run(_ job: HDRJob, client: LTXAPIClient, options: GenerationOptions = GenerationOptions(),
                           approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> HDROutcome {
        let edit = PaidEdit(input: job.input, output: job.output, answerExtension: "zip")
        try edit.checkOutput(dryRun: options.dryRun)
        if !options.dryRun {
            // The container is the output's name's: one the HDR video cannot be written in is refused before anything is paid.
            do throws(MediaError) { _ = try HDRAssembly.muxer(for: job.output) } catch {
                throw .hdrRefused(.outputContainer(path: job.output, reason: error.message))
            }
        }
        let plan = try await plan(job)
        let calls = plan.pieces.enumerated().map { i, piece in callJob(job, plan, piece, answer: edit.answerPath(call: i + 1)) }
        let ran = try await edit.run(calls, approval: .total(plan.estimate), client: client, options: options, approve: approve, events: events,
                                     starting: { i in events(.hdrPiece(index: i + 1, count: calls.count, plan.pieces[i])) }) { _ throws(WorkflowError) in
            try await assemble(job, plan, answers: calls.map(\.output), events: events)
        }
        switch ran {
        case .placedBefore(let done): return HDROutcome(plan: plan, generations: done, alreadyDone: true)
        case .dryRun(let shapes): return HDROutcome(plan: plan, generations: shapes)
        case .placed(let outcomes, let (report, written)): return HDROutcome(plan: plan, generations: outcomes, assembly: report, written: written)
        }
    }

    /// The pieces' frames as one HDR video, written beside the output and
    /// renamed once it reads back with the input's frame count.
    static func assemble(_ job: HDRJob, _ plan: HDRPlan, answers: [String],
                         events: @escaping @Sendable (WorkflowEvent) -> Void) async throws(WorkflowError) -> (HDRAssemblyReport, HDROutcome.Written) {
        // The temporary file keeps the output's extension: the assembly writes the container it names.
        let file = OutputFile(path: job.output, suffix: String(job.output.split(separator: ".").last ?? "mp4").lowercased())
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
            do { try file.commit() } catch {
                throw WorkflowError.cannotWrite(path: job.output, reason: "cannot rename into place: \(error.message)")
            }
            return (report, HDROutcome.Written(codec: v.codec, profile: v.profile, pixelFormat: v.pixelFormat, colorPrimaries: v.colorPrimaries,
                                               colorTransfer: v.colorTransfer, colorSpace: v.colorSpace, frames: v.frameCount,
                                               width: v.displayWidth, height: v.displayHeight, rotation: v.rotation, bytes: written.sizeBytes))
        } catch {
            file.discardTemporary()
            throw error
        }
    }
}

extension HDR {
    /// `run` with the client and journal `settings` name and its cost limit
    /// applied to the total before `confirm` is asked; the journal is closed after.
    public static func run(_ job: HDRJob, settings: CallSettings, logger: Logger,
                           confirm: @escaping CallSettings.Approval = { _ in },
                           events: @escaping @Sendable (WorkflowEvent) -> Void = { _ in }) async throws(WorkflowError) -> HDROutcome {
        try await settings.running("this HDR", provider: .ltx, logger: logger, confirm: confirm) { client, options, approve throws(WorkflowError) in
            try await run(job, client: client, options: options, approve: approve, events: events)
        }
    }
}
