internal import CFFmpeg

/// An answer's pictures, read forward in time and handed out as the
/// original stores them: its coded size, orientation and pixel format. A
/// picture is picked by time, not by number, so an answer at another frame
/// rate still lands on the right frames (demux_decode.c's loop).
final class AnswerPictures {
    private let stream: StreamDecoder
    private let halfFrame: Double
    /// The picture at or before the last time asked for, and the one after it.
    private let current = Frame()
    private let upcoming = Frame()
    private var currentTime: Double?
    private var upcomingTime: Double?
    private let target: (width: Int32, height: Int32, format: AVPixelFormat)
    /// Clockwise degrees that turn an upright answer into the original's
    /// stored orientation (0 when none).
    private let turn: Int
    private var upright: Scaler?
    private var rotation: PictureRotation?
    private var finalScaler: Scaler?
    private let crop: SpliceJob.Crop?

    /// `rotation` is the original's (clockwise, as a player applies it).
    init(path: String, width: Int32, height: Int32, format: AVPixelFormat, rotation: Int, crop: SpliceJob.Crop? = nil) throws(MediaError) {
        self.crop = crop
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: path, message: "the answer has no video stream")
        }
        self.stream = stream
        let rate = stream.frameRate(or: AVRational(num: 25, den: 1))
        halfFrame = 0.5 * Double(rate.den) / Double(rate.num)
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
        if upcomingTime == nil && !stream.ended { try decodeNext() }
        guard upcomingTime != nil else { return }
        current.unref()
        av_frame_move_ref(current.pointer, upcoming.pointer)
        currentTime = upcomingTime
        upcomingTime = nil
        try decodeNext()
    }

    private func decodeNext() throws(MediaError) {
        guard try stream.next(into: upcoming) else { return }
        upcomingTime = FFmpegTime.seconds(upcoming.timestamp, stream.timeBase) ?? 0
        if let crop { try Self.apply(crop, to: upcoming.pointer) }
    }

    /// Keeps `crop` of the picture, on even lines and columns (4:2:0 chroma).
    private static func apply(_ crop: SpliceJob.Crop, to f: UnsafeMutablePointer<AVFrame>) throws(MediaError) {
        let w = Int(f.pointee.width), h = Int(f.pointee.height)
        func even(_ x: Double) -> Int { Int((x / 2).rounded()) * 2 }
        let left = min(max(0, even(crop.x * Double(w))), w - 2), top = min(max(0, even(crop.y * Double(h))), h - 2)
        let width = min(max(2, even(crop.width * Double(w))), w - left), height = min(max(2, even(crop.height * Double(h))), h - top)
        f.pointee.crop_left = left
        f.pointee.crop_top = top
        f.pointee.crop_right = w - left - width
        f.pointee.crop_bottom = h - top - height
        // 1 is AV_FRAME_CROP_UNALIGNED: the exact rectangle, not one moved left to align the planes.
        try FFmpegError.check(av_frame_apply_cropping(f, 1), "av_frame_apply_cropping")
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
