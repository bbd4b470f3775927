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

    /// The scripted or random fault for `status`, as the API documents it
    /// (ltx-api-2026.md §6): each type with its status and message; both
    /// kinds of 429 carry `Retry-After`.
    static func fault(_ status: Int, retryAfter: Int) -> SandboxFailure {
        fault(SandboxFault(status: status), retryAfter: retryAfter)
    }

    static func fault(_ fault: SandboxFault, retryAfter: Int) -> SandboxFailure {
        switch fault.status {
        case 429 where fault.concurrency:
            SandboxFailure(status: 429, type: "concurrency_limit_error", message: "Too many concurrent requests. Please try again later.",
                           retryAfter: retryAfter)
        case 429: SandboxFailure(status: 429, type: "rate_limit_error", message: "Queue limit exceeded. Please try again later.",
                                 retryAfter: retryAfter)
        case 400: .invalid("Invalid request parameters")
        case 401: SandboxFailure(status: 401, type: "authentication_error", message: "Invalid API key")
        case 402: SandboxFailure(status: 402, type: "insufficient_funds_error", message: "Insufficient funds. Required: 120 credits")
        case 403: SandboxFailure(status: 403, type: "permission_error", message: "This endpoint is not available for your account")
        case 404: notFound
        case 413: SandboxFailure(status: 413, type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes")
        case 422: SandboxFailure(status: 422, type: "content_filtered_error", message: "Content is filtered due to policy restrictions")
        case 503: SandboxFailure(status: 503, type: "service_unavailable_error", message: "Service temporarily unavailable")
        case 504: SandboxFailure(status: 504, type: "api_error", message: "Request timeout")
        case 529: SandboxFailure(status: 529, type: "overloaded_error", message: "The API is temporarily overloaded")
        default: SandboxFailure(status: fault.status, type: "api_error", message: "Internal server error")
        }
    }
}
