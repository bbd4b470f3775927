internal import CFFmpeg

/// Consecutive GOPs of the original re-encoded as one piece: decoded, each
/// picture taken from the original or (inside a section) from the answer,
/// and encoded again with the original's codec, size, pixel format and
/// colour, on the original's exact timestamps (transcode.c's order).
final class VideoRun {
    private let encoder: Encoder
    private let outIndex: Int
    private let timeBase: AVRational
    /// The run's pictures, by presentation time: only these are encoded.
    private let pts: Set<Int64>
    /// The original's keyframes among them: each is encoded as a keyframe
    /// again, so the output keeps the original's seek points (a player or an
    /// editor scrubbing it, and a review decoding one picture, start where
    /// they started in the original) instead of one keyframe per run.
    private let keyframes: Set<Int64>
    /// The replaced packets' decode times, in order: the new packets take them,
    /// so the copied GOPs around the run keep rising decode times.
    private let dts: [Int64]
    /// How far decode time may trail presentation time in the original.
    private let maxDelay: Int64
    /// libx264 and libx265 leave packet durations at 0: the MP4 muxer would
    /// then end the track before the last picture, and players drop it.
    private let frameDuration: Int64
    /// Rewrites the encoder's Annex B packets into the track's form; nil when
    /// the encoder owns the whole track (its own parameters, the muxer converts).
    private let form: SampleForm?
    private let packet = Packet()
    private let rewritten = Packet()
    /// HEVC: the run's latest packet, written once the next comes or, with
    /// an end of sequence after it, when the run ends.
    private var heldBytes: [UInt8]?
    /// The held packet's timestamps and flags.
    private let heldProperties = Packet()
    private var written = 0
    private var lastDts: Int64
    private(set) var framesEncoded = 0

    init(encoder: Encoder, outIndex: Int, timeBase: AVRational, pts: Set<Int64>, keyframes: Set<Int64> = [], dts: [Int64], maxDelay: Int64,
         frameDuration: Int64, form: SampleForm?, after lastDts: Int64 = .min) {
        self.keyframes = keyframes.intersection(pts)
        self.lastDts = lastDts
        self.frameDuration = frameDuration
        self.encoder = encoder
        self.outIndex = outIndex
        self.timeBase = timeBase
        self.pts = pts
        self.dts = dts
        self.maxDelay = maxDelay
        self.form = form
    }

    func owns(_ timestamp: Int64) -> Bool { pts.contains(timestamp) }

    /// Encodes `picture` at the original timestamp `timestamp`, plus `shift`
    /// (an extension at the start moves the original later).
    func encode(_ picture: UnsafeMutablePointer<AVFrame>, timestamp: Int64, shift: Int64 = 0, output: OutputContext) throws(MediaError) {
        picture.pointee.pts = timestamp + shift
        // The encoders take a forced I picture as a keyframe (`forced-idr`, MatchingEncoder).
        picture.pointee.pict_type = keyframes.contains(timestamp) ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
        try encoder.send(picture)
        framesEncoded += 1
        try drain(output)
    }

    /// Flushes the encoder: every packet of the run is written before the
    /// next copied GOP's.
    func finish(output: OutputContext) throws(MediaError) {
        try encoder.send(nil)
        try drain(output)
        if let last = heldBytes {
            heldBytes = nil
            try emit(last + (form?.runSuffix ?? []), propertiesOf: heldProperties, output)
        }
    }

    private func drain(_ output: OutputContext) throws(MediaError) {
        guard let form else {
            // The whole track is this encoder's: its packets go as they come.
            try output.drain(encoder, into: outIndex, using: packet, defaultDuration: frameDuration)
            return
        }
        while try encoder.receive(into: packet) {
            let p = packet.pointer.pointee
            guard let bytes = form.sample(annexB: UnsafeBufferPointer(start: p.data, count: Int(p.size))) else {
                throw MediaError(kind: .unsupported, path: output.path, message: "a re-encoded HEVC slice could not be moved onto its own parameter-set ids")
            }
            let pts = p.pts
            var decodeTime = written < dts.count && dts[written] <= pts ? dts[written] : pts - maxDelay
            if decodeTime <= lastDts { decodeTime = lastDts + 1 }
            lastDts = decodeTime
            packet.pointer.pointee.dts = decodeTime
            if packet.pointer.pointee.duration <= 0 { packet.pointer.pointee.duration = frameDuration }
            written += 1
            guard form.endsRuns else {
                try emit(bytes, propertiesOf: packet, output)
                packet.unref()
                continue
            }
            // The run's last packet gets the end of sequence: each is held until the next comes.
            if let previous = heldBytes { try emit(previous, propertiesOf: heldProperties, output) }
            heldProperties.unref()
            try FFmpegError.check(av_packet_copy_props(heldProperties.pointer, packet.pointer), "av_packet_copy_props")
            heldBytes = bytes
            packet.unref()
        }
    }

    /// `bytes` as a packet with `source`'s timestamps and flags, written.
    private func emit(_ bytes: [UInt8], propertiesOf source: borrowing Packet, _ output: OutputContext) throws(MediaError) {
        rewritten.unref()
        try FFmpegError.check(av_new_packet(rewritten.pointer, Int32(bytes.count)), "av_new_packet")
        bytes.withUnsafeBufferPointer { rewritten.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
        try FFmpegError.check(av_packet_copy_props(rewritten.pointer, source.pointer), "av_packet_copy_props")
        try output.writeCopy(rewritten, shiftedBy: 0, from: timeBase, to: outIndex)
    }
}

/// How a re-encoded run's packets become samples of a track that keeps the
/// original's copied GOPs.
enum SampleForm {
    /// H.264: libx264's sets have ids of their own and live in the `avcC` beside the original's.
    case avc(AVCConfiguration)
    /// HEVC: libx265's sets moved onto ids of their own, in the `hvcC` beside
    /// the original's; an end of sequence after each run.
    case hevc(HEVCConfiguration, ids: HEVCParameterSetIDs)

    /// Nil when the encoder's packet cannot be moved onto the run's ids.
    func sample(annexB data: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        switch self {
        case .avc(let c): c.lengthPrefixed(annexB: data)
        case .hevc(let c, let ids): c.sample(annexB: data, ids: ids)
        }
    }

    /// Put after a run's last sample.
    var runSuffix: [UInt8] {
        if case .hevc(let c, _) = self { return c.lengthPrefixed([HEVCConfiguration.endOfSequence]) }
        return []
    }

    var endsRuns: Bool { if case .hevc = self { true } else { false } }

    /// The first copied sample after a run, its CRA made a BLA; nil when it
    /// goes as it is (H.264).
    func resuming(_ sample: [UInt8]) -> [UInt8]? {
        guard case .hevc(let c, _) = self else { return nil }
        return c.brokenLink(sample)
    }
}
