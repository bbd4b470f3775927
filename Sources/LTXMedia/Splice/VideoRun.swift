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
    /// The replaced packets' decode times, in order: the new packets take them,
    /// so the copied GOPs around the run keep rising decode times.
    private let dts: [Int64]
    /// How far decode time may trail presentation time in the original.
    private let maxDelay: Int64
    /// libx264 and libx265 leave packet durations at 0: the MP4 muxer would
    /// then end the track before the last picture, and players drop it.
    private let frameDuration: Int64
    /// Rewrites libx264's Annex B packets into the track's form; nil when the
    /// encoder owns the whole track (its own parameters, the muxer converts).
    private let configuration: AVCConfiguration?
    private let packet = Packet()
    private let rewritten = Packet()
    private var written = 0
    private var lastDts: Int64
    private(set) var framesEncoded = 0

    init(encoder: Encoder, outIndex: Int, timeBase: AVRational, pts: Set<Int64>, dts: [Int64], maxDelay: Int64,
         frameDuration: Int64, configuration: AVCConfiguration?, after lastDts: Int64 = .min) {
        self.lastDts = lastDts
        self.frameDuration = frameDuration
        self.encoder = encoder
        self.outIndex = outIndex
        self.timeBase = timeBase
        self.pts = pts
        self.dts = dts
        self.maxDelay = maxDelay
        self.configuration = configuration
    }

    func owns(_ timestamp: Int64) -> Bool { pts.contains(timestamp) }

    /// Encodes `picture` at the original timestamp `timestamp`.
    func encode(_ picture: UnsafeMutablePointer<AVFrame>, timestamp: Int64, output: OutputContext) throws(MediaError) {
        picture.pointee.pts = timestamp
        picture.pointee.pict_type = AV_PICTURE_TYPE_NONE
        try encoder.send(picture)
        framesEncoded += 1
        try drain(output)
    }

    /// Flushes the encoder: every packet of the run is written before the
    /// next copied GOP's.
    func finish(output: OutputContext) throws(MediaError) {
        try encoder.send(nil)
        try drain(output)
    }

    private func drain(_ output: OutputContext) throws(MediaError) {
        guard let configuration else {
            // The whole track is this encoder's: its packets go as they come.
            try output.drain(encoder, into: outIndex, using: packet, defaultDuration: frameDuration)
            return
        }
        while try encoder.receive(into: packet) {
            let p = packet.pointer.pointee
            let bytes = configuration.lengthPrefixed(annexB: UnsafeBufferPointer(start: p.data, count: Int(p.size)))
            rewritten.unref()
            try FFmpegError.check(av_new_packet(rewritten.pointer, Int32(bytes.count)), "av_new_packet")
            bytes.withUnsafeBufferPointer { rewritten.pointer.pointee.data.update(from: $0.baseAddress!, count: bytes.count) }
            try FFmpegError.check(av_packet_copy_props(rewritten.pointer, packet.pointer), "av_packet_copy_props")
            let pts = p.pts
            var decodeTime = written < dts.count && dts[written] <= pts ? dts[written] : pts - maxDelay
            if decodeTime <= lastDts { decodeTime = lastDts + 1 }
            lastDts = decodeTime
            rewritten.pointer.pointee.pts = pts
            rewritten.pointer.pointee.dts = decodeTime
            if rewritten.pointer.pointee.duration <= 0 { rewritten.pointer.pointee.duration = frameDuration }
            written += 1
            packet.unref()
            try output.writeCopy(rewritten, shiftedBy: 0, from: timeBase, to: outIndex)
        }
    }
}
