internal import CFFmpeg

/// One stream of a file, read and decoded forward in demux_decode.c's
/// order: take what the decoder has, else send it the stream's next
/// packet, else flush it. The readers of an answer's pictures and sound
/// and of a file's pictures and sound for measuring share this one loop.
final class StreamDecoder {
    private let input: FormatContext
    private let decoder: Decoder
    private let index: Int
    let timeBase: AVRational
    private let packet = Packet()
    private var flushed = false
    /// The decoder has given its last frame.
    private(set) var ended = false

    /// The first stream of `type` in `path` (an attached cover picture is
    /// not one); nil when there is none. `threads` 0 lets FFmpeg choose.
    init?(path: String, type: AVMediaType, threads: Int32 = 1) throws(MediaError) {
        input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        guard let found = input.firstStream(type) else { return nil }
        index = found
        (decoder, timeBase) = try input.withStream(found) { st throws(MediaError) in
            (try Decoder(parameters: st.pointee.codecpar, path: path, threads: threads, timeBase: st.pointee.time_base), st.pointee.time_base)
        }
        input.keepOnly(streams: [found])
    }

    /// The stream's frame rate as the container states it (average, else
    /// real base), else `StreamFrameRate.assumed`.
    var frameRate: AVRational { input.withStream(index) { StreamFrameRate.of($0) } }

    /// The clockwise turn a player gives the pictures (0, 90, 180, 270).
    var rotation: Int { input.withStream(index) { StreamReader.clockwiseRotation($0) } }

    /// False when the index puts the last keyframe before `seconds` at or
    /// before `current` (both on the file's clock): decoding on from
    /// `current` reads no more than a seek would, and a seek would decode
    /// that GOP's first pictures again. True without an index.
    func seekMayHelp(to seconds: Double, from current: Double) -> Bool {
        input.indexedKeyframeTime(atOrBefore: seconds, stream: index).map { $0 > current + 1e-6 } ?? true
    }

    /// Moves to the last keyframe shown at or before `seconds` (the file's
    /// own clock, as the frames' timestamps), so `next` decodes forward from
    /// there: what it gives from then on is what a decode from the start
    /// gives. False, and nothing moved that matters, when the stream has no
    /// keyframe at or before it (the caller reads from the start instead).
    func seek(toKeyframeAtOrBefore seconds: Double) throws(MediaError) -> Bool {
        guard let keyframe = try input.keyframeTime(atOrBefore: seconds, stream: index), keyframe <= seconds + 1e-6 else { return false }
        decoder.reset()
        flushed = false
        ended = false
        return true
    }

    /// Decodes the next frame into `frame` (the caller unrefs it); false
    /// once the stream is over.
    func next(into frame: borrowing Frame) throws(MediaError) -> Bool {
        while !ended {
            if try decoder.receive(into: frame) { return true }
            if flushed {
                ended = true
            } else if try input.readPacket(into: packet) {
                if packet.streamIndex == index { try decoder.send(packet) }
            } else {
                try decoder.flush()
                flushed = true
            }
        }
        return false
    }
}
