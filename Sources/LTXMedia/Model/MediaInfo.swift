/// What the probe found in one file. Plain Swift values: no FFmpeg types.
/// Times are in seconds; sizes in bytes; field names are the JSON keys.
public struct MediaInfo: Sendable, Codable, Equatable {
    public var path: String
    public var container: ContainerFormat
    /// FFmpeg's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    public var demuxer: String
    /// MP4 major brand or Matroska DocType, when the container has one.
    public var brand: String?
    public var sizeBytes: Int64
    public var duration: Double?
    public var bitRate: Int64?
    public var video: [VideoStreamInfo]
    public var audio: [AudioStreamInfo]
    /// Subtitle, data, attachment and cover-art streams.
    public var other: [OtherStreamInfo]

    public init(path: String, container: ContainerFormat, demuxer: String, brand: String? = nil, sizeBytes: Int64,
                duration: Double?, bitRate: Int64? = nil, video: [VideoStreamInfo] = [], audio: [AudioStreamInfo] = [],
                other: [OtherStreamInfo] = []) {
        self.path = path
        self.container = container
        self.demuxer = demuxer
        self.brand = brand
        self.sizeBytes = sizeBytes
        self.duration = duration
        self.bitRate = bitRate
        self.video = video
        self.audio = audio
        self.other = other
    }

    public enum Kind: String, Sendable, Codable { case video, audio, image }

    /// Image when its picture is in an image format (PNG, JPEG, WEBP, BMP,
    /// GIF, TIFF), video when it has another picture stream, audio otherwise.
    public var kind: Kind {
        if let v = video.first { return v.isImage ? .image : .video }
        return .audio
    }

    public var primaryVideo: VideoStreamInfo? { video.first }
    public var primaryAudio: AudioStreamInfo? { audio.first }
}

public struct VideoStreamInfo: Sendable, Codable, Equatable {
    public var index: Int
    public var codec: String
    public var profile: String?
    public var pixelFormat: String?
    /// Bits per component of the pixel format (8, 10, 12...).
    public var bitDepth: Int?
    /// Size as stored, as the decoder outputs it (the SPS, not the container's header).
    public var codedWidth: Int
    public var codedHeight: Int
    /// The size the container's header states, only when it differs from
    /// the stream's own (a header can misstate it in either direction).
    public var headerWidth: Int?
    public var headerHeight: Int?
    /// The clockwise turn a player gives the decoded picture to show it
    /// (0, 90, 180, 270), from the display matrix; `--json`'s `rotation`.
    /// ffprobe prints the matrix's counter-clockwise angle instead, so its
    /// `rotation=90` (as FFmpeg 5.1 writes `-metadata rotate=90`) is 270 here,
    /// and its -90 (a phone held upright, shown turned 90° clockwise) is 90.
    public var rotation: Int
    /// Size as shown, after rotation.
    public var displayWidth: Int
    public var displayHeight: Int
    /// Sample aspect ratio as `num:den`, when the file sets one.
    public var sampleAspectRatio: String?
    /// Average frame rate (frames per second) and the same as a fraction.
    public var frameRate: Double?
    public var frameRateFraction: String?
    /// True when frame durations differ by more than timestamp rounding.
    public var variableFrameRate: Bool
    /// `progressive`, `tt`, `bb`, `tb`, `bt`, or nil when unknown.
    public var fieldOrder: String?
    /// Frames a decoder outputs, counted without decoding.
    public var frameCount: Int
    /// How the count was made: `index` (the container's sample table, edit
    /// list applied), `packets` (a packet scan) or `still` (a single image).
    public var frameCountMethod: String
    public var duration: Double?
    public var bitRate: Int64?
    /// A picture in an image format, animated or not, rather than a video.
    public var isImage: Bool
    /// The colour tags, by FFmpeg's names (`bt709`, `bt2020`; `arib-std-b67` is
    /// HLG, `smpte2084` PQ; `bt2020nc`); nil where the stream leaves one unspecified.
    public var colorPrimaries: String?
    public var colorTransfer: String?
    public var colorSpace: String?

