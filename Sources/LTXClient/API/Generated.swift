/// A generation's result on disk.
public struct Generated: Sendable, Codable, Equatable {
    public var output: String
    public var bytes: Int64
    public var requestID: String?
    public var attempts: Int

    public init(output: String, bytes: Int64, requestID: String? = nil, attempts: Int) {
        self.output = output
        self.bytes = bytes
        self.requestID = requestID
        self.attempts = attempts
    }
}
