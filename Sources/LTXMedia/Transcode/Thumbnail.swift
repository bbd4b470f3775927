internal import CFFmpeg

/// One picture of a file as a small image for a person to look at: the
/// picture shown at a moment, upright (the stream's rotation applied, so a
/// phone clip stands as a player shows it), in its display shape (the
/// sample aspect ratio applied), no larger than `maxSide` on its long side,
/// an HDR (PQ or HLG) picture tone-mapped for an SDR screen (`HDRToSDR`),
/// and encoded in memory by libavcodec's PNG or JPEG encoder.
public struct Thumbnail: Sendable, Equatable {
    /// Which picture: the first shown at or after a time (seconds after the
    /// first picture), or the picture with that index in display order. A
    /// file that ends before gives its last picture.
    public enum Moment: Sendable, Equatable {
        case seconds(Double)
        case frame(Int)
    }

    public var width: Int
    public var height: Int
    public var encoding: ImageEncoding
    public var bytes: [UInt8]
    /// Seconds after the first picture of the picture taken.
    public var seconds: Double

    /// A JPEG small enough to put many of in one page and sharp enough to judge.
    public static let pageEncoding = ImageEncoding(.jpeg, quality: 4)

    /// The picture at `moment`: by time, from the keyframe before it (one
    /// GOP decoded however deep in the file); by index, decoded forward from
    /// the start. Blocking.
    public static func make(path: String, at moment: Moment, maxSide: Int, encoding: ImageEncoding = pageEncoding) throws(MediaError) -> Thumbnail {
        _ = FFmpegLog.quietByDefault
        guard encoding.format != .webp else { throw MediaError(kind: .unsupported, path: path, message: "a thumbnail is PNG or JPEG") }
        let taken = try picture(path: path, at: moment)
        return try shrink(taken.frame.pointer, rotation: taken.rotation, maxSide: maxSide, encoding: encoding, path: path, seconds: taken.seconds)
    }

    /// A decoded picture, as stored, and how many were decoded to reach it.
    struct Taken: ~Copyable {
        let frame: Frame
        let rotation: Int
        /// Seconds after the first picture.
        let seconds: Double
        let decoded: Int
    }

    /// The first picture sets the clock a moment counts from; a moment in
    /// seconds past it seeks to the keyframe at or before it (a stream with
    /// none there is read from the start again, without seeking) and decodes
    /// forward to the first picture shown at or after it: the same picture
    /// as a decode from the start.
    static func picture(path: String, at moment: Moment, seeking: Bool = true) throws(MediaError) -> Taken {
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: path, message: "no picture to show")
        }
        let picture = Frame(), decoded = Frame()
        var index = 0, count = 0, first: Double?, taken: Double?, sought = !seeking
        while try stream.next(into: decoded) {
            count += 1
            let t = FFmpegTime.seconds(decoded.timestamp, stream.timeBase) ?? 0
            let start = first ?? t
            first = start
            picture.unref()
            av_frame_move_ref(picture.pointer, decoded.pointer)
            taken = t - start
            let reached = switch moment {
            case .seconds(let s): t - start >= s - 1e-6
            case .frame(let n): index >= n
            }
            index += 1
            if reached { break }
            if !sought, case .seconds(let s) = moment {
                sought = true
                if stream.seekMayHelp(to: start + s, from: t) {
                    guard try stream.seek(toKeyframeAtOrBefore: start + s) else { return try Self.picture(path: path, at: moment, seeking: false) }
                }
            }
        }
        guard let taken else { throw MediaError(kind: .unreadable, path: path, message: "no picture could be decoded") }
        return Taken(frame: picture, rotation: stream.rotation, seconds: taken, decoded: count)
    }

    /// `make` on BlockingExecutor's threads.
    public static func make(path: String, at moment: Moment, maxSide: Int, encoding: ImageEncoding = pageEncoding) async throws(MediaError) -> Thumbnail {
        try await BlockingExecutor.run { () throws(MediaError) -> Thumbnail in
            try make(path: path, at: moment, maxSide: maxSide, encoding: encoding)
        }
    }

    /// Scales the picture as stored to its display shape inside a square of
    /// `maxSide` (never larger than shown), turns it upright, and encodes it.
    static func shrink(_ picture: UnsafeMutablePointer<AVFrame>, rotation: Int, maxSide: Int, encoding: ImageEncoding,
                               path: String, seconds: Double) throws(MediaError) -> Thumbnail {
        let p = picture.pointee
        let sar = p.sample_aspect_ratio.num > 0 && p.sample_aspect_ratio.den > 0 ? Double(p.sample_aspect_ratio.num) / Double(p.sample_aspect_ratio.den) : 1
        let shownSide = Int32(max(Double(p.width) * sar, Double(p.height)).rounded())
        let side = max(2, min(Int32(maxSide), shownSide))
        let stored = FittedScaler.fittedSize(width: p.width, height: p.height, aspect: p.sample_aspect_ratio, inside: (side, side))
        // A PQ or HLG picture is shrunk as it is (10 bits, 4:4:4 for the pixel
        // loop) and then tone-mapped for an SDR screen, as a player shows it;
        // shown as SDR it would look washed out.
        let hdr = HDRTransfer(p.color_trc)
        let scaler = try Scaler(from: (p.width, p.height, AVPixelFormat(rawValue: p.format)),
                                to: (stored.width, stored.height, hdr == nil ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV444P10LE))
        let toSDR = try hdr.map { t throws(MediaError) in try HDRToSDRPicture(width: stored.width, height: stored.height, transfer: t) }
        let turn = [90, 180, 270].contains(rotation) ? try PictureRotation(degrees: rotation, width: stored.width, height: stored.height) : nil
        // All kept alive to the end: the picture encoded is the frame of one of them.
        let (bytes, size) = try withExtendedLifetime((scaler, toSDR, turn)) { () throws(MediaError) -> ([UInt8], (Int32, Int32)) in
            var made = try scaler.scale(picture)
            if let toSDR { made = try toSDR.convert(made) }
            if let turn { made = try turn.rotate(made) }
            let size = (made.pointee.width, made.pointee.height)
            return (try ImageConverter.encode(made, width: size.0, height: size.1, as: encoding, path: path), size)
        }
        return Thumbnail(width: Int(size.0), height: Int(size.1), encoding: encoding, bytes: bytes, seconds: seconds)
    }
}
