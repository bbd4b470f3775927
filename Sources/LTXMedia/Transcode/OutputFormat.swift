public enum OutputFormat: String, Sendable, Codable {
    /// MP4, with the index first (faststart).
    case mp4
    /// M4A: MP4 with the audio brand.
    case m4a

    var muxer: String { self == .mp4 ? "mp4" : "ipod" }
}
