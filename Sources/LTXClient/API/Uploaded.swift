import LTXContract

/// A file stored by `upload`: its ticket, and how the transfer went.
public struct Uploaded: Sendable, Equatable {
    public var ticket: UploadTicket
    public var bytes: Int64
    /// From the start of the `PUT` (connection included) to the storage's
    /// answer: the transfer alone, without the ticket call or start-up.
    public var seconds: Double

    public var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
}
