import LTXContract
import LTXMedia

/// One media field of one endpoint: what a file is checked as.
public enum InputRole: String, Sendable, Codable, CaseIterable {
    /// `/v1/retake` `video_uri`.
    case retakeVideo = "retake.video_uri"
    /// `/v1/audio-to-video` `audio_uri`.
    case audioToVideoAudio = "audio-to-video.audio_uri"
    /// `/v1/audio-to-video` `image_uri`.
    case audioToVideoImage = "audio-to-video.image_uri"
    /// `/v1/image-to-video` `image_uri`.
    case imageToVideoImage = "image-to-video.image_uri"
    /// `/v2/extend` `video_uri`: the context sent.
    case extendVideo = "extend.video_uri"
    /// `/v2/video-to-video-reframe` `video_uri`.
    case reframeVideo = "video-to-video-reframe.video_uri"
    /// `/v2/video-to-video-hdr` `video_uri`: one piece of the clip.
    case hdrVideo = "video-to-video-hdr.video_uri"

    public var endpoint: Endpoint {
        switch self {
        case .retakeVideo: .retake
        case .audioToVideoAudio, .audioToVideoImage: .audioToVideo
        case .imageToVideoImage: .imageToVideo
        case .extendVideo: .extend
        case .reframeVideo: .reframe
        case .hdrVideo: .hdr
        }
    }

    /// The JSON field the file's URI goes in.
    public var field: String {
        switch self {
        case .retakeVideo, .extendVideo, .reframeVideo, .hdrVideo: "video_uri"
        case .audioToVideoAudio: "audio_uri"
        case .audioToVideoImage, .imageToVideoImage: "image_uri"
        }
    }

    public var mediaKind: MediaInfo.Kind {
        switch self {
        case .retakeVideo, .extendVideo, .reframeVideo, .hdrVideo: .video
        case .audioToVideoAudio: .audio
        case .audioToVideoImage, .imageToVideoImage: .image
        }
    }

    /// The role a file plays for an endpoint, from what the file is: a video
    /// goes to retake, audio to audio-to-video, an image to image-to-video.
    /// Nil for text-to-video, which takes no media.
    public static func infer(endpoint: Endpoint?, kind: MediaInfo.Kind) -> InputRole? {
        switch (endpoint, kind) {
        case (.textToVideo?, _): nil
        case (.retake?, _): .retakeVideo
        case (.audioToVideo?, .image): .audioToVideoImage
        case (.audioToVideo?, _): .audioToVideoAudio
        case (.imageToVideo?, _): .imageToVideoImage
        case (.extend?, _): .extendVideo
        case (.reframe?, _): .reframeVideo
        case (.hdr?, _): .hdrVideo
        case (nil, .video): .retakeVideo
        case (nil, .audio): .audioToVideoAudio
        case (nil, .image): .imageToVideoImage
        }
    }
}
