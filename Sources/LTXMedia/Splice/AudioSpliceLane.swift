internal import CFFmpeg

/// The original's sound with the answers' inside the sections: both decoded
/// to planar float at the original's rate, mixed with a linear crossfade
/// centred on each seam (no click), encoded as AAC-LC (transcode_aac.c's
/// order), the whole track once. For sound `AudioPatchLane` cannot patch in
/// place (not AAC-LC, sections at its very ends...).
final class AudioSpliceLane: SplicedSound {
    let summary = "spliced"
    private let inTimeBase: AVRational
    private let outIndex: Int
    private let decoder: Decoder
    private let encoder: Encoder
    private let mixer: SoundMixer
    private var resampler: AudioResampler?
    private let frame = Frame()
    private let mixed = Frame()
    private let packet = Packet()
    /// The original's first sample, in seconds: sample n sits at start + n / rate.
    private var startTime: Double?
    /// Where the original's sound ends, in `inTimeBase`: the latest packet's
    /// end (pts + duration). The decoder gives the last AAC frame whole, 1024
    /// samples, where its packet says less (the rest is the encoder's padding,
    /// 384 of 1024 in a 5 s clip at 48 kHz): encoding all of it made the
    /// spliced track 13 ms longer than the original's. Nil once a packet
    /// comes without a time or a duration: then every decoded sample is kept.
    private var end: Int64?
    private var endKnown = true
    /// Seconds the original's sound moves later in the output (an extension
    /// put first): silence, then the answer mixed in, fills what is before it.
    private let shift: Double
    /// Where the output's sound ends, in seconds, when an extension comes
    /// after the original: silence carries the answer's sound until then.
    private let until: Double?
    /// The output time of the first sample the resampler gives out.
    private var fifoStart: Double?
    /// The original's clock at its first instant (`FormatContext.clockStart`):
    /// where the silence before shifted sound starts.
    private let clockStart: Double

    init(encoding index: Int, from input: FormatContext, to output: OutputContext, pieces: [SpliceJob.Piece], crossfade: Double,
         shift: Double = 0, until: Double? = nil) throws(MediaError) {
        self.shift = shift
        self.until = until
        clockStart = input.clockStart
        (inTimeBase, decoder, encoder) = try input.withStream(index) { st throws(MediaError) -> (AVRational, Decoder, Encoder) in
            let par = st.pointee.codecpar.pointee
            let decoder = try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
            return (st.pointee.time_base, decoder, try Encoder.aacLC(matching: par, bitRate: Encoder.keptBitRate(of: par), for: output))
        }
        outIndex = try output.addStream(for: encoder)
        mixer = SoundMixer(pieces: pieces, crossfade: crossfade, rate: encoder.sampleRate, layout: encoder.channelLayout)
    }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        // Before the packet is decoded, so its samples are judged against its own end.
        if endKnown, let pts = packet.pts, packet.duration > 0 {
            end = max(end ?? .min, pts + packet.duration)
        } else {
            (endKnown, end) = (false, nil)
        }
        try decoder.send(packet)
        try drainDecoder(output: output)
    }

    private func drainDecoder(output: OutputContext) throws(MediaError) {
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            if startTime == nil {
                startTime = FFmpegTime.seconds(frame.timestamp, inTimeBase) ?? 0
            }
            if resampler == nil {
                resampler = try AudioResampler(inLayout: f.ch_layout, inFormat: AVSampleFormat(rawValue: f.format), inRate: f.sample_rate,
                                               outLayout: encoder.channelLayout, outFormat: AV_SAMPLE_FMT_FLTP,
                                               outRate: encoder.sampleRate, frameSize: Int32(encoder.frameSize))
                let first = (startTime ?? 0) + shift
                if shift > 0 {
                    // What comes before the original's first sample starts with the original.
                    let lead = Int(((first - clockStart) * Double(encoder.sampleRate)).rounded())
                    try resampler!.pushSilence(lead)
                    fifoStart = first - Double(lead) / Double(encoder.sampleRate)
                } else {
                    fifoStart = first
                }
            }
            try resampler!.push(frame.pointer)
            try drainFIFO(flush: false, output: output)
        }
    }

    private func drainFIFO(flush: Bool, output: OutputContext) throws(MediaError) {
        guard let resampler else { return }
        // A frame's worth stays buffered until the flush, which alone cuts at
        // the original's end: only the last frame the encoder gets is short
        // (as it allows), whatever a packet's duration said before the end.
        while flush || resampler.buffered >= 2 * encoder.frameSize,
              try resampler.pop(into: mixed, flush: flush, limit: flush ? endSample : nil) {
            try mixer.mix(mixed.pointer, at: (fifoStart ?? 0) + Double(mixed.pointer.pointee.pts) / Double(encoder.sampleRate))
            let offset = Int64(((fifoStart ?? 0) * Double(encoder.sampleRate)).rounded())
            mixed.pointer.pointee.pts += offset
            try encoder.send(mixed.pointer)
            try output.drain(encoder, into: outIndex, using: packet)
        }
    }

    /// `end` as a sample count from the first sample, at the encoder's rate.
    private var endSample: Int64? {
        if let until { return Int64(((until - (fifoStart ?? 0)) * Double(encoder.sampleRate)).rounded()) }
        guard let end, let endSeconds = FFmpegTime.seconds(end, inTimeBase) else { return nil }
        return Int64(((endSeconds + shift - (fifoStart ?? 0)) * Double(encoder.sampleRate)).rounded())
    }

    func finish(output: OutputContext) throws(MediaError) {
        try decoder.flush()
        try drainDecoder(output: output)
        try resampler?.push(nil)
        if let resampler, let target = endSample, until != nil {
            // The extension's length after the original's sound: silence, its answer mixed in.
            try resampler.pushSilence(Int(target - resampler.samplesEmitted) - resampler.buffered)
        }
        try drainFIFO(flush: true, output: output)
        try encoder.send(nil)
        try output.drain(encoder, into: outIndex, using: packet)
    }
}
