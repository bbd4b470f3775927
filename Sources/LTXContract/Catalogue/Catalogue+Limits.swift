extension Catalogue {
    // MARK: limits [§3, §5]

    public static let promptMaxCharacters = 5000
    /// audio-to-video input audio: at least 2 s; at most by model and tier.
    public static let audioMinSeconds = 2.0
    public static let audioMaxSeconds: [String: [String: Double]] = [
        "ltx-2-5-fast": ["720p": 20, "1080p": 20, "1440p": 10, "4K": 10],
        "ltx-2-5-pro": ["720p": 10, "1080p": 10, "1440p": 10, "4K": 10],
        "ltx-2-3-pro": ["720p": 20, "1080p": 20, "1440p": 10, "4K": 10],
    ]

    /// Bytes per delivery path ("MB" read as 10^6, the stricter): the upload
    /// cap is 200 MB, but images are held to 15 MB at generation time and
    /// extend's video to 100 MB.
    public enum Limit {
        public static let uploadBytes: Int64 = 200_000_000
        public static let uploadImageBytes: Int64 = 15_000_000
        public static let extendVideoBytes: Int64 = 100_000_000
        public static let urlBytes: Int64 = 32_000_000
        public static let urlImageBytes: Int64 = 15_000_000
        public static let dataURIBytes: Int64 = 15_000_000
        public static let dataURIImageBytes: Int64 = 7_000_000
    }

    /// extend's limits [§3]: seconds added, context, and the frames context
    /// and extension may make together at the input's rate.
    public enum Extend {
        public static let durations: ClosedRange<Double> = 2...20
        public static let maxContext = 20.0
        public static let maxFrames = 505
        /// The aspect ratios extend takes: 16:9 and 9:16.
        public static let aspects: [(width: Int, height: Int)] = [(16, 9), (9, 16)]
    }

    /// video-to-video-hdr [§3]: the most frames by the input's tier (the
    /// smallest tier that holds its pixel count), and prices per second of
    /// input by that tier (1440p: price unknown).
    ///
    /// What it takes and answers, as of 2026-12-07 (newer than this
    /// catalogue's 2026-10-09): ltx-api-2026.md [OAS7, FV §2.8] and the
    /// docs.ltx.video page "Upscale video to HDR" know only `video_uri` and
    /// `result.exr_frames_url`. Comfy Router's reference for
    /// `ltx/ltx-video-to-video-hdr` (docs.comfy.org/development/comfy-router/
    /// models/ltx/ltx-video-to-video-hdr/code, seen 2026-12-07), generated
    /// from the schema the Router validates every call against before it
    /// reaches LTX, adds `output_colorspace` (default `acescg`; acescct,
    /// srgb_linear, aces2065-1: the colour space of the EXR frames, not of
    /// the video) and `result.video_url` (10-bit HEVC BT.2020 HLG MP4) beside
    /// `exr_frames_url`; fal.ai's lightricks/ltx-2.5/hdr (seen the same day)
    /// agrees: "a processed video and a ZIP of 16-bit half-float OpenEXR
    /// frames" in those four colour spaces. The Router's schema wins: it is
    /// machine-checked and newer, and it is a superset (a request without the
    /// field gets ACEScg, which is what an EXR without chromaticities is read as).
    public enum HDR {
        public static let route = "video-to-video-hdr"
        public static let tiers: [(pixels: Int, name: String, frames: Int)] = [
            (1920 * 1080, "1080p", 181), (2560 * 1440, "1440p", 101), (3840 * 2160, "4K", 41),
        ]
        public static let prices: [String: Double] = ["1080p": 0.20, "4K": 0.80]
        /// `output_colorspace`'s values, the API's default first.
        public static let colorSpaces = ["acescg", "acescct", "srgb_linear", "aces2065-1"]
        public static let defaultColorSpace = "acescg"
        /// The answer's keys under `result`: the EXR frames (what ltx-prep assembles) and the HLG video.
        public static let framesKey = "exr_frames_url"
        public static let videoKey = "video_url"
        public static let factsSeen = "2026-12-07"
        public static let factsSource = "Comfy Router's schema for ltx/ltx-video-to-video-hdr (docs.comfy.org), fal.ai lightricks/ltx-2.5/hdr"

        /// The tier of a `width`x`height` input; nil past 4K.
        public static func tier(width: Int, height: Int) -> (name: String, frames: Int)? {
            tiers.first { width * height <= $0.pixels }.map { ($0.name, $0.frames) }
        }
    }

    /// reframe's sizes and input limits [§3], by aspect name.
    public enum Reframe {
        public static let sizes: [(aspect: String, sizes: [String])] = [
            ("1:1", ["720x720", "1080x1080"]), ("4:5", ["720x900", "1080x1350"]), ("5:4", ["900x720", "1350x1080"]),
            ("9:16", ["720x1280", "1080x1920"]), ("16:9", ["1280x720", "1920x1080"]),
        ]
        public static let maxSeconds = 60.0
        public static let maxFrames = 1800
        public static let maxBytes: Int64 = 200_000_000

        /// `720p` or `1080p`: the class of a reframe size by its shorter side.
        public static func tier(_ resolution: String) -> String? {
            let wh = resolution.split(separator: "x").compactMap { Int($0) }
            guard wh.count == 2, sizes.contains(where: { $0.sizes.contains(resolution) }) else { return nil }
            return min(wh[0], wh[1]) <= 720 ? "720p" : "1080p"
        }
    }
}
