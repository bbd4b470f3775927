import AsyncHTTPClient
import LTXContract
import LTXFiles
import LTXSystem
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

/// A generation's result on disk.
public struct Generated: Sendable, Codable, Equatable {
    public var output: String
    public var bytes: Int64
    public var requestID: String?
    public var attempts: Int

    public init(output: String, bytes: Int64, requestID: String? = nil, attempts: Int) {
        self.output = output
        self.bytes = bytes
        self.requestID = requestID
        self.attempts = attempts
    }
}

/// A file stored by `upload`: its ticket, and how the transfer went.
public struct Uploaded: Sendable, Equatable {
    public var ticket: UploadTicket
    public var bytes: Int64
    /// From the start of the `PUT` (connection included) to the storage's
    /// answer: the transfer alone, without the ticket call or start-up.
    public var seconds: Double

    public var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
}

/// Calls the LTX API (or Segmind's retake) through the client generated from
/// openapi.yaml, over AsyncHTTPClient. Retries by `RetryStateMachine`; results
/// stream to a temporary file that is renamed into place.
public final class LTXAPIClient: Sendable {
    public let configuration: ClientConfiguration
    static let userAgent = "ltx-prep/0.1"
    private let http: HTTPClient
    private let api: Client
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let rateGate: RateGate
    /// Told of each retry before its wait (`reportingRetries(to:)`).
    private let onRetry: @Sendable (RetryNotice) -> Void

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

    // MARK: calls

