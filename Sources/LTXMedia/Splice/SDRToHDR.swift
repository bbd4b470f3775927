internal import CFFmpeg
import RealModule

/// SDR pictures (the API's answers: 8-bit BT.709) put into an HDR video's
/// colour (BT.2020 primaries, HLG or PQ) so that they neither look washed out
/// nor clip. SDR reference white goes where BT.2408 puts it: 75 % HLG signal,
/// 203 cd/m² in PQ. Each step is the standard's formula, pure, so a test can
/// take a picture back to SDR (`sdrSignal`) and compare it with the answer.
public enum SDRToHDR {
    /// BT.2408: linear scene light that the HLG OETF maps to a 0.75 signal.
    static let hlgWhite = 0.264_962
    static let pqWhiteNits = 203.0

    // BT.2087: linear BT.709 RGB to linear BT.2020 RGB, and back.
    static let toBT2020: [[Double]] = [[0.627_404, 0.329_283, 0.043_313], [0.069_097, 0.919_540, 0.011_362], [0.016_391, 0.088_013, 0.895_595]]
    static let toBT709: [[Double]] = [[1.660_491, -0.587_641, -0.072_850], [-0.124_550, 1.132_900, -0.008_349], [-0.018_151, -0.100_579, 1.118_730]]

    static func apply(_ m: [[Double]], _ v: (Double, Double, Double)) -> (Double, Double, Double) {
        (m[0][0] * v.0 + m[0][1] * v.1 + m[0][2] * v.2, m[1][0] * v.0 + m[1][1] * v.1 + m[1][2] * v.2, m[2][0] * v.0 + m[2][1] * v.1 + m[2][2] * v.2)
    }

    // BT.2100 HLG OETF and its inverse (scene light 0...1 to signal 0...1).
    static let (a, b, c) = (0.178_832_77, 0.284_668_92, 0.559_910_73)
    static func hlg(_ e: Double) -> Double { e <= 1.0 / 12 ? (3 * max(0, e)).squareRoot() : a * Double.log(12 * e - b) + c }
    static func hlgInverse(_ s: Double) -> Double { s <= 0.5 ? s * s / 3 : (Double.exp((s - c) / a) + b) / 12 }

    // BT.2100 PQ inverse EOTF and EOTF (cd/m² over 10,000 to signal, and back).
    static let (m1, m2, c1, c2, c3) = (0.159_301_757_812_5, 78.843_75, 0.835_937_5, 18.851_562_5, 18.687_5)
    static func pq(_ y: Double) -> Double {
        let p = Double.pow(max(0, y), m1)
        return Double.pow((c1 + c2 * p) / (1 + c3 * p), m2)
    }
    static func pqInverse(_ s: Double) -> Double {
        let p = Double.pow(max(0, s), 1 / m2)
        return Double.pow(max(0, p - c1) / (c2 - c3 * p), 1 / m1)
    }

    /// An SDR signal (BT.709, 0...1) as linear light, 1.0 = diffuse white: BT.1886's gamma 2.4.
    public static func sdrLinear(_ v: Double) -> Double { Double.pow(min(1, max(0, v)), 2.4) }

    /// An SDR R'G'B' (BT.709, BT.1886 gamma 2.4, 0...1) as the HDR video's R'G'B'.
    public static func hdrSignal(fromSDR rgb: (Double, Double, Double), _ transfer: HDRTransfer) -> (Double, Double, Double) {
        let wide = apply(toBT2020, (sdrLinear(rgb.0), sdrLinear(rgb.1), sdrLinear(rgb.2)))
        func signal(_ l: Double) -> Double {
            transfer == .hlg ? hlg(max(0, l) * hlgWhite) : pq(max(0, l) * pqWhiteNits / 10_000)
        }
        return (signal(wide.0), signal(wide.1), signal(wide.2))
    }

    /// The inverse: an HDR R'G'B' back as SDR R'G'B' (clipped to 0...1).
    public static func sdrSignal(fromHDR rgb: (Double, Double, Double), _ transfer: HDRTransfer) -> (Double, Double, Double) {
        func light(_ s: Double) -> Double { transfer == .hlg ? hlgInverse(s) / hlgWhite : pqInverse(s) * 10_000 / pqWhiteNits }
        let narrow = apply(toBT709, (light(rgb.0), light(rgb.1), light(rgb.2)))
        func gamma(_ l: Double) -> Double { Double.pow(min(1, max(0, l)), 1 / 2.4) }
        return (gamma(narrow.0), gamma(narrow.1), gamma(narrow.2))
    }

