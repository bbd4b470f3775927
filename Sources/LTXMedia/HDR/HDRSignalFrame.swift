internal import CFFmpeg

/// Linear BT.2020 pictures as the HDR video's pixels: the transfer
/// (`HDRColorMath.signal`, PQ or HLG at BT.2408's diffuse white) through a
/// lookup table, then 10-bit limited-range BT.2020 NCL Y'CbCr 4:2:0
/// (chroma from the 2x2 block's mean R'G'B', as `HDRPicture` does).
final class HDRSignalFrame {
    private let transfer: HDRTransfer
    private let output = Frame()
    /// The signal at linear light `top × (i / (steps − 1))²`: squared steps
    /// put more of them in the dark, where PQ and HLG are steepest; read
    /// with linear interpolation between neighbours.
    let table: [Float]
    let top: Float
    static let steps = 65_536

    init(width: Int, height: Int, transfer: HDRTransfer) throws(MediaError) {
        self.transfer = transfer
        // Past these the signal is 1: 10,000 cd/m² in PQ, scene light 1 in HLG.
        let top = transfer == .pq ? 10_000 / SDRToHDR.pqWhiteNits : 1 / SDRToHDR.hlgWhite
        self.top = Float(top)
        table = (0..<Self.steps).map { i in
            let u = Double(i) / Double(Self.steps - 1)
            return Float(HDRColorMath.signal(top * u * u, transfer))
        }
        let f = output.pointer
        f.pointee.width = Int32(width)
        f.pointee.height = Int32(height)
        f.pointee.format = AV_PIX_FMT_YUV420P10LE.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    /// The signal (0...1) of linear light `l` (1.0 = diffuse white).
    func signal(_ l: Float) -> Float {
        let t = (max(0, min(1, l / top))).squareRoot() * Float(Self.steps - 1)
        let i = min(Int(t), Self.steps - 2)
        let f = t - Float(i)
        return table[i] + (table[i + 1] - table[i]) * f
    }

    /// `picture` (this frame's size) as a yuv420p10le frame with timestamp
    /// `pts`; valid until the next call.
    func convert(_ picture: LinearPicture, pts: Int64) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let dst = output.pointer.pointee
        guard let dy = dst.data.0, let du = dst.data.1, let dv = dst.data.2 else {
            throw MediaError(kind: .unsupported, operation: "HDR frame", message: "a picture without planes")
        }
        let width = picture.width, height = picture.height
        let (dl, dc) = (Int(dst.linesize.0) / 2, Int(dst.linesize.1) / 2)
        let outY = UnsafeMutableRawPointer(dy).assumingMemoryBound(to: UInt16.self)
        let outU = UnsafeMutableRawPointer(du).assumingMemoryBound(to: UInt16.self)
        let outV = UnsafeMutableRawPointer(dv).assumingMemoryBound(to: UInt16.self)
        // Rounded by adding a half and truncating, after clamping (roundf is a libm call per sample).
        func code(_ x: Float, _ offset: Float, _ scale: Float) -> UInt16 { UInt16(min(1023, max(0, offset + scale * x + 0.5))) }
        for cy in 0..<((height + 1) / 2) {
            for cx in 0..<((width + 1) / 2) {
                var sum: (Float, Float, Float) = (0, 0, 0)
                var n: Float = 0
                for dyy in 0..<2 {
                    let y = cy * 2 + dyy
                    guard y < height else { continue }
                    for dxx in 0..<2 {
                        let x = cx * 2 + dxx
                        guard x < width else { continue }
                        let i = y * width + x
                        let (r, g, b) = (signal(picture.r[i]), signal(picture.g[i]), signal(picture.b[i]))
                        outY[y * dl + x] = code(0.2627 * r + 0.6780 * g + 0.0593 * b, 64, 876)
                        sum = (sum.0 + r, sum.1 + g, sum.2 + b)
                        n += 1
                    }
                }
                let (r, g, b) = (sum.0 / n, sum.1 / n, sum.2 / n)
                let luma = 0.2627 * r + 0.6780 * g + 0.0593 * b
                outU[cy * dc + cx] = code((b - luma) / 1.8814, 512, 896)
                outV[cy * dc + cx] = code((r - luma) / 1.4746, 512, 896)
            }
        }
        let f = output.pointer
        f.pointee.pts = pts
        f.pointee.color_primaries = AVCOL_PRI_BT2020
        f.pointee.color_trc = transfer == .hlg ? AVCOL_TRC_ARIB_STD_B67 : AVCOL_TRC_SMPTE2084
        f.pointee.colorspace = AVCOL_SPC_BT2020_NCL
        f.pointee.color_range = AVCOL_RANGE_MPEG
        return f
    }
}
