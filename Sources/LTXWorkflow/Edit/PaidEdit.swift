import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXSystem

/// One paid edit of the user's video, from the output's checks to the
/// answers put back into it: what retake, extend and reframe (and hdr)
/// share, written once. An edit plugs in with two things:
///
/// - its plan, as the `GenerationJob`s it pays for, each writing its answer
///   to `answerPath(call:)` (numbered from 1; the extension is the edit's:
///   "mp4" for a video, "zip" for frames);
/// - its put-back step (splice, join, merge, assemble), which reads the
///   answers and writes the output, given each job's outcome in order.
///
/// ```swift
/// let edit = PaidEdit(input: input, output: output, answerExtension: "zip")
/// try edit.checkOutput(dryRun: options.dryRun)   // before the input is read
/// let jobs = plan.pieces.indices.map { piece(plan, $0, answer: edit.answerPath(call: $0 + 1)) }
/// let ran = try await edit.run(jobs, approval: .total(plan.estimate), client: client, options: options,
///                              approve: approve, events: events) { outcomes throws(WorkflowError) in
///     try await assemble(jobs.map(\.output), into: output)
/// }
/// ```
///
/// The lifecycle does the rest, the same for every edit: an output that
/// exists is refused unless the journal says every job was put into a file
/// byte for byte it (`Ran.placedBefore`: nothing paid or written); each job
/// goes through `Generation.run` (journaled before it leaves, resumed by a
/// rerun); the answers stay beside the output until the put-back step has
/// written it, then are removed and the journal records where each job
/// went. A failed put-back keeps the answers and says so
/// (`WorkflowError.answersKept`); an interruption removes the answers a
/// rerun can fetch again without paying.
public struct PaidEdit: Sendable {
    public var input: String
    public var output: String
    /// The answers' file extension, as the API returns them.
    public var answerExtension: String

    public init(input: String, output: String, answerExtension: String = "mp4") {
        self.input = input
        self.output = output
        self.answerExtension = answerExtension
    }

    /// How the price is shown and approved.
    public enum Approval: Sendable {
        /// By each call, once its input is prepared, as `Generation.run`
        /// asks; a call the journal answers asks nothing.
        case eachCall
        /// The plan's total, shown and approved once before any call; the
        /// calls' own estimates are not shown again.
        case total(Pricing.Estimate?)
    }

    /// What a run did, with each job's outcome in order.
    public enum Ran<Placed: Sendable>: Sendable {
        /// The output already was this edit's result: nothing paid or written.
        case placedBefore([GenerationOutcome])
        /// The request shapes; nothing sent or written.
        case dryRun([GenerationOutcome])
        /// Paid (or resumed) and put back; `Placed` is what the put-back step wrote.
        case placed([GenerationOutcome], Placed)

        public var outcomes: [GenerationOutcome] {
            switch self {
            case .placedBefore(let outcomes), .dryRun(let outcomes), .placed(let outcomes, _): outcomes
            }
        }
    }

    /// Where call `call`'s answer is downloaded: a hidden file beside the
    /// output, the same on every run so that a rerun finds what the journal
    /// says was downloaded.
    public func answerPath(call: Int) -> String {
        Self.answerPath(for: output, call: call, extension: answerExtension)
    }