    /// BT.709 limited-range 8-bit Y'CbCr to R'G'B' 0...1.
    public static func rgb709(y: Double, cb: Double, cr: Double) -> (Double, Double, Double) {
        let l = (y - 16) / 219, u = (cb - 128) / 224, v = (cr - 128) / 224
        return (l + 1.5748 * v, l - 0.187_324 * u - 0.468_124 * v, l + 1.8556 * u)
    }

    /// BT.709 luma (0...1) of an R'G'B'.
    public static func luma709(_ rgb: (Double, Double, Double)) -> Double { 0.2126 * rgb.0 + 0.7152 * rgb.1 + 0.0722 * rgb.2 }

    /// BT.2020 (non-constant luminance) limited-range 10-bit Y'CbCr to R'G'B' 0...1.
    public static func rgb2020(y: Double, cb: Double, cr: Double) -> (Double, Double, Double) {
        let l = (y - 64) / 876, u = (cb - 512) / 896, v = (cr - 512) / 896
        return (l + 1.4746 * v, l - 0.164_553 * u - 0.571_353 * v, l + 1.8814 * u)
    }
}

/// Converts 8-bit yuv420p BT.709 SDR pictures into a yuv420p10le frame in
/// BT.2020 with HLG or PQ (`SDRToHDR`'s formulas through lookup tables: a
/// 1080p picture is two million pixels).
final class HDRPicture {
    private let transfer: HDRTransfer
    private let output = Frame()
    /// SDR R'G'B' (0...1 on 4,096 steps) to linear light.
    private let linear: [Float]
    /// Linear BT.2020 light (0...1.25 on 16,384 steps) to the HDR signal.
    private let signal: [Float]
    /// `SDRToHDR.toBT2020`, as the pixel loop multiplies it.
    private let wide: [Float] = SDRToHDR.toBT2020.flatMap { $0.map(Float.init) }
    private static let linearSteps = 4096
    private static let signalSteps = 16384
    private static let signalRange: Float = 1.25

    init(width: Int32, height: Int32, transfer: HDRTransfer) throws(MediaError) {
        self.transfer = transfer
        linear = (0..<Self.linearSteps).map { Float(SDRToHDR.sdrLinear(Double($0) / Double(Self.linearSteps - 1))) }
        signal = (0..<Self.signalSteps).map { i in
            let l = Double(i) / Double(Self.signalSteps - 1) * Double(Self.signalRange)
            return Float(transfer == .hlg ? SDRToHDR.hlg(l * SDRToHDR.hlgWhite) : SDRToHDR.pq(l * SDRToHDR.pqWhiteNits / 10_000))
        }
        let f = output.pointer
        f.pointee.width = width
        f.pointee.height = height
        f.pointee.format = AV_PIX_FMT_YUV420P10LE.rawValue
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
    }

    private func hdr(_ y: Float, _ cb: Float, _ cr: Float) -> (Float, Float, Float) {
        let l = (y - 16) / 219, u = (cb - 128) / 224, v = (cr - 128) / 224
        func lin(_ x: Float) -> Float { linear[Int(min(1, max(0, x)) * Float(Self.linearSteps - 1) + 0.5)] }
        let (r, g, b) = (lin(l + 1.5748 * v), lin(l - 0.187_324 * u - 0.468_124 * v), lin(l + 1.8556 * u))
        let m = wide
        let wr = m[0] * r + m[1] * g + m[2] * b
        let wg = m[3] * r + m[4] * g + m[5] * b
        let wb = m[6] * r + m[7] * g + m[8] * b
        func sig(_ x: Float) -> Float { signal[Int(min(Self.signalRange, max(0, x)) / Self.signalRange * Float(Self.signalSteps - 1) + 0.5)] }
        return (sig(wr), sig(wg), sig(wb))
    }

    /// `picture` (yuv420p, BT.709, this converter's size) as the HDR video's
    /// pixels; valid until the next call.
    func convert(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> UnsafeMutablePointer<AVFrame> {
        try FFmpegError.check(av_frame_make_writable(output.pointer), "av_frame_make_writable")
        let src = picture.pointee
        guard let sy = src.data.0, let su = src.data.1, let sv = src.data.2 else {
            throw MediaError(kind: .unsupported, operation: "SDR to HDR", message: "a picture without planes")
        }
        let (sl, sc) = (Int(src.linesize.0), Int(src.linesize.1))
        try BT2020Planes.fill(output.pointer) { x, y in
            let c = (y / 2) * sc + x / 2
            return hdr(Float(sy[y * sl + x]), Float(su[c]), Float(sv[c]))
        }
        av_frame_copy_props(output.pointer, picture)
        BT2020Planes.tag(output.pointer, transfer)
        return output.pointer
    }
}
