internal import CFFmpeg

/// Decodes a file's first video stream picture by picture, in display
/// order, as yuv420p (demux_decode.c's loop).
final class VideoFrameReader {
    private let stream: StreamDecoder
    private let frame = Frame()
    private var scaler: Scaler?

    /// The size pictures come out at; nil keeps each picture's own.
    private let size: (width: Int32, height: Int32)?

    init(path: String, size: (width: Int32, height: Int32)? = nil) throws(MediaError) {
        self.size = size
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        self.stream = stream
    }

    /// Calls `body` with the next picture's Y plane (width, height, stride,
    /// bytes); false at the end.
    func next(_ body: (Int, Int, Int, UnsafePointer<UInt8>) -> Void) throws(MediaError) -> Bool {
        try nextFrame { picture in
            body(Int(picture.pointee.width), Int(picture.pointee.height), Int(picture.pointee.linesize.0),
                 UnsafePointer(picture.pointee.data.0!))
        }
    }

    /// Calls `body` with the next picture as a yuv420p frame (valid during
    /// the call only); false at the end.
    func nextFrame(_ body: (UnsafeMutablePointer<AVFrame>) throws(MediaError) -> Void) throws(MediaError) -> Bool {
        guard try stream.next(into: frame) else { return false }
        defer { frame.unref() }
        var picture = frame.pointer
        let f = frame.pointer.pointee
        let target = size ?? (f.width, f.height)
        if f.format != AV_PIX_FMT_YUV420P.rawValue || f.width != target.width || f.height != target.height {
            if scaler == nil {
                scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)),
                                    to: (target.width, target.height, AV_PIX_FMT_YUV420P))
            }
            picture = try scaler!.scale(frame.pointer)
        }
        try body(picture)
        return true
    }
}
