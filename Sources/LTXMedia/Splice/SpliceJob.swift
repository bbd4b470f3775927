/// Puts generated sections back into the video they came from: the output is
/// the original, same container, codec, size, rotation, pixel format, frame
/// rate and frame count, with only the sections taken from the answers.
public struct SpliceJob: Sendable, Equatable {
    /// One API answer and the section it replaces.
    public struct Piece: Sendable, Equatable, Codable {
        public var answer: String
        /// Where the answer's first instant sits on the original's timeline, in seconds.
        public var answerStart: Double
        /// The part of the original that changes, on the original's timeline.
        public var section: TimeWindow

        public init(answer: String, answerStart: Double, section: TimeWindow) {
            self.answer = answer
            self.answerStart = answerStart
            self.section = section
        }
    }

    public var original: String
    /// Where to write. Callers pass a temporary path and rename it into place.
    public var output: String
    /// The original's container: the output is written in it.
    public var container: ContainerFormat
    /// Sorted by section start, sections not overlapping.
    public var pieces: [Piece]
    /// Take the answers' pictures inside the sections.
    public var replaceVideo: Bool
    /// Take the answers' sound inside the sections.
    public var replaceAudio: Bool
    /// Length of each audio seam's crossfade, in seconds.
    public var crossfade: Double
    /// Encoder quality for re-encoded pictures (libx264/libx265 CRF).
    public var crf: Int
    public var preset: String
    /// Pictures (and sound) added before the original's first frame or after
    /// its last: an extend's answer joined at a keyframe. Nil for a retake.
    public var extended: Extension?
    /// Patch AAC-LC sound in place (`AudioPatchLane`) when it can be; false
    /// encodes the whole track (`AudioSpliceLane`).
    var soundInPlace = true

    public init(original: String, output: String, container: ContainerFormat, pieces: [Piece], replaceVideo: Bool,
                replaceAudio: Bool, crossfade: Double = 0.010, crf: Int = 17, preset: String = "fast") {
        self.original = original
        self.output = output
        self.container = container
        self.pieces = pieces.sorted { $0.section.start < $1.section.start }
        self.replaceVideo = replaceVideo
        self.replaceAudio = replaceAudio
        self.crossfade = crossfade
        self.crf = crf
        self.preset = preset
    }
}

extension SpliceJob {
    /// An extension put before or after the whole original: every packet of
    /// the original copied (shifted in time when the extension comes first),
    /// the extension's pictures encoded as the original's, its sound crossfaded in.
    public struct Extension: Sendable, Equatable, Codable {
        public enum Edge: String, Sendable, Codable { case start, end }

        public var answer: String
        public var edge: Edge
        /// Pictures added, at the original's frame rate.
        public var frames: Int
        /// Where the extension's first picture is on the answer's timeline, in seconds.
        public var answerStart: Double
        /// The part of the answer's (upright) picture that shows the original's
        /// frame, as fractions of its width and height; nil: all of it. The rest
        /// was padding the API needed, cropped away again.
        public var crop: Crop?

        public init(answer: String, edge: Edge, frames: Int, answerStart: Double, crop: Crop? = nil) {
            self.answer = answer
            self.edge = edge
            self.frames = frames
            self.answerStart = answerStart
            self.crop = crop
        }
    }

    /// A rectangle as fractions (0...1) of a picture's width and height.
    public struct Crop: Sendable, Equatable, Codable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// An extend: no section replaced, `extension` added at one edge.
    public init(original: String, output: String, container: ContainerFormat, extension added: Extension, crossfade: Double = 0.010,
                crf: Int = 17, preset: String = "fast") {
        self.init(original: original, output: output, container: container, pieces: [], replaceVideo: true, replaceAudio: true,
                  crossfade: crossfade, crf: crf, preset: preset)
        extended = added
    }
}

/// What a splice wrote, frame by frame.
public struct SpliceResult: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable {
        /// Packets copied from the original: bit-identical pictures.
        case copied
        /// The original's pictures, decoded and encoded again (GOPs that
        /// overlap a section, or the whole video when it cannot be copied).
        case reencoded
        /// The answer's pictures, scaled back to the original's size.
        case answer
    }

    /// A run of frames from one source, in display order.
    public struct FrameRange: Sendable, Codable, Equatable {
        public var source: Source
        /// First and last frame, counted from 0, inclusive.
        public var firstFrame: Int
        public var lastFrame: Int
        /// Seconds on the original's timeline (the output's, for an extend):
        /// the first frame's time and the end of the last one.
        public var start: Double
        public var end: Double

        public init(source: Source, firstFrame: Int, lastFrame: Int, start: Double, end: Double) {
            self.source = source
            self.firstFrame = firstFrame
            self.lastFrame = lastFrame
            self.start = start
            self.end = end
        }
    }

    public var ranges: [FrameRange]
    public var videoFrames: Int
    /// Why every picture was re-encoded, when it was; nil for a GOP splice.
    public var wholeVideoReencoded: String?
    /// `copied` (packets as they were) or `spliced` (the answers' sound inside
    /// the sections, crossfaded, encoded as AAC-LC); nil without audio.
    public var audio: String?
    /// Where the output changes source, in seconds on the original's timeline.
    public var seams: [Double]
    /// How the answer's pictures were made the original's colour, when they
    /// were converted from SDR (an HDR original); nil otherwise.
    public var convertedFromSDR: String?

    public func frames(_ source: Source) -> Int {
        ranges.filter { $0.source == source }.reduce(0) { $0 + $1.lastFrame - $1.firstFrame + 1 }
    }
}

extension SpliceJob {
    /// The job with its sections, and where its answers sit, moved onto a
    /// clock that reads `start` at the original's first instant.
    func onClock(startingAt start: Double) -> SpliceJob {
        var moved = self
        moved.pieces = pieces.map { p in
            Piece(answer: p.answer, answerStart: p.answerStart + start, section: TimeWindow(start: p.section.start + start, duration: p.section.duration))
        }
        return moved
    }
}
