/// The LTX API as one dated catalogue: endpoints, the models each accepts and
/// its default, the models removed (with the date and the replacement), the
/// text/image-to-video matrix, limits and prices. Every fact is from
/// `shared/api/ltx-api-2026.md` (its section in brackets); the checks, the
/// estimates, the CLI's help and defaults and the sandbox all read it here, so
/// the next change of the API is one edit of this file (and of openapi.yaml).
public enum Catalogue {
    /// The newest dated evidence the catalogue follows (ltx-api-2026.md, title).
    public static let date = "2026-10-09"
    public static let source = "ltx-api-2026.md: docs.ltx.io, Lightricks' OpenAPI and LTX-Desktop"

    // MARK: models

    public enum ModelClass: String, Sendable, Codable, CaseIterable {
        case fast, pro
    }

    public struct Model: Sendable, Equatable, Codable {
        public var id: String
        public var modelClass: ModelClass
        /// `duration: null` (the API picks the length) on text/image-to-video [§2].
        public var automaticDuration: Bool
        public var launched: String
    }

    /// The current models [§1].
    public static let models: [Model] = [
        Model(id: "ltx-2-3-fast", modelClass: .fast, automaticDuration: false, launched: "2026-03-05"),
        Model(id: "ltx-2-3-pro", modelClass: .pro, automaticDuration: false, launched: "2026-03-05"),
        Model(id: "ltx-2-5-fast", modelClass: .fast, automaticDuration: true, launched: "2026-08-11"),
        Model(id: "ltx-2-5-pro", modelClass: .pro, automaticDuration: true, launched: "2026-08-11"),
    ]

    public static func model(_ id: String) -> Model? { models.first { $0.id == id } }

    public struct RemovedModel: Sendable, Equatable, Codable {
        public var id: String
        public var deprecated: String
        public var removed: String
        public var replacement: String

        /// The one line a request naming it gets, before anything is sent.
        public var refusal: String { "\(id) was removed on \(removed); use \(replacement)" }
    }

    /// Deprecated 2026-07-15, removed 2026-08-15: "requests … will return an error" [§1, §9.1].
    public static let removedModels: [RemovedModel] = [
        RemovedModel(id: "ltx-2-fast", deprecated: "2026-07-15", removed: "2026-08-15", replacement: "ltx-2-3-fast"),
        RemovedModel(id: "ltx-2-pro", deprecated: "2026-07-15", removed: "2026-08-15", replacement: "ltx-2-3-pro"),
    ]

    public static func removed(_ id: String) -> RemovedModel? { removedModels.first { $0.id == id } }

    // MARK: endpoints

    public struct EndpointEntry: Sendable, Equatable, Codable {
        /// The path segment: `/v2/<name>`.
        public var name: String
        /// The endpoint ltx-prep calls, nil for those it lists only.
        public var endpoint: Endpoint?
        public var models: [String]
        /// Nil: `model` is required (text/image-to-video) or absent.
        public var defaultModel: String?
        public var modelRequired: Bool
        /// Only the async v2 route remains for generation [§3].
        public var route: String { "/v2/\(name)" }
    }

    /// [§1, §3]. text/image-to-video have no API default: ltx-prep's is `defaultGenerationModel`.
    public static let endpoints: [EndpointEntry] = [
        EndpointEntry(name: "text-to-video", endpoint: .textToVideo, models: ["ltx-2-5-fast", "ltx-2-5-pro", "ltx-2-3-fast", "ltx-2-3-pro"],
                      defaultModel: nil, modelRequired: true),
        EndpointEntry(name: "image-to-video", endpoint: .imageToVideo, models: ["ltx-2-5-fast", "ltx-2-5-pro", "ltx-2-3-fast", "ltx-2-3-pro"],
                      defaultModel: nil, modelRequired: true),
        EndpointEntry(name: "audio-to-video", endpoint: .audioToVideo, models: ["ltx-2-5-fast", "ltx-2-5-pro", "ltx-2-3-pro"],
                      defaultModel: "ltx-2-3-pro", modelRequired: false),
        EndpointEntry(name: "retake", endpoint: .retake, models: ["ltx-2-3-pro"], defaultModel: "ltx-2-3-pro", modelRequired: false),
        EndpointEntry(name: "extend", endpoint: .extend, models: ["ltx-2-3-pro"], defaultModel: "ltx-2-3-pro", modelRequired: false),
        EndpointEntry(name: "video-to-video-hdr", endpoint: .hdr, models: [], defaultModel: nil, modelRequired: false),
        // `model` optional and ignored since 2026-09-23.
        EndpointEntry(name: "video-to-video-reframe", endpoint: .reframe, models: [], defaultModel: nil, modelRequired: false),
    ]

