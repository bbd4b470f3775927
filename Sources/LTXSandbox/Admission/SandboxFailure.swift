import LTXContract

/// An error answer from inside a handler: the admission middleware writes it
/// in the documented envelope, whatever the operation, with its status.
struct SandboxFailure: Error {
    var status: Int
    var type: String
    var message: String
    var retryAfter: Int?

    static func invalid(_ message: String) -> SandboxFailure {
        SandboxFailure(status: 400, type: "invalid_request_error", message: message)
    }

    static func server(_ message: String) -> SandboxFailure {
        SandboxFailure(status: 500, type: "api_error", message: "Internal server error: \(message)")
    }

    static let notFound = SandboxFailure(status: 404, type: "not_found_error", message: "The job does not exist or has expired")

    /// The scripted or random fault for `status`, as the API documents it.
    static func fault(_ status: Int, retryAfter: Int) -> SandboxFailure {
        switch status {
        case 429: SandboxFailure(status: 429, type: "rate_limit_error", message: "Too many requests. Please try again later.",
                                 retryAfter: retryAfter)
        case 400: .invalid("Invalid request parameters")
        case 401: SandboxFailure(status: 401, type: "authentication_error", message: "Invalid API key")
        case 402: SandboxFailure(status: 402, type: "insufficient_funds_error", message: "Insufficient funds. Required: 120 credits")
        case 422: SandboxFailure(status: 422, type: "content_filtered_error", message: "Content is filtered due to policy restrictions")
        case 503: SandboxFailure(status: 503, type: "service_unavailable", message: "Service temporarily unavailable")
        case 504: SandboxFailure(status: 504, type: "api_error", message: "Request timeout")
        default: SandboxFailure(status: status, type: "api_error", message: "Internal server error")
        }
    }
}
