import LTXMedia

/// The work that needs a video (moving pictures) from the file it is given.
public enum VideoWork: String, Sendable {
    case retake, extend, reframe, splice, hdr
}

/// What a file that is not a video is instead.
public enum NotAVideo: Sendable, Equatable, CustomStringConvertible {
    /// A picture stream in an image format: `codec` (png, mjpeg...).
    case stillImage(codec: String)
    /// No picture stream: `container` (M4A, WAV...).
    case noPicture(container: String)

    public var description: String {
        switch self {
        case .stillImage(let codec): "a still image (\(codec))"
        case .noPicture(let container): "no video stream (\(container))"
        }
    }
}

extension MediaInfo {
    /// The video stream `work` takes from this file: a still image (whatever
    /// its name) and a file with no picture are refused here, one reason for
    /// every command, before a section, a window or a check is reasoned about.
    public func video(for work: VideoWork) throws(WorkflowError) -> VideoStreamInfo {
        guard let video = primaryVideo else { throw .notAVideo(path: path, found: .noPicture(container: container.displayName), work: work) }
        guard !video.isImage else { throw .notAVideo(path: path, found: .stillImage(codec: video.codec), work: work) }
        return video
    }
}