    public static func entry(_ endpoint: Endpoint) -> EndpointEntry {
        endpoints.first { $0.endpoint == endpoint }!
    }

    /// What ltx-prep sends to text/image-to-video when no model is named: the
    /// cheapest current model (the API has no default; LTX-Desktop's is the same).
    public static let defaultGenerationModel = "ltx-2-3-fast"

    /// The model sent (or assumed) for `endpoint` when none is named.
    public static func defaultModel(_ endpoint: Endpoint) -> String {
        entry(endpoint).defaultModel ?? defaultGenerationModel
    }

    /// The sync v1 generation routes stopped working after this day, 23:59 UTC; `/v1/upload` stays [§3].
    public static let syncRetired = "2026-10-26"

    // MARK: the text/image-to-video matrix [§2]

    public struct Tier: Sendable, Equatable, Codable {
        public var name: String
        public var landscape: String
        public var portrait: String
    }

    public static let tiers: [Tier] = [
        Tier(name: "720p", landscape: "1280x720", portrait: "720x1280"),
        Tier(name: "1080p", landscape: "1920x1080", portrait: "1080x1920"),
        Tier(name: "1440p", landscape: "2560x1440", portrait: "1440x2560"),
        Tier(name: "4K", landscape: "3840x2160", portrait: "2160x3840"),
    ]

    /// The tier of `WIDTHxHEIGHT`, either orientation.
    public static func tier(_ resolution: String) -> Tier? {
        tiers.first { $0.landscape == resolution || $0.portrait == resolution }
    }

    /// The smallest tier that holds a picture of `width` x `height` pixels
    /// (an extend's answer keeps the size of the context sent); nil past 4K.
    public static func tier(width: Int, height: Int) -> Tier? {
        tiers.first { t in
            let wh = t.landscape.split(separator: "x").compactMap { Int($0) }
            return wh.count == 2 && width * height <= wh[0] * wh[1]
        }
    }

    public struct Cell: Sendable, Equatable, Codable {
        public var modelClass: ModelClass
        /// Tier names.
        public var tiers: [String]
        public var fps: [Int]
        public var durations: [Int]
    }

    /// The same for 2.3 and 2.5 since 2026-09-02.
    public static let matrix: [Cell] = [
        Cell(modelClass: .fast, tiers: ["720p", "1080p"], fps: [24, 25], durations: [6, 8, 10, 12, 14, 16, 18, 20]),
        Cell(modelClass: .fast, tiers: ["720p", "1080p"], fps: [48, 50], durations: [6, 8, 10]),
        Cell(modelClass: .fast, tiers: ["1440p", "4K"], fps: [24, 25, 48, 50], durations: [6, 8, 10]),
        Cell(modelClass: .pro, tiers: ["720p", "1080p", "1440p", "4K"], fps: [24, 25, 48, 50], durations: [6, 8, 10]),
    ]

    /// 2 to 5 s are accepted in practice (LTX-Desktop sends 5 s by default)
    /// but not in the published matrix: a warning, not an error [§2].
    public static let undocumentedDurations = [2, 3, 4, 5]

    /// The API's `fps` when none is sent [§3].
    public static let defaultFPS = 24

    /// Every `fps` the API takes, the matrix's [§2] (audio-to-video, which has
    /// no matrix of its own, takes the same [§3]): 24, 25, 48, 50.
    public static let frameRates: [Int] = Set(matrix.flatMap(\.fps)).sorted()

    /// The documented durations of `model` at `resolution` and `fps`; nil
    /// when the model is not current or the pair is not offered.
    public static func durations(model: String, resolution: String, fps: Int) -> [Int]? {
        guard let m = self.model(model), let tier = tier(resolution) else { return nil }
        return matrix.first { $0.modelClass == m.modelClass && $0.tiers.contains(tier.name) && $0.fps.contains(fps) }?.durations
    }

