import RealModule

/// CIE 1931 xy chromaticities of a colour space's red, green and blue
/// primaries and its white point: the eight floats of an EXR
/// `chromaticities` attribute, in that order.
public struct Chromaticities: Sendable, Equatable {
    public var red: (x: Double, y: Double)
    public var green: (x: Double, y: Double)
    public var blue: (x: Double, y: Double)
    public var white: (x: Double, y: Double)

    public init(_ v: [Double]) {
        red = (v[0], v[1])
        green = (v[2], v[3])
        blue = (v[4], v[5])
        white = (v[6], v[7])
    }

    public var values: [Double] { [red.x, red.y, green.x, green.y, blue.x, blue.y, white.x, white.y] }

    public static func == (a: Chromaticities, b: Chromaticities) -> Bool { a.values == b.values }

    /// ACES white (~D60), SMPTE ST 2065-1.
    static let acesWhite = (x: 0.32168, y: 0.33767)
    static let d65 = (x: 0.3127, y: 0.3290)
    /// ACES AP0 (ST 2065-1) and AP1 (S-2014-004), BT.709, BT.2020.
    public static let ap0 = Chromaticities([0.7347, 0.2653, 0.0, 1.0, 0.0001, -0.0770, acesWhite.x, acesWhite.y])
    public static let ap1 = Chromaticities([0.713, 0.293, 0.165, 0.830, 0.128, 0.044, acesWhite.x, acesWhite.y])
    public static let bt709 = Chromaticities([0.64, 0.33, 0.30, 0.60, 0.15, 0.06, d65.x, d65.y])
    public static let bt2020 = Chromaticities([0.708, 0.292, 0.170, 0.797, 0.131, 0.046, d65.x, d65.y])
}

extension HDRColorSpace {
    public var chromaticities: Chromaticities {
        switch self {
        case .acescg, .acescct: .ap1
        case .srgbLinear: .bt709
        case .aces2065_1: .ap0
        }
    }

    /// The colour space whose primaries an EXR's `chromaticities` name: the
    /// nearest one, within 0.005 in every coordinate (files round them).
    /// AP1 is both ACEScg and ACEScct, which only the encoding tells apart, so
    /// AP1 is `asked` when that is ACEScct (the colour space the request
    /// asked for) and ACEScg otherwise. Nil for primaries none is near.
    public static func matching(_ c: Chromaticities, asked: HDRColorSpace) -> HDRColorSpace? {
        func distance(_ s: HDRColorSpace) -> Double { zip(c.values, s.chromaticities.values).map { abs($0 - $1) }.max() ?? .infinity }
        guard let nearest = [HDRColorSpace.acescg, .srgbLinear, .aces2065_1].min(by: { distance($0) < distance($1) }),
              distance(nearest) <= 0.005 else { return nil }
        return nearest == .acescg && asked == .acescct ? .acescct : nearest
    }
}

/// The colour arithmetic of `hdr`, each step the standard's formula and pure:
/// 3x3 matrices between colour spaces computed from their chromaticities
/// (SMPTE RP 177), the Bradford adaptation between white points, and ACEScct.
/// The transfer functions and the 203 cd/m² diffuse white are `SDRToHDR`'s.
///
/// White points: ACES's white is ~D60, BT.2020's D65. The matrices adapt
/// ACES white to D65 with the Bradford transform, as the ACES output
/// transforms for D65 displays do, so an ACES neutral grey is a D65 neutral
/// grey on the HDR display (without it, every grey turns faintly yellow).
public enum HDRColorMath {
    public typealias Matrix = [[Double]]

    /// RP 177's normalised primary matrix: linear RGB to CIE XYZ (Y of white = 1).
    public static func rgbToXYZ(_ c: Chromaticities) -> Matrix {
        func xyz(_ p: (x: Double, y: Double)) -> [Double] { [p.x / p.y, 1, (1 - p.x - p.y) / p.y] }
        let (r, g, b) = (xyz(c.red), xyz(c.green), xyz(c.blue))
        let primaries = [[r[0], g[0], b[0]], [r[1], g[1], b[1]], [r[2], g[2], b[2]]]
        let s = apply(inverse(primaries), xyz(c.white))
        return primaries.map { row in (0..<3).map { row[$0] * s[$0] } }
    }

