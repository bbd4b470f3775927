internal import CFFmpeg

/// An answer's sound, decoded forward and resampled to the original's
/// encoder format (planar float, its rate and layout), read by sample
/// position on the answer's own timeline.
final class AnswerSound {
    /// Nil for an answer without sound: its sections are silent.
    private let stream: StreamDecoder?
    private let frame = Frame()
    private var resampler: AudioResampler?
    private let rate: Int32
    private var layout: AVChannelLayout
    /// Answer samples before the first one still buffered.
    private var consumed: Int64 = 0
    private var ended = false

    init(path: String, rate: Int32, layout: AVChannelLayout) throws(MediaError) {
        stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_AUDIO)
        self.rate = rate
        self.layout = layout
        ended = stream == nil
    }

    /// Copies `count` samples starting at answer sample `position` into
    /// `planes` (one per channel); silence where the answer has none.
    /// Positions only move forward.
    func read(from position: Int64, count: Int, into planes: [UnsafeMutablePointer<Float>]) throws(MediaError) {
        for p in planes { p.update(repeating: 0, count: count) }
        var start = position, offset = 0, remaining = count
        if start < 0 {
            let skip = Int(min(Int64(remaining), -start))
            offset += skip
            remaining -= skip
            start = 0
        }
        guard remaining > 0 else { return }
        if start > consumed { try discard(Int(start - consumed)) }
        try fill(remaining)
        guard let resampler else { return }
        let have = min(remaining, resampler.buffered)
        guard have > 0 else { return }
        let pointers = planes.map { UnsafeMutableRawPointer($0 + offset) as UnsafeMutableRawPointer? }
        try resampler.peek(have, into: pointers)
    }

    private func discard(_ n: Int) throws(MediaError) {
        var left = n
        while left > 0 {
            try fill(min(left, 1 << 16))
            guard let resampler, resampler.buffered > 0 else { consumed += Int64(left); return }
            let d = min(left, resampler.buffered)
            resampler.dropBuffered(d)
            consumed += Int64(d)
            left -= d
        }
    }

    /// Decodes until `n` samples are buffered or the sound ends.
    private func fill(_ n: Int) throws(MediaError) {
        guard let stream else { return }
        while (resampler?.buffered ?? 0) < n && !ended {
            guard try stream.next(into: frame) else {
                try resampler?.push(nil)
                ended = true
                return
            }
            defer { frame.unref() }
            let f = frame.pointer.pointee
            if resampler == nil {
                resampler = try AudioResampler(inLayout: f.ch_layout, inFormat: AVSampleFormat(rawValue: f.format), inRate: f.sample_rate,
                                               outLayout: layout, outFormat: AV_SAMPLE_FMT_FLTP, outRate: rate, frameSize: 1024)
            }
            try resampler!.push(frame.pointer)
        }
    }
}
