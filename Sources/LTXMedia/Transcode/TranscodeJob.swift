/// A span of an input's timeline, in seconds.
public struct TimeWindow: Sendable, Codable, Equatable {
    public var start: Double
    public var duration: Double
    public var end: Double { start + duration }

    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }
}

/// H.264 encoding settings (libx264, yuv420p, High profile).
public struct VideoEncoding: Sendable, Codable, Equatable {
    /// Constant rate factor: lower is better; 18 is visually transparent.
    public var crf: Int
    public var preset: String
    /// Output size; nil keeps the input's.
    public var width: Int?
    public var height: Int?
    /// A lower constant output frame rate; nil keeps the input's rate.
    public var frameRate: Int?
    /// Retime to a constant rate (the input's average, or `frameRate`): clean
    /// timestamps, and a variable-rate input made constant. False keeps each
    /// input timestamp as it is.
    public var constantFrameRate: Bool
    /// Average bit rate in bits per second, replacing CRF, to fit a size limit.
    public var bitRate: Int?
    /// Turn the pictures as a player would and drop the rotation tag (the
    /// API answers upright); `width` and `height` are then the upright size.
    public var upright: Bool?
    /// With `width` and `height`: fit the picture inside that size (its
    /// aspect kept), centred, the rest of the frame this colour (a
    /// letterbox or pillarbox). Nil scales the picture to fill the size.
    public var fill: PictureFill?

    public init(crf: Int = 18, preset: String = "medium", width: Int? = nil, height: Int? = nil,
                frameRate: Int? = nil, constantFrameRate: Bool = true, bitRate: Int? = nil, upright: Bool? = nil,
                fill: PictureFill? = nil) {
        self.fill = fill
        self.upright = upright
        self.constantFrameRate = constantFrameRate
        self.crf = crf
        self.preset = preset
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.bitRate = bitRate
    }
}

/// The frame a picture is padded to (`VideoEncoding.fill`) for an endpoint that takes only some shapes.
public struct Canvas: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The smallest even frame of `aspect` (16:9 or 9:16, whichever is
    /// nearer to the picture's own shape) that holds a `width`x`height`
    /// picture; nil when the picture has that shape already.
    public static func padding(width: Int, height: Int, to aspects: [(width: Int, height: Int)]) -> Canvas? {
        guard width > 0, height > 0 else { return nil }
        let ratio = Double(width) / Double(height)
        // Nearer as a factor, not a difference: 4:3 is nearer 16:9 than 9:16.
        func distance(_ a: (width: Int, height: Int)) -> Double {
            let r = Double(a.width) / Double(a.height) / ratio
            return max(r, 1 / r)
        }
        guard let aspect = aspects.min(by: { distance($0) < distance($1) }) else { return nil }
        // Within half a percent is that shape already: 854x480 is 16:9 on even sizes.
        guard distance(aspect) > 1.005 else { return nil }
        let target = Double(aspect.width) / Double(aspect.height)
        func even(_ x: Double) -> Int { Int((x / 2).rounded(.up)) * 2 }
        return ratio < target ? Canvas(width: even(Double(height) * target), height: height + height % 2)
                              : Canvas(width: width + width % 2, height: even(Double(width) / target))
    }
}

/// One colour, in 8-bit Y'CbCr (BT.601 limited range, as yuv420p stores it).
public struct PictureFill: Sendable, Codable, Equatable {
    public var y: UInt8
    public var u: UInt8
    public var v: UInt8

    public init(y: UInt8, u: UInt8, v: UInt8) {
        self.y = y
        self.u = u
        self.v = v
    }

    /// A saturated green (R 0, G 200, B 80): nothing a black bar or a real picture's edge is mistaken for.
    public static let green = PictureFill(y: 125, u: 105, v: 49)

    /// Limited-range black: padding that is only there for an endpoint's shape.
    public static let black = PictureFill(y: 16, u: 128, v: 128)
}

