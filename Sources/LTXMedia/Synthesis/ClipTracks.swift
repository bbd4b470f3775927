internal import CFFmpeg
import RealModule

/// The clip's pictures: a moving pattern, or one still image throughout;
/// with noise, the pattern's colour under grey and random luma.
final class PictureTrack: ClipTrack {
    private let encoder: Encoder
    private let stream: Int
    private let frames: Int
    private let showsImage: Bool
    private var noise: NoiseField?
    private let background = Frame()
    private let frame = Frame()
    private let packet = Packet()
    private var index = 0

    init(encoder: Encoder, stream: Int, frames: Int, image: String?, noise: Double = 0) throws(MediaError) {
        self.encoder = encoder
        self.stream = stream
        self.frames = frames
        showsImage = image != nil
        let width = encoder.context.pointee.width, height = encoder.context.pointee.height
        if noise > 0 && image == nil { self.noise = NoiseField(pictureWidth: Int(width), pictureHeight: Int(height), share: noise) }
        if let image { try Self.still(image, into: background, width: width, height: height) }
        frame.pointer.pointee.width = width
        frame.pointer.pointee.height = height
        frame.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try FFmpegError.check(av_frame_get_buffer(frame.pointer, 0), "av_frame_get_buffer")
    }

    var nextPts: Int64 { Int64(index) }
    var timeBase: AVRational { encoder.timeBase }

    func writeNext(to output: OutputContext) throws(MediaError) -> Bool {
        guard index < frames else {
            try encoder.send(nil)
            try output.drain(encoder, into: stream, using: packet, defaultDuration: 1)
            return false
        }
        try FFmpegError.check(av_frame_make_writable(frame.pointer), "av_frame_make_writable")
        if showsImage {
            try FFmpegError.check(av_frame_copy(frame.pointer, background.pointer), "av_frame_copy")
        } else {
            // Noise and grey take the bands' place in the luma: painting them
            // too would cost a loop over every pixel for nothing.
            Self.paint(frame.pointer, index: index, bands: noise == nil)
            noise?.paint(luma: frame.pointer)
        }
        frame.pointer.pointee.pts = Int64(index)
        try encoder.send(frame.pointer)
        try output.drain(encoder, into: stream, using: packet, defaultDuration: 1)
        index += 1
        return true
    }

    /// Diagonal bands that move one step a frame (left out when `bands` is
    /// false), with slowly turning colour.
    private static func paint(_ frame: UnsafeMutablePointer<AVFrame>, index: Int, bands: Bool = true) {
        let f = frame.pointee
        guard let luma = f.data.0, let cb = f.data.1, let cr = f.data.2 else { return }
        let shift = index * 4
        if bands {
            // A pixel's value is a function of (x + y + shift) mod 16: each row is
            // one line of the pattern copied from its own offset. (A loop over
            // every pixel was over half of the debug sandbox's time for a 1080p answer.)
            let width = Int(f.width)
            let line = (0..<width + 16).map { UInt8(truncatingIfNeeded: ($0 / 8 % 2) * 140 + 50) }
            line.withUnsafeBufferPointer { line in
                for y in 0..<Int(f.height) {
                    (luma + y * Int(f.linesize.0)).update(from: line.baseAddress! + (y + shift) % 16, count: width)
                }
            }
        }
        let u = UInt8(truncatingIfNeeded: 128 + Int(60 * Double.sin(Double(index) / 20)))
        let v = UInt8(truncatingIfNeeded: 128 + Int(60 * Double.cos(Double(index) / 20)))
        for y in 0..<Int((f.height + 1) / 2) {
            (cb + y * Int(f.linesize.1)).update(repeating: u, count: Int((f.width + 1) / 2))
            (cr + y * Int(f.linesize.2)).update(repeating: v, count: Int((f.width + 1) / 2))
        }
    }

    /// The first picture of `path`, scaled to fill width x height, as yuv420p.
    private static func still(_ path: String, into picture: borrowing Frame, width: Int32, height: Int32) throws(MediaError) {
        let reader = try VideoFrameReader(path: path, size: (width, height))
        var copied = false
        _ = try reader.nextFrame { source throws(MediaError) in
            try FFmpegError.check(av_frame_ref(picture.pointer, source), "av_frame_ref")
            copied = true
        }
        guard copied else { throw MediaError(kind: .unreadable, path: path, message: "no picture could be decoded") }
    }
}

/// A stereo sine at 48 kHz, AAC-LC.
final class ToneTrack: ClipTrack {
    private static let rate: Int32 = 48000
    private let encoder: Encoder
    private let stream: Int
    private let frequency: Double
    private let total: Int64
    private let frame = Frame()
    private let packet = Packet()
    private var done: Int64 = 0

    init(frequency: Double, seconds: Double, output: OutputContext) throws(MediaError) {
        encoder = try Encoder.aacLC(sampleRate: Self.rate, channels: 2, bitRate: 128_000, for: output)
        stream = try output.addStream(for: encoder)
        self.frequency = frequency
        total = Int64(seconds * Double(Self.rate))
    }

    var nextPts: Int64 { done }
    var timeBase: AVRational { encoder.timeBase }

    func writeNext(to output: OutputContext) throws(MediaError) -> Bool {
        guard done < total else {
            try encoder.send(nil)
            try output.drain(encoder, into: stream, using: packet)
            return false
        }
        let n = Int32(min(Int64(encoder.frameSize), total - done))
        frame.unref()
        frame.pointer.pointee.nb_samples = n
        frame.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
        frame.pointer.pointee.sample_rate = Self.rate
        av_channel_layout_default(&frame.pointer.pointee.ch_layout, 2)
        try FFmpegError.check(av_frame_get_buffer(frame.pointer, 0), "av_frame_get_buffer")
        for ch in 0..<2 {
            guard let plane = frame.pointer.pointee.extended_data[ch] else { continue }
            let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
            for i in 0..<Int(n) { samples[i] = Float(0.2 * Double.sin(2 * Double.pi * frequency * Double(done + Int64(i)) / Double(Self.rate))) }
        }
        frame.pointer.pointee.pts = done
        done += Int64(n)
        try encoder.send(frame.pointer)
        try output.drain(encoder, into: stream, using: packet)
        return true
    }
}

/// Another file's audio, whole, through the transcoder's audio lane; one
/// input packet a step.
final class SoundFileTrack: ClipTrack {
    private let input: FormatContext
    private let lane: AudioEncodeLane
    private let packet = Packet()
    /// The audio's length, which the clip's takes; nil when the file does not say.
    let duration: Double?

    init(path: String, output: OutputContext) throws(MediaError) {
        input = try FormatContext(path: path, timeout: .seconds(60))
        try input.findStreamInfo()
        let streams = StreamReader.read(input, container: .other, adtsHeader: nil)
        guard let a = streams.audio.first else { throw MediaError(kind: .noStreams, path: path, message: "no audio stream") }
        lane = try AudioEncodeLane(encoding: a.index, from: input, to: output, settings: AudioEncoding())
        lane.setOrigin(input.startTime ?? 0, windowEnd: .infinity)
        input.keepOnly(streams: [a.index])
        duration = a.duration ?? input.durationSeconds
    }

    /// Samples handed to the encoder: the lane's output time base is one sample.
    var nextPts: Int64 { lane.samplesWritten }
    var timeBase: AVRational { AVRational(num: 1, den: lane.outputRate) }

    func writeNext(to output: OutputContext) throws(MediaError) -> Bool {
        if try input.readPacket(into: packet) {
            try lane.take(packet, output: output)
            return true
        }
        try lane.finish(output: output)
        return false
    }
}
