internal import CFFmpeg

/// Linear BT.2020 pictures as the HDR video's pixels: the transfer
/// (`HDRColorMath.signal`, PQ or HLG at BT.2408's diffuse white) through a
/// lookup table, then `BT2020Planes`.
final class HDRSignalFrame {
    private let transfer: HDRTransfer
    private let output = Frame()
    /// The signal at linear light 0...the signal's top (1.0 = diffuse white).
    let signal: CurveTable
    static let steps = 65_536

    init(width: Int, height: Int, transfer: HDRTransfer) throws(MediaError) {
        self.transfer = transfer
        // Past these the signal is 1: 10,000 cd/m² in PQ, scene light 1 in HLG.
        let top = transfer == .pq ? 10_000 / SDRToHDR.pqWhiteNits : 1 / SDRToHDR.hlgWhite
        signal = CurveTable(top: top, steps: Self.steps) { HDRColorMath.signal($0, transfer) }
        let f = output.pointer
        f.pointee.width = Int32(width)
        f.pointee.height = Int32(height)
        f.pointee.format = AV_PIX_FMT_YUV420P10LE.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    /// `picture` (this frame's size) as a yuv420p10le frame with timestamp
    /// `pts`; valid until the next call.
    func convert(_ picture: LinearPicture, pts: Int64) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let width = picture.width
        try picture.r.withUnsafeBufferPointer { r throws(MediaError) in
            try picture.g.withUnsafeBufferPointer { g throws(MediaError) in
                try picture.b.withUnsafeBufferPointer { b throws(MediaError) in
                    try BT2020Planes.fill(output.pointer) { x, y in
                        let i = y * width + x
                        return (signal(r[i]), signal(g[i]), signal(b[i]))
                    }
                }
            }
        }
        output.pointer.pointee.pts = pts
        BT2020Planes.tag(output.pointer, transfer)
        return output.pointer
    }
}
