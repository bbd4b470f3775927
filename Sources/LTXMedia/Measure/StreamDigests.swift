internal import CFFmpeg

/// What `ffmpeg -f framemd5` and a packet dump tell, from the library: a
/// digest of every decoded picture, every video packet, and the decoded
/// sound, so a splice can show which frames it left bit-identical.
public enum StreamDigests {
    /// SHA-256 of each picture's Y, U and V planes (yuv420p, its own size),
    /// in display order.
    public static func pictures(_ path: String) throws(MediaError) -> [String] {
        let reader = try VideoFrameReader(path: path)
        var digests: [String] = []
        while try reader.nextFrame({ picture in
            var sha = SHA256()
            let p = picture.pointee
            let planes = [(p.data.0, p.linesize.0, Int(p.width), Int(p.height)),
                          (p.data.1, p.linesize.1, Int(p.width + 1) / 2, Int(p.height + 1) / 2),
                          (p.data.2, p.linesize.2, Int(p.width + 1) / 2, Int(p.height + 1) / 2)]
            for (data, stride, w, h) in planes {
                guard let data else { continue }
                for y in 0..<h { sha.update(UnsafeRawBufferPointer(start: data + y * Int(stride), count: w)) }
            }
            digests.append(sha.finalize())
        }) {}
        return digests
    }

    /// The mean luma (0-255) of each row of picture `index` (from 0, in
    /// display order); empty when the video has fewer pictures.
    public static func lumaRows(_ path: String, frame index: Int) throws(MediaError) -> [Double] {
        let reader = try VideoFrameReader(path: path)
        var rows: [Double] = []
        var n = 0
        while rows.isEmpty, try reader.next({ width, height, stride, luma in
            defer { n += 1 }
            guard n == index else { return }
            rows = (0..<height).map { y in
                UnsafeBufferPointer(start: luma + y * stride, count: width).reduce(0.0) { $0 + Double($1) } / Double(max(width, 1))
            }
        }) {}
        return rows
    }

    /// SHA-256 of each packet of the first video stream, in file order.
    public static func videoPackets(_ path: String) throws(MediaError) -> [String] {
        try packets(path, type: AVMEDIA_TYPE_VIDEO)
    }

    /// SHA-256 of each packet of the first audio stream, in file order.
    public static func audioPackets(_ path: String) throws(MediaError) -> [String] {
        try packets(path, type: AVMEDIA_TYPE_AUDIO)
    }

    static func packets(_ path: String, type: AVMediaType) throws(MediaError) -> [String] {
        let input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        guard let index = input.firstStream(type) else { return [] }
        input.keepOnly(streams: [index])
        let packet = Packet()
        var digests: [String] = []
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == index else { continue }
            var sha = SHA256()
            sha.update(UnsafeRawBufferPointer(start: packet.pointer.pointee.data, count: packet.size))
            digests.append(sha.finalize())
        }
        return digests
    }

    /// Luma PSNR of each picture of `distorted` against the same-numbered one
    /// of `reference` (same size), in dB; infinite where they are equal.
    /// `negated` compares against the reference's negative (255 - Y).
    public static func lumaPSNR(reference: String, distorted: String, negated: Bool = false) throws(MediaError) -> [Double] {
        var result: [Double] = []
        _ = try VideoComparison.walk(reference: reference, distorted: distorted, negated: negated, untilEitherEnds: true) { error, pixels in
            result.append(VideoComparison.psnr(error, pixels))
        }
        return result
    }

    /// The first audio stream decoded to mono planar float (its first
    /// channel) at its own rate.
    public static func sound(_ path: String) throws(MediaError) -> (rate: Int, samples: [Float]) {
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_AUDIO) else { return (0, []) }
        let frame = Frame()
        var samples: [Float] = []
        var rate = 0
        while try stream.next(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            rate = Int(f.sample_rate)
            guard f.format == AV_SAMPLE_FMT_FLTP.rawValue, let plane = f.extended_data[0] else {
                throw MediaError(kind: .unsupported, path: path, message: "only planar float sound is read")
            }
            let p = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
            samples.append(contentsOf: UnsafeBufferPointer(start: p, count: Int(f.nb_samples)))
        }
        return (rate, samples)
    }
}
