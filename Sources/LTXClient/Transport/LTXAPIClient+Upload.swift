import AsyncHTTPClient
import LTXContract
import NIOCore
import NIOHTTP1

extension LTXAPIClient {
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
}