/// AAC-LC encoding settings (FFmpeg's native AAC encoder).
public struct AudioEncoding: Sendable, Codable, Equatable {
    /// Bits per second; nil picks 128 kb/s stereo, 64 kb/s mono.
    public var bitRate: Int?
    /// Pad with silence to at least this long, in seconds.
    public var minDuration: Double?
    /// Cut to at most this long, in seconds, to the sample.
    public var maxDuration: Double?
    /// Silence before the input's first sample, in seconds.
    public var leadSilence: Double?

    public init(bitRate: Int? = nil, minDuration: Double? = nil, maxDuration: Double? = nil, leadSilence: Double? = nil) {
        self.leadSilence = leadSilence
        self.bitRate = bitRate
        self.minDuration = minDuration
        self.maxDuration = maxDuration
    }
}

public enum StreamPlan<Encoding: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    /// Packets copied as they are: no quality loss, no decoding.
    case copy
    case encode(Encoding)
    case drop

    // {"action": "copy"} or {"action": "encode", "settings": {...}}: the synthesized
    // form ({"encode": {"_0": ...}}) shows Swift's internals in --json.
    private enum CodingKeys: String, CodingKey { case action, settings }

    public func encode(to encoder: any Swift.Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .copy: try c.encode("copy", forKey: .action)
        case .drop: try c.encode("drop", forKey: .action)
        case .encode(let settings):
            try c.encode("encode", forKey: .action)
            try c.encode(settings, forKey: .settings)
        }
    }

    public init(from decoder: any Swift.Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .action) {
        case "copy": self = .copy
        case "drop": self = .drop
        case "encode": self = .encode(try c.decode(Encoding.self, forKey: .settings))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .action, in: c, debugDescription: "unknown stream action \(other)")
        }
    }
}

public enum OutputFormat: String, Sendable, Codable {
    /// MP4, with the index first (faststart).
    case mp4
    /// M4A: MP4 with the audio brand.
    case m4a

    var muxer: String { self == .mp4 ? "mp4" : "ipod" }
}

/// One input made into one output file: for each stream, copy or encode,
/// optionally within a window of the timeline, optionally padded.
public struct TranscodeJob: Sendable, Equatable {
    public var input: String
    /// Where to write. Callers pass a temporary path and rename it into place.
    public var output: String
    public var format: OutputFormat
    /// Part of the input to keep. With a copied video it starts at the last
    /// keyframe at or before `window.start` (reported in the result).
    public var window: TimeWindow?
    public var video: StreamPlan<VideoEncoding>
    public var audio: StreamPlan<AudioEncoding>
    /// Repeat the last picture until the video has this many frames (encode only).
    public var padVideoToFrames: Int?
    /// Hold the first picture this many frames before the input's (encode
    /// only); the sound, when encoded, starts as much later after silence.
    public var leadFrames: Int?
    /// Frames expected, for progress.
    public var expectedFrames: Int?
    public var effect: SectionEffect?

    public init(input: String, output: String, format: OutputFormat = .mp4, window: TimeWindow? = nil,
                video: StreamPlan<VideoEncoding> = .copy, audio: StreamPlan<AudioEncoding> = .copy,
                padVideoToFrames: Int? = nil, leadFrames: Int? = nil, expectedFrames: Int? = nil, effect: SectionEffect? = nil) {
        self.leadFrames = leadFrames
        self.effect = effect
        self.input = input
        self.output = output
        self.format = format
        self.window = window
        self.video = video
        self.audio = audio
        self.padVideoToFrames = padVideoToFrames
        self.expectedFrames = expectedFrames
    }
}

public struct TranscodeProgress: Sendable, Equatable {
    public var framesDone: Int
    public var framesExpected: Int?
    /// Seconds of the input's timeline done.
    public var secondsDone: Double
}

public struct TranscodeResult: Sendable, Codable, Equatable {
    /// Where in the input the output starts, in seconds (0 without a window).
    public var inputStart: Double
    public var videoFrames: Int
    /// Frames added by padding (the last picture repeated).
    public var paddedFrames: Int
    public var audioSamples: Int64
    public var audioSampleRate: Int?
}
