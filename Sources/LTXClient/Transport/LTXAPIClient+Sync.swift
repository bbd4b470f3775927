import AsyncHTTPClient
import LTXContract
import LTXFiles
import LTXSystem
import NIOCore
import NIOFileSystem
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Synchronous generation (Segmind's retake): one connection holds the
/// whole call, its answer streamed to a temporary file.
extension LTXAPIClient {
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

    /// What a synchronous generation answered with a 2xx.
    enum Answer: Sendable {
        /// The video itself, streaming.
        case video(HTTPBody, requestID: String?)
        /// JSON naming where the video is (NOTES.md: `video_url`, `output_video`, `result.video_url`).
        case link(String, requestID: String?)
    }

    /// Through the generated client.
    func send(_ request: GenerationRequest) async throws -> Answer {
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
    func sendInline(_ path: String, prefix: [UInt8], file: String, size: Int64, suffix: [UInt8]) async throws -> Answer {
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
    func postInline(_ path: String, prefix: [UInt8], file: String, size: Int64, suffix: [UInt8]) async throws -> HTTPClientResponse {
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
    static func split(_ request: GenerationRequest, _ inline: InlineFile) throws(ClientError) -> (prefix: [UInt8], suffix: [UInt8]) {
        let json: [UInt8]
        do { json = try request.json() } catch { throw .file("could not encode the request: \(error)") }
        guard let at = json.firstRange(of: Array(InlineFile.marker.utf8)) else { throw .file("internal: no data URI marker in the request") }
        return (Array(json[..<at.lowerBound]) + Array("data:\(inline.mimeType);base64,".utf8), Array(json[at.upperBound...]))
    }

    func fileSize(_ path: String) throws(ClientError) -> Int64 {
        do { return try LocalFiles.status(path).size } catch { throw .file("\(path): \(error.message)") }
    }

    /// One generation call with retries; the answer goes to a temporary file
    /// beside `output`, renamed into place when complete. An answer whose
    /// body has started to arrive is never re-requested: a second generation
    /// would be paid for twice.
    func receive(_ path: String, output: String, check: ResultCheck?, progress: @escaping @Sendable (Int64, Int64?) -> Void,
                         send: @escaping @Sendable () async throws -> Answer) async throws(ClientError) -> Generated {
        let file = OutputFile(path: output, suffix: "part")
        let ((bytes, requestID), attempts): ((Int64, String?), Int)
        do throws(ClientError) {
            ((bytes, requestID), attempts) = try await receiveRetrying(path, file: file, progress: progress, send: send)
        } catch { throw error.naming(output) }
        try await commit(file, check: check)
        return Generated(output: output, bytes: bytes, requestID: requestID, attempts: attempts)
    }

    func receiveRetrying(_ path: String, file: OutputFile, progress: @escaping @Sendable (Int64, Int64?) -> Void,
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
}
