import RealModule

/// An HDR picture (BT.2020, PQ or HLG) as an SDR screen should show it
/// (BT.709, BT.1886 gamma 2.4), for pictures a person looks at: what a
/// player does for an SDR display, where showing the HDR signal as if it
/// were SDR gives a washed-out, too-green picture. Pure, pixel in, pixel
/// out; `HDRToSDRPicture` does the same through lookup tables.
///
/// The steps: the signal to display light (PQ: its EOTF in cd/m²; HLG: the
/// inverse OETF and the OOTF of a 1,000 cd/m² display, system gamma 1.2);
/// the BT.2390 EETF on the luminance; BT.2020 to BT.709 primaries, clipped;
/// BT.1886's inverse. Light is counted in BT.2408's diffuse white (203 cd/m²
/// = 1.0), which becomes SDR white's light, as `SDRToHDR` puts SDR white there.
///
/// Why BT.2390's EETF: it leaves everything below ~88 cd/m² (skin, grey
/// cards, most of a picture) exactly as graded and rolls 88...1,000 cd/m²
/// smoothly into the rest of the SDR range, so highlights keep their detail instead of
/// clipping; mpv and libplacebo use it by default. Reference white lands at
/// 90 % SDR signal, the last 10 % left to what is brighter. A global
/// Reinhard or Hable curve would darken the mid-tones too.
/// It is applied to the luminance and each pixel's RGB scaled by the same
/// gain, so hues and saturation stay; colours outside BT.709 are clipped.
public enum HDRToSDR {
    /// The display both transfers are rendered for, in cd/m²: BT.2100's
    /// nominal HLG display (system gamma 1.2) and the common HDR10 mastering
    /// peak. PQ light above it clips to SDR white.
    public static let peakNits = 1_000.0
    /// BT.2100's HLG system gamma at `peakNits`.
    static let hlgSystemGamma = 1.2
    /// `peakNits` in diffuse whites: the top of the light `displayLight` gives.
    static let peak = peakNits / SDRToHDR.pqWhiteNits

    /// HDR R'G'B' (0...1) as linear BT.2020 display light, 1.0 = 203 cd/m².
    public static func displayLight(_ rgb: (Double, Double, Double), _ transfer: HDRTransfer) -> (Double, Double, Double) {
        switch transfer {
        case .pq:
            func light(_ s: Double) -> Double { SDRToHDR.pqInverse(s) * 10_000 / SDRToHDR.pqWhiteNits }
            return (light(rgb.0), light(rgb.1), light(rgb.2))
        case .hlg:
            let scene = (SDRToHDR.hlgInverse(rgb.0), SDRToHDR.hlgInverse(rgb.1), SDRToHDR.hlgInverse(rgb.2))
            let gain = hlgOOTFGain(HDRColorMath.luma2020(scene.0, scene.1, scene.2))
            return (scene.0 * gain, scene.1 * gain, scene.2 * gain)
        }
    }

    /// BT.2100's HLG OOTF as the factor on scene light (0...1) of luminance
    /// `ys`: Lw × Ys^(γ − 1), in diffuse whites.
    static func hlgOOTFGain(_ ys: Double) -> Double {
        peak * Double.pow(max(0, ys), hlgSystemGamma - 1)
    }

    /// BT.2390's EETF (section 5.4.1) from a `peakNits` source to an SDR
    /// screen whose white is 203 cd/m²: luminance in, luminance out, both in
    /// diffuse whites. Worked in PQ signal, as the standard does.
    public static func eetf(_ l: Double) -> Double {
        let sourceTop = SDRToHDR.pq(peakNits / 10_000)
        let e1 = SDRToHDR.pq(min(peak, max(0, l)) * SDRToHDR.pqWhiteNits / 10_000) / sourceTop
        let maxLum = SDRToHDR.pq(SDRToHDR.pqWhiteNits / 10_000) / sourceTop
        let knee = 1.5 * maxLum - 0.5
        var e2 = e1
        if e1 > knee {
            let t = (e1 - knee) / (1 - knee), t2 = t * t, t3 = t2 * t
            e2 = (2 * t3 - 3 * t2 + 1) * knee + (t3 - 2 * t2 + t) * (1 - knee) + (-2 * t3 + 3 * t2) * maxLum
        }
        return SDRToHDR.pqInverse(e2 * sourceTop) * 10_000 / SDRToHDR.pqWhiteNits
    }

    /// BT.1886's inverse: SDR linear light (1.0 = white, clipped) as its signal.
    public static func sdrGamma(_ l: Double) -> Double { Double.pow(min(1, max(0, l)), 1 / 2.4) }

    /// Linear BT.2020 display light (1.0 = 203 cd/m²) as SDR BT.709 R'G'B' (0...1).
    public static func sdrSignal(fromLight light: (Double, Double, Double)) -> (Double, Double, Double) {
        let y = HDRColorMath.luma2020(light.0, light.1, light.2)
        let gain = y > 0 ? eetf(y) / y : 0
        let narrow = SDRToHDR.apply(SDRToHDR.toBT709, (light.0 * gain, light.1 * gain, light.2 * gain))
        return (sdrGamma(narrow.0), sdrGamma(narrow.1), sdrGamma(narrow.2))
    }

    /// An HDR R'G'B' (BT.2020, 0...1) as the SDR R'G'B' (BT.709, 0...1) an SDR screen shows.
    public static func toneMapped(_ rgb: (Double, Double, Double), _ transfer: HDRTransfer) -> (Double, Double, Double) {
        sdrSignal(fromLight: displayLight(rgb, transfer))
    }
}
