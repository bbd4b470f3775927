import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight

/// Makes a file conform: check, plan, write beside the output, check the
/// result, rename it into place.
///
/// ```swift
/// let outcome = try await Fixer.fix("clip.webm", FixRequest(output: "clip.mp4")) { progress in
///     print(progress.framesDone, progress.framesExpected ?? 0)
/// }
/// ```
public enum Fixer {
    /// The check and the plan, without writing anything.
    public static func plan(_ input: String, _ request: FixRequest) async throws(FixError) -> (report: CheckReport, plan: FixPlan) {
        let report: CheckReport
        do throws(MediaError) { report = try await Preflight.check(input, request.check) } catch { throw .input(error) }
        return (report, try plan(report, request))
    }

    /// The plan for a check already made (pure).
    public static func plan(_ report: CheckReport, _ request: FixRequest) throws(FixError) -> FixPlan {
        switch FixPlanner.plan(report, options: request.options) {
        case .success(let plan):
            // A file that conforms as it is, asked for under its own kind of name
            // (a MOV as .mov), is copied byte for byte rather than rewrapped as MP4.
            if report.conformant, request.options.window == nil, plan.operations.allSatisfy({ $0.action == .remux && $0.rules.isEmpty }),
               OutputName.isOwnKind(request.output, of: report.media.container) {
                return FixPlanner.unchanged(section: report.effectiveSection)
            }
            return plan
        case .failure(let e): throw .plan(report.file, e)
        }
    }

    /// Checks `input`, then fixes it. Cancelling the calling task stops the
    /// work and removes the temporary file.
    public static func fix(_ input: String, _ request: FixRequest,
                           progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(FixError) -> FixOutcome {
        let report: CheckReport
        do throws(MediaError) { report = try await Preflight.check(input, request.check) } catch { throw .input(error) }
        return try await fix(report, request, progress: progress)
    }

    /// Fixes the file `report` describes, without probing it again; `given`
    /// is the plan `plan(report, request)` already returned, if the caller has it.
    /// `starting` hears the plan as it will be carried out, once the output
    /// is known to be writable and before anything is written (a fix can
    /// take minutes: a caller says what it will do first).
    public static func fix(_ report: CheckReport, _ request: FixRequest, plan given: FixPlan? = nil,
                           progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in },
                           starting: (FixPlan) -> Void = { _ in }) async throws(FixError) -> FixOutcome {
        let input = report.file
        var plan: FixPlan
        if let given { plan = given } else { plan = try Self.plan(report, request) }
        if OutputFile.sameFile(input, request.output) || input == request.output {
            throw .outputIsInput(input: input, output: request.output)
        }
        if request.checkExtension, let expected = OutputName.refusal(plan: plan, input: report.media.container, output: request.output) {
            throw .wrongExtension(input: input, output: request.output, expected: expected)
        }
        if OutputFile.exists(request.output) && !request.force { throw .outputExists(input: input, output: request.output) }
        guard OutputFile.folderExists(of: request.output) else {
            throw .write(input: input, MediaError(kind: .output, path: request.output, message: "its folder does not exist"))
        }
        if FixPlanner.needsKeyframe(plan, options: request.options), let window = plan.window {
            let cut: WindowCut?
            do throws(MediaError) { cut = try await BlockingExecutor.run { () throws(MediaError) in
                try MediaProbe.windowCut(from: window.start, to: window.end, copying: window.duration, in: input)
            } } catch { throw .input(error) }
            plan = FixPlanner.placeWindow(plan, cut: cut, frameRate: report.media.primaryVideo?.frameRate, options: request.options)
        }
        starting(plan)
        let file = OutputFile(path: request.output)
        do throws(FixError) {
            var result = try await write(input, plan, report: report, request: request, to: file, progress: progress)
            var outcome: FixOutcome
            var lowered = false
            while true {
                do throws(FixError) {
                    outcome = try await verify(input, plan, written: result, report: report, request: request, file: file)
                    break
                } catch {
                    // An average bit rate is a target, not a bound: one miss of the
                    // size limit is retried once, lower by as much as it missed. A
                    // window cut without a bit rate (copied, or at a CRF) is first
                    // re-encoded at the rate that fits it, which has its one retry too.
                    guard case .notConformant(_, let written) = error, !lowered,
                          let next = FixPlanner.lowered(plan, written: written, options: request.options) else { throw error }
                    lowered = bitRate(plan) != nil
                    plan = next
                    result = try await write(input, plan, report: report, request: request, to: file, progress: progress)
                }
            }
            do { try file.commit() } catch {
                throw FixError.write(input: input, MediaError(kind: .output, path: request.output, operation: "rename", code: -error.errno.rawValue,
                                                              message: error.message))
            }
            return outcome
        } catch {
            file.discardTemporary()
            throw error.naming(file)
        }
    }

    /// Progress as an `AsyncSequence`, the outcome as a task to await or cancel.
    public static func start(_ input: String, _ request: FixRequest) -> (progress: AsyncStream<TranscodeProgress>, outcome: Task<FixOutcome, any Error>) {
        let (stream, continuation) = AsyncStream<TranscodeProgress>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task { () throws -> FixOutcome in
            defer { continuation.finish() }
            return try await fix(input, request) { continuation.yield($0) }
        }
        return (stream, task)
    }

