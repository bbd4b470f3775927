/// What a delivery URL's server answered to a `HEAD`, redirects not followed.
public struct RemoteFile: Sendable, Equatable {
    public var status: Int
    public var contentLength: Int64?
    public var location: String?

    public init(status: Int, contentLength: Int64? = nil, location: String? = nil) {
        self.status = status
        self.contentLength = contentLength
        self.location = location
    }
}
