internal import CFFmpeg

/// What `ffmpeg -f framemd5` and a packet dump tell, from the library: a
/// digest of every decoded picture, every video packet, and the decoded
/// sound, so a splice can show which frames it left bit-identical.
public enum StreamDigests {
    /// SHA-256 of each picture's planes in the pixel format it decodes to
    /// (10-bit stays 10-bit, as `ffmpeg -f framemd5` hashes it), in display
    /// order: two pictures with one digest are the same samples, with no
    /// conversion between that could hide a difference.
    public static func pictures(_ path: String) throws(MediaError) -> [String] {
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        let frame = Frame()
        var digests: [String] = []
        while try stream.next(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            var sha = SHA256()
            let planes = [(f.data.0, f.linesize.0), (f.data.1, f.linesize.1), (f.data.2, f.linesize.2), (f.data.3, f.linesize.3)]
            for (index, (data, stride)) in planes.enumerated() {
                guard let data else { break }
                let bytes = Int(av_image_get_linesize(AVPixelFormat(rawValue: f.format), f.width, Int32(index)))
                let rows = Int(cffmpeg_plane_rows(f.format, f.height, Int32(index)))
                guard bytes > 0 else { break }
                for y in 0..<rows { sha.update(UnsafeRawBufferPointer(start: data + y * Int(stride), count: bytes)) }
            }
            digests.append(sha.finalize())
        }
        return digests
    }

    /// Each picture's mean BT.709 SDR luma (0...1), as an SDR viewer sees
    /// it: an HLG or PQ 10-bit picture is taken back to SDR (`SDRToHDR.sdrSignal`)
    /// first, an 8-bit one read as BT.709. Every fourth pixel of every fourth row.
    public static func sdrLuma(_ path: String, transfer: HDRTransfer?) throws(MediaError) -> [Double] {
        guard let stream = try StreamDecoder(path: path, type: AVMEDIA_TYPE_VIDEO, threads: 0) else { return [] }
        let frame = Frame()
        var means: [Double] = []
        while try stream.next(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            guard let y = f.data.0, let u = f.data.1, let v = f.data.2 else { continue }
            let deep = f.format == AV_PIX_FMT_YUV420P10LE.rawValue
            guard deep || f.format == AV_PIX_FMT_YUV420P.rawValue else {
                throw MediaError(kind: .unsupported, path: path, message: "only yuv420p and yuv420p10le pictures are measured")
            }
            func sample(_ plane: UnsafeMutablePointer<UInt8>, _ stride: Int32, _ x: Int, _ row: Int) -> Double {
                deep ? Double(UnsafeMutableRawPointer(plane + row * Int(stride)).assumingMemoryBound(to: UInt16.self)[x])
                     : Double(plane[row * Int(stride) + x])
            }
            var sum = 0.0, n = 0
            for row in stride(from: 0, to: Int(f.height), by: 4) {
                for x in stride(from: 0, to: Int(f.width), by: 4) {
                    let (l, cb, cr) = (sample(y, f.linesize.0, x, row), sample(u, f.linesize.1, x / 2, row / 2), sample(v, f.linesize.2, x / 2, row / 2))
                    let rgb = deep ? SDRToHDR.rgb2020(y: l, cb: cb, cr: cr) : SDRToHDR.rgb709(y: l, cb: cb, cr: cr)
                    sum += SDRToHDR.luma709(deep && transfer != nil ? SDRToHDR.sdrSignal(fromHDR: rgb, transfer!) : rgb)
                    n += 1
                }
            }
            means.append(n > 0 ? sum / Double(n) : 0)
        }
        return means
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
