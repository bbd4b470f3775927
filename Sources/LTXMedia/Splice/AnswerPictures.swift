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
    /// The answer's pictures as 8-bit yuv420p, upright, at the working size.
    private var upright: Scaler?
    private var rotation: PictureRotation?
    /// From the working size and format to the original's (nil when they are the same).
    private var finalScaler: Scaler?
    private let crop: SpliceJob.Crop?
    /// The original's HDR transfer: the answer's SDR is made its colour at the working size.
    private let hdr: HDRTransfer?
    private var hdrPicture: HDRPicture?

    /// `rotation` is the original's (clockwise, as a player applies it).
    /// `hdr`: the original's transfer when it is HLG or PQ in 10-bit 4:2:0;
    /// the answer's SDR pictures are then converted into its colour.
    init(path: String, width: Int32, height: Int32, format: AVPixelFormat, rotation: Int, crop: SpliceJob.Crop? = nil,
         hdr: HDRTransfer? = nil) throws(MediaError) {
        self.crop = crop
        self.hdr = format == AV_PIX_FMT_YUV420P10LE ? hdr : nil
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: path, message: "the answer has no video stream")
        }
        self.stream = stream
        let rate = stream.frameRate
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

    /// A picture that must be turned or made HDR goes through those steps
    /// as 8-bit yuv420p at the working size (the original's shape, no larger
    /// than the answer: a 1080p answer into a 4K clip is turned and converted
    /// on a quarter of the pixels), and is scaled to the original's size and
    /// format last, in its own bit depth. Otherwise one scaler does it all.
    private func convert(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        let p = picture.pointee
        guard turn != 0 || hdr != nil else {
            if finalScaler == nil {
                finalScaler = try Scaler(from: (p.width, p.height, AVPixelFormat(rawValue: p.format)), to: target)
            }
            return try finalScaler!.scale(picture)
        }
        let swaps = turn == 90 || turn == 270
        if upright == nil {
            let work = Self.workingSize(target: (target.width, target.height), answerPixels: Int(p.width) * Int(p.height))
            let uprightSize = swaps ? (work.height, work.width) : (work.width, work.height)
            upright = try Scaler(from: (p.width, p.height, AVPixelFormat(rawValue: p.format)),
                                 to: (uprightSize.0, uprightSize.1, AV_PIX_FMT_YUV420P))
            if turn != 0 { rotation = try PictureRotation(degrees: turn, width: uprightSize.0, height: uprightSize.1) }
            if let hdr { hdrPicture = try HDRPicture(width: work.width, height: work.height, transfer: hdr) }
            let made = (work.width, work.height, hdr != nil ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P)
            if made != (target.width, target.height, target.format) { finalScaler = try Scaler(from: made, to: target) }
        }
        var made = try upright!.scale(picture)
        if let rotation { made = try rotation.rotate(made) }
        if let hdrPicture { made = try hdrPicture.convert(made) }
        return try finalScaler?.scale(made) ?? made
    }

    /// The original's size, shrunk (keeping its shape, on even numbers) to
    /// no more pixels than the answer has.
    static func workingSize(target: (width: Int32, height: Int32), answerPixels: Int) -> (width: Int32, height: Int32) {
        let scale = min(1, (Double(answerPixels) / (Double(target.width) * Double(target.height))).squareRoot())
        func even(_ v: Int32) -> Int32 { max(2, Int32((Double(v) * scale / 2).rounded()) * 2) }
        return scale < 1 ? (even(target.width), even(target.height)) : target
    }
}
