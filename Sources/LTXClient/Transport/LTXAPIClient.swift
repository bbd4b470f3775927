import AsyncHTTPClient
import LTXContract
import LTXFiles
import Logging
import NIOCore
import NIOFileSystem
import NIOHTTP1
import NIOPosix
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Calls the LTX API (or Segmind's retake) through the client generated from
/// openapi.yaml, over AsyncHTTPClient. Retries by `RetryStateMachine`; results
/// stream to a temporary file that is renamed into place. Its calls by kind:
/// `+Upload`, `+Jobs` (v2), `+Sync`, `+Download`, `+Retries`.
public final class LTXAPIClient: Sendable {
    public let configuration: ClientConfiguration
    static let userAgent = "ltx-prep/0.1"
    let http: HTTPClient
    let api: Client
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void
    let rateGate: RateGate
    /// Told of each retry before its wait (`reportingRetries(to:)`).
    let onRetry: @Sendable (RetryNotice) -> Void

    /// How long a connection may take to open. AsyncHTTPClient's shared
    /// client waits 90 s, and its pool keeps re-dialling a refused port for
    /// all of it: a dead API cost 5 attempts of 90 s before the first line.
    /// An API that answers at all opens a connection in well under a second.
    public static let connectTimeout: Duration = .seconds(5)

    /// The longest a call waits on an API that cannot be reached with the
    /// default retry policy, before it fails (exit 4 in the CLI): said in `--help`.
    public static var unreachableBound: Duration { RetryPolicy().longestUnreachableWait(connectTimeout: connectTimeout) }

    /// The client every `LTXAPIClient` uses unless given another: the shared
    /// client's settings (redirects followed, 90 s without a byte read fails a
    /// transfer) with `connectTimeout`, and a failed connection failing its
    /// request at once instead of being dialled again inside the pool, so
    /// that `RetryStateMachine` alone retries, each retry seen and counted.
    /// Never shut down, as `HTTPClient.shared` is not: it lives as long as the process.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout.connect = TimeAmount(connectTimeout)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(configuration: ClientConfiguration, httpClient: HTTPClient = LTXAPIClient.sharedHTTPClient,
                logger: Logger = Logger(label: "ltx-prep.client"),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.configuration = configuration
        self.http = httpClient
        self.logger = logger
        self.sleep = sleep
        self.rateGate = RateGate()
        self.onRetry = { _ in }
        // BaseURL validated the string, so it parses.
        let serverURL = URL(string: configuration.baseURL.string) ?? URL(filePath: "/")
        api = Client(serverURL: serverURL,
                     transport: AsyncHTTPClientTransport(configuration: .init(client: httpClient, timeout: TimeAmount(configuration.requestTimeout))),
                     middlewares: [AuthenticationMiddleware(provider: configuration.provider, key: configuration.apiKey),
                                   ErrorEnvelopeMiddleware()])
    }

    private init(_ other: LTXAPIClient, onRetry: @escaping @Sendable (RetryNotice) -> Void) {
        (configuration, http, api, logger, sleep, rateGate) = (other.configuration, other.http, other.api, other.logger, other.sleep, other.rateGate)
        self.onRetry = onRetry
    }

    /// This client, telling `observer` of each retry before it waits (the
    /// workflow turns them into events; the CLI prints one line each). The
    /// connections and the pause after a 429 are shared with this client.
    public func reportingRetries(to observer: @escaping @Sendable (RetryNotice) -> Void) -> LTXAPIClient {
        LTXAPIClient(self, onRetry: observer)
    }

    /// The upload's read size (the data URI's too: a multiple of 3 keeps
    /// base64 groups whole). Measured with the event-loop body, 91.5 MB to the
    /// sandbox, interleaved with curl, 15 runs each, medians: 96 KiB 104.7 ms,
    /// 256 KiB 98.8, 512 KiB 96.7, 1 MiB 98.1; peak RSS median/max 57.0/57.7,
    /// 58.0/60.1, 59.4/61.2, 62.2/65.4 MiB. 96 KiB keeps the peak lowest for
    /// 6-8% of transfer time.
    static let uploadChunkLength: Int64 = 96 * 1024

    var timeout: TimeAmount { TimeAmount(configuration.requestTimeout) }
}
