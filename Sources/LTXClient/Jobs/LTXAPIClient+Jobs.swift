import AsyncHTTPClient
import LTXContract
import NIOCore
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// LTX's v2 jobs: submitted once (a request that may have arrived is never
/// sent twice), then polled (`followJob`).
extension LTXAPIClient {
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
        switch try await followJob(request.endpoint, id: accepted.id, every: pollInterval) {
        case .completed(let url):
            var generated = try await download(resultURL: url, to: output, check: check)
            generated.requestID = submitted.requestID
            return generated
        case .completedWithoutResult: throw .unexpectedAnswer("job \(accepted.id) completed without a result URL")
        case .failed(let reason): throw .jobFailed(id: accepted.id, reason: reason)
        }
    }

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
    func submitInline(_ request: GenerationRequest, inline: InlineFile) async throws(ClientError) -> Submitted {
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
    func submitJSON(_ request: GenerationRequest) async throws(ClientError) -> Submitted {
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
}
