import LTXClient
import LTXJournal
import LTXMedia

/// Why a workflow stopped. Each case maps to one exit status of the CLI.
public enum WorkflowError: Error, Sendable, CustomStringConvertible {
    /// An input cannot be used (unreadable, unfixable, refused for its delivery).
    case unusable(String)
    /// The call was not made: over the cost limit, or not approved.
    case refused(String)
    /// The API or the network failed.
    case client(ClientError)
    /// The API took the job, and the job failed or expired.
    case jobFailed(String)
    /// The journal cannot be written: no paid call is made without it.
    case journal(JournalError)
    case cancelled

    public var description: String {
        switch self {
        case .unusable(let why), .refused(let why): why
        case .client(let e): e.description
        case .jobFailed(let why): why
        case .journal(let e): e.description
        case .cancelled: "interrupted: nothing was written"
        }
    }
}
