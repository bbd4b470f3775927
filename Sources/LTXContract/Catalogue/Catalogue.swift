/// The LTX API as one dated catalogue: endpoints, the models each accepts and
/// its default, the models removed (with the date and the replacement), the
/// text/image-to-video matrix, limits and prices. Every fact is from
/// `shared/api/ltx-api-2026.md` (its section in brackets); the checks, the
/// estimates, the CLI's help and defaults and the sandbox all read it here, so
/// the next change of the API is one edit of this folder (and of openapi.yaml):
/// models and endpoints here, the matrix, the limits and the prices beside it.
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
}
