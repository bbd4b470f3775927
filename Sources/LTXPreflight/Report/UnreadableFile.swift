import LTXMedia

/// What `--json` says of a file that cannot be read, in place of its report:
/// `{"file", "error": {"kind", "message", "operation", "code"}}`.
public struct UnreadableFile: Sendable, Encodable {
    public struct Reason: Sendable, Encodable {
        public var kind: MediaError.Kind
        public var message: String
        /// The FFmpeg call that failed, when one did.
        public var operation: String?
        /// FFmpeg's AVERROR, when FFmpeg said it.
        public var code: Int32?
    }

    public var file: String
    public var error: Reason

    public init(_ file: String, _ error: MediaError) {
        self.file = file
        self.error = Reason(kind: error.kind, message: error.message, operation: error.operation, code: error.code)
    }
}
