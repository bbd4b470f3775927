import HTTPTypes
import Hummingbird
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The documented error body, `{"type":"error","error":{"type","message"}}`.
struct APIErrorResponse {
    static func make(_ status: HTTPResponse.Status, _ type: String, _ message: String,
                     extraHeaders: HTTPFields = [:]) -> Response {
        struct Body: Encodable {
            struct Inner: Encodable { var type: String; var message: String }
            var type = "error"
            var error: Inner
        }
        let data = (try? JSONEncoder().encode(Body(error: .init(type: type, message: message)))) ?? Data()
        var headers = extraHeaders
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func invalid(_ message: String) -> Response { make(.badRequest, "invalid_request_error", message) }

    /// The scripted or random fault for `status`, as the API documents it.
    static func fault(_ status: Int, retryAfter: Int) -> Response {
        switch status {
        case 429:
            return make(.tooManyRequests, "rate_limit_error", "Too many requests. Please try again later.",
                        extraHeaders: [.retryAfter: String(retryAfter)])
        case 400: return make(.badRequest, "invalid_request_error", "Invalid request parameters")
        case 402: return make(.init(code: 402), "insufficient_funds_error", "Insufficient funds. Required: 120 credits")
        case 422: return make(.unprocessableContent, "content_filtered_error", "Content is filtered due to policy restrictions")
        case 503: return make(.serviceUnavailable, "service_unavailable", "Service temporarily unavailable")
        case 504: return make(.gatewayTimeout, "api_error", "Request timeout")
        case 401: return make(.unauthorized, "authentication_error", "Invalid API key")
        default: return make(.init(code: status), "api_error", "Internal server error")
        }
    }
}

/// A response given instead of a value, so it can travel in a `Result`.
struct Reply: Error {
    var response: Response
    init(_ response: Response) { self.response = response }
}