    static func answerPath(for output: String, call: Int, extension ext: String) -> String {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[...$0]) } ?? ""
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return "\(folder).\(name).answer-\(call).\(ext)"
    }

    /// The output is not the input (under any spelling), and, unless
    /// nothing is to be written, its folder can take it: decided before the
    /// input is read, so nothing is planned for an output that cannot be.
    public func checkOutput(dryRun: Bool) throws(WorkflowError) {
        if output == input || OutputFile.sameFile(input, output) { throw .outputIsInput(output: output, input: input) }
        if !dryRun { try OutputFolder.require(output) }
    }

    /// Pays `jobs` (each writing its answer to one of `answerPath(call:)`)
    /// and puts their answers back with `putBack`. `starting` hears of each
    /// call (from 0) before it is made; `received` sees each answer (not on
    /// a dry run) before the next call is paid, and throws to stop;
    /// `keptPieces` says where spliced answers go, for the error that keeps
    /// them when `putBack` fails.
    public func run<Placed: Sendable>(
        _ jobs: [GenerationJob], approval: Approval, client: LTXAPIClient, options: GenerationOptions,
        approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void,
        events: @escaping @Sendable (WorkflowEvent) -> Void,
        starting: (_ call: Int) -> Void = { _ in },
        received: (_ call: Int, GenerationOutcome) throws(WorkflowError) -> Void = { _, _ in },
        keptPieces: ([GenerationOutcome]) -> [SpliceJob.Piece] = { _ in [] },
        putBack: ([GenerationOutcome]) async throws(WorkflowError) -> Placed
    ) async throws(WorkflowError) -> Ran<Placed> {
        if !options.dryRun && !options.replaceOutput && OutputFile.exists(output) {
            // A rerun of an edit already put back: nothing to pay, nothing to write.
            if let done = try await placedBefore(jobs, options: options, client: client) { return .placedBefore(done) }
            throw .outputExists(output)
        }
        var callApproval = approve
        var callEvents = events
        if case .total(let estimate) = approval {
            events(.estimated(estimate))
            try await approve(estimate)
            // Approved once above: each call's own estimate would repeat it.
            callApproval = { _ in }
            callEvents = { event in
                if case .estimated = event { return }
                events(event)
            }
        }
        var callOptions = options
        // The answers are this edit's own files, named for the output.
        callOptions.replaceOutput = true
        var outcomes: [GenerationOutcome] = []
        for (i, job) in jobs.enumerated() {
            starting(i)
            do throws(WorkflowError) {
                outcomes.append(try await Generation.run(job, client: client, options: callOptions, approve: callApproval, events: callEvents))
            } catch {
                if case .cancelled = error { discardFetchable(jobs, outcomes) }
                throw error.naming(output)
            }
            if !options.dryRun { try received(i, outcomes[i]) }
        }
        if options.dryRun { return .dryRun(outcomes) }

        let placed: Placed
        do throws(WorkflowError) { placed = try await putBack(outcomes) } catch {
            if case .cancelled = error {
                discardFetchable(jobs, outcomes)
                throw error
            }
            throw .answersKept(error, KeptAnswers(input: input, answers: jobs.map(\.output), pieces: keptPieces(outcomes)))
        }
        for job in jobs { try? LocalFiles.remove(job.output) }
        try await recordPlacement(outcomes, options: options)
        return .placed(outcomes, placed)
    }

    /// Which file each paid result went into, so that `jobs` names it and a
    /// rerun knows it is done.
    private func recordPlacement(_ outcomes: [GenerationOutcome], options: GenerationOptions) async throws(WorkflowError) {
        guard let journal = options.journal else { return }
        let sha = try await PaidCall.sha256(output)
        for fingerprint in outcomes.compactMap(\.fingerprint) {
            do throws(JournalError) { try await journal.placed(fingerprint, into: output, sha256: sha) } catch { throw .journal(error) }
        }
    }

    /// When the journal says every one of `jobs` was put back into a file
    /// that is byte for byte the output as it is now (same SHA-256: the same
    /// path, another output of the same edit, or a copy of one), their
    /// outcomes; else nil.
    private func placedBefore(_ jobs: [GenerationJob], options: GenerationOptions,
                              client: LTXAPIClient) async throws(WorkflowError) -> [GenerationOutcome]? {
        guard let journal = options.journal, !jobs.isEmpty else { return nil }
        var outcomes: [GenerationOutcome] = []
        var sha: String?
        for job in jobs {
            let id = try await RequestIdentity.make(job, baseURL: client.configuration.baseURL.string)
            guard let entry = try await Generation.read(journal, id.fingerprint) else { return nil }
            let placements: [JournalPlacement]
            do throws(JournalError) { placements = try await journal.placements(id.fingerprint) } catch { throw .journal(error) }
            guard !placements.isEmpty else { return nil }
            if sha == nil { sha = try await PaidCall.sha256(output) }
            guard placements.contains(where: { $0.sha256 == sha }) else { return nil }
            outcomes.append(GenerationOutcome(request: nil, estimate: nil, fixes: [], jobID: entry.jobID, resumed: .alreadyDownloaded,
                                              sentWindow: entry.sentWindow, fingerprint: entry.fingerprint))
        }
        return outcomes
    }

    /// On an interruption, the answers fetched this run from a v2 job are
    /// removed: its result stays 24 hours and the journal has its URL, so a
    /// rerun fetches it again without paying. A synchronous call's answer has
    /// no URL, and one found on disk may be older than 24 hours: those stay
    /// beside the output, where the rerun finds them.
    private func discardFetchable(_ jobs: [GenerationJob], _ outcomes: [GenerationOutcome]) {
        for (job, outcome) in zip(jobs, outcomes) where outcome.jobID != nil && outcome.resumed != .alreadyDownloaded {
            try? LocalFiles.remove(job.output)
        }
    }
}
