import LTXClient
import LTXContract
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import LTXSystem

/// Why a workflow stopped. Each case maps to one exit status of the CLI.
///
/// A case carries what went wrong (paths, seconds, dollars), not a sentence
/// for one front end: `description` says it in the library's terms, and a
/// front end (the CLI) may add how its own options get past it.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    // MARK: the output

    /// The output exists and replacing it was not allowed.
    case outputExists(String)
    /// The output names the input (any spelling of its path): the input is never written.
    case outputIsInput(output: String, input: String)
    /// Nothing can be written into the output's `folder` (missing, not a
    /// folder, read-only: the system's `errno`): said before anything is sent.
    case outputFolderUnusable(folder: String, output: String, OutputFile.FolderProblem, errno: Int32)
    /// The output exists, and is not the journal's result of this request,
    /// which was written to `result` (`journaled`: when and what it was).
    case outputHoldsOther(output: String, result: String, journaled: String)
    /// A file or folder cannot be read: the system's reason.
    case cannotRead(path: String, reason: String)
    /// A file cannot be written or put in place: the system's reason.
    case cannotWrite(path: String, reason: String)
    /// The paid result could not be written to `path` (a full disk, a folder
    /// removed meanwhile): the system's `errno` and its message. Not the
    /// network's fault, and not retried; `refetchable`: the journal holds the
    /// result's URL, so a rerun fetches it without paying.
    case resultNotWritten(path: String, errno: Int32, reason: String, refetchable: Bool)

    // MARK: the inputs

    /// An input cannot be read as media.
    case unreadable(MediaError)
    /// An input breaks a rule and its fix failed.
    case unfixable(FixError)
    /// The file is not a video (a still image, audio only) and `work` needs one.
    case notAVideo(path: String, found: NotAVideo, work: VideoWork)
    /// The file is bigger than an upload takes.
    case tooBigToUpload(path: String, bytes: Int64, limit: Int64)
    /// The input is longer than `endpoint` takes (a reframe takes at most 60 s).
    case tooLongForEndpoint(path: String, seconds: Double, limit: Double, endpoint: Endpoint)
    /// The request's own parameters break rules no fix of the file can mend
    /// (a prompt too long, a section out of range): the check's findings.
    case breaksRequest(path: String, findings: [Finding])
    /// The URL the API would fetch the input from breaks a rule.
    case badURL(url: String, finding: Finding)
    /// Delivered by URL, the file is fetched as it is, and it breaks these rules.
    case urlServesUnfixed(path: String, rules: [String])
    /// What no fix can mend puts the file beyond what `endpoint` takes (a
    /// reframe: 60 s, 1800 frames): the findings, nothing sent.
    case beyondEndpoint(path: String, endpoint: Endpoint, findings: [Finding])
    /// Delivery by URL was asked for without the URL.
    case urlMissing
    /// Delivered by URL, the whole file is sent, so for one section only; more were given.
    case urlTakesOneSection(String)

    // MARK: the request

    /// The model catalogue refuses the request (a removed model, a cell outside
    /// its matrix): the catalogue's own line.
    case modelRefused(String)
    /// The provider takes no upload (Segmind: a data URI or an https URL).
    case providerTakesNoUpload(Provider)
    /// The provider's retake takes no model.
    case providerTakesNoModel(Provider)
    /// The provider's retake takes no resolution.
    case providerTakesNoResolution(Provider)

    // MARK: a retake and its splice

    /// No retake window can be planned for the sections in this file.
    case noRetakeWindow(path: String, FixPlanError)
    /// The video cannot be spliced into, in the container the output would be.
    case cannotSplice(path: String, reason: SpliceRefusal)
    /// The splice itself failed.
    case spliceFailed(path: String, MediaError)
    /// A splice was asked for with no section.
    case noSection(String)
    /// A section is not inside the clip (0 to `clipDuration`).
    case sectionOutsideClip(path: String, section: TimeWindow, clipDuration: Double)
    /// A section starts before the window its answer was cut from.
    case sectionBeforeAnswer(path: String, section: TimeWindow, answerStart: Double)
    /// Two sections overlap.
    case sectionsOverlap(path: String, first: TimeWindow, second: TimeWindow)
    /// An answer's pictures (or, when its sound is taken, its sound) end
    /// before its section, or it is a still image: nothing was written.
    case answerShort(AnswerCoverage, original: String, section: TimeWindow)

    // MARK: a reframe

    /// The aspect or size asked of a reframe is not one it makes.
    case reframeRefused(ReframeRefusal)
    /// The reframed answer and the input's audio could not be put together.
    case mergeFailed(path: String, MediaError)

    // MARK: an HDR conversion

    /// The input cannot be made HDR as asked; nothing was sent.
    case hdrRefused(HDRRefusal)
    /// The EXR frames could not be assembled into the HDR video.
    case assemblyFailed(path: String, MediaError)

    // MARK: an extend and its join

    /// No context can be planned for the extension asked of this file.
    case noExtendWindow(path: String, ExtendPlanError)
    /// An extension cannot be joined onto the video, in the container the output would be.
    case cannotExtend(path: String, reason: SpliceRefusal)
    /// Joining the extension onto the input failed.
    case joinFailed(path: String, MediaError)
    /// An extend's answer holds fewer pictures than the extension adds: nothing was written.
    case answerShortOfExtension(AnswerCoverage, seconds: Double, frames: Int)

    // MARK: any paid edit

    /// An edit's put-back step (splice, join, merge, assemble) failed after
    /// its calls were paid: the answers are kept beside the output.
    indirect case answersKept(WorkflowError, KeptAnswers)

    // MARK: cost and approval

    /// A cost limit was set and `provider` documents no price for `summary`: nothing was sent.
    case costLimitUnpriced(provider: Provider, summary: String)
    /// The estimate is above the cost limit: nothing was sent.
    case overCostLimit(estimate: Double, limit: Double)
    /// A batch item has no documented price and the batch has a cost limit: not sent.
    case batchItemUnpriced(output: String)
    /// A batch item's estimate is over what is left of the batch's cost limit: not sent.
    case overBatchBudget(output: String, estimate: Double, remaining: Double)
    /// The paid call was not confirmed.
    case notConfirmed

    // MARK: the journal

    /// The journal says this request was sent before, and sending it again
    /// may pay for it twice: nothing was sent.
    case sentBefore(SentBefore)
    /// Another run is sending this request now: nothing was sent.
    case sendingElsewhere
    /// Another live run (process `pid`) sent this request and has had no
    /// answer for longer than a call may take: nothing was sent, and sending
    /// it again could pay twice while that run holds it.
    case heldByAnotherRun(pid: Int32, journaled: String)
    /// The journal entry (its fingerprint and state, when known) has nothing
    /// left to finish without paying again.
    case nothingToResume(fingerprint: String?, state: JournalEntry.State?)
    /// No journal entry matches the id.
    case noSuchRequest(String)
    /// Several journal entries match the id.
    case ambiguousRequest(String, matches: Int)

    // MARK: a batch

    /// A batch split into `count` shards has no valid JOB_COMPLETION_INDEX.
    case shardIndexMissing(count: Int)
    /// A folder batch needs its output folder, the section and a prompt.
    case folderBatchIncomplete(String)
    /// A manifest line is not a command: what is wrong, in the manifest's field names.
    case badManifestItem(String)

    // MARK: the rest

    /// An input cannot be used: a one-off reason.
    case unusable(String)
    /// The call was not made: a one-off reason.
    case refused(String)
    /// The API or the network failed.
    case client(ClientError)
    /// The API took the job, and the job failed or expired.
    case jobFailed(String)
    /// The journal cannot be written: no paid call is made without it.
    case journal(JournalError)
    case cancelled

    /// What the journal knows of an earlier send of the same request.
    public enum SentBefore: Sendable {
        /// Paid for and downloaded to `output`, which is gone or changed, and its result URL has expired.
        case downloadedAndGone(output: String?, journaled: String)
        /// The job finished but its result URL expired (after 24 hours).
        case resultExpired(jobID: String?, journaled: String)
        /// Sent, and no answer was seen: it may have been billed.
        case noAnswer(journaled: String)
        /// The job failed.
        case jobFailed(jobID: String?, journaled: String, reason: String?)
        /// The job expired before its result was fetched.
        case jobExpired(jobID: String?, journaled: String)
        /// A whole retake's call `call` has a result (`answer`) but the journal
        /// (of an earlier ltx-prep) does not say which part of `input` was sent.
        case windowUnknown(input: String, call: Int, answer: String)

        /// Sending it again pays again for a result that was had (not only maybe billed).
        public var paidFor: Bool {
            switch self {
            case .downloadedAndGone, .resultExpired, .windowUnknown: true
            case .noAnswer, .jobFailed, .jobExpired: false
            }
        }
    }

    /// What kind of failure this is, for an exit status: the input or the
    /// call cannot be used, the API said no, the network failed, or it was cancelled.
    public enum Kind: Sendable {
        case unusable, api, network, cancelled
    }

    public var kind: Kind {
        switch self {
        case .jobFailed: .api
        case .cancelled: .cancelled
        case .client(let e):
            switch e {
            case .api, .unexpectedAnswer: .api
            case .connection, .droppedDownload: .network
            case .cancelled: .cancelled
            default: .unusable
            }
        default: .unusable
        }
    }

    /// The call was not made by a rule of spending (cost limit, approval, the
    /// journal, an output not to replace), not because an input is unusable.
    public var isRefusal: Bool {
        switch self {
        case .refused, .outputExists, .outputHoldsOther, .costLimitUnpriced, .overCostLimit, .batchItemUnpriced, .overBatchBudget,
             .notConfirmed, .sentBefore, .sendingElsewhere, .heldByAnotherRun, .nothingToResume:
            true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .outputExists(let path): "\(path): already exists"
        case .outputIsInput(let output, let input): "\(output): is the input \(input); the input is never modified, so name another output"
        case .outputFolderUnusable(let folder, let output, let problem, let err):
            switch problem {
            case .missing: "\(folder): no such folder for the output \(Self.fileName(output))"
            case .notAFolder: "\(folder): not a folder, so the output \(Self.fileName(output)) cannot go there"
            case .notWritable:
                "\(folder): the output \(Self.fileName(output)) cannot be written there (\(Errno(rawValue: err).message.lowercased()))"
            }
        case .resultNotWritten(let path, _, let reason, let refetchable):
            "\(path): cannot write the result: \(reason.lowercased())"
                + (refetchable ? "; it was paid for and stays fetchable for 24 hours: a rerun fetches it without paying" : "")
        case .outputHoldsOther(let output, let result, let journaled): "\(output): already exists; this request's result is \(result) (\(journaled))"
        case .cannotRead(let path, let reason), .cannotWrite(let path, let reason): "\(path): \(reason)"
        case .unreadable(let e): e.description
        case .unfixable(let e): e.description
        case .notAVideo(let path, let found, let work): "\(path): \(found), not a video: \(work.rawValue) needs a video"
        case .tooBigToUpload(let path, let bytes, let limit): "\(path): \(bytes) bytes; upload takes at most \(limit)"
        case .tooLongForEndpoint(let path, let seconds, let limit, let endpoint):
            "\(path): \(Format.seconds(seconds)) long; \(endpoint.rawValue) takes at most \(Format.seconds(limit))"
        case .breaksRequest(let path, let findings):
            findings.map { "\(path): \($0.rule.rawValue): \($0.actual); required: \($0.required)" + ($0.fix.map { "; \($0)" } ?? "") }
                .joined(separator: "\n")
        case .badURL(let url, let f): "\(url): \(f.rule.rawValue): \(f.actual), needs \(f.required)" + (f.fix.map { "; \($0)" } ?? "")
        case .urlServesUnfixed(let path, let rules):
            "\(path): breaks \(rules.joined(separator: ", ")); delivered by URL the API fetches the file as it is: fix it and host the fixed file, or upload it"
        case .beyondEndpoint(let path, let endpoint, let findings):
            "\(path): " + findings.map { "\($0.rule.rawValue): \($0.actual); \(endpoint.rawValue) takes \($0.required.replacing(" for \(endpoint.rawValue)", with: ""))" }
                .joined(separator: "; ") + "; nothing was sent"
        case .urlMissing: "delivery by URL needs the file's https:// URL"
        case .urlTakesOneSection(let path): "\(path): delivered by URL the whole file is sent for one section; give one section"
        case .modelRefused(let line): line
        case .providerTakesNoUpload(let p): "\(p.name) takes a data URI or an https URL, not an upload"
        case .providerTakesNoModel(let p): "\(p.name)'s retake takes no model"
        case .providerTakesNoResolution(let p): "\(p.name)'s retake takes no resolution"
        case .noRetakeWindow(let path, let e): "\(path): \(e.description)"
        case .cannotSplice(let path, let reason): "\(path): cannot splice into it: \(reason)"
        case .spliceFailed(let path, let e): "\(path): splice failed: \(e.description)"
        case .noSection(let path): "\(path): no section to splice"
        case .sectionOutsideClip(let path, let s, let clip):
            "\(path): the section \(Format.seconds(s.start)) to \(Format.seconds(s.end)) is not inside the video (0 to \(Format.seconds(clip)))"
        case .sectionBeforeAnswer(let path, let s, let answerStart):
            "\(path): the section starts at \(Format.seconds(s.start)), before its answer's window (\(Format.seconds(answerStart)))"
        case .sectionsOverlap(let path, let first, let second):
            "\(path): sections \(Format.seconds(first.start)) and \(Format.seconds(second.start)) overlap"
        case .answerShort(let coverage, let original, let section):
            "\(coverage.answer): \(coverage.sentence(of: original)); the section \(Format.seconds(section.start)) to \(Format.seconds(section.end)) "
                + "needs its \(coverage.track.rawValue) throughout; nothing was written"
        case .reframeRefused(let why): why.description
        case .hdrRefused(let why): why.description
        case .assemblyFailed(let path, let e): "\(path): assembling the HDR video failed: \(e.description)"
        case .mergeFailed(let path, let e): "\(path): cannot put the answer and the input's audio together: \(e.description)"
        case .noExtendWindow(let path, let e): "\(path): \(e.description)"
        case .cannotExtend(let path, let reason): "\(path): cannot join an extension onto it: \(reason)"
        case .joinFailed(let path, let e): "\(path): joining the extension failed: \(e.description)"
        case .answerShortOfExtension(let coverage, let seconds, let frames):
            "\(coverage.answer): \(coverage.sentence(of: nil)); the extension needs \(Format.seconds(seconds)) of pictures (\(frames) frames); nothing was written"
        case .answersKept(let error, let kept): "\(error.description); \(kept.description)"
        case .costLimitUnpriced(let provider, let summary):
            "\(provider.rawValue) documents no price for \(summary), so the cost limit cannot be held; nothing was sent"
        case .overCostLimit(let estimate, let limit):
            "the estimate ($\(Pricing.format(estimate))) is above the cost limit ($\(Pricing.format(limit))); nothing was sent"
        case .batchItemUnpriced(let output): "\(output): no documented price, so the cost limit cannot be held; not sent"
        case .overBatchBudget(let output, let estimate, let remaining):
            "\(output): $\(Pricing.format(estimate)) is over what is left of the cost limit ($\(Pricing.format(remaining))); not sent"
        case .notConfirmed: "not confirmed; nothing was sent"
        case .sentBefore(let what): what.description
        case .sendingElsewhere: "another run is sending this request now; nothing was sent"
        case .heldByAnotherRun(let pid, let journaled):
            "this request was sent \(journaled) by ltx-prep pid \(pid), still running and still without an answer; nothing was sent: "
                + "run this again once that run has ended"
        case .nothingToResume(let fingerprint, let state):
            fingerprint.map { "\($0.prefix(12)): " + (state.map { "\($0.rawValue), " } ?? "") + "nothing to resume" } ?? "nothing to resume"
        case .noSuchRequest(let id): "\(id): no such request in the journal"
        case .ambiguousRequest(let id, let n): "\(id): matches \(n) requests; give more of it"
        case .shardIndexMissing(let count):
            "\(count) shards need JOB_COMPLETION_INDEX from 0 to \(count - 1) (a Kubernetes Indexed Job sets it)"
        case .folderBatchIncomplete(let folder):
            "\(folder): a folder batch needs the folder for the results, the section's start and duration (and a prompt)"
        case .badManifestItem(let why): why
        case .unusable(let why), .refused(let why): why
        case .client(let e): e.description
        case .jobFailed(let why): why
        case .journal(let e): e.description
        case .cancelled: "interrupted: nothing was written"
        }
    }

    /// This error with a result that could not be written named as `output`,
    /// the user's file, not the command's own file beside it.
    public func naming(_ output: String) -> WorkflowError {
        if case .resultNotWritten(_, let err, let reason, let refetchable) = self {
            return .resultNotWritten(path: output, errno: err, reason: reason, refetchable: refetchable)
        }
        return self
    }

    private static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}

extension WorkflowError.SentBefore: CustomStringConvertible {
    public var description: String {
        switch self {
        case .downloadedAndGone(let output, let journaled):
            "this request was paid for and downloaded to \(output ?? "?") (\(journaled)), which is gone or changed, and its result URL has expired"
        case .resultExpired(let jobID, let journaled): "job \(jobID ?? "?") finished (\(journaled)) but its result expired after 24 hours"
        case .noAnswer(let journaled): "this request was sent \(journaled) and no answer was seen: it may have been billed"
        case .jobFailed(let jobID, let journaled, let reason):
            "this request's job \(jobID ?? "?") failed (\(journaled)): \(reason ?? "no reason given")"
        case .jobExpired(let jobID, let journaled): "this request's job \(jobID ?? "?") expired before its result was fetched (\(journaled))"
        case .windowUnknown(let input, let call, let answer):
            "\(input): the journal holds a result for call \(call) (\(answer)) but not which part of the input was sent "
                + "(it was journaled by an earlier ltx-prep), so it cannot be put back; splice it by hand"
        }
    }
}

extension Provider {
    /// The provider's name in a sentence.
    public var name: String {
        switch self {
        case .ltx: "LTX"
        case .segmind: "Segmind"
        }
    }
}
