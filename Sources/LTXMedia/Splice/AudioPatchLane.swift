internal import CFFmpeg

/// The original's AAC-LC sound copied packet for packet, except in a zone
/// around each section, where it is decoded, mixed with the answer's (the
/// crossfade of `AudioSpliceLane`) and encoded again; only the zone's own
/// packets are replaced. AAC frames overlap by half, so each zone is fed
/// from a few packets before it (the decoder and the encoder each need the
/// frame before) to one after it: at each junction an original packet meets
/// one encoded from the same sound, an error of the size of the coding
/// noise, not a click. Outside the zones the sound is bit for bit the
/// original's, and a 4 s section costs 4 s of AAC encoding, not the clip's.
final class AudioPatchLane: SplicedSound {
    let summary = "spliced in place (copied outside the sections)"
    struct Zone {
        /// Original packets starting in [start, end) are replaced, in samples.
        var start: Int64
        var end: Int64
        /// Packets starting in [feedStart, feedEnd) are decoded and encoded.
        var feedStart: Int64
        var feedEnd: Int64
    }

    private let outIndex: Int
    private let rate: Int32
    /// Opens an encoder like the one whose AudioSpecificConfig matched the original's: one per zone.
    private let makeEncoder: () throws(MediaError) -> Encoder
    private let output: OutputContext
    private let decoder: Decoder
    private let mixer: SoundMixer
    private let zones: [Zone]
    private var zone = 0
    private var encoder: Encoder?
    /// The original packets of the open zone that the encoder must replace.
    private var replaced = Set<Int64>()
    /// Copies of the packets after the zone, fed to the encoder as its
    /// look-ahead: written once the zone's encoded packets are.
    private var postRoll: [HeldPacket] = []
    private let frame = Frame()
    private let encoded = Packet()
    private static let preRollPackets: Int64 = 3
    private static let postRollPackets: Int64 = 2
    private static let frameSize: Int64 = 1024
    /// Names this lane's own failures, which `SpliceWriter` answers by
    /// encoding the sound whole instead.
    static let operation = "patching the sound in place"

