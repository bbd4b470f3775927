internal import CFFmpeg

/// R'G'B' signals (0...1) as 10-bit limited-range BT.2020 non-constant
/// luminance Y'CbCr 4:2:0 (BT.2100): luma per pixel, chroma from the 2x2
/// block's mean R'G'B'. The SDR-to-HDR splice (`HDRPicture`) and the HDR
/// assembly (`HDRSignalFrame`) both write their pictures through this.
enum BT2020Planes {
    /// Fills `frame` (yuv420p10le, allocated and writable) with `signal(x, y)`.
    @inline(__always)
    static func fill(_ frame: UnsafeMutablePointer<AVFrame>, signal: (Int, Int) -> (Float, Float, Float)) throws(MediaError) {
        let dst = frame.pointee
        guard let dy = dst.data.0, let du = dst.data.1, let dv = dst.data.2 else {
            throw MediaError(kind: .unsupported, operation: "HDR picture", message: "a picture without planes")
        }
        let width = Int(dst.width), height = Int(dst.height)
        let (dl, dc) = (Int(dst.linesize.0) / 2, Int(dst.linesize.1) / 2)
        let outY = UnsafeMutableRawPointer(dy).assumingMemoryBound(to: UInt16.self)
        let outU = UnsafeMutableRawPointer(du).assumingMemoryBound(to: UInt16.self)
        let outV = UnsafeMutableRawPointer(dv).assumingMemoryBound(to: UInt16.self)
        // Rounded by adding a half and truncating: the value is clamped non-negative first (roundf is a libm call per sample).
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
                        let (r, g, b) = signal(x, y)
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
    }

    /// The frame's colour tags: BT.2020, the transfer, BT.2020 NCL, limited range.
    static func tag(_ frame: UnsafeMutablePointer<AVFrame>, _ transfer: HDRTransfer) {
        frame.pointee.color_primaries = AVCOL_PRI_BT2020
        frame.pointee.color_trc = transfer == .hlg ? AVCOL_TRC_ARIB_STD_B67 : AVCOL_TRC_SMPTE2084
        frame.pointee.colorspace = AVCOL_SPC_BT2020_NCL
        frame.pointee.color_range = AVCOL_RANGE_MPEG
    }
}