    // MARK: steps

    private static func write(_ input: String, _ plan: FixPlan, report: CheckReport, request: FixRequest, to file: OutputFile,
                              progress: @escaping @Sendable (TranscodeProgress) -> Void) async throws(FixError) -> Written {
        switch plan.output {
        case .unchanged:
            do { try file.copyIn(from: input) } catch {
                throw .write(input: input, MediaError(kind: .output, path: file.path, code: -error.errno.rawValue, message: error.message))
            }
            return Written()
        case .png:
            let temporary = file.temporary
            let ladder = OutputName.ladder(plan.imageLadder ?? [.png], output: request.checkExtension ? request.output : nil)
            let limit = report.sizeLimit(for: .image)
            let converted: ImageConverter.Result
            do throws(MediaError) {
                converted = try await BlockingExecutor.run { () throws(MediaError) in
                    try ImageConverter.convert(input: input, output: temporary, ladder: ladder) { encoding, bytes in
                        Int64(bytes) <= Delivery.fileBytes(fitting: limit, mimeType: encoding.mimeType)
                    }
                }
            } catch { throw .write(input: input, error) }
            if request.checkExtension, let expected = OutputName.refusal(image: converted.encoding.format, output: request.output) {
                throw .wrongExtension(input: input, output: request.output, expected: expected + ", the first format that fits")
            }
            return Written(image: converted)
        case .mp4, .m4a:
            let video = report.media.primaryVideo
            let expected = expectedFrames(plan, video: video)
            let job = TranscodeJob(input: input, output: file.temporary, format: plan.output == .m4a ? .m4a : .mp4,
                                   window: plan.window, video: plan.video, audio: plan.audio,
                                   padVideoToFrames: plan.padVideoToFrames, expectedFrames: expected)
            do throws(MediaError) {
                return Written(transcode: try await Transcoder.run(job, progress: progress))
            } catch {
                throw error.kind == .cancelled ? .cancelled(input: input) : .write(input: input, error)
            }
        }
    }

    /// The pictures the file written should hold: a window's at the input's
    /// rate (the planner's, `AssumedFrameRate`, when it has none), else the padded or the input's count.
    static func expectedFrames(_ plan: FixPlan, video: VideoStreamInfo?) -> Int? {
        plan.window.map { Int(($0.duration * AssumedFrameRate.of(video?.frameRate)).rounded()) }
            ?? plan.padVideoToFrames ?? video?.frameCount
    }

    /// What `write` made, besides the file.
    private struct Written {
        var transcode: TranscodeResult?
        var image: ImageConverter.Result?
    }

    /// Re-probes what was written and checks it as the API will.
    private static func verify(_ input: String, _ plan: FixPlan, written made: Written, report: CheckReport,
                               request: FixRequest, file: OutputFile) async throws(FixError) -> FixOutcome {
        let result = made.transcode
        if Task.isCancelled { throw .cancelled(input: input) }
        var check = request.check
        // Where the section starts in the window. A section from the clip's first instant starts on the
        // window's first picture, which a video starting a little after its sound (or after an Opus delay)
        // puts a few ms later.
        let sectionStart = result.flatMap { r in plan.section.map { max(0, $0.start - r.inputStart) } }
        if plan.window != nil, result != nil {
            check.section = plan.section.map { RetakeSection(start: sectionStart ?? 0, duration: $0.duration) }
        }
        var written: CheckReport
        do throws(MediaError) { written = try await Preflight.check(file.temporary, check) } catch { throw .write(input: input, error) }
        var window: FixOutcome.WindowMapping?
        if let w = plan.window, let result {
            // The length actually written: a copied window can end a few frames early.
            let fps = report.media.primaryVideo?.frameRate
            window = FixOutcome.WindowMapping(SentWindowSpan(inputStart: result.inputStart, duration: written.media.primaryVideo?.duration ?? w.duration),
                                              sectionStart: sectionStart, frameRate: fps)
        }
        written.file = request.output
        written.media.path = request.output
        guard written.conformant else { throw .notConformant(input: input, report: written) }
        var padding: FixOutcome.Padding?
        if let result, result.paddedFrames > 0, let v = report.media.primaryVideo {
            padding = FixOutcome.Padding(frames: result.paddedFrames, of: v)
        }
        return FixOutcome(input: input, output: request.output, plan: plan, window: window, padding: padding,
                          transcode: result, image: made.image, report: written)
    }
}

extension FixError {
    /// Errors about the temporary file are reported under the output's name.
    fileprivate func naming(_ file: OutputFile) -> FixError {
        guard case .write(let input, var e) = self, e.path == file.temporary else { return self }
        e.path = file.path
        return .write(input: input, e)
    }
}

/// The average rate a plan encodes at, video or audio; nil when it sets none.
private func bitRate(_ plan: FixPlan) -> Int? {
    if case .encode(let v) = plan.video, let rate = v.bitRate { return rate }
    if case .encode(let a) = plan.audio, let rate = a.bitRate { return rate }
    return nil
}
