internal import CFFmpeg

/// One file's pictures by index in display order, decoded from the keyframe
/// before each when the one asked for is not just ahead.
final class SeekingPictures {
    private let path: String
    private let input: FormatContext
    private let decoder: Decoder
    private let stream: Int
    private let timeBase: AVRational
    private let packets: EditSamples.Packets
    private let index: [Int64: Int]
    private let rotation: Int
    private let packet = Packet(), frame = Frame()
    /// The last picture decoded; -1 before any.
    private var last = -1
    private var flushed = false
    private var scaler: Scaler?

    init(path: String, _ packets: EditSamples.Packets) throws(MediaError) {
        guard let (input, stream) = try MediaProbe.firstVideo(path) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        self.path = path
        self.input = input
        self.stream = stream
        self.packets = packets
        (decoder, timeBase, rotation) = try input.withStream(stream) { st throws(MediaError) in
            (try Decoder(parameters: st.pointee.codecpar, path: path, threads: 0, timeBase: st.pointee.time_base), st.pointee.time_base,
             StreamReader.clockwiseRotation(st))
        }
        input.keepOnly(streams: [stream])
        index = Dictionary(packets.pts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Calls `body` with picture `target` and its time; false when the file has no such picture.
    func picture(at target: Int, _ body: (UnsafeMutablePointer<AVFrame>, Double) throws(MediaError) -> Void) throws(MediaError) -> Bool {
        guard target >= 0, target < packets.count else { return false }
        let keyframe = (0...target).last { packets.keyframes[$0] } ?? 0
        if target <= last || keyframe > last + 1 {
            try input.seek(toKeyframeBefore: input.clockStart + packets.times[keyframe])
            decoder.reset()
            flushed = false
            last = -1
        }
        while true {
            if try decoder.receive(into: frame) {
                defer { frame.unref() }
                guard let n = index[frame.timestamp], n > last else { continue }
                last = n
                if n == target { try body(frame.pointer, packets.times[n]); return true }
                if n > target { return false }
            } else if flushed {
                return false
            } else if try input.readPacket(into: packet) {
                if packet.streamIndex == stream { try decoder.send(packet) }
            } else {
                try decoder.flush()
                flushed = true
            }
        }
    }

    func thumbnail(_ picture: UnsafeMutablePointer<AVFrame>, seconds: Double, maxSide: Int) throws(MediaError) -> Thumbnail {
        try Thumbnail.shrink(picture, rotation: rotation, maxSide: maxSide, encoding: Thumbnail.pageEncoding, path: path, seconds: seconds)
    }

    /// The picture's 8-bit luma plane, tightly packed.
    func luma(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> (w: Int32, h: Int32, bytes: [UInt8]) {
        var p = picture
        let f = picture.pointee
        if f.format != AV_PIX_FMT_YUV420P.rawValue && f.format != AV_PIX_FMT_YUVJ420P.rawValue {
            if scaler == nil { scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (f.width, f.height, AV_PIX_FMT_YUV420P)) }
            p = try scaler!.scale(picture)
        }
        let w = Int(p.pointee.width), h = Int(p.pointee.height), stride = Int(p.pointee.linesize.0)
        var bytes = [UInt8](repeating: 0, count: w * h)
        let data = p.pointee.data.0!
        bytes.withUnsafeMutableBufferPointer { out in
            for y in 0..<h { (out.baseAddress! + y * w).update(from: data + y * stride, count: w) }
        }
        return (Int32(w), Int32(h), bytes)
    }
}
