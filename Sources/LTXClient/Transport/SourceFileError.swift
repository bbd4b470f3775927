import LTXSystem

/// The local file being sent failed, not the network: the call is not
/// retried (`LTXAPIClient` turns this into `ClientError.file`).
struct SourceFileError: Error, CustomStringConvertible {
    enum Kind {
        /// The file ended before the length announced in Content-Length.
        case shrank(expected: Int64, read: Int64)
        /// A read failed with this errno.
        case readFailed(Errno)
    }

    var path: String
    var kind: Kind

    var description: String {
        switch kind {
        case .shrank(let expected, let read): "\(path): the file shrank while being sent (\(read) of \(expected) bytes)"
        case .readFailed(let code): "\(path): \(code.message)"
        }
    }
}
