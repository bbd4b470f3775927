import LTXClient
import LTXMedia

/// Why a workflow stopped. Each case maps to one exit status of the CLI.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    /// An input cannot be used (unreadable, unfixable, refused for its delivery).
    case unusable(String)
    /// The call was not made: over the cost limit, or not approved.
    case refused(String)
    /// The API or the network failed.
    case client(ClientError)
    case cancelled

    public var description: String {
        switch self {
        case .unusable(let why), .refused(let why): why
        case .client(let e): e.description
        case .cancelled: "interrupted: nothing was written"
        }
    }
}
