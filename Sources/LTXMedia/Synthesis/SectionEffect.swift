internal import CFFmpeg
import RealModule

/// Marks a span of the output visibly and audibly: the sandbox's stand-in
/// for a generated retake. Times are on the output's timeline.
public struct SectionEffect: Sendable, Codable, Equatable {
    public var start: Double
    public var duration: Double
    /// Show the span as a colour negative (video re-encoded).
    public var invertPicture: Bool
    /// Replace the span's sound with a sine of this frequency (audio re-encoded).
    public var toneFrequency: Double?

    public init(start: Double, duration: Double, invertPicture: Bool, toneFrequency: Double?) {
        self.start = start
        self.duration = duration
        self.invertPicture = invertPicture
        self.toneFrequency = toneFrequency
    }

    func contains(_ t: Double) -> Bool { t >= start - 1e-9 && t < start + duration - 1e-9 }
}


/// The effect applied to decoded media on its way to the encoder.
extension SectionEffect {
    /// Turns a yuv420p picture shown at `t` (output timeline) into its
    /// colour negative, in place, when the span asks for it and holds `t`.
    func apply(toPicture picture: UnsafeMutablePointer<AVFrame>, at t: Double) throws(MediaError) {
        guard invertPicture, contains(t) else { return }
        try FFmpegError.check(av_frame_make_writable(picture), "av_frame_make_writable")
        let p = picture.pointee
        let planes = [(p.data.0, p.linesize.0, p.width, p.height),
                      (p.data.1, p.linesize.1, (p.width + 1) / 2, (p.height + 1) / 2),
                      (p.data.2, p.linesize.2, (p.width + 1) / 2, (p.height + 1) / 2)]
        // 255 - v is v's bits flipped: eight samples a step (a loop over every
        // sample was a third of the debug sandbox's time for a 1080p retake).
        for (data, stride, w, h) in planes {
            guard let data else { continue }
            let words = Int(w) / 8
            for y in 0..<Int(h) {
                let row = data + y * Int(stride)
                let raw = UnsafeMutableRawPointer(row)
                for i in 0..<words {
                    raw.storeBytes(of: ~raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self), toByteOffset: i * 8, as: UInt64.self)
                }
                for x in words * 8..<Int(w) { row[x] = ~row[x] }
            }
        }
    }

    /// Replaces the samples of a planar-float frame that fall inside the
    /// span with a sine, when the span asks for a tone. The frame's pts
    /// counts samples from the output's start.
    func apply(toSamples frame: UnsafeMutablePointer<AVFrame>) {
        guard let toneFrequency else { return }
        let f = frame.pointee
        let rate = Double(f.sample_rate)
        for ch in 0..<Int(f.ch_layout.nb_channels) {
            guard let plane = f.extended_data[ch] else { continue }
            let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
            for i in 0..<Int(f.nb_samples) {
                let t = Double(f.pts + Int64(i)) / rate
                if contains(t) { samples[i] = Float(0.3 * Double.sin(2 * Double.pi * toneFrequency * t)) }
            }
        }
    }
}
