import LTXContract
import LTXSystem

/// Everything a client needs to reach one provider.
public struct ClientConfiguration: Sendable {
    public var provider: Provider
    public var baseURL: BaseURL
    public var apiKey: APIKey
    public var retry: RetryPolicy
    /// A generation can take minutes: the time one request may take in all.
    public var requestTimeout: Duration

    public init(provider: Provider, baseURL: BaseURL, apiKey: APIKey, retry: RetryPolicy = RetryPolicy(),
                requestTimeout: Duration = .seconds(900)) {
        self.provider = provider
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.retry = retry
        self.requestTimeout = requestTimeout
    }

    /// Flags first, then the environment (`LTXV_API_KEY`/`SEGMIND_API_KEY`,
    /// `LTX_API_BASE_URL`/`SEGMIND_API_BASE_URL`), then the provider's host.
    public static func resolve(provider: Provider, apiKey: String?, baseURL: String?,
                               environment: [String: String]) throws(ClientError) -> ClientConfiguration {
        guard let key = APIKey(apiKey ?? environment[provider.keyVariable]) else { throw .missingKey(provider) }
        let raw = baseURL ?? environment[provider.baseURLVariable] ?? provider.defaultBaseURL
        do throws(BaseURL.Problem) {
            return ClientConfiguration(provider: provider, baseURL: try BaseURL(raw), apiKey: key)
        } catch { throw .badBaseURL(error) }
    }
}

extension ClientConfiguration {
    /// This process's environment.
    public static var processEnvironment: [String: String] { ThisProcess.environment }
}

/// Why a call did not produce a result. Never contains the key.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The API answered an error at `stage` (nil: outside a call's steps).
    case api(APIError, attempts: Int, stage: CallStage? = nil)
    case missingKey(Provider)
    case badBaseURL(BaseURL.Problem)
    case connection(String, attempts: Int, stage: CallStage? = nil)
    case droppedDownload(received: Int64, expected: Int64?)
    /// The result arrived and could not be written to `path` (a full disk,
    /// its folder removed, read-only): the file system's, not the network's,
    /// so never retried.
    case writeFailed(path: String, errno: Int32, reason: String)
    case file(String)
    case unsupported(String)
    /// A 2xx that is not what the contract describes (no video, no URL).
    case unexpectedAnswer(String)
    /// A v2 job ended `failed`, with the API's error type and message.
    case jobFailed(id: String, reason: String)
    case cancelled

    public var description: String {
        switch self {
        case .api(let e, let n, let stage): Self.at(stage) + e.description + (n > 1 ? " after \(n) attempts" : "")
        case .missingKey(let p): "no API key: set \(p.keyVariable)"
        case .badBaseURL(let p): p.description
        case .connection(let why, let n, let stage): Self.at(stage) + "connection failed: \(why)" + (n > 1 ? " after \(n) attempts" : "")
        case .droppedDownload(let got, let expected):
            "the connection dropped while downloading the result (\(got)" + (expected.map { " of \($0)" } ?? "") + " bytes); nothing was written"
        case .writeFailed(let path, _, let reason): "\(path): cannot write the result: \(reason.lowercased())"
        case .file(let why): why
        case .unsupported(let why): why
        case .unexpectedAnswer(let what): "the API answered 2xx with something that is not a video: \(what); nothing was written"
        case .jobFailed(let id, let why): "job \(id) failed: \(why); nothing was written"
        case .cancelled: "cancelled: nothing was written"
        }
    }

    /// A status a caller can map to an exit code.
    public var httpStatus: Int? { if case .api(let e, _, _) = self { e.status } else { nil } }

    /// The step that failed, when the error came from one.
    public var stage: CallStage? {
        switch self {
        case .api(_, _, let stage), .connection(_, _, let stage): stage
        default: nil
        }
    }

    /// This error, as a failure of `stage` unless it already names its own
    /// (a download inside a synchronous generation keeps `.download`).
    func at(_ stage: CallStage) -> ClientError {
        switch self {
        case .api(let e, let n, nil): .api(e, attempts: n, stage: stage)
        case .connection(let why, let n, nil): .connection(why, attempts: n, stage: stage)
        default: self
        }
    }

    /// A write failure named for `output` rather than the temporary file it was written to.
    func naming(_ output: String) -> ClientError {
        if case .writeFailed(_, let errno, let reason) = self { return .writeFailed(path: output, errno: errno, reason: reason) }
        return self
    }

    private static func at(_ stage: CallStage?) -> String { stage.map { "\($0.rawValue): " } ?? "" }
}
