internal import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    public init(output: String, width: Int, height: Int, frameRate: Int, duration: Double, image: String? = nil, sound: Sound) {
        self.output = output
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.duration = duration
        self.image = image
        self.sound = sound
    }
}

public enum PatternClip {
    /// Writes the clip; returns the number of frames.
    @discardableResult
    public static func write(_ spec: PatternClipSpec) throws(MediaError) -> Int {
        _ = FFmpegLog.quietByDefault
        let output = try OutputContext(path: spec.output, format: "mp4")
        let width = Int32(spec.width) & ~1, height = Int32(spec.height) & ~1
        let video = try Encoder.h264(width: width, height: height, timeBase: AVRational(num: 1, den: Int32(spec.frameRate)),
                                     frameRate: AVRational(num: Int32(spec.frameRate), den: 1),
                                     options: ["preset": "ultrafast", "crf": "30"], for: output)
        let videoStream = try output.addStream(for: video)

        // Sound: a file's audio through the transcoder's audio lane, or a tone.
        var audioInput: FormatContext?
        var audioLane: AudioEncodeLane?
        var toneEncoder: Encoder?
        var toneStream = 0
        var duration = spec.duration
        switch spec.sound {
        case .none:
            break
        case .file(let path):
            let input = try FormatContext(path: path, timeout: .seconds(60))
            try input.findStreamInfo()
            let streams = StreamReader.read(input, container: .other, adtsHeader: nil)
            guard let a = streams.audio.first else { throw MediaError(kind: .noStreams, path: path, message: "no audio stream") }
            let lane = try AudioEncodeLane(encoding: a.index, from: input, to: output, settings: AudioEncoding())
            lane.setOrigin(input.startTime ?? 0, windowEnd: .infinity)
            input.keepOnly(streams: [a.index])
            duration = a.duration ?? input.durationSeconds ?? duration
            audioInput = input
            audioLane = lane
        case .tone:
            let encoder = try Encoder.aacLC(sampleRate: 48000, channels: 2, bitRate: 128_000, for: output)
            toneStream = try output.addStream(for: encoder)
            toneEncoder = encoder
        }
        try output.writeHeader(fastStart: true)

        let background = Frame()
        if let image = spec.image { try still(image, into: background, width: width, height: height) }
        let frames = max(1, Int((duration * Double(spec.frameRate)).rounded()))
        let packet = Packet()
        let frame = Frame()
        frame.pointer.pointee.width = width
        frame.pointer.pointee.height = height
        frame.pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        try FFmpegError.check(av_frame_get_buffer(frame.pointer, 0), "av_frame_get_buffer")
        for i in 0..<frames {
            try FFmpegError.check(av_frame_make_writable(frame.pointer), "av_frame_make_writable")
            if spec.image != nil {
                try FFmpegError.check(av_frame_copy(frame.pointer, background.pointer), "av_frame_copy")
            } else {
                paint(frame.pointer, index: i)
            }
            frame.pointer.pointee.pts = Int64(i)
            try video.send(frame.pointer)
            try output.drain(video, into: videoStream, using: packet, defaultDuration: 1)
        }
        try video.send(nil)
        try output.drain(video, into: videoStream, using: packet, defaultDuration: 1)

        if let audioInput, let audioLane {
            while try audioInput.readPacket(into: packet) {
                try audioLane.take(packet, output: output)
            }
            try audioLane.finish(output: output)
        }
        if let toneEncoder, case .tone(let frequency) = spec.sound {
            try writeTone(toneEncoder, frequency: frequency, seconds: Double(frames) / Double(spec.frameRate),
                          stream: toneStream, output: output)
        }
        try output.finish()
        return frames
    }

    /// Diagonal bands that move one step a frame, with slowly turning colour.
    private static func paint(_ frame: UnsafeMutablePointer<AVFrame>, index: Int) {
        let f = frame.pointee
        let shift = index * 4
        for y in 0..<Int(f.height) {
            let row = f.data.0! + y * Int(f.linesize.0)
            for x in 0..<Int(f.width) { row[x] = UInt8(truncatingIfNeeded: ((x + y + shift) / 8 % 2) * 140 + 50) }
        }
        let u = UInt8(truncatingIfNeeded: 128 + Int(60 * sin(Double(index) / 20)))
        let v = UInt8(truncatingIfNeeded: 128 + Int(60 * cos(Double(index) / 20)))
        for y in 0..<Int((f.height + 1) / 2) {
            memset(f.data.1! + y * Int(f.linesize.1), Int32(u), Int((f.width + 1) / 2))
            memset(f.data.2! + y * Int(f.linesize.2), Int32(v), Int((f.width + 1) / 2))
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

    private static func writeTone(_ encoder: Encoder, frequency: Double, seconds: Double, stream: Int,
                                  output: OutputContext) throws(MediaError) {
        let total = Int64(seconds * 48000)
        let frame = Frame(), packet = Packet()
        var done: Int64 = 0
        while done < total {
            let n = Int32(min(Int64(encoder.frameSize), total - done))
            frame.unref()
            frame.pointer.pointee.nb_samples = n
            frame.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            frame.pointer.pointee.sample_rate = 48000
            av_channel_layout_default(&frame.pointer.pointee.ch_layout, 2)
            try FFmpegError.check(av_frame_get_buffer(frame.pointer, 0), "av_frame_get_buffer")
            for ch in 0..<2 {
                let samples = UnsafeMutableRawPointer(frame.pointer.pointee.extended_data[ch]!).assumingMemoryBound(to: Float.self)
                for i in 0..<Int(n) { samples[i] = Float(0.2 * sin(2 * Double.pi * frequency * Double(done + Int64(i)) / 48000)) }
            }
            frame.pointer.pointee.pts = done
            done += Int64(n)
            try encoder.send(frame.pointer)
            try output.drain(encoder, into: stream, using: packet)
        }
        try encoder.send(nil)
        try output.drain(encoder, into: stream, using: packet)
    }
}
