extension Components.Schemas.JobResult {
    /// The URL of what ltx-prep downloads from a completed job of `endpoint`:
    /// HDR's EXR frames (its HLG video beside them is not what is assembled),
    /// every other endpoint's video.
    public func answerURL(for endpoint: Endpoint) -> String? {
        endpoint == .hdr ? exrFramesUrl : videoUrl
    }
}
