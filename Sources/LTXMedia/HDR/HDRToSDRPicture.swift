internal import CFFmpeg

extension HDRTransfer {
    /// The transfer a decoded picture is tagged with, when it is PQ or HLG.
    init?(_ trc: AVColorTransferCharacteristic) {
        switch trc {
        case AVCOL_TRC_SMPTE2084: self = .pq
        case AVCOL_TRC_ARIB_STD_B67: self = .hlg
        default: return nil
        }
    }
}

/// Small HDR pictures (10-bit 4:4:4 BT.2020 Y'CbCr, limited range, as a
/// thumbnail's scaler gives them) as 8-bit yuv420p SDR pictures to encode:
/// `HDRToSDR`'s steps through lookup tables, a few thousand samples each,
/// then swscale from RGB to yuv420p (its BT.601 matrix, the one a JPEG
/// viewer reads YUV with).
final class HDRToSDRPicture {
    private let rgb = Frame()
    private let toYUV: Scaler
    /// R'G'B' signal to display light (PQ) or scene light (HLG).
    private let light: CurveTable
    /// HLG only: the OOTF's factor of the scene luminance.
    private let ootf: CurveTable?
    private let eetf = CurveTable(top: HDRToSDR.peak, steps: 4096, HDRToSDR.eetf)
    private let gamma = CurveTable(top: 1, steps: 4096, HDRToSDR.sdrGamma)
    /// `SDRToHDR.toBT709`, as the pixel loop multiplies it.
    private let narrow: [Float] = SDRToHDR.toBT709.flatMap { $0.map(Float.init) }

    init(width: Int32, height: Int32, transfer: HDRTransfer) throws(MediaError) {
        switch transfer {
        case .pq:
            light = CurveTable(top: 1, steps: 16_384) { SDRToHDR.pqInverse($0) * 10_000 / SDRToHDR.pqWhiteNits }
            ootf = nil
        case .hlg:
            light = CurveTable(top: 1, steps: 4096, SDRToHDR.hlgInverse)
            ootf = CurveTable(top: 1, steps: 4096, HDRToSDR.hlgOOTFGain)
        }
        let f = rgb.pointer
        f.pointee.width = width
        f.pointee.height = height
        f.pointee.format = AV_PIX_FMT_RGB24.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
        toYUV = try Scaler(from: (width, height, AV_PIX_FMT_RGB24), to: (width, height, AV_PIX_FMT_YUV420P))
    }

    /// One pixel: HDR R'G'B' (BT.2020, 0...1) as SDR R'G'B' (BT.709, 0...1).
    @inline(__always)
    func sdr(_ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
        var (lr, lg, lb) = (light(r), light(g), light(b))
        if let ootf {
            let k = ootf(0.2627 * lr + 0.6780 * lg + 0.0593 * lb)
            (lr, lg, lb) = (lr * k, lg * k, lb * k)
        }
        let y = 0.2627 * lr + 0.6780 * lg + 0.0593 * lb
        let gain = y > 0 ? eetf(y) / y : 0
        (lr, lg, lb) = (lr * gain, lg * gain, lb * gain)
        let m = narrow
        return (gamma(m[0] * lr + m[1] * lg + m[2] * lb), gamma(m[3] * lr + m[4] * lg + m[5] * lb), gamma(m[6] * lr + m[7] * lg + m[8] * lb))
    }

    /// `picture` (yuv444p10le, this converter's size) as a yuv420p SDR
    /// picture; valid until the next call.
    func convert(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(rgb.pointer), "av_frame_make_writable")
        let src = picture.pointee, dst = rgb.pointer.pointee
        guard src.format == AV_PIX_FMT_YUV444P10LE.rawValue, let sy = src.data.0, let su = src.data.1, let sv = src.data.2, let out = dst.data.0 else {
            throw MediaError(kind: .unsupported, operation: "HDR to SDR", message: "a picture that is not 10-bit 4:4:4")
        }
        let planes = (UnsafeRawPointer(sy).assumingMemoryBound(to: UInt16.self), UnsafeRawPointer(su).assumingMemoryBound(to: UInt16.self),
                      UnsafeRawPointer(sv).assumingMemoryBound(to: UInt16.self))
        let (sl, sc, ol) = (Int(src.linesize.0) / 2, Int(src.linesize.1) / 2, Int(dst.linesize.0))
        // Rounded by adding a half and truncating: the value is clamped to 0...1 by the gamma table.
        func byte(_ v: Float) -> UInt8 { UInt8(v * 255 + 0.5) }
        for y in 0..<Int(src.height) {
            for x in 0..<Int(src.width) {
                let signal = SDRToHDR.rgb2020(y: Double(planes.0[y * sl + x]), cb: Double(planes.1[y * sc + x]), cr: Double(planes.2[y * sc + x]))
                let (r, g, b) = sdr(Float(signal.0), Float(signal.1), Float(signal.2))
                let o = y * ol + 3 * x
                (out[o], out[o + 1], out[o + 2]) = (byte(r), byte(g), byte(b))
            }
        }
        av_frame_copy_props(rgb.pointer, picture)
        let sdr = try toYUV.scale(rgb.pointer)
        // What it now is, not the HDR tags the props carried over.
        sdr.pointee.color_primaries = AVCOL_PRI_BT709
        sdr.pointee.color_trc = AVCOL_TRC_BT709
        sdr.pointee.colorspace = AVCOL_SPC_SMPTE170M
        sdr.pointee.color_range = AVCOL_RANGE_MPEG
        return sdr
    }
}
