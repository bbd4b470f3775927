import AsyncHTTPClient
import Logging
import NIOCore
import NIOFileSystem
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generation's result on disk.
public struct Generated: Sendable, Codable, Equatable {
    public var output: String
    public var bytes: Int64
    public var requestID: String?
    public var attempts: Int
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

/// Calls the LTX API (or Segmind's retake) over AsyncHTTPClient: uploads
/// streamed from disk, JSON requests, results streamed to a temporary file
/// and renamed into place, retries by `RetryStateMachine`.
public final class LTXAPIClient: Sendable {
    public let configuration: ClientConfiguration
    private let http: HTTPClient
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(configuration: ClientConfiguration, httpClient: HTTPClient = .shared,
                logger: Logger = Logger(label: "ltx-prep.client"),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.configuration = configuration
        self.http = httpClient
        self.logger = logger
        self.sleep = sleep
    }

    // MARK: calls

    /// `POST /v1/upload`, then `PUT` of the file to the signed URL with every
    /// required header. The file streams from disk; the key is not sent to
    /// the storage host.
    public func upload(file: String, contentType: String,
                       progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }) async throws(ClientError) -> Uploaded {
        guard configuration.provider == .ltx else { throw .unsupported("\(configuration.provider.rawValue) has no upload endpoint") }
        let (ticketBytes, _, _) = try await call("upload ticket") { () async throws -> (HTTPClientRequest, Bool) in
            var request = self.apiRequest("/v1/upload", method: .POST)
            request.body = .bytes(ByteBuffer())
            return (request, true)
        } onSuccess: { response in
            (try await response.body.collect(upTo: 1 << 20), nil as String?)
        }
        let ticket: UploadTicket
        do { ticket = try JSONCoding.decode(UploadTicket.self, from: Array(buffer: ticketBytes)) }
        catch { throw .file("the upload endpoint answered with an unreadable ticket") }
        let target: BaseURL
        do throws(BaseURL.Problem) { target = try BaseURL(ticket.uploadURL.prefixBeforePath) } catch { throw .badBaseURL(error) }
        logger.debug("uploading \(file) to \(target.host)")

        let size = try fileSize(file)
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await call("upload") { () async throws -> (HTTPClientRequest, Bool) in
            var request = HTTPClientRequest(url: ticket.uploadURL)
            request.method = .PUT
            request.headers.add(name: "Content-Type", value: contentType)
            for (name, value) in ticket.requiredHeaders.sorted(by: { $0.key < $1.key }) {
                request.headers.replaceOrAdd(name: name, value: value)
            }
            return (request, false)
        } body: { request in
            let source = try ReadOnlyFile(path: file)
            let eventLoop = self.http.eventLoopGroup.next()
            let body = FileUploadBody.make(source, size: size, chunkLength: Int(Self.uploadChunkLength),
                                           threadPool: .singleton, eventLoop: eventLoop) { sent in progress(sent, size) }
            let put = try HTTPClient.Request(url: request.url, method: .PUT, headers: request.headers, body: body)
            let task = self.http.execute(request: put, delegate: ResponseAccumulator(request: put),
                                         eventLoop: .delegate(on: eventLoop), deadline: .now() + self.timeout)
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return HTTPClientResponse(status: response.status, headers: response.headers,
                                      body: .bytes(response.body ?? ByteBuffer()))
        } onSuccess: { response in
            _ = try await response.body.collect(upTo: 1 << 20)
            return ((), nil as String?)
        }
        let elapsed = (clock.now - started).components
        return Uploaded(ticket: ticket, bytes: size,
                        seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    /// POSTs a JSON body and streams the video that comes back to `output`.
    public func generate<Body: Encodable & Sendable>(_ path: String, body: Body, to output: String,
                                                     progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }) async throws(ClientError) -> Generated {
        let json: [UInt8]
        do { json = try JSONCoding.encode(body) } catch { throw .file("could not encode the request: \(error)") }
        return try await download(path, output: output, progress: progress) { request in
            var r = request
            r.body = .bytes(ByteBuffer(bytes: json))
            return try await self.http.execute(r, timeout: self.timeout)
        }
    }

    /// Like `generate`, with `file` inlined as a `data:` URI in the field that
    /// holds `marker`; the base64 streams from disk.
    public func generate<Body: Encodable & Sendable>(_ path: String, body: Body, inlining file: String, mimeType: String,
                                                     marker: String, to output: String,
                                                     progress: @escaping @Sendable (Int64, Int64?) -> Void = { _, _ in }) async throws(ClientError) -> Generated {
        let json: [UInt8]
        do { json = try JSONCoding.encode(body) } catch { throw .file("could not encode the request: \(error)") }
        guard let at = json.firstRange(of: Array(marker.utf8)) else { throw .file("internal: no data URI marker in the request") }
        let prefix = Array(json[..<at.lowerBound]) + Array("data:\(mimeType);base64,".utf8)
        let suffix = Array(json[at.upperBound...])
        let size = try fileSize(file)
        return try await download(path, output: output, progress: progress) { request in
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file)) { handle in
                // The upload chunk is a multiple of 3: base64 groups stay whole between reads.
                let reads = SequentialFileReads(handle: handle, path: file, size: size, chunkLength: Self.uploadChunkLength)
                let body = Base64JSONBody(prefix: prefix, chunks: reads, suffix: suffix)
                var r = request
                r.body = .stream(body, length: .known(Base64JSONBody<SequentialFileReads>.length(prefix: prefix.count, fileSize: size, suffix: suffix.count)))
                return try await self.http.execute(r, timeout: self.timeout)
            }
        }
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