    /// Bradford chromatic adaptation of XYZ from one white point to another.
    static let bradford: Matrix = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
    public static func adaptation(from source: (x: Double, y: Double), to target: (x: Double, y: Double)) -> Matrix {
        func cone(_ w: (x: Double, y: Double)) -> [Double] { apply(bradford, [w.x / w.y, 1, (1 - w.x - w.y) / w.y]) }
        let (s, d) = (cone(source), cone(target))
        let scale: Matrix = [[d[0] / s[0], 0, 0], [0, d[1] / s[1], 0], [0, 0, d[2] / s[2]]]
        return multiply(inverse(bradford), multiply(scale, bradford))
    }

    /// Linear RGB in `source` to linear RGB in `target`, white adapted by Bradford when the whites differ.
    public static func conversion(from source: Chromaticities, to target: Chromaticities) -> Matrix {
        var toXYZ = rgbToXYZ(source)
        if source.white != target.white { toXYZ = multiply(adaptation(from: source.white, to: target.white), toXYZ) }
        return multiply(inverse(rgbToXYZ(target)), toXYZ)
    }

    /// Linear light of `space` to linear BT.2020 (D65).
    public static func toBT2020(_ space: HDRColorSpace) -> Matrix { conversion(from: space.chromaticities, to: .bt2020) }

    // ACEScct (S-2016-001): a log curve with a linear toe.
    static let cctToeSlope = 10.540_237_741_654_5, cctToeOffset = 0.072_905_534_195_835_5, cctBreak = 0.155_251_141_552_511
    /// An ACEScct code value as linear ACES (AP1) light.
    public static func acescctToLinear(_ v: Double) -> Double {
        if v <= cctBreak { return (v - cctToeOffset) / cctToeSlope }
        return min(65504, Double.pow(2, v * 17.52 - 9.72))
    }
    /// Linear AP1 light as an ACEScct code value.
    public static func linearToACEScct(_ l: Double) -> Double {
        l <= 0.0078125 ? cctToeSlope * l + cctToeOffset : (Double.log2(l) + 9.72) / 17.52
    }

    /// Linear light (1.0 = diffuse white) as the HDR signal 0...1, at BT.2408's
    /// diffuse white: 203 cd/m² in PQ, 75 % signal in HLG (scene light clipped at 1).
    public static func signal(_ l: Double, _ transfer: HDRTransfer) -> Double {
        switch transfer {
        case .pq: SDRToHDR.pq(max(0, l) * SDRToHDR.pqWhiteNits / 10_000)
        case .hlg: SDRToHDR.hlg(min(1, max(0, l) * SDRToHDR.hlgWhite))
        }
    }

    /// BT.2020 (BT.2100 non-constant luminance) luma of linear or non-linear RGB.
    public static func luma2020(_ r: Double, _ g: Double, _ b: Double) -> Double { 0.2627 * r + 0.6780 * g + 0.0593 * b }

    /// R'G'B' (0...1) as 10-bit limited-range BT.2020 NCL Y'CbCr code values.
    public static func ycbcr10(_ r: Double, _ g: Double, _ b: Double) -> (y: Int, cb: Int, cr: Int) {
        let y = luma2020(r, g, b)
        func code(_ v: Double, _ offset: Double, _ scale: Double) -> Int { Int(min(1023, max(0, (offset + scale * v).rounded()))) }
        return (code(y, 64, 876), code((b - y) / 1.8814, 512, 896), code((r - y) / 1.4746, 512, 896))
    }

    static func apply(_ m: Matrix, _ v: [Double]) -> [Double] { m.map { $0[0] * v[0] + $0[1] * v[1] + $0[2] * v[2] } }

    static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }

    static func inverse(_ m: Matrix) -> Matrix {
        let (a, b, c) = (m[0][0], m[0][1], m[0][2]), (d, e, f) = (m[1][0], m[1][1], m[1][2]), (g, h, i) = (m[2][0], m[2][1], m[2][2])
        let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
        return [[(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
                [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
                [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det]]
    }
}
