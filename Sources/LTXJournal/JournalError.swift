/// The journal could not be used: a paid call is never made without it.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): the journal cannot be used: \(message)" }
}
