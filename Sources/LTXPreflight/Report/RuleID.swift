/// Every rule ltx-prep checks, with a stable name (the JSON `rule` field)
/// and where in the contract it comes from.
public enum RuleID: String, Sendable, Codable, CaseIterable {
    case videoStream = "video.stream"
    case container = "container"
    case videoCodec = "video.codec"
    case videoResolution = "video.resolution"
    case videoDuration = "video.duration"
    case videoFrameCount = "video.frame-count"
    case audioCodec = "audio.codec"
    case aacProfile = "audio.aac-profile"
    case audioStream = "audio.stream"
    case audioDuration = "audio.duration"
    case imageFormat = "image.format"
    case deliverySize = "delivery.size"
    case deliveryURL = "delivery.url"
    case sectionDuration = "section.duration"
    case sectionStart = "section.start"
    case sectionClamp = "section.clamp"
    case promptLength = "prompt.length"
    case generationModel = "generation.model"
    case generationCombination = "generation.combination"
    // Soft limits: warnings, never errors.
    case latentFrameCount = "video.frame-count.8k+1"
    case sizeMultiple = "video.size.multiple-of-32"
    case bitDepth = "video.bit-depth"
    case variableFrameRate = "video.frame-rate.variable"
    case interlaced = "video.interlaced"
    case sizeHeader = "video.size.header"
    case audioInVideo = "audio.codec.in-video"

    /// Where the rule comes from.
    public var source: String {
        switch self {
        case .videoStream, .videoResolution, .videoDuration, .videoFrameCount: "ltx-api-docs.md: retake video_uri"
        case .container, .videoCodec, .audioCodec, .imageFormat: "ltx-api-docs.md: Input Formats, Supported Formats"
        case .aacProfile: "ltx-api-docs.md: AAC-LC only, no HE-AAC/HE-AACv2; NOTES.md: implicit SBR/PS"
        case .audioStream, .audioDuration: "NOTES.md: audio-to-video audio 2 to 20 s"
        case .deliverySize, .deliveryURL: "ltx-api-docs.md: Input Methods; ltx-api-2026.md §5 (sizes)"
        case .sectionDuration, .sectionStart, .sectionClamp: "ltx-api-docs.md: retake start_time/duration; NOTES.md: clamping"
        case .promptLength: "NOTES.md: retake prompt at most 5000 characters"
        case .generationModel, .generationCombination: "ltx-api-2026.md §1-2 (the catalogue, Catalogue.swift)"
        case .latentFrameCount, .sizeMultiple: "NOTES.md: 8-frame latent steps, sizes multiple of 32"
        case .bitDepth, .variableFrameRate, .interlaced: "ltx-prep: inputs that decode differently across decoders"
        case .sizeHeader: "ltx-prep: a container header that misstates the stream's size"
        case .audioInVideo: "ltx-api-docs.md: Input Formats (Opus, Vorbis, FLAC are listed for audio files, not for MP4/MOV/MKV video)"
        }
    }
}
