internal import CFFmpeg

/// A stream copied packet for packet, video or audio alike (remux.c):
/// offset to the window's start, rescaled, written.
final class CopyLane: Lane {
    let inIndex: Int
    private let inTimeBase: AVRational
    private let outIndex: Int
    private var origin = 0.0
    private var originTs: Int64 = 0
    private var windowEnd = Double.infinity
    private(set) var framesWritten = 0
    private(set) var secondsDone = 0.0
    private(set) var isDone = false
    /// Set for a video copied from a keyframe: nothing is written before a
    /// keyframe at or after the origin (a seek may land on pictures that
    /// refer to what is not copied). Off for a stream with no keyframe there.
    var startsOnKeyframe = false
    private var started = false

    init(copying index: Int, from input: FormatContext, to output: OutputContext) throws(MediaError) {
        inIndex = index
        (inTimeBase, outIndex) = try input.withStream(index) { st throws(MediaError) -> (AVRational, Int) in
            (st.pointee.time_base, try output.addCopiedStream(of: st))
        }
    }

    func setOrigin(_ seconds: Double, windowEnd: Double) {
        origin = seconds
        originTs = FFmpegTime.ticks(seconds, inTimeBase)
        self.windowEnd = windowEnd
    }

    /// The window ends at the first packet, in decode order, shown at or
    /// after its end: every later packet may reference that one, so writing
    /// any of them would leave a picture without its reference. (With
    /// B-frames the window can thus end a few frames early; without them,
    /// exactly at its end. Audio packets are never reordered, so for audio
    /// this is simply the end.)
    func take(_ packet: borrowing Packet, output: OutputContext) throws(MediaError) {
        guard !isDone, let pts = packet.pts ?? packet.dts else { return }
        let t = FFmpegTime.seconds(pts, inTimeBase) ?? 0
        if t >= windowEnd - 1e-6 {
            isDone = true
            return
        }
        // Leading pictures of an open GOP refer to what came before the keyframe.
        guard t >= origin - 1e-6, started || !startsOnKeyframe || packet.isKeyframe else { return }
        started = true
        try output.writeCopy(packet, shiftedBy: originTs, from: inTimeBase, to: outIndex)
        framesWritten += 1
        secondsDone = t - origin
    }

    /// A copy holds nothing back.
    func finish(output: OutputContext) throws(MediaError) {}
}
