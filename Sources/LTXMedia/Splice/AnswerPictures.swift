internal import CFFmpeg

/// An answer's pictures, read forward in time and handed out as the
/// original stores them: its coded size, orientation and pixel format. A
/// picture is picked by time, not by number, so an answer at another frame
/// rate still lands on the right frames (demux_decode.c's loop).
final class AnswerPictures {
    private let input: FormatContext
    private let decoder: Decoder
    private let index: Int
    private let timeBase: AVRational
    private let halfFrame: Double
    private let packet = Packet()
    /// The picture at or before the last time asked for, and the one after it.
    private let current = Frame()
    private let upcoming = Frame()
    private var currentTime: Double?
    private var upcomingTime: Double?
    private var flushed = false
    private var ended = false
    private let target: (width: Int32, height: Int32, format: AVPixelFormat)
    /// Clockwise degrees that turn an upright answer into the original's
    /// stored orientation (0 when none).
    private let turn: Int
    private var upright: Scaler?
    private var rotation: PictureRotation?
    private var finalScaler: Scaler?

    /// `rotation` is the original's (clockwise, as a player applies it).
    init(path: String, width: Int32, height: Int32, format: AVPixelFormat, rotation: Int) throws(MediaError) {
        input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        guard let found = input.firstStream(AVMEDIA_TYPE_VIDEO) else { throw MediaError(kind: .noStreams, path: path, message: "the answer has no video stream") }
        index = found
        (decoder, timeBase, halfFrame) = try input.withStream(found) { st throws(MediaError) in
            let rate = [st.pointee.avg_frame_rate, st.pointee.r_frame_rate].first { $0.num > 0 && $0.den > 0 } ?? AVRational(num: 25, den: 1)
            return (try Decoder(parameters: st.pointee.codecpar, path: path, threads: 0, timeBase: st.pointee.time_base),
                    st.pointee.time_base, 0.5 * Double(rate.den) / Double(rate.num))
        }
        input.keepOnly(streams: [found])
        target = (width, height, format)
        turn = (360 - rotation) % 360
    }

    /// The answer's picture shown at `t` seconds of its own timeline (the
    /// nearest one), converted for the original's encoder; valid until the
    /// next call. Nil when the answer has no picture at all.
    func picture(at t: Double) throws(MediaError) -> UnsafeMutablePointer<AVFrame>? {
        if currentTime == nil { try advance() }
        // Move on while the next picture is nearer to `t` than half a frame.
        while let next = upcomingTime, next <= t + halfFrame { try advance() }
        guard currentTime != nil else { return nil }
        return try convert(current.pointer)
    }

    /// current = upcoming; upcoming = the next decoded picture.
    private func advance() throws(MediaError) {
        if upcomingTime == nil && !ended { try decodeNext() }
        guard upcomingTime != nil else { return }
        current.unref()
        av_frame_move_ref(current.pointer, upcoming.pointer)
        currentTime = upcomingTime
        upcomingTime = nil
        try decodeNext()
    }

    private func decodeNext() throws(MediaError) {
        while !ended {
            if try decoder.receive(into: upcoming) {
                upcomingTime = FFmpegTime.seconds(upcoming.timestamp, timeBase) ?? 0
                return
            }
            if flushed { ended = true; return }
            if try input.readPacket(into: packet) {
                if packet.streamIndex == index { try decoder.send(packet) }
            } else {
                try decoder.flush()
                flushed = true
            }
        }
    }

    private func convert(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        let p = picture.pointee
        guard turn != 0 else {
            if finalScaler == nil {
                finalScaler = try Scaler(from: (p.width, p.height, AVPixelFormat(rawValue: p.format)), to: target)
            }
            return try finalScaler!.scale(picture)
        }
        // Scale to the upright size first (the smaller picture to turn), then turn.
        let swaps = turn == 90 || turn == 270
        let uprightSize = swaps ? (target.height, target.width) : (target.width, target.height)
        if upright == nil {
            upright = try Scaler(from: (p.width, p.height, AVPixelFormat(rawValue: p.format)),
                                 to: (uprightSize.0, uprightSize.1, AV_PIX_FMT_YUV420P))
            rotation = try PictureRotation(degrees: turn, width: uprightSize.0, height: uprightSize.1)
        }
        let turned = try rotation!.rotate(try upright!.scale(picture))
        guard target.format != AV_PIX_FMT_YUV420P else { return turned }
        if finalScaler == nil {
            finalScaler = try Scaler(from: (target.width, target.height, AV_PIX_FMT_YUV420P), to: target)
        }
        return try finalScaler!.scale(turned)
    }
}
