internal import CFFmpeg

/// The original's sound with the answers' inside the sections: both decoded
/// to planar float at the original's rate, mixed with a linear crossfade
/// centred on each seam (no click), encoded as AAC-LC (transcode_aac.c's
/// order). AAC frames overlap, so a packet-level cut would click or leave a
/// gap: the whole track is encoded once.
final class AudioSpliceLane {
    let inIndex: Int
    private let inTimeBase: AVRational
    private let outIndex: Int
    private let decoder: Decoder
    private let encoder: Encoder
    private let pieces: [SpliceJob.Piece]
    private let crossfade: Double
    private var answers: [Int: AnswerSound] = [:]
    private var resampler: AudioResampler?
    private let frame = Frame()
    private let mixed = Frame()
    private let packet = Packet()
    /// The original's first sample, in seconds: sample n sits at start + n / rate.
    private var startTime: Double?
    /// One buffer per channel for the answer's samples, owned here.
    private var scratch: [UnsafeMutablePointer<Float>] = []
    private var scratchCapacity = 0

    init(encoding index: Int, from input: FormatContext, to output: OutputContext, pieces: [SpliceJob.Piece], crossfade: Double) throws(MediaError) {
        inIndex = index
        self.pieces = pieces
        self.crossfade = crossfade
        (inTimeBase, decoder, encoder) = try input.withStream(index) { st throws(MediaError) -> (AVRational, Decoder, Encoder) in
            let par = st.pointee.codecpar.pointee
            let decoder = try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
            // The original's own bit rate when it states one: the outside of the sections keeps its quality.
            let bitRate = par.bit_rate > 0 ? Int(min(par.bit_rate, 320_000)) : nil
            return (st.pointee.time_base, decoder, try Encoder.aacLC(matching: par, bitRate: bitRate, for: output))
        }
        outIndex = try output.addStream(for: encoder)
    }

    deinit { for p in scratch { p.deallocate() } }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        try decoder.send(packet)
        try drainDecoder(output: output)
    }

    private func drainDecoder(output: OutputContext) throws(MediaError) {
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            if startTime == nil {
                var ts = f.best_effort_timestamp
                if ts == FFmpegTime.noValue { ts = f.pts }
                startTime = FFmpegTime.seconds(ts, inTimeBase) ?? 0
            }
            if resampler == nil {
                resampler = try AudioResampler(inLayout: f.ch_layout, inFormat: AVSampleFormat(rawValue: f.format), inRate: f.sample_rate,
                                               outLayout: encoder.channelLayout, outFormat: AV_SAMPLE_FMT_FLTP,
                                               outRate: encoder.sampleRate, frameSize: Int32(encoder.frameSize))
            }
            try resampler!.push(frame.pointer)
            try drainFIFO(flush: false, output: output)
        }
    }

    private func drainFIFO(flush: Bool, output: OutputContext) throws(MediaError) {
        guard let resampler else { return }
        while try resampler.pop(into: mixed, flush: flush) {
            try mix(mixed.pointer)
            let offset = Int64(((startTime ?? 0) * Double(encoder.sampleRate)).rounded())
            mixed.pointer.pointee.pts += offset
            try encoder.send(mixed.pointer)
            try output.drain(encoder, into: outIndex, using: packet)
        }
    }

    /// How much of the answer a sample at `t` takes: 0 outside every
    /// section, 1 inside, a straight ramp across each seam.
    private func weight(_ t: Double, _ section: TimeWindow) -> Double {
        let half = crossfade / 2
        func ramp(_ x: Double, _ at: Double) -> Double { half > 0 ? min(1, max(0, (x - (at - half)) / crossfade)) : (x >= at ? 1 : 0) }
        return ramp(t, section.start) * (1 - ramp(t, section.end))
    }

    private func mix(_ f: UnsafeMutablePointer<AVFrame>) throws(MediaError) {
        let rate = Double(encoder.sampleRate)
        let n = Int(f.pointee.nb_samples), channels = Int(f.pointee.ch_layout.nb_channels)
        let first = (startTime ?? 0) + Double(f.pointee.pts) / rate
        let last = first + Double(n) / rate
        let half = crossfade / 2
        for (i, piece) in pieces.enumerated() where piece.section.start - half < last && piece.section.end + half > first {
            if answers[i] == nil {
                answers[i] = try AnswerSound(path: piece.answer, rate: encoder.sampleRate, layout: encoder.channelLayout)
            }
            if scratch.count != channels || scratchCapacity < n {
                for p in scratch { p.deallocate() }
                scratchCapacity = Swift.max(n, 4096)
                scratch = (0..<channels).map { _ in .allocate(capacity: scratchCapacity) }
            }
            let position = Int64(((first - piece.answerStart) * rate).rounded())
            try answers[i]!.read(from: position, count: n, into: scratch)
            for ch in 0..<channels {
                guard let plane = f.pointee.extended_data[ch] else { continue }
                let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
                for s in 0..<n {
                    let w = Float(weight(first + Double(s) / rate, piece.section))
                    if w > 0 { samples[s] = (1 - w) * samples[s] + w * scratch[ch][s] }
                }
            }
        }
    }

    func finish(output: OutputContext) throws(MediaError) {
        try decoder.flush()
        try drainDecoder(output: output)
        try resampler?.push(nil)
        try drainFIFO(flush: true, output: output)
        try encoder.send(nil)
        try output.drain(encoder, into: outIndex, using: packet)
    }
}
