internal import CFFmpeg

/// A made-up clip of a given size, rate and length: a moving pattern (or a
/// still image) with a tone, silence, or another file's audio. The sandbox
/// answers text-, image- and audio-to-video with these.
public struct PatternClipSpec: Sendable, Equatable {
    public enum Sound: Sendable, Equatable {
        case none
        case tone(frequency: Double)
        /// This file's audio, as AAC-LC; the clip lasts as long as it.
        case file(String)
    }

    public var output: String
    public var width: Int
    public var height: Int
    public var frameRate: Int
    /// Seconds; ignored with `.file`, whose length rules.
    public var duration: Double
    /// A picture to show instead of the pattern, scaled to fill.
    public var image: String?
    public var sound: Sound
    /// Random luma, new each frame, over a centred patch this share of the
    /// picture's width and height, mid-grey around it, instead of the
    /// pattern's bands: content an encoder cannot shrink, for a clip that
    /// must be big (too large for a data URI, say). 1 covers the picture; 0
    /// (the default) is the pattern. A patch keeps the clip's size while
    /// every encode of it costs less than noise everywhere would.
    public var noise: Double
    /// An average video rate in bits per second (x264's ABR, still at the
    /// ultrafast preset) instead of CRF 30: a clip of a chosen size.
    public var videoBitRate: Int?
    /// Frames from one keyframe to the next; nil leaves x264's 250 (at the
    /// ultrafast preset, with no scene-cut keyframes in between).
    public var keyframeInterval: Int?

    public init(output: String, width: Int, height: Int, frameRate: Int, duration: Double, image: String? = nil, sound: Sound,
                noise: Double = 0, videoBitRate: Int? = nil, keyframeInterval: Int? = nil) {
        self.output = output
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.duration = duration
        self.image = image
        self.sound = sound
        self.noise = noise
        self.videoBitRate = videoBitRate
        self.keyframeInterval = keyframeInterval
    }
}

public enum PatternClip {
    /// Writes the clip; returns the number of frames.
    @discardableResult
    public static func write(_ spec: PatternClipSpec) throws(MediaError) -> Int {
        _ = FFmpegLog.quietByDefault
        let output = try OutputContext(path: spec.output, format: "mp4")
        let width = Int32(spec.width) & ~1, height = Int32(spec.height) & ~1
        let encoder = try Encoder.h264(width: width, height: height, timeBase: AVRational(num: 1, den: Int32(spec.frameRate)),
                                       frameRate: AVRational(num: Int32(spec.frameRate), den: 1),
                                       options: spec.videoBitRate == nil ? ["preset": "ultrafast", "crf": "30"] : ["preset": "ultrafast"],
                                       for: output) { ctx in
            // Every core: a big clip made at test time is mostly encoding.
            ctx.pointee.thread_count = 0
            if let rate = spec.videoBitRate { ctx.pointee.bit_rate = Int64(rate) }
            if let interval = spec.keyframeInterval { ctx.pointee.gop_size = Int32(interval) }
        }
        let videoStream = try output.addStream(for: encoder)
        func frameCount(_ seconds: Double) -> Int { max(1, Int((seconds * Double(spec.frameRate)).rounded())) }

        // Sound: a file's audio through the transcoder's audio lane, or a tone.
        let sound: (any ClipTrack)?
        let frames: Int
        switch spec.sound {
        case .none:
            sound = nil
            frames = frameCount(spec.duration)
        case .file(let path):
            let track = try SoundFileTrack(path: path, output: output)
            sound = track
            frames = frameCount(track.duration ?? spec.duration)
        case .tone(let frequency):
            frames = frameCount(spec.duration)
            sound = try ToneTrack(frequency: frequency, seconds: Double(frames) / Double(spec.frameRate), output: output)
        }
        try output.writeHeader(fastStart: true)
        let pictures = try PictureTrack(encoder: encoder, stream: videoStream, frames: frames, image: spec.image, noise: spec.noise)

        // mux.c's loop: write the stream that is behind, so the muxer's
        // interleaving queue holds a few packets, not a whole stream.
        var video: (any ClipTrack)? = pictures
        var audio = sound
        while video != nil || audio != nil {
            if let v = video, audio.map({ av_compare_ts(v.nextPts, v.timeBase, $0.nextPts, $0.timeBase) <= 0 }) ?? true {
                if try !v.writeNext(to: output) { video = nil }
            } else if let a = audio {
                if try !a.writeNext(to: output) { audio = nil }
            }
        }
        try output.finish()
        return frames
    }
}

/// One stream of a made-up clip, written a frame at a time so the clip's
/// streams can be interleaved (mux.c's write_video_frame and
/// write_audio_frame).
protocol ClipTrack: AnyObject {
    /// The presentation time of the next frame to be encoded, in `timeBase`.
    var nextPts: Int64 { get }
    var timeBase: AVRational { get }
    /// Encodes the next frame and writes what the encoder gives back; past
    /// the last frame, flushes the encoder and returns false.
    func writeNext(to output: OutputContext) throws(MediaError) -> Bool
}