    private func apiRequest(_ path: String, method: HTTPMethod) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.baseURL.url(path))
        request.method = method
        let auth = configuration.provider.authHeader(configuration.apiKey)
        request.headers.add(name: auth.name, value: auth.value)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ltx-prep/0.1")
        return request
    }

    private func fileSize(_ path: String) throws(ClientError) -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .file("\(path): \(String(cString: strerror(errno)))") }
        return Int64(st.st_size)
    }

    /// One API call with retries; the response body goes to a temporary
    /// file beside `output`, renamed into place when complete.
    private func download(_ path: String, output: String, progress: @escaping @Sendable (Int64, Int64?) -> Void,
                          send: @escaping @Sendable (HTTPClientRequest) async throws -> HTTPClientResponse) async throws(ClientError) -> Generated {
        let temporary = Self.temporaryPath(beside: output)
        let (bytes, requestID, attempts) = try await call(path) { () async throws -> (HTTPClientRequest, Bool) in
            (self.apiRequest(path, method: .POST), true)
        } body: { request in
            try await send(request)
        } onSuccess: { response in
            let expected = response.headers.first(name: "content-length").flatMap { Int64($0) }
            var received: Int64 = 0
            do {
                try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(temporary),
                                                           options: .newFile(replaceExisting: true)) { handle in
                    var writer = handle.bufferedWriter()
                    for try await chunk in response.body {
                        received += Int64(chunk.readableBytes)
                        try await writer.write(contentsOf: chunk)
                        progress(received, expected)
                    }
                    try await writer.flush()
                }
            } catch {
                unlink(temporary)
                throw DownloadDropped(received: received, expected: expected)
            }
            if let expected, received != expected {
                unlink(temporary)
                throw DownloadDropped(received: received, expected: expected)
            }
            return (received, response.headers.first(name: "x-request-id"))
        }
        if rename(temporary, output) != 0 {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw .file("\(output): \(why)")
        }
        return Generated(output: output, bytes: bytes, requestID: requestID, attempts: attempts)
    }

    static func temporaryPath(beside output: String) -> String {
        let slash = output.lastIndex(of: "/")
        let dir = slash.map { String(output[..<$0]) } ?? "."
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return "\(dir.isEmpty ? "/" : dir)/.\(name).ltx-prep-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).part"
    }

    struct DownloadDropped: Error {
        var received: Int64
        var expected: Int64?
    }

    /// Sends with retries. `make` builds the request (and says whether it is
    /// for the API host); `body` sends it; `onSuccess` reads a 2xx response.
    /// A result that has started to download is never retried: a second
    /// generation would be paid for twice.
    private func call<T: Sendable>(_ label: String,
                                   make: @escaping @Sendable () async throws -> (HTTPClientRequest, Bool),
                                   body: (@Sendable (HTTPClientRequest) async throws -> HTTPClientResponse)? = nil,
                                   onSuccess: @escaping @Sendable (HTTPClientResponse) async throws -> (T, String?)) async throws(ClientError) -> (T, String?, Int) {
        var machine = RetryStateMachine(policy: configuration.retry)
        let clock = ContinuousClock()
        let started = clock.now
        while true {
            if Task.isCancelled { throw .cancelled }
            let outcome: RetryStateMachine.Outcome
            var failure: ClientError
            do {
                let (request, _) = try await make()
                logger.debug("\(request.method.rawValue) \(label) (attempt \(machine.attempts + 1))")
                let response = try await (body ?? { try await self.http.execute($0, timeout: self.timeout) })(request)
                let requestID = response.headers.first(name: "x-request-id")
                if (200..<300).contains(Int(response.status.code)) {
                    do {
                        let (value, id) = try await onSuccess(response)
                        return (value, id ?? requestID, machine.attempts + 1)
                    } catch let dropped as DownloadDropped {
                        throw ClientError.droppedDownload(received: dropped.received, expected: dropped.expected)
                    }
                }
                let status = Int(response.status.code)
                let errorBody = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
                let apiError = APIError.decode(status: status, body: errorBody, requestID: requestID)
                logger.debug("\(label): \(apiError)")
                outcome = .status(status, retryAfter: response.headers.first(name: "retry-after").flatMap(Double.init))
                failure = .api(apiError, attempts: machine.attempts + 1)
            } catch let error as ClientError {
                throw error
            } catch let error as SourceFileError {
                throw .file(error.description)  // the file changed or failed, not the network: no retry
            } catch is CancellationError {
                throw .cancelled
            } catch {
                if Task.isCancelled { throw .cancelled }
                logger.debug("\(label): connection failed: \(error)")
                outcome = .connectionFailed
                failure = .connection(String(describing: error), attempts: machine.attempts + 1)
            }
            let decision = machine.next(after: outcome, elapsed: clock.now - started, random: Double.random(in: 0..<1))
            switch decision {
            case .done: continue
            case .fail: throw failure
            case .retry(let delay):
                logger.info("\(label): \(failure); retrying in \(delay)")
                do { try await sleep(delay) } catch { throw .cancelled }
            }
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
