internal import CFFmpeg

/// An extension's sound after the original's, the original's AAC-LC copied
/// packet for packet up to a few frames before the seam. From there it is
/// decoded, crossfaded into the answer's sound (`SoundMixer`), and encoded
/// on, past the original's end and through the extension, by one encoder
/// primed on the frames before: the junction is an original packet meeting
/// one encoded from the same sound (`AudioPatchLane`'s reasoning), not a
/// click, and every packet before it is the original's, bit for bit.
final class AudioExtendLane: SplicedSound {
    let summary = "copied up to the seam, then the answer's (crossfaded, AAC-LC)"
    private let outIndex: Int
    private let rate: Int32
    private let encoder: Encoder
    private let decoder: Decoder
    private let mixer: SoundMixer
    /// Original packets from here on (in samples) are replaced by encoded ones.
    private let zoneStart: Int64
    /// Packets from here on are decoded, to prime the encoder.
    private let feedStart: Int64
    /// Where the output's sound ends, in samples.
    private let end: Int64
    /// The next sample the encoder is given: frames must follow each other.
    private var next: Int64?
    /// Encoded packets before this are dropped: the original's are copied there.
    private var keepFrom: Int64
    /// The end of the latest original packet, in samples.
    private var lastEnd: Int64 = 0
    private let frame = Frame()
    private let silence = Frame()
    private let encoded = Packet()
    private static let frameSize: Int64 = 1024
    private static let preRollPackets: Int64 = 3

    /// Nil when the sound cannot be copied up to the seam (not AAC-LC, a time
    /// base other than one sample, an encoder whose AudioSpecificConfig
    /// differs from the original's, a seam within its first frames): then
    /// `AudioSpliceLane` encodes it whole.
    init?(_ index: Int, from input: FormatContext, to output: OutputContext, piece: SpliceJob.Piece, seam: Double, until: Double,
          crossfade: Double) throws(MediaError) {
        let (par, timeBase, start) = input.withStream(index) { st in (st.pointee.codecpar.pointee, st.pointee.time_base, st.pointee.start_time) }
        guard par.codec_id == AV_CODEC_ID_AAC, par.profile == cffmpeg_profile_aac_low(), par.sample_rate > 0,
              timeBase.num == 1, timeBase.den == par.sample_rate, (1...2).contains(par.ch_layout.nb_channels) else { return nil }
        let rate = par.sample_rate
        let first = start == FFmpegTime.noValue ? 0 : start
        let frame = Self.frameSize
        // On the packet grid, the whole frame before the crossfade begins.
        let zoneStart = first + ((Int64((seam - crossfade / 2 - 0.005) * Double(rate)) - first) / frame - 1) * frame
        let feedStart = zoneStart - Self.preRollPackets * frame
        guard feedStart > first + frame else { return nil }
        let encoder = try Encoder.aacLC(matching: par, bitRate: Encoder.keptBitRate(of: par), for: output)
        let original = par.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(par.extradata_size))) } ?? []
        guard encoder.extradata == original else { return nil }
        self.rate = rate
        self.encoder = encoder
        self.zoneStart = zoneStart
        self.feedStart = feedStart
        keepFrom = zoneStart
        end = Int64((until * Double(rate)).rounded())
        decoder = try input.withStream(index) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
        }
        mixer = SoundMixer(pieces: [piece], crossfade: crossfade, rate: rate, layout: encoder.channelLayout)
        outIndex = try input.withStream(index) { st throws(MediaError) in try output.addCopiedStream(of: st) }
    }

    private var timeBase: AVRational { AVRational(num: 1, den: rate) }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        let at = packet.pts ?? 0
        lastEnd = max(lastEnd, at + max(0, packet.duration))
        if at >= feedStart {
            // Decoded before it is written: writing takes the packet's data.
            try decoder.send(packet)
            try encodeDecoded(output: output)
        }
        if at < zoneStart { try output.writeCopy(packet, shiftedBy: 0, from: timeBase, to: outIndex) }
    }

    func finish(output: OutputContext) throws(MediaError) {
        try decoder.flush()
        try encodeDecoded(output: output)
        if next == nil {
            // The sound ended before the zone: every packet was copied; the extension follows it.
            next = lastEnd
            keepFrom = lastEnd
        }
        // The extension: silence with the answer's sound mixed in, frame by frame, to the end.
        while let at = next, at < end {
            let n = Int32(min(Self.frameSize, end - at))
            silence.unref()
            let f = silence.pointer
            f.pointee.nb_samples = n
            f.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
            f.pointee.sample_rate = rate
            var layout = encoder.channelLayout
            try FFmpegError.check(av_channel_layout_copy(&f.pointee.ch_layout, &layout), "av_channel_layout_copy")
            try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
            av_samples_set_silence(f.pointee.extended_data, 0, n, f.pointee.ch_layout.nb_channels, AV_SAMPLE_FMT_FLTP)
            try send(f, at: at, output: output)
            if n < Int32(Self.frameSize) { break }
        }
        try encoder.send(nil)
        try keepEncoded(output: output)
    }

    /// The original's frames from the feed on, mixed, to the encoder.
    private func encodeDecoded(output: OutputContext) throws(MediaError) {
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            guard f.format == AV_SAMPLE_FMT_FLTP.rawValue, f.sample_rate == rate else {
                throw MediaError(kind: .unsupported, path: output.path, operation: AudioPatchLane.operation,
                                 message: "the AAC decoder gave sound the encoder does not take as it is")
            }
            let at = next ?? frame.timestamp
            guard at < end else { continue }
            try send(frame.pointer, at: at, output: output)
        }
    }

    private func send(_ f: UnsafeMutablePointer<AVFrame>, at: Int64, output: OutputContext) throws(MediaError) {
        f.pointee.pts = at
        try mixer.mix(f, at: Double(at) / Double(rate))
        try encoder.send(f)
        next = at + Int64(f.pointee.nb_samples)
        try keepEncoded(output: output)
    }

    /// The encoder's packets from the zone on; those before it are the
    /// original's, already copied.
    private func keepEncoded(output: OutputContext) throws(MediaError) {
        while try encoder.receive(into: encoded) {
            guard encoded.pointer.pointee.pts >= keepFrom else {
                encoded.unref()
                continue
            }
            try output.writeCopy(encoded, shiftedBy: 0, from: timeBase, to: outIndex)
        }
    }
}
