import LTXMedia

/// What `--json` prints on stdout when a command fails, so that a script
/// reading stdout gets one object whatever happened: `{"error": {"kind",
/// "message"}}`, and for an input that cannot be read the shape `check --json`
/// gives it, `{"file", "error": {"kind", "message", "operation", "code"}}`.
///
/// `kind` is the media error's for an unreadable input (`not-found`, `empty`,
/// `truncated`...), else `arguments`, `unusable` (an input, an output or the
/// journal cannot be used), `refused` (a spending rule: --max-cost, the
/// journal, an output not to replace, not confirmed), `api`, `network` or
/// `interrupted`. `message` is the line printed on stderr.
public struct ErrorReport: Sendable, Encodable {
    public struct Reason: Sendable, Encodable {
        public var kind: String
        public var message: String
        public var operation: String?
        public var code: Int32?
    }

    public var file: String?
    public var error: Reason

    /// A failed workflow, said as `message` (a front end's words for it).
    public init(_ error: WorkflowError, message: String) {
        if case .unreadable(let e) = error {
            self.init(e, message: message)
            return
        }
        let kind: String = switch error.kind {
        case .unusable: error.isRefusal ? "refused" : "unusable"
        case .api: "api"
        case .network: "network"
        case .cancelled: "interrupted"
        }
        self.init(file: nil, Reason(kind: kind, message: message))
    }

    /// A fix that failed, said as `message`.
    public init(_ error: FixError, message: String) {
        switch error {
        case .input(let e): self.init(e, message: message)
        case .cancelled: self.init(file: nil, Reason(kind: "interrupted", message: message))
        default: self.init(file: nil, Reason(kind: "unusable", message: message))
        }
    }

    /// Arguments the command cannot take.
    public init(arguments message: String) {
        self.init(file: nil, Reason(kind: "arguments", message: message))
    }

    private init(_ e: MediaError, message: String) {
        self.init(file: e.path, Reason(kind: e.kind.rawValue, message: message, operation: e.operation, code: e.code))
    }

    private init(file: String?, _ error: Reason) {
        self.file = file
        self.error = error
    }
}
