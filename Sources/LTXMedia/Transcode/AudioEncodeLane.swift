internal import CFFmpeg

/// An audio stream decoded, resampled and encoded to AAC-LC, trimmed to the
/// sample and padded with silence as asked.
final class AudioEncodeLane: Lane {
    let inIndex: Int
    private let inTimeBase: AVRational
    private let outIndex: Int
    let outputRate: Int32
    private let decoder: Decoder
    private let encoder: Encoder
    private let settings: AudioEncoding
    private let effect: SectionEffect?
    private var resampler: AudioResampler?
    private let frame = Frame()
    private let encoded = Frame()
    private let packet = Packet()
    private var origin = 0.0
    private var windowEnd = Double.infinity
    private var maxSamples: Int64?
    private var started = false
    /// AAC frames sent to the encoder.
    private(set) var framesWritten = 0
    private(set) var isDone = false

    init(encoding index: Int, from input: FormatContext, to output: OutputContext, settings: AudioEncoding,
         effect: SectionEffect? = nil) throws(MediaError) {
        inIndex = index
        self.settings = settings
        self.effect = effect
        (inTimeBase, decoder, encoder, outputRate) = try input.withStream(index) {
            st throws(MediaError) -> (AVRational, Decoder, Encoder, Int32) in
            let par = st.pointee.codecpar.pointee
            let decoder = try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
            let encoder = try Encoder.aacLC(matching: par, bitRate: settings.bitRate, for: output)
            return (st.pointee.time_base, decoder, encoder, encoder.sampleRate)
        }
        outIndex = try output.addStream(for: encoder)
    }

    func setOrigin(_ seconds: Double, windowEnd: Double) {
        origin = seconds
        self.windowEnd = windowEnd
        var limit = settings.maxDuration ?? .infinity
        if windowEnd.isFinite { limit = min(limit, windowEnd - seconds) }
        if limit.isFinite { maxSamples = Int64((limit * Double(outputRate)).rounded(.down)) }
    }

    var samplesWritten: Int64 { resampler?.samplesEmitted ?? 0 }
    var secondsDone: Double { Double(samplesWritten) / Double(outputRate) }

    private func seconds(_ ts: Int64) -> Double { FFmpegTime.seconds(ts, inTimeBase) ?? 0 }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        try decoder.send(packet)
        try drainDecoder(output: output)
    }

    private func drainDecoder(output: OutputContext) throws(MediaError) {
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            let t = seconds(frame.timestamp)
            let length = Double(f.nb_samples) / Double(max(f.sample_rate, 1))
            if t + length <= origin { continue }
            if t >= windowEnd - 1e-6 || isDone { isDone = true; continue }
            let fresh = self.resampler == nil
            let resampler = try resampler(for: f)
            if fresh, let lead = settings.leadSilence, lead > 0 { try resampler.pushSilence(Int((lead * Double(outputRate)).rounded())) }
            try resampler.push(frame.pointer)
            if !started {
                started = true
                // Start at the window's first sample, not the frame's.
                if t < origin { resampler.dropBuffered(Int(((origin - t) * Double(outputRate)).rounded())) }
            }
            try drainFIFO(resampler, flush: false, output: output)
            if let maxSamples, resampler.samplesEmitted >= maxSamples { isDone = true }
        }
    }

    /// Made from the first decoded frame kept: only a decoded frame tells
    /// the input's real format, rate and layout.
    private func resampler(for f: AVFrame) throws(MediaError) -> AudioResampler {
        if let resampler { return resampler }
        let made = try AudioResampler(inLayout: f.ch_layout, inFormat: AVSampleFormat(rawValue: f.format), inRate: f.sample_rate,
                                      outLayout: encoder.channelLayout, outFormat: AV_SAMPLE_FMT_FLTP, outRate: outputRate,
                                      frameSize: Int32(encoder.frameSize))
        resampler = made
        return made
    }

    private func drainFIFO(_ resampler: AudioResampler, flush: Bool, output: OutputContext) throws(MediaError) {
        while try resampler.pop(into: encoded, flush: flush, limit: maxSamples) {
            effect?.apply(toSamples: encoded.pointer)
            try encoder.send(encoded.pointer)
            try output.drain(encoder, into: outIndex, using: packet)
            framesWritten += 1
        }
    }

    /// Flushes the decoder and the resampler, pads with silence to the
    /// minimum length, flushes the encoder.
    func finish(output: OutputContext) throws(MediaError) {
        try decoder.flush()
        try drainDecoder(output: output)
        if let resampler {
            try resampler.push(nil)
            if let min = settings.minDuration {
                let wanted = Int64((min * Double(outputRate)).rounded(.up))
                let have = resampler.samplesEmitted + Int64(resampler.buffered)
                if have < wanted { try resampler.pushSilence(Int(wanted - have)) }
            }
            try drainFIFO(resampler, flush: true, output: output)
        }
        try encoder.send(nil)
        try output.drain(encoder, into: outIndex, using: packet)
    }
}
