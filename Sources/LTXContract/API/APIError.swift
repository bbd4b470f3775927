#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A failed call, with everything a support ticket needs: the HTTP status,
/// the documented error type and message, and `x-request-id`.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    /// `authentication_error`, `invalid_request_error`, `rate_limit_error`...
    public var type: String
    public var message: String
    public var requestID: String?

    public init(status: Int, type: String, message: String, requestID: String? = nil) {
        self.status = status
        self.type = type
        self.message = message
        self.requestID = requestID
    }

    /// Reads the documented body `{"type":"error","error":{"type","message"}}`
    /// (the contract's `ErrorResponse`); anything else keeps the status and a
    /// short excerpt of the body, since proxies and gateways answer in their own shapes.
    public static func decode(status: Int, body: [UInt8], requestID: String?) -> APIError {
        if let envelope = try? JSONDecoder().decode(Components.Schemas.ErrorResponse.self, from: Data(body)) {
            return APIError(status: status, type: envelope.error._type, message: envelope.error.message, requestID: requestID)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingSpacesAndNewlines
        return APIError(status: status, type: Self.defaultType(status), message: text.isEmpty ? Self.reason(status) : text,
                        requestID: requestID)
    }

    /// The documented body for this error, as the sandbox sends it.
    public var envelope: Components.Schemas.ErrorResponse {
        Components.Schemas.ErrorResponse(_type: .error, error: .init(_type: type, message: message))
    }

    public static func defaultType(_ status: Int) -> String {
        switch status {
        // ltx-api-2026.md §6; a gateway's own answer keeps the status's type.
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 402: "insufficient_funds_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 422: "content_filtered_error"
        case 429: "rate_limit_error"
        case 503: "service_unavailable_error"
        case 529: "overloaded_error"
        default: "api_error"
        }
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 422: "Content Filtered"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Overloaded"
        default: "HTTP \(status)"
        }
    }

    public var description: String {
        "HTTP \(status) \(type): \(message)" + (requestID.map { " (x-request-id \($0))" } ?? "")
    }
}
