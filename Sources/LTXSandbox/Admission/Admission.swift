import HTTPTypes
import LTXContract
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every operation of the contract passes here first: the key (Bearer for
/// LTX, `x-api-key` for Segmind's route), the scripted or random fault for
/// paid calls, a bound on the JSON body, and errors written in the documented
/// envelope, so a handler only ever returns its success.
struct Admission: ServerMiddleware {
    let configuration: SandboxConfiguration
    let state: SandboxState

    /// The routes that would start a paid generation.
    static let paid: Set<String> = ["retake", "segmindRetake", "textToVideo", "imageToVideo", "audioToVideo",
                                    "submitRetake", "submitTextToVideo", "submitImageToVideo", "submitAudioToVideo",
                                    "submitExtend", "submitReframe", "submitHDR"]
    /// A data URI is at most 15 MB encoded; the rest of a body is small.
    static let bodyLimit = 16 << 20

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            try authorize(request, segmind: operationID == "segmindRetake")
            // The body is read before a scripted fault is answered: answering
            // first and closing on a body still arriving could cut the client's
            // read of the error (it would see no envelope, only the status).
            var bounded: HTTPBody?
            var bytes: [UInt8]?
            if let body {
                if case .known(let n) = body.length, n > Self.bodyLimit { throw Self.tooLarge }
                bytes = try await Self.collect(body)
                bounded = bytes.map { HTTPBody($0) }
            }
            if Self.paid.contains(operationID), let fault = await state.nextFault() {
                throw SandboxFailure.fault(fault, retryAfter: configuration.retryAfter)
            }
            if operationID == "getJob", let status = await state.nextPollFault() {
                throw SandboxFailure.fault(status, retryAfter: configuration.retryAfter)
            }
            if operationID == "submitReframe", let bytes { try Self.checkReframeSize(bytes) }
            if operationID == "submitHDR", let bytes { try Self.checkHDRColorSpace(bytes) }
            if Self.paid.contains(operationID), configuration.acceptDelay > .zero { try? await Task.sleep(for: configuration.acceptDelay) }
            return try await next(request, bounded, metadata)
        } catch {
            return Self.answer(Self.failure(from: error))
        }
    }

    /// reframe's `resolution` is one of ten sizes: one outside them is
    /// answered with the list (the generated decoder alone would say only
    /// that the body does not decode).
    private static func checkReframeSize(_ bytes: [UInt8]) throws(SandboxFailure) {
        struct Asked: Decodable { var resolution: String? }
        guard let asked = try? JSONDecoder().decode(Asked.self, from: Data(bytes)), let resolution = asked.resolution else { return }
        if Catalogue.Reframe.tier(resolution) == nil {
            throw .invalid("resolution \(resolution) is not offered: " + Producers.reframeSizes)
        }
    }

    /// HDR's `output_colorspace` is one of four names: another is answered
    /// with them, as the API's validation does (400 `invalid_request_error`).
    private static func checkHDRColorSpace(_ bytes: [UInt8]) throws(SandboxFailure) {
        struct Asked: Decodable { var output_colorspace: String? }
        guard let asked = try? JSONDecoder().decode(Asked.self, from: Data(bytes)), let space = asked.output_colorspace else { return }
        if !Catalogue.HDR.colorSpaces.contains(space) {
            throw .invalid("output_colorspace \(space) is not offered: one of \(Catalogue.HDR.colorSpaces.joined(separator: ", "))")
        }
    }

    static let tooLarge = SandboxFailure(status: 413, type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes")
    static let malformed = SandboxFailure.invalid("the request body could not be read: it is not valid HTTP/1.1 framing (chunked encoding or length)")

    /// The body, at most `bodyLimit` bytes: too many is a 413, a body the
    /// connection cannot frame (a broken chunk) a 400, never the other way.
    private static func collect(_ body: HTTPBody) async throws(SandboxFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in body {
                if bytes.count + chunk.count > bodyLimit { throw tooLarge }
                bytes += chunk
            }
        } catch let failure as SandboxFailure {
            throw failure
        } catch {
            throw malformed
        }
        return bytes
    }

    private func authorize(_ request: HTTPRequest, segmind: Bool) throws(SandboxFailure) {
        let denied = { (why: String) in SandboxFailure(status: 401, type: "authentication_error", message: why) }
        if segmind {
            guard let key = request.headerFields[HTTPField.Name("x-api-key")!] else { throw denied("Missing x-api-key header") }
            guard key == configuration.apiKey else { throw denied("Invalid API key") }
            return
        }
        guard let auth = request.headerFields[.authorization] else { throw denied("Missing authorization header") }
        guard auth.hasPrefix("Bearer ") else { throw denied("Malformed header") }
        guard auth.dropFirst(7) == configuration.apiKey else { throw denied("Invalid API key") }
    }

    /// A handler's failure, or the generated code's (a body that is not the
    /// JSON the operation takes) as a 400.
    static func failure(from error: any Error) -> SandboxFailure {
        switch error {
        case let f as SandboxFailure: return f
        case let e as ServerError:
            if let f = e.underlyingError as? SandboxFailure { return f }
            return .invalid("the request is not what this endpoint takes: \(e.causeDescription)")
        default: return .server("\(error)")
        }
    }

    static func answer(_ failure: SandboxFailure) -> (HTTPResponse, HTTPBody?) {
        let body = APIErrorResponse.json(type: failure.type, message: failure.message)
        var response = HTTPResponse(status: .init(code: failure.status))
        response.headerFields[.contentType] = "application/json"
        if let retryAfter = failure.retryAfter { response.headerFields[.retryAfter] = String(retryAfter) }
        return (response, HTTPBody(body))
    }
}
