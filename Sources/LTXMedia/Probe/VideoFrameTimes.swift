/// When each picture of a video is shown and which are keyframes, read from
/// the packets (no decoding): where a stream copy of a piece can start.
public struct VideoFrameTimes: Sendable, Equatable {
    /// Display order, in seconds from the file's start (its own clock removed).
    public var times: [Double]
    /// Indices into `times` of the pictures a stream copy can start on.
    public var keyframes: Set<Int>

    public init(times: [Double], keyframes: Set<Int>) {
        self.times = times
        self.keyframes = keyframes
    }
}

extension MediaProbe {
    /// Every picture of the first video stream (`VideoFrameTimes`); nil without a video stream.
    public static func frameTimes(in path: String) throws(MediaError) -> VideoFrameTimes? {
        guard let (input, stream) = try firstVideo(path) else { return nil }
        let clock = input.clockStart
        let timeBase = input.withStream(stream) { $0.pointee.time_base }
        var shown: [(time: Double, key: Bool)] = []
        let packet = Packet()
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == stream, let pts = packet.pts ?? packet.dts, let t = FFmpegTime.seconds(pts, timeBase) else { continue }
            shown.append((t - clock, packet.isKeyframe))
        }
        shown.sort { $0.time < $1.time }
        return VideoFrameTimes(times: shown.map(\.time), keyframes: Set(shown.indices.filter { shown[$0].key }))
    }
}
