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

    /// What kind of failure this is, for an exit status: the input or the
    /// call cannot be used, the API said no, the network failed, or it was cancelled.
    public enum Kind: Sendable {
        case unusable, api, network, cancelled
    }

    public var kind: Kind {
        switch self {
        case .unusable, .refused, .journal: .unusable
        case .jobFailed: .api
        case .cancelled: .cancelled
        case .client(let e):
            switch e {
            case .api, .unexpectedAnswer: .api
            case .connection, .droppedDownload: .network
            case .cancelled: .cancelled
            default: .unusable
            }
        }
    }

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
