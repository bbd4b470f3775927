/// One paid request as the journal knows it.
public struct JournalEntry: Sendable, Equatable, Codable {
    /// Where a paid request stands. Only `rejected` and a local refusal
    /// are known not to have been billed.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Written before the request left; no answer seen yet.
        case submitting
        /// The API took it (async: 202 and a job id).
        case accepted
        /// The job finished; its result is at `resultURL` (kept 24 h).
        case completed
        /// The job failed (`error` says why).
        case failed
        /// The job is gone (404 on poll: unknown or past its 24 h).
        case expired
        /// The result is at `output`, with `outputSHA256`.
        case downloaded
        /// The API answered an error before accepting: nothing was billed.
        case rejected
    }

    public var fingerprint: String
    public var provider: String
    public var baseURL: String
    public var endpoint: String
    /// The request's own fields as the user gave them, JSON.
    public var request: String
    /// Each input's path and SHA-256, JSON.
    public var inputs: String
    public var state: State
    public var jobID: String?
    public var resultURL: String?
    public var error: String?
    /// Where the result goes (set when the request is sent).
    public var output: String?
    /// Set once the result is there.
    public var outputSHA256: String?
    public var estimatedCost: Double?
    /// The part of the input the file sent was cut from, so that a rerun puts
    /// the answer back where it belongs; nil for a request without a media
    /// input, or one journaled before ltx-prep recorded it (unknown).
    public var sentWindow: SentWindowSpan?
    /// The user's file the result was put back into (a whole-video retake's
    /// output; `output` is then the answer, removed once spliced), and that
    /// file's SHA-256 as written.
    public var placedInto: String?
    public var placedSHA256: String?
    /// The process that claimed the request (`RequestOwner`'s form): while
    /// the entry is `submitting` and it lives, the request is its to answer.
    public var owner: String?
    /// Seconds since 1970.
    public var createdAt: Double
    public var updatedAt: Double

    public init(fingerprint: String, provider: String, baseURL: String, endpoint: String, request: String, inputs: String,
                state: State = .submitting, jobID: String? = nil, resultURL: String? = nil, error: String? = nil, output: String? = nil,
                outputSHA256: String? = nil, estimatedCost: Double? = nil, sentWindow: SentWindowSpan? = nil, placedInto: String? = nil,
                placedSHA256: String? = nil, owner: String? = nil, createdAt: Double = 0, updatedAt: Double = 0) {
        self.fingerprint = fingerprint
        self.provider = provider
        self.baseURL = baseURL
        self.endpoint = endpoint
        self.request = request
        self.inputs = inputs
        self.state = state
        self.jobID = jobID
        self.resultURL = resultURL
        self.error = error
        self.output = output
        self.outputSHA256 = outputSHA256
        self.estimatedCost = estimatedCost
        self.sentWindow = sentWindow
        self.placedInto = placedInto
        self.placedSHA256 = placedSHA256
        self.owner = owner
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Where the file a request sent starts on its input's timeline, and how
/// long it is, in seconds: the one "where the window sat in the input" that
/// the journal records, a fix's window mapping and a retake's sent window
/// carry (their JSON keeps these two keys at its top level).
public struct SentWindowSpan: Sendable, Equatable, Codable {
    public var inputStart: Double
    public var duration: Double

    public var inputEnd: Double { inputStart + duration }

    public init(inputStart: Double, duration: Double) {
        self.inputStart = inputStart
        self.duration = duration
    }
}

/// A file a request's result was put back into, and its SHA-256 as written.
public struct JournalPlacement: Sendable, Equatable, Codable {
    public var output: String
    public var sha256: String
    /// Seconds since 1970.
    public var placedAt: Double

    public init(output: String, sha256: String, placedAt: Double) {
        self.output = output
        self.sha256 = sha256
        self.placedAt = placedAt
    }
}
