/// How the sandbox behaves, faults included.
public struct SandboxConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// The one key it accepts (as `Authorization: Bearer` for LTX routes,
    /// `x-api-key` for Segmind's).
    public var apiKey: String
    /// Where uploads and results are kept while the sandbox runs.
    public var storageDirectory: String
    /// Added before every answer.
    public var latency: Duration
    /// Statuses given, in order, to the first generation requests (429, 429c,
    /// 500, 503, 529, 402, 403, 413, 422...), each with its documented body;
    /// then normal service.
    public var script: [SandboxFault]
    /// Seconds in `Retry-After` on a 429.
    public var retryAfter: Int
    /// Share of generation requests answered 500 or 503 at random.
    public var failureRate: Double
    /// Close the connection after this many bytes of a result.
    public var dropAfterBytes: Int?
    /// Send results no faster than this (a slow link), to interrupt a download in a test; nil: at once.
    public var resultBytesPerSecond: Int?
    /// Hold every paid request this long before it is answered (a slow API),
    /// so two runs can meet while one waits for its 202.
    public var acceptDelay: Duration = .zero
    /// How long an upload URL stays valid.
    public var uploadURLLifetime: Duration
    /// How long an async (v2) job stays `processing` before it completes.
    public var jobSeconds: Duration
    /// Statuses for the first job polls (`GET /v2/{endpoint}/{id}`), in order: e.g. 503, 500.
    public var pollScript: [Int]
    /// Statuses for the first result downloads, in order: e.g. 504.
    public var resultScript: [Int]
    /// Every async job ends `failed`, with an error.
    public var failJobs: Bool
    /// A job is forgotten this long after it ends (404 on poll); nil keeps it while the sandbox runs.
    public var jobLifetime: Duration?
    /// How a synchronous (v1) 200 carries the video: the bytes, JSON naming a
    /// URL (as some deployments answer, NOTES.md), or a body that is no video.
    public enum SyncAnswer: String, Sendable, CaseIterable {
        case video
        case link
        case notVideo = "not-video"
    }

    public var syncAnswer: SyncAnswer
    /// A connection with no request part read and no answer written for this
    /// long is closed (a stalled upload, a client that holds it open).
    public var idleTimeout: Duration
    /// A request's head must arrive within this long of the connection
    /// opening or of the previous answer (a client trickling its headers).
    public var headerTimeout: Duration
    /// Remove `storageDirectory` and all in it when the sandbox stops (set
    /// when the sandbox made the folder itself).
    public var removeStorageOnExit: Bool
    /// Serve LTX's v1 generation routes as before 2026-10-26, for tests of a
    /// synchronous client (Segmind's retake is served either way). Off, they
    /// answer as the API does since: retired.
    public var servesRetiredV1 = false

    /// Every setting; what is not given is normal service on a free port.
    public init(host: String = "127.0.0.1", port: Int = 0, apiKey: String, storageDirectory: String, removeStorageOnExit: Bool = false,
                latency: Duration = .zero, script: [SandboxFault] = [], pollScript: [Int] = [], resultScript: [Int] = [], retryAfter: Int = 1,
                failureRate: Double = 0, failJobs: Bool = false, dropAfterBytes: Int? = nil, uploadURLLifetime: Duration = .seconds(3600),
                jobSeconds: Duration = .zero, jobLifetime: Duration? = nil, syncAnswer: SyncAnswer = .video,
                idleTimeout: Duration = .seconds(60), headerTimeout: Duration = .seconds(20)) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.storageDirectory = storageDirectory
        self.removeStorageOnExit = removeStorageOnExit
        self.latency = latency
        self.script = script
        self.pollScript = pollScript
        self.resultScript = resultScript
        self.retryAfter = retryAfter
        self.failureRate = failureRate
        self.failJobs = failJobs
        self.dropAfterBytes = dropAfterBytes
        self.uploadURLLifetime = uploadURLLifetime
        self.jobSeconds = jobSeconds
        self.jobLifetime = jobLifetime
        self.syncAnswer = syncAnswer
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
    }
}
