import LTXContract

/// The numbers of the contract, each from `shared/api` (ltx-api-docs.md,
/// segmind-ltx-retake.txt, NOTES.md). Where two sources differ, the stricter.
public enum APILimits {
    /// Retake `video_uri`: frame count, 73 = 8·9+1 and 505 = 8·63+1.
    public static let videoFrames = 73...505
    /// Retake `video_uri`: the long and short side of 3840x2160 (4K),
    /// read for either orientation.
    public static let videoLongSide = 3840
    public static let videoShortSide = 2160
    /// Retake `video_uri`: at most 21 s.
    public static let videoMaxDuration = 21.0
    /// Audio-to-video `audio_uri`: 2 to 20 s (NOTES.md, from the OpenAPI).
    public static let audioDuration = 2.0...20.0
    /// Retake section: at least 2 s.
    public static let sectionMinDuration = 2.0
    /// Segmind recommends sections of 2 to 20 s.
    public static let segmindSectionDuration = 2.0...20.0
    /// `prompt`: at most 5000 characters, every endpoint (the catalogue's).
    public static let promptMaxCharacters = Catalogue.promptMaxCharacters
    /// The model's latent step: frame counts of 8k+1 map to latents exactly.
    public static let latentFrameStep = 8
    /// Local LTX pipelines want sizes that are multiples of 32.
    public static let sizeMultiple = 32
    /// "MB" in the docs, read as 10^6 bytes: the stricter reading.
    public static let megabyte: Int64 = 1_000_000

    /// The largest even size with the same aspect that fits 3840x2160 in
    /// either orientation; nil when `width`x`height` already fits.
    public static func fittedSize(width: Int, height: Int) -> (width: Int, height: Int)? {
        let long = max(width, height), short = min(width, height)
        guard long > videoLongSide || short > videoShortSide else { return nil }
        let scale = min(Double(videoLongSide) / Double(long), Double(videoShortSide) / Double(short))
        return (Int(Double(width) * scale / 2) * 2, Int(Double(height) * scale / 2) * 2)
    }

    /// The longest window, in whole frames, that keeps both the 21 s and the
    /// 505-frame limits at `frameRate`.
    public static func maxWindow(frameRate: Double) -> Double {
        let frames = min(Double(videoFrames.upperBound), (videoMaxDuration * frameRate).rounded(.down))
        return frames / frameRate
    }
}