    public init(index: Int,
                codec: String,
                profile: String?,
                pixelFormat: String?,
                bitDepth: Int?,
                codedWidth: Int,
                codedHeight: Int,
                rotation: Int,
                displayWidth: Int,
                displayHeight: Int,
                sampleAspectRatio: String?,
                frameRate: Double?,
                frameRateFraction: String?,
                variableFrameRate: Bool,
                fieldOrder: String?,
                frameCount: Int,
                frameCountMethod: String,
                duration: Double?,
                bitRate: Int64?,
                isImage: Bool,
                headerWidth: Int? = nil,
                headerHeight: Int? = nil) {
        self.index = index
        self.codec = codec
        self.profile = profile
        self.pixelFormat = pixelFormat
        self.bitDepth = bitDepth
        self.codedWidth = codedWidth
        self.codedHeight = codedHeight
        self.rotation = rotation
        self.displayWidth = displayWidth
        self.displayHeight = displayHeight
        self.sampleAspectRatio = sampleAspectRatio
        self.frameRate = frameRate
        self.frameRateFraction = frameRateFraction
        self.variableFrameRate = variableFrameRate
        self.fieldOrder = fieldOrder
        self.frameCount = frameCount
        self.frameCountMethod = frameCountMethod
        self.duration = duration
        self.bitRate = bitRate
        self.isImage = isImage
        self.headerWidth = headerWidth
        self.headerHeight = headerHeight
    }

    /// True when the container's header states another size than the stream's.
    public var headerSizeDiffers: Bool { headerWidth != nil || headerHeight != nil }

    public var isInterlaced: Bool { fieldOrder.map { $0 != "progressive" } ?? false }
}

public struct AudioStreamInfo: Sendable, Codable, Equatable {
    public var index: Int
    public var codec: String
    /// Profile as decoding revealed it: for AAC `LC`, `HE-AAC`, `HE-AACv2`...
    public var profile: String?
    /// Profile the header declares; differs from `profile` with implicit SBR/PS.
    public var declaredProfile: String?
    /// `header` or `decoded`: what `profile` rests on.
    public var profileSource: String?
    /// Sample rate and channels as the header declares them.
    public var sampleRate: Int
    public var channels: Int
    /// Output sample rate and channels after decoding the first frames (SBR
    /// doubles the rate, PS turns mono into stereo). Nil when not decoded.
    public var decodedSampleRate: Int?
    public var decodedChannels: Int?
    /// Samples per decoded frame (AAC-LC 1024, HE-AAC 2048), when decoded.
    public var samplesPerFrame: Int?
    public var channelLayout: String?
    public var duration: Double?
    public var bitRate: Int64?

    public init(index: Int,
                codec: String,
                profile: String?,
                declaredProfile: String?,
                profileSource: String?,
                sampleRate: Int,
                channels: Int,
                decodedSampleRate: Int?,
                decodedChannels: Int?,
                samplesPerFrame: Int?,
                channelLayout: String?,
                duration: Double?,
                bitRate: Int64?) {
        self.index = index
        self.codec = codec
        self.profile = profile
        self.declaredProfile = declaredProfile
        self.profileSource = profileSource
        self.sampleRate = sampleRate
        self.channels = channels
        self.decodedSampleRate = decodedSampleRate
        self.decodedChannels = decodedChannels
        self.samplesPerFrame = samplesPerFrame
        self.channelLayout = channelLayout
        self.duration = duration
        self.bitRate = bitRate
    }

    public var aacProfile: AACProfile? { codec == "aac" ? AACProfile(name: profile) : nil }
    public var isPCM: Bool { codec.hasPrefix("pcm_") }
}

public enum AACProfile: String, Sendable, Codable {
    case lc = "LC", he = "HE-AAC", heV2 = "HE-AACv2", main = "Main", ssr = "SSR", ltp = "LTP", ld = "LD", eld = "ELD", unknown

    init(name: String?) {
        self = name.flatMap(AACProfile.init(rawValue:)) ?? .unknown
    }
}

public struct OtherStreamInfo: Sendable, Codable, Equatable {
    public var index: Int
    /// `subtitle`, `data`, `attachment`, `cover-art`...
    public var type: String
    public var codec: String
}
