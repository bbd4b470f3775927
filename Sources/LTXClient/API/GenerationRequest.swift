import LTXContract

/// One paid call: which operation of the contract, with its body.
public enum GenerationRequest: Sendable {
    case retake(RetakeRequest)
    /// Segmind's retake (`/v1/ltx-retake-video`, `x-api-key`).
    case segmindRetake(SegmindRetakeRequest)
    case textToVideo(TextToVideoRequest)
    case imageToVideo(ImageToVideoRequest)
    case audioToVideo(AudioToVideoRequest)
    case extend(ExtendRequest)
    case reframe(ReframeRequest)
    case hdr(HDRRequest)

    public var endpoint: Endpoint {
        switch self {
        case .retake, .segmindRetake: .retake
        case .textToVideo: .textToVideo
        case .imageToVideo: .imageToVideo
        case .audioToVideo: .audioToVideo
        case .extend: .extend
        case .reframe: .reframe
        case .hdr: .hdr
        }
    }

    /// The synchronous route it is sent to.
    public var path: String {
        if case .segmindRetake = self { return "/v1/ltx-retake-video" }
        return endpoint.path
    }

    /// The route it goes to: `POST /v2/{endpoint}` as a job (`submit`), else
    /// the synchronous one (`generate`); Segmind's is always synchronous.
    public func route(asJob: Bool) -> String {
        if case .segmindRetake = self { return path }
        return asJob ? endpoint.v2Path : path
    }

    /// The body as JSON, keys sorted (the data-URI path splices a file into it).
    /// An automatic duration is written `"duration":null`: the API requires the
    /// key ("duration is required"), and the generated encoder leaves out a nil.
    public func json() throws -> [UInt8] {
        switch self {
        case .retake(let b): return try JSONCoding.encode(b)
        case .segmindRetake(let b): return try JSONCoding.encode(b)
        case .textToVideo(let b): return Self.withNullDuration(try JSONCoding.encode(b), b.duration == nil)
        case .imageToVideo(let b): return Self.withNullDuration(try JSONCoding.encode(b), b.duration == nil)
        case .audioToVideo(let b): return try JSONCoding.encode(b)
        case .extend(let b): return try JSONCoding.encode(b)
        case .reframe(let b): return try JSONCoding.encode(b)
        case .hdr(let b): return try JSONCoding.encode(b)
        }
    }

    /// True when the body asks for an automatic duration, which the generated
    /// client cannot send (it would drop the key).
    public var automaticDuration: Bool {
        switch self {
        case .textToVideo(let b): b.duration == nil
        case .imageToVideo(let b): b.duration == nil
        default: false
        }
    }

    private static func withNullDuration(_ json: [UInt8], _ null: Bool) -> [UInt8] {
        guard null, json.first == UInt8(ascii: "{"), json.count > 2 else { return json }
        return Array("{\"duration\":null,".utf8) + json.dropFirst()
    }
}

/// A file sent inside the JSON body as a `data:` URI: `marker` stands where
/// its URI goes, and the base64 streams into the body as the file is read.
public struct InlineFile: Sendable, Equatable {
    /// What a request carries in place of the URI until it is sent.
    public static let marker = "@@LTX-PREP-INLINE@@"

    public var path: String
    public var mimeType: String

    public init(path: String, mimeType: String) {
        self.path = path
        self.mimeType = mimeType
    }
}
