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

    /// Reads the documented body `{"type":"error","error":{"type","message"}}`;
    /// anything else keeps the status and a short excerpt of the body.
    public static func decode(status: Int, body: [UInt8], requestID: String?) -> APIError {
        struct Envelope: Decodable {
            struct Inner: Decodable { var type: String?; var message: String? }
            var error: Inner?
            var message: String?
        }
        if let envelope = try? JSONCoding.decoder.decode(Envelope.self, from: body) {
            let type = envelope.error?.type ?? Self.defaultType(status)
            let message = envelope.error?.message ?? envelope.message ?? Self.reason(status)
            return APIError(status: status, type: type, message: message, requestID: requestID)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingSpacesAndNewlines
        return APIError(status: status, type: Self.defaultType(status), message: text.isEmpty ? Self.reason(status) : text,
                        requestID: requestID)
    }

    static func defaultType(_ status: Int) -> String {
        switch status {
        case 400: "invalid_request_error"
        case 401: "authentication_error"
        case 402: "insufficient_funds_error"
        case 413: "request_too_large"
        case 422: "content_filtered_error"
        case 429: "rate_limit_error"
        case 503: "service_unavailable"
        default: "api_error"
        }
    }

    static func reason(_ status: Int) -> String {
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
        default: "HTTP \(status)"
        }
    }

    public var description: String {
        "HTTP \(status) \(type): \(message)" + (requestID.map { " (x-request-id \($0))" } ?? "")
    }
}
