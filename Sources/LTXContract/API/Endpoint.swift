/// The API's generation endpoints.
public enum Endpoint: String, Sendable, Codable, CaseIterable {
    case retake
    case audioToVideo = "audio-to-video"
    case imageToVideo = "image-to-video"
    case textToVideo = "text-to-video"
    /// Async only; the v1 route is retired.
    case extend
    /// Async only (`/v2/video-to-video-reframe`); it never had a v1 route.
    case reframe = "video-to-video-reframe"
    /// Async only (`/v2/video-to-video-hdr`): its answer is a ZIP of EXR frames, not a video.
    case hdr = "video-to-video-hdr"

    /// The synchronous route: one connection held for the whole generation.
    public var path: String { "/v1/\(rawValue)" }
    /// The async route (NOTES.md): 202 and a job id, then `GET v2Path/{id}`.
    public var v2Path: String { "/v2/\(rawValue)" }
}
