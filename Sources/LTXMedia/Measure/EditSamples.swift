internal import CFFmpeg

/// What a review of an edit reads from the original and the output: each
/// file's pictures as its packets hold them (no decoding), a few pictures at
/// chosen frames of both, the luma PSNR of chosen frame runs, and the sound
/// around chosen moments. Only the frames asked for are decoded, from the
/// keyframe before each (a seek, not a walk from the start), so a review
/// costs little next to the edit it looks at.
public enum EditSamples {
    /// The first video stream's pictures in display order, read from the packets.
    public struct Packets: Sendable, Equatable {
        /// Seconds from the file's start (its own clock removed).
        public var times: [Double]
        public var keyframes: [Bool]
        /// SHA-256 of each picture's packet: equal digests at the same
        /// position are the same coded picture, copied bit for bit. Empty
        /// when not asked for.
        public var digests: [String]
        /// The sample entry (`avc1`, `hvc1`, `hev1`...), when the container names one.
        public var sampleEntry: String?
        /// The stream's own timestamp of each picture, to find a decoded one again.
        var pts: [Int64]

        public var count: Int { times.count }
    }

    /// Reads `path`'s video packets (no decoding), with their `digests` when
    /// asked (hashing every byte: only for telling copied pictures apart). Blocking.
    public static func packets(_ path: String, digests: Bool = true) throws(MediaError) -> Packets {
        guard let (input, stream) = try MediaProbe.firstVideo(path) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        let (timeBase, tag) = input.withStream(stream) { ($0.pointee.time_base, $0.pointee.codecpar.pointee.codec_tag) }
        let clock = input.clockStart
        var shown: [(pts: Int64, key: Bool, digest: String)] = []
        let packet = Packet()
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == stream, let pts = packet.pts ?? packet.dts else { continue }
            var digest = ""
            if digests {
                var sha = SHA256()
                packet.withBytes { sha.update(UnsafeRawBufferPointer($0)) }
                digest = sha.finalize()
            }
            shown.append((pts, packet.isKeyframe, digest))
        }
        shown.sort { $0.pts < $1.pts }
        return Packets(times: shown.map { (FFmpegTime.seconds($0.pts, timeBase) ?? 0) - clock }, keyframes: shown.map(\.key),
                       digests: digests ? shown.map(\.digest) : [], sampleEntry: FourCC.text(tag), pts: shown.map(\.pts))
    }

    /// `packets` on BlockingExecutor's threads.
    public static func packets(_ path: String, digests: Bool = true) async throws(MediaError) -> Packets {
        try await BlockingExecutor.run { () throws(MediaError) -> Packets in try packets(path, digests: digests) }
    }
}