    /// Nil when the sound cannot be patched in place, and `AudioSpliceLane`
    /// encodes it whole: not AAC-LC, a time base other than one sample (its
    /// timestamps would not land on the encoder's), an encoder whose
    /// AudioSpecificConfig differs from the original's, or a zone that
    /// reaches the first or last packets (priming and trimming make short
    /// frames there, which the encoder does not take).
    init?(_ index: Int, from input: FormatContext, to output: OutputContext, pieces: [SpliceJob.Piece], crossfade: Double,
          duration: Double) throws(MediaError) {
        let (par, timeBase, start) = input.withStream(index) { st in (st.pointee.codecpar.pointee, st.pointee.time_base, st.pointee.start_time) }
        guard par.codec_id == AV_CODEC_ID_AAC, par.profile == cffmpeg_profile_aac_low(), par.sample_rate > 0,
              timeBase.num == 1, timeBase.den == par.sample_rate, (1...2).contains(par.ch_layout.nb_channels) else { return nil }
        let rate = par.sample_rate
        let frame = Self.frameSize
        let first = start == FFmpegTime.noValue ? 0 : start
        // The file's duration counts from its first instant, which may be before the sound's.
        let last = Int64((input.clockStart + duration) * Double(rate))
        let half = crossfade / 2 + 0.005
        var zones: [Zone] = []
        for piece in pieces {
            // On the packet grid: whole frames covering the section and its crossfade.
            let from = first + (Int64((piece.section.start - half) * Double(rate)) - first) / frame * frame
            let to = first + ((Int64((piece.section.end + half) * Double(rate)) - first) / frame + 1) * frame
            let zone = Zone(start: from, end: to, feedStart: from - Self.preRollPackets * frame, feedEnd: to + Self.postRollPackets * frame)
            guard zone.feedStart > first + frame, zone.feedEnd < last - 2 * frame else { return nil }
            if let previous = zones.last, zone.feedStart <= previous.feedEnd {
                zones[zones.count - 1].end = zone.end
                zones[zones.count - 1].feedEnd = zone.feedEnd
            } else {
                zones.append(zone)
            }
        }
        let makeEncoder = { () throws(MediaError) -> Encoder in try Encoder.aacLC(matching: par, bitRate: Encoder.keptBitRate(of: par), for: output) }
        let probe = try makeEncoder()
        let original = par.extradata.map { Array(UnsafeBufferPointer(start: $0, count: Int(par.extradata_size))) } ?? []
        guard probe.extradata == original else { return nil }

        self.rate = rate
        self.makeEncoder = makeEncoder
        self.output = output
        self.zones = zones
        decoder = try input.withStream(index) { st throws(MediaError) in
            try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
        }
        mixer = SoundMixer(pieces: pieces, crossfade: crossfade, rate: rate, layout: probe.channelLayout)
        outIndex = try input.withStream(index) { st throws(MediaError) in try output.addCopiedStream(of: st) }
    }

    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        let at = packet.pts ?? 0
        while zone < zones.count, at >= zones[zone].feedEnd { try closeZone() }
        guard zone < zones.count, at >= zones[zone].feedStart else {
            return try output.writeCopy(packet, shiftedBy: 0, from: timeBase, to: outIndex)
        }
        let z = zones[zone]
        if encoder == nil {
            decoder.reset()
            encoder = try makeEncoder()
        }
        // Noted before the encoder can answer for it.
        if at >= z.start && at < z.end { replaced.insert(at) }
        try decoder.send(packet)
        try encode()
        if at < z.start {
            try output.writeCopy(packet, shiftedBy: 0, from: timeBase, to: outIndex)
        } else if at >= z.end {
            postRoll.append(HeldPacket(packet))
        }
    }

    func finish(output: OutputContext) throws(MediaError) {
        while zone < zones.count { try closeZone() }
    }

    private var timeBase: AVRational { AVRational(num: 1, den: rate) }

    /// Decoded frames, the answer mixed in, to the encoder; the zone's own
    /// packets out of it.
    private func encode() throws(MediaError) {
        guard let encoder else { return }
        while try decoder.receive(into: frame) {
            defer { frame.unref() }
            guard Int64(frame.pointer.pointee.nb_samples) == Self.frameSize else {
                throw MediaError(kind: .unsupported, path: output.path, operation: Self.operation, message: "an AAC frame of \(frame.pointer.pointee.nb_samples) samples inside the original")
            }
            let ts = frame.timestamp
            frame.pointer.pointee.pts = ts
            try mixer.mix(frame.pointer, at: Double(ts) / Double(rate))
            try encoder.send(frame.pointer)
            try keepEncoded()
        }
    }

    private func keepEncoded() throws(MediaError) {
        guard let encoder else { return }
        while try encoder.receive(into: encoded) {
            let at = encoded.pointer.pointee.pts
            guard replaced.remove(at) != nil else {
                encoded.unref()
                continue
            }
            try output.writeCopy(encoded, shiftedBy: 0, from: timeBase, to: outIndex)
        }
    }

    /// The encoder flushed, every replaced packet accounted for, then the
    /// post-roll packets copied after them.
    private func closeZone() throws(MediaError) {
        defer { zone += 1 }
        guard let encoder else { return }
        try decoder.flush()
        try encode()
        try encoder.send(nil)
        try keepEncoded()
        self.encoder = nil
        guard replaced.isEmpty else {
            throw MediaError(kind: .unsupported, path: output.path, operation: Self.operation,
                             message: "the AAC encoder gave no packet for \(replaced.count) of the original's in the zone around a section")
        }
        for held in postRoll { try output.writeCopy(held.packet, shiftedBy: 0, from: timeBase, to: outIndex) }
        postRoll = []
    }
}

/// A packet kept past the read loop's next `av_read_frame` (a new reference
/// to the same data).
final class HeldPacket {
    let packet = Packet()

    init(_ source: borrowing Packet) {
        av_packet_ref(packet.pointer, source.pointer)
    }
}
