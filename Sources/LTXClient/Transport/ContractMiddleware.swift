import HTTPTypes
import LTXContract
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Adds the provider's key and a User-Agent to every call of the generated
/// client. That client only ever talks to the API's base URL, so the key
/// cannot reach a storage host through it.
struct AuthenticationMiddleware: ClientMiddleware {
    let provider: Provider
    let key: APIKey

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        let auth = provider.authHeader(key)
        if let name = HTTPField.Name(auth.name) { request.headerFields[name] = auth.value }
        request.headerFields[.userAgent] = LTXAPIClient.userAgent
        return try await next(request, body, baseURL)
    }
}

/// A non-2xx answer, read as the contract's error envelope before the
/// generated code sees it: retries and messages need the status, the
/// `Retry-After` and `x-request-id` of any failure, documented or not.
struct ErrorEnvelopeMiddleware: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        throw APIStatusError(response, body: await ErrorEnvelopeMiddleware.collect(responseBody))
    }

    static func collect(_ body: HTTPBody?) async -> [UInt8] {
        guard let body else { return [] }
        return (try? await [UInt8](collecting: body, upTo: 1 << 20)) ?? []
    }
}

/// An HTTP error answer: the decoded error and what the retry policy reads.
struct APIStatusError: Error {
    var error: APIError
    var retryAfter: Double?

    init(_ response: HTTPResponse, body: [UInt8]) {
        let requestID = HTTPField.Name("x-request-id").flatMap { response.headerFields[$0] }
        error = APIError.decode(status: response.status.code, body: body, requestID: requestID)
        retryAfter = response.headerFields[.retryAfter].flatMap(Double.init)
    }

    init(status: Int, body: [UInt8], requestID: String?, retryAfter: String?) {
        error = APIError.decode(status: status, body: body, requestID: requestID)
        self.retryAfter = retryAfter.flatMap(Double.init)
    }
}