    /// The resolution and fps pairs `model` offers, as `1920x1080@24`.
    public static func offered(model: String) -> [String] {
        guard let m = self.model(model) else { return [] }
        return matrix.filter { $0.modelClass == m.modelClass }.flatMap { cell in
            cell.tiers.flatMap { name in
                let t = tiers.first { $0.name == name }!
                return [t.landscape, t.portrait].flatMap { r in cell.fps.map { "\(r)@\($0)" } }
            }
        }
    }

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

    // MARK: prices, dollars per second [§7]

    /// text/image-to-video, per second of output, by model and tier.
    public static let generationPrices: [String: [String: Double]] = [
        "ltx-2-5-fast": ["720p": 0.09, "1080p": 0.13, "1440p": 0.19, "4K": 0.30],
        "ltx-2-5-pro": ["720p": 0.12, "1080p": 0.17, "1440p": 0.25, "4K": 0.39],
        "ltx-2-3-fast": ["720p": 0.03, "1080p": 0.06, "1440p": 0.12, "4K": 0.24],
        "ltx-2-3-pro": ["720p": 0.04, "1080p": 0.08, "1440p": 0.16, "4K": 0.32],
    ]

    /// audio-to-video, per second of input audio; cells the docs do not give are absent.
    public static let audioToVideoPrices: [String: [String: Double]] = [
        "ltx-2-3-pro": ["720p": 0.06, "1080p": 0.10, "1440p": 0.18, "4K": 0.34],
        "ltx-2-5-fast": ["720p": 0.09, "1080p": 0.13],
        "ltx-2-5-pro": ["1080p": 0.17],
    ]

    /// retake, per second of the whole input video (ltx-2-3-pro, 1080p; the only price given).
    public static let retakePrices: [String: [String: Double]] = ["ltx-2-3-pro": ["1080p": 0.10]]

    /// extend, per second of extension plus context, billed frames capped at 505 (ltx-2-3-pro, 1080p; the only price given:
    /// the answer keeps the size of the context sent, so a smaller or larger one is price unknown).
    public static let extendPrices: [String: [String: Double]] = ["ltx-2-3-pro": ["1080p": 0.10]]

    /// reframe, per second of input video, by the output's tier (720p only is given).
    public static let reframePrices: [String: Double] = ["720p": 0.10]

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

    /// The tiers `endpoint` is priced by, each with a resolution of it as
    /// `Pricing.estimate` takes it: a retake answers at 1080p only (1920x1080
    /// or 1080x1920), a reframe makes 720p and 1080p sizes; the others any tier
    /// (an extend's answer is as large as its input).
    public static func pricedTiers(_ endpoint: Endpoint) -> [(tier: String, resolution: String)] {
        let offered: [String] = switch endpoint {
        case .retake: ["1080p"]
        case .reframe: ["720p", "1080p"]
        // HDR's own tiers: "1080p" is everything up to 1920x1080, 720p included.
        case .hdr: HDR.tiers.map { $0.name }
        case .textToVideo, .imageToVideo, .audioToVideo, .extend: tiers.map(\.name)
        }
        return tiers.filter { offered.contains($0.name) }.map { ($0.name, $0.landscape) }
    }

    /// The price per second of `endpoint` with `model` at `resolution`; nil: price unknown.
    public static func price(_ endpoint: Endpoint, model: String, resolution: String) -> Double? {
        if endpoint == .reframe { return Reframe.tier(resolution).flatMap { reframePrices[$0] } }
        if endpoint == .hdr {
            let wh = resolution.split(separator: "x").compactMap { Int($0) }
            return wh.count == 2 ? HDR.tier(width: wh[0], height: wh[1]).flatMap { HDR.prices[$0.name] } : nil
        }
        guard let tier = tier(resolution) else { return nil }
        switch endpoint {
        case .textToVideo, .imageToVideo: return generationPrices[model]?[tier.name]
        case .audioToVideo: return audioToVideoPrices[model]?[tier.name]
        case .retake: return retakePrices[model]?[tier.name]
        case .extend: return extendPrices[model]?[tier.name]
        case .reframe, .hdr: return nil
        }
    }
}