    /// `POST /v1/upload`, then `PUT` of the file to the signed URL with every
    /// required header. The file streams from disk; the key is not sent to
    /// the storage host.
    public func upload(file: String, contentType: String,
                       progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws(ClientError) -> Uploaded {
        guard configuration.provider == .ltx else { throw .unsupported("\(configuration.provider.rawValue) has no upload endpoint") }
        let (ticket, _) = try await withRetries(.uploadURL, "getting the upload URL", target: configuration.baseURL.string.prefixBeforePath) { () async throws -> UploadTicket in
            switch try await self.api.createUpload() {
            case .ok(let ok): return try ok.body.json
            case let other: throw UnexpectedAnswer(description: "\(other)")
            }
        }
        let target: BaseURL
        do throws(BaseURL.Problem) { target = try BaseURL(ticket.uploadUrl.prefixBeforePath) } catch { throw .badBaseURL(error) }
        logger.debug("uploading \(file) to \(target.host)")

        let size = try fileSize(file)
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await withRetries(.uploadPUT, "the upload's PUT", target: target.string.prefixBeforePath) { () async throws -> Void in
            // The signed URL is not in the contract (its host is the storage's):
            // the PUT is sent by hand, streamed from disk, without the key.
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "User-Agent", value: Self.userAgent)
            for (name, value) in ticket.requiredHeaders.additionalProperties.sorted(by: { $0.key < $1.key }) {
                headers.replaceOrAdd(name: name, value: value)
            }
            let task = try FileUploadBody.put(ticket.uploadUrl, headers: headers, file: ReadOnlyFile(path: file), size: size,
                                              chunkLength: Int(Self.uploadChunkLength), http: self.http,
                                              eventLoop: self.http.eventLoopGroup.next(), deadline: .now() + self.timeout) { sent in
                progress(sent, size)
            }
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            guard (200..<300).contains(Int(response.status.code)) else {
                throw APIStatusError(status: Int(response.status.code), body: response.body.map { Array(buffer: $0) } ?? [],
                                     requestID: response.headers.first(name: "x-request-id"),
                                     retryAfter: response.headers.first(name: "retry-after"))
            }
        }
        let elapsed = (clock.now - started).components
        return Uploaded(ticket: ticket, bytes: size,
                        seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    /// A generation as LTX takes it since its v1 routes were retired after
    /// 2026-10-26: `submit` as a v2 job, `job` polled every `pollInterval`
    /// until it ends, its result downloaded to `output`. Unjournaled: a
    /// program that must never pay twice records the job's id (`onAccepted`)
    /// before waiting, as `Generation.run` does in its journal.
    public func generateByJob(_ request: GenerationRequest, inline: InlineFile? = nil, to output: String, check: ResultCheck? = nil,
                              pollInterval: Duration = .seconds(5), onAccepted: @Sendable (Job) -> Void = { _ in }) async throws(ClientError) -> Generated {
        let submitted = try await submit(request, inline: inline)
        let accepted = submitted.job
        onAccepted(accepted)
        while true {
            let job = try await self.job(request.endpoint, id: accepted.id)
            switch job.status {
            case .completed?:
                guard let url = job.result?.answerURL(for: request.endpoint) else { throw .unexpectedAnswer("job \(accepted.id) completed without a result URL") }
                var generated = try await download(resultURL: url, to: output, check: check)
                generated.requestID = submitted.requestID
                return generated
            case .failed?:
                throw .jobFailed(id: accepted.id, reason: job.error.map { "\($0._type): \($0.message)" } ?? "no reason given")
            case .pending?, .processing?, nil:
                do { try await Task.sleep(for: pollInterval) } catch { throw .cancelled }
            }
        }
    }

    /// Sends one generation request on its synchronous route and streams the
    /// video that comes back to `output`: Segmind's retake (LTX's v1 routes
    /// answer 404 since 2026-10-26; `generateByJob` is LTX's way). With
    /// `inline`, the file goes into the body as a `data:` URI where the
    /// request holds `InlineFile.marker`, streamed from disk.
    public func generate(_ request: GenerationRequest, inline: InlineFile? = nil, to output: String, check: ResultCheck? = nil,
                         progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }) async throws(ClientError) -> Generated {
        if let inline {
            let (prefix, suffix) = try Self.split(request, inline)
            let size = try fileSize(inline.path)
            return try await receive(request.path, output: output, check: check, progress: progress) {
                try await self.sendInline(request.path, prefix: prefix, file: inline.path, size: size, suffix: suffix)
            }
        }
        return try await receive(request.path, output: output, check: check, progress: progress) {
            try await self.send(request)
        }
    }

    // MARK: async (v2)

    /// A job the API accepted, and the `x-request-id` of the call that made it.
    public struct Submitted: Sendable {
        public var job: Job
        public var requestID: String?
    }

    /// `POST /v2/{endpoint}`: the job, accepted (202). Retried only when the
    /// API answered an error or the connection never opened: a request that
    /// may have arrived is never sent twice (a second job is paid twice).
    public func submit(_ request: GenerationRequest, inline: InlineFile? = nil) async throws(ClientError) -> Submitted {
        if let inline { return try await submitInline(request, inline: inline) }
        if request.automaticDuration { return try await submitJSON(request) }
        let (submitted, _) = try await withRetries(.generation, "submitting \(request.endpoint.v2Path)", target: configuration.baseURL.string.prefixBeforePath, paid: true) { () async throws -> Submitted in
            let accepted: Components.Responses.JobAccepted
            switch request {
            case .retake(let body):
                guard case .accepted(let a) = try await self.api.submitRetake(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .textToVideo(let body):
                guard case .accepted(let a) = try await self.api.submitTextToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .imageToVideo(let body):
                guard case .accepted(let a) = try await self.api.submitImageToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .audioToVideo(let body):
                guard case .accepted(let a) = try await self.api.submitAudioToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .extend(let body):
                guard case .accepted(let a) = try await self.api.submitExtend(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .reframe(let body):
                guard case .accepted(let a) = try await self.api.submitReframe(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .hdr(let body):
                guard case .accepted(let a) = try await self.api.submitHDR(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 202") }
                accepted = a
            case .segmindRetake:
                throw ClientError.unsupported("Segmind's retake is synchronous: it has no v2 route")
            }
            guard case .json(let job) = accepted.body else { throw UnexpectedAnswer(description: "a 202 without the job") }
            return Submitted(job: job, requestID: accepted.headers.xRequestId)
        }
        return submitted
    }

    /// `POST /v2/{endpoint}` with a file streamed into the body as a data URI
    /// (the v1 routes that took it synchronously were retired after 2026-10-26):
    /// the same retries as `submit`, the job read from the 202's JSON.
    private func submitInline(_ request: GenerationRequest, inline: InlineFile) async throws(ClientError) -> Submitted {
        if case .segmindRetake = request { throw .unsupported("Segmind's retake is synchronous: it has no v2 route") }
        let (prefix, suffix) = try Self.split(request, inline)
        let size = try fileSize(inline.path)
        let path = request.endpoint.v2Path
        let (submitted, _) = try await withRetries(.generation, "submitting \(path)", target: configuration.baseURL.string.prefixBeforePath, paid: true) { () async throws -> Submitted in
            let response = try await self.postInline(path, prefix: prefix, file: inline.path, size: size, suffix: suffix)
            let body = try await response.body.collect(upTo: 1 << 20)
            return Submitted(job: try Self.jobDecoder.decode(Job.self, from: Data(Array(buffer: body))), requestID: response.headers.first(name: "x-request-id"))
        }
        return submitted
    }

    /// A job as the generated client reads one: dates in ISO 8601, with or without fractional seconds.
    static let jobDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()

    /// `POST /v2/{endpoint}` with the body as `GenerationRequest.json()` writes
    /// it (`"duration":null` kept), the same retries as `submit`.
    private func submitJSON(_ request: GenerationRequest) async throws(ClientError) -> Submitted {
        let json: [UInt8]
        do { json = try request.json() } catch { throw .file("could not encode the request: \(error)") }
        let path = request.endpoint.v2Path
        let (submitted, _) = try await withRetries(.generation, "submitting \(path)", target: self.configuration.baseURL.string.prefixBeforePath, paid: true) { () async throws -> Submitted in
            var post = HTTPClientRequest(url: self.configuration.baseURL.url(path))
            post.method = .POST
            let auth = self.configuration.provider.authHeader(self.configuration.apiKey)
            post.headers.add(name: auth.name, value: auth.value)
            post.headers.add(name: "Content-Type", value: "application/json")
            post.headers.add(name: "User-Agent", value: Self.userAgent)
            post.body = .bytes(json)
            let response = try await self.http.execute(post, timeout: self.timeout)
            let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
            guard (200..<300).contains(Int(response.status.code)) else {
                throw APIStatusError(status: Int(response.status.code), body: body, requestID: response.headers.first(name: "x-request-id"),
                                     retryAfter: response.headers.first(name: "retry-after"))
            }
            return Submitted(job: try Self.jobDecoder.decode(Job.self, from: Data(body)), requestID: response.headers.first(name: "x-request-id"))
        }
        return submitted
    }

    /// `GET /v2/{endpoint}/{id}`, retried with backoff on 5xx and network
    /// failures (polling costs nothing). A 404 is `.api` with status 404:
    /// the job does not exist or has expired.
    public func job(_ endpoint: Endpoint, id: String) async throws(ClientError) -> Job {
        guard let path = Components.Parameters.JobEndpoint(rawValue: endpoint.rawValue) else {
            throw .unsupported("\(endpoint.rawValue) has no v2 route")
        }
        let (job, _) = try await withRetries(.polling, "polling \(endpoint.v2Path)/\(id)", target: configuration.baseURL.string.prefixBeforePath) { () async throws -> Job in
            switch try await self.api.getJob(path: .init(endpoint: path, id: id)) {
            case .ok(let ok): return try ok.body.json
            case let other: throw UnexpectedAnswer(description: "\(other)")
            }
        }
        return job
    }

    /// A finished job's result, from its storage URL without the key, to a
    /// `.part` file renamed into place; retried on its own (a 504 or a cut
    /// never touches the job).
    public func download(resultURL: String, to output: String, check: ResultCheck? = nil,
                         progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }) async throws(ClientError) -> Generated {
        let file = OutputFile(path: output, suffix: "part")
        let bytes: Int64
        do { bytes = try await fetch(resultURL, to: file.temporary, progress: progress) } catch {
            file.discardTemporary()
            switch Self.classify(error, attempts: 1) {
            case .final(let e), .retryable(_, let e): throw e.naming(output)
            }
        }
        try await commit(file, check: check)
        return Generated(output: output, bytes: bytes, requestID: nil, attempts: 1)
    }

    // MARK: machinery

    /// The upload's read size (the data URI's too: a multiple of 3 keeps
    /// base64 groups whole). Measured with the event-loop body, 91.5 MB to the
    /// sandbox, interleaved with curl, 15 runs each, medians: 96 KiB 104.7 ms,
    /// 256 KiB 98.8, 512 KiB 96.7, 1 MiB 98.1; peak RSS median/max 57.0/57.7,
    /// 58.0/60.1, 59.4/61.2, 62.2/65.4 MiB. 96 KiB keeps the peak lowest for
    /// 6-8% of transfer time.
    static let uploadChunkLength: Int64 = 96 * 1024

    private var timeout: TimeAmount { TimeAmount(configuration.requestTimeout) }

    /// What a synchronous generation answered with a 2xx.
    enum Answer: Sendable {
        /// The video itself, streaming.
        case video(HTTPBody, requestID: String?)
        /// JSON naming where the video is (NOTES.md: `video_url`, `output_video`, `result.video_url`).
        case link(String, requestID: String?)
    }

    /// Through the generated client.
    private func send(_ request: GenerationRequest) async throws -> Answer {
        let video: Components.Responses.Video
        switch request {
        case .retake(let body):
            guard case .ok(let v) = try await api.retake(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 200") }
            video = v
        case .segmindRetake(let body):
            guard case .ok(let v) = try await api.segmindRetake(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 200") }
            video = v
        case .textToVideo(let body):
            guard case .ok(let v) = try await api.textToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 200") }
            video = v
        case .imageToVideo(let body):
            guard case .ok(let v) = try await api.imageToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 200") }
            video = v
        case .audioToVideo(let body):
            guard case .ok(let v) = try await api.audioToVideo(body: .json(body)) else { throw UnexpectedAnswer(description: "not a 200") }
            video = v
        case .extend, .reframe, .hdr:
            throw ClientError.unsupported("\(request.endpoint.rawValue) is async only: submit it as a v2 job")
        }
        let requestID = video.headers.xRequestId
        switch video.body {
        case .videoMp4(let body), .binary(let body): return .video(body, requestID: requestID)
        case .json(let link):
            guard let url = link.videoUrl ?? link.outputVideo ?? link.result?.videoUrl else {
                throw UnexpectedAnswer(description: "a JSON answer without video_url, output_video or result.video_url")
            }
            return .link(url, requestID: requestID)
        }
    }

    /// The same call with a file streamed into the JSON body as base64: the
    /// generated client would build the whole body in memory, so it is sent by hand.
    private func sendInline(_ path: String, prefix: [UInt8], file: String, size: Int64, suffix: [UInt8]) async throws -> Answer {
        let response = try await postInline(path, prefix: prefix, file: file, size: size, suffix: suffix)
        let requestID = response.headers.first(name: "x-request-id")
        if response.headers.first(name: "content-type")?.lowercased().hasPrefix("application/json") == true {
            let body = try await response.body.collect(upTo: 1 << 20)
            let link = try JSONDecoder().decode(Components.Schemas.VideoLink.self, from: Data(Array(buffer: body)))
            guard let url = link.videoUrl ?? link.outputVideo ?? link.result?.videoUrl else {
                throw UnexpectedAnswer(description: "a JSON answer without video_url, output_video or result.video_url")
            }
            return .link(url, requestID: requestID)
        }
        let length = response.headers.first(name: "content-length").flatMap { Int64($0) }
        return .video(HTTPBody(response.body.map { ArraySlice(Array(buffer: $0)) }, length: length.map { .known($0) } ?? .unknown,
                               iterationBehavior: .single), requestID: requestID)
    }

    /// `POST path` with the file streamed into the body; a non-2xx is thrown
    /// as `APIStatusError` with its body, request id and `Retry-After`.
    private func postInline(_ path: String, prefix: [UInt8], file: String, size: Int64, suffix: [UInt8]) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: configuration.baseURL.url(path))
        request.method = .POST
        let auth = configuration.provider.authHeader(configuration.apiKey)
        request.headers.add(name: auth.name, value: auth.value)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        let response = try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file)) { handle in
            // The upload chunk is a multiple of 3: base64 groups stay whole between reads.
            let reads = SequentialFileReads(handle: handle, path: file, size: size, chunkLength: Self.uploadChunkLength)
            let body = Base64JSONBody(prefix: prefix, chunks: reads, suffix: suffix)
            request.body = .stream(body, length: .known(Base64JSONBody<SequentialFileReads>.length(prefix: prefix.count, fileSize: size, suffix: suffix.count)))
            return try await self.http.execute(request, timeout: self.timeout)
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
            throw APIStatusError(status: Int(response.status.code), body: body, requestID: response.headers.first(name: "x-request-id"),
                                 retryAfter: response.headers.first(name: "retry-after"))
        }
        return response
    }

    /// The body of `request` split where `inline`'s data URI goes.
    private static func split(_ request: GenerationRequest, _ inline: InlineFile) throws(ClientError) -> (prefix: [UInt8], suffix: [UInt8]) {
        let json: [UInt8]
        do { json = try request.json() } catch { throw .file("could not encode the request: \(error)") }
        guard let at = json.firstRange(of: Array(InlineFile.marker.utf8)) else { throw .file("internal: no data URI marker in the request") }
        return (Array(json[..<at.lowerBound]) + Array("data:\(inline.mimeType);base64,".utf8), Array(json[at.upperBound...]))
    }

    private func fileSize(_ path: String) throws(ClientError) -> Int64 {
        do { return try LocalFiles.status(path).size } catch { throw .file("\(path): \(error.message)") }
    }

    /// One generation call with retries; the answer goes to a temporary file
    /// beside `output`, renamed into place when complete. An answer whose
    /// body has started to arrive is never re-requested: a second generation
    /// would be paid for twice.
    private func receive(_ path: String, output: String, check: ResultCheck?, progress: @escaping @Sendable (Int64, Int64?) -> Void,
                         send: @escaping @Sendable () async throws -> Answer) async throws(ClientError) -> Generated {
        let file = OutputFile(path: output, suffix: "part")
        let ((bytes, requestID), attempts): ((Int64, String?), Int)
        do throws(ClientError) {
            ((bytes, requestID), attempts) = try await receiveRetrying(path, file: file, progress: progress, send: send)
        } catch { throw error.naming(output) }
        try await commit(file, check: check)
        return Generated(output: output, bytes: bytes, requestID: requestID, attempts: attempts)
    }

    private func receiveRetrying(_ path: String, file: OutputFile, progress: @escaping @Sendable (Int64, Int64?) -> Void,
                                 send: @escaping @Sendable () async throws -> Answer) async throws(ClientError) -> ((Int64, String?), Int) {
        try await withRetries(.generation, path, target: configuration.baseURL.string.prefixBeforePath, paid: true) { () async throws -> (Int64, String?) in
            switch try await send() {
            case .video(let body, let requestID):
                return (try await Self.write(body, to: file.temporary, progress: progress), requestID)
            case .link(let url, let requestID):
                // Fetched without the key: a storage URL, not the API host.
                self.logger.debug("\(path): the answer names \(url); fetching it")
                return (try await self.fetch(url, to: file.temporary, progress: progress), requestID)
            }
        }
    }

    /// Looks at a downloaded answer before it takes the output's name: nil
    /// when it is what was asked for, else what it is (a JSON or HTML body
    /// saved as a "video" would otherwise sit under the output's name).
    public typealias ResultCheck = @Sendable (_ temporary: String) async -> String?

    private func commit(_ file: OutputFile, check: ResultCheck?) async throws(ClientError) {
        if let check, let problem = await check(file.temporary) {
            file.discardTemporary()
            throw .unexpectedAnswer(problem)
        }
        // A signal that came while the result was checked: it does not take the output's name.
        if Task.isCancelled {
            file.discardTemporary()
            throw .cancelled
        }
        do { try file.commit() } catch {
            file.discardTemporary()
            throw .writeFailed(path: file.path, errno: error.errno.rawValue, reason: error.message)
        }
    }

    /// A result URL: no key, its own retries on connection failures and 5xx
    /// (the generation is done and paid for; only the transfer is repeated).
    private func fetch(_ url: String, to temporary: String, progress: @escaping @Sendable (Int64, Int64?) -> Void) async throws -> Int64 {
        let (bytes, _) = try await withRetries(.download, "downloading \(url)", target: url.prefixBeforePath) { () async throws -> Int64 in
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            let response = try await self.http.execute(request, timeout: self.timeout)
            guard (200..<300).contains(Int(response.status.code)) else {
                let body = (try? await response.body.collect(upTo: 1 << 16)).map { Array(buffer: $0) } ?? []
                throw APIStatusError(status: Int(response.status.code), body: body, requestID: response.headers.first(name: "x-request-id"),
                                     retryAfter: response.headers.first(name: "retry-after"))
            }
            let length = response.headers.first(name: "content-length").flatMap { Int64($0) }
            let body = HTTPBody(response.body.map { ArraySlice(Array(buffer: $0)) }, length: length.map { .known($0) } ?? .unknown,
                                iterationBehavior: .single)
            do { return try await Self.write(body, to: temporary, progress: progress) } catch let dropped as DownloadDropped {
                throw ResultTransferCut(dropped)  // retried: fetching the stored result again costs nothing
            }
        }
        return bytes
    }

    /// Streams `body` into `temporary`; a short or failed body removes it.
    /// What the network cuts (`DownloadDropped`) and what the disk refuses
    /// (`ResultWriteFailed`: full, its folder removed, read-only) are told
    /// apart: only the first is worth fetching again.
    static func write(_ body: HTTPBody, to temporary: String, progress: @escaping @Sendable (Int64, Int64?) -> Void) async throws -> Int64 {
        let expected: Int64? = if case .known(let n) = body.length { n } else { nil }
        var received: Int64 = 0
        do {
            try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(temporary),
                                                       options: .newFile(replaceExisting: true)) { handle in
                var writer = handle.bufferedWriter()
                var chunks = body.makeAsyncIterator()
                while true {
                    let next: ArraySlice<UInt8>?
                    do { next = try await chunks.next() } catch { throw BodyCut() }
                    guard let chunk = next else { break }
                    // A signal stops the transfer here, whatever the connection does.
                    try Task.checkCancellation()
                    received += Int64(chunk.count)
                    try await writer.write(contentsOf: chunk)
                    progress(received, expected)
                }
                try await writer.flush()
            }
        } catch is BodyCut {
            try? LocalFiles.remove(temporary)
            throw DownloadDropped(received: received, expected: expected)
        } catch is CancellationError {
            try? LocalFiles.remove(temporary)
            throw CancellationError()
        } catch {
            try? LocalFiles.remove(temporary)
            throw ResultWriteFailed(error, path: temporary)
        }
        if let expected, received != expected {
            try? LocalFiles.remove(temporary)
            throw DownloadDropped(received: received, expected: expected)
        }
        return received
    }

    private struct BodyCut: Error {}

    struct DownloadDropped: Error {
        var received: Int64
        var expected: Int64?
    }

    /// The result's bytes arrived and the file system refused them: errno and the system's words.
    struct ResultWriteFailed: Error {
        var path: String
        var errno: Int32
        var reason: String

        init(_ error: any Error, path: String) {
            self.path = path
            if let fs = error as? FileSystemError, let call = fs.cause as? FileSystemError.SystemCallError {
                errno = call.errno.rawValue
                reason = call.errno.message
            } else {
                errno = Errno.ioError.rawValue
                reason = String(describing: error)
            }
        }
    }

    /// A cut while fetching a stored result: safe to fetch again.
    struct ResultTransferCut: Error {
        var dropped: DownloadDropped
        init(_ dropped: DownloadDropped) { self.dropped = dropped }
    }

    /// A 2xx the contract does not describe.
    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `attempt` until it succeeds or `RetryStateMachine` says stop; a
    /// failure names `stage` (`label` is for the log), and each retry is told
    /// to `onRetry` as going to `target` before its wait.
    private func withRetries<T: Sendable>(_ stage: CallStage, _ label: String, target: String, paid: Bool = false,
                                          _ attempt: @escaping @Sendable () async throws -> T) async throws(ClientError) -> (T, Int) {
        var machine = RetryStateMachine(policy: configuration.retry)
        let clock = ContinuousClock()
        let started = clock.now
        while true {
            if Task.isCancelled { throw .cancelled }
            if paid {
                do { try await rateGate.wait(sleep: sleep) } catch { throw .cancelled }
            }
            logger.debug("\(label) (attempt \(machine.attempts + 1))")
            let outcome: RetryStateMachine.Outcome
            let failure: ClientError
            let neverConnected: Bool
            do {
                return (try await attempt(), machine.attempts + 1)
            } catch {
                neverConnected = Self.failedBeforeSending(error)
                switch Self.classify(error, attempts: machine.attempts + 1) {
                case .final(let e): throw e.at(stage)
                case .retryable(.connectionFailed, let e) where paid && !neverConnected:
                    // The request may have reached the API: sending it again could pay twice.
                    throw e.at(stage)
                case .retryable(.status(let code, _), let e) where paid && (code == 502 || code == 504):
                    // A gateway's error, not the API's: the request may have reached
                    // the API behind it and started a paid job. The API's own
                    // transient answers (429, 500, 503, 529) accepted nothing.
                    throw e.at(stage)
                case .retryable(let o, let e): (outcome, failure) = (o, e)
                }
            }
            logger.debug("\(label): \(failure)")
            switch machine.next(after: outcome, elapsed: clock.now - started, random: Double.random(in: 0..<1)) {
            case .done: continue
            case .fail: throw failure.at(stage)
            case .retry(let delay):
                if case .status(429, _) = outcome { rateGate.hold(for: delay) }
                logger.info("\(label): \(failure); retrying in \(delay)")
                onRetry(RetryNotice(stage: stage, target: target, connecting: neverConnected, reason: Self.reason(failure),
                                    delay: delay, nextAttempt: machine.attempts + 1, maxAttempts: machine.policy.maxAttempts))
                do { try await sleep(delay) } catch { throw .cancelled }
            }
        }
    }

    /// A retried failure in a few words, for its retry line: the API's
    /// error, or what the connection met ("connection refused").
    static func reason(_ failure: ClientError) -> String {
        switch failure {
        case .api(let e, _, _): e.description
        case .connection(let why, _, _): why
        case .droppedDownload: "the transfer was cut"
        default: failure.description
        }
    }

    /// What a failed connection met, shortly: the system's word for a refusal
    /// or an unreachable network, a time-out, a name that did not resolve.
    /// Anything else as Swift describes it.
    static func connectionReason(_ error: any Error) -> String {
        switch error {
        case let e as OpenAPIRuntime.ClientError: return connectionReason(e.underlyingError)
        case let e as NIOConnectionError:
            if let io = e.connectionErrors.last?.error as? IOError { return Errno(rawValue: io.errnoCode).message.lowercased() }
            if let dns = e.dnsAError ?? e.dnsAAAAError { return "\(e.host) did not resolve (\(dns))" }
            if let other = e.connectionErrors.last?.error { return connectionReason(other) }
            return String(describing: e)
        case let e as IOError: return Errno(rawValue: e.errnoCode).message.lowercased()
        case let e as HTTPClientError where e == .connectTimeout:
            return "no connection within \(RetryNotice.seconds(connectTimeout))"
        case let e as ChannelError:
            if case .connectTimeout = e { return "no connection within \(RetryNotice.seconds(connectTimeout))" }
            return String(describing: e)
        default: return String(describing: error)
        }
    }

    /// True when the connection never opened, so nothing was sent.
    static func failedBeforeSending(_ error: any Error) -> Bool {
        switch error {
        case let e as OpenAPIRuntime.ClientError: return failedBeforeSending(e.underlyingError)
        case is NIOConnectionError: return true
        // A host given as an IP address is dialled without Happy Eyeballs, so
        // its refusal comes bare; these errnos come from connect() alone.
        case let e as IOError: return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(e.errnoCode)
        case let e as HTTPClientError: return e == .connectTimeout
        case let e as ChannelError: if case .connectTimeout = e { return true } else { return false }
        default: return false
        }
    }

    enum Classified {
        case final(ClientError)
        case retryable(RetryStateMachine.Outcome, ClientError)
    }

    /// What a thrown error means for the retry policy.
    static func classify(_ error: any Error, attempts: Int) -> Classified {
        // A transfer a signal stopped may end in any error: it is the signal's.
        if Task.isCancelled && !(error is ClientError) { return .final(.cancelled) }
        switch error {
        case let e as ClientError: return .final(e)
        case let e as OpenAPIRuntime.ClientError:
            // The generated client wraps what the transport and middlewares throw.
            return classify(e.underlyingError, attempts: attempts)
        case let e as APIStatusError:
            return .retryable(.status(e.error.status, retryAfter: e.retryAfter), .api(e.error, attempts: attempts))
        case let e as DownloadDropped: return .final(.droppedDownload(received: e.received, expected: e.expected))
        case let e as ResultTransferCut:
            return .retryable(.connectionFailed, .droppedDownload(received: e.dropped.received, expected: e.dropped.expected))
        case let e as ResultWriteFailed: return .final(.writeFailed(path: e.path, errno: e.errno, reason: e.reason))  // the disk, not the network: no retry
        case let e as SourceFileError: return .final(.file(e.description))  // the file changed or failed: no retry
        case let e as UnexpectedAnswer: return .final(.unexpectedAnswer(e.description))
        case is DecodingError: return .final(.unexpectedAnswer("the answer is not the JSON the contract describes"))
        case is CancellationError: return .final(.cancelled)
        default:
            if Task.isCancelled { return .final(.cancelled) }
            return .retryable(.connectionFailed, .connection(connectionReason(error), attempts: attempts))
        }
    }
}

extension String {
    /// `scheme://host[:port]` of a URL.
    var prefixBeforePath: String {
        guard let r = firstRange(of: "://") else { return self }
        let rest = self[r.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return String(self[..<end])
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
