import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LTXMedia

/// The colour arithmetic of `hdr` against the standards' published values.
@Suite struct HDRColorMathTests {
    @Test func pqAndHLGPutDiffuseWhiteWhereBT2408Does() {
        // ST 2084: 100 cd/m² is 0.5081, 203 cd/m² (BT.2408's diffuse white) 0.5806; HLG puts it at 75 %.
        #expect(abs(HDRColorMath.signal(100 / 203, .pq) - 0.5081) < 0.0005)
        #expect(abs(HDRColorMath.signal(1, .pq) - 0.5806) < 0.0005)
        #expect(abs(HDRColorMath.signal(1, .hlg) - 0.75) < 0.0005)
        #expect(HDRColorMath.signal(10_000 / 203, .pq) > 0.9999)
        #expect(HDRColorMath.signal(100, .hlg) == HDRColorMath.signal(1 / SDRToHDR.hlgWhite, .hlg))  // scene light clipped at 1
    }

    @Test func bt709ToBT2020FromChromaticitiesIsBT2087() {
        let m = HDRColorMath.conversion(from: .bt709, to: .bt2020)
        let bt2087: [[Double]] = [[0.6274, 0.3293, 0.0433], [0.0691, 0.9195, 0.0114], [0.0164, 0.0880, 0.8956]]
        for (row, expected) in zip(m, bt2087) {
            for (v, e) in zip(row, expected) { #expect(abs(v - e) < 0.0002, "\(m)") }
        }
    }

    @Test func acesPrimariesAdaptD60WhiteToD65ByBradford() {
        // ACEScg to BT.2020 with Bradford adaptation (colour-science's RGB_to_RGB, CAT "Bradford").
        let m = HDRColorMath.toBT2020(.acescg)
        let expected: [[Double]] = [[1.02582, -0.02005, -0.00577], [-0.00223, 1.00459, -0.00235], [-0.00501, -0.02529, 1.03030]]
        for (row, e) in zip(m, expected) {
            for (v, x) in zip(row, e) { #expect(abs(v - x) < 0.0002, "\(m)") }
        }
        // ACES white stays white on a D65 display: every row adds up to 1.
        for space in HDRColorSpace.allCases {
            for row in HDRColorMath.toBT2020(space) { #expect(abs(row.reduce(0, +) - 1) < 1e-9, "\(space)") }
        }
    }

    @Test func acescctDecodesToLinear() {
        // S-2016-001: 18 % grey is 0.4135884; the toe starts at 0.0729055 for black.
        #expect(abs(HDRColorMath.acescctToLinear(0.413_588_4) - 0.18) < 1e-6)
        #expect(abs(HDRColorMath.acescctToLinear(0.072_905_534_195_835_5)) < 1e-12)
        for l in [0.0, 0.001, 0.0078125, 0.05, 0.18, 1, 16, 222] {
            #expect(abs(HDRColorMath.acescctToLinear(HDRColorMath.linearToACEScct(l)) - l) < 1e-9 * max(1, l))
        }
    }

    @Test func ycbcrIsBT2020LimitedRange10Bit() {
        #expect(HDRColorMath.ycbcr10(1, 1, 1) == (940, 512, 512))
        #expect(HDRColorMath.ycbcr10(0, 0, 0) == (64, 512, 512))
        #expect(HDRColorMath.ycbcr10(0, 0, 1) == (116, 960, 476))  // blue: Cb at its top
    }

    @Test func signalTableMatchesTheFormulaToAHalfCode() throws {
        for transfer in HDRTransfer.allCases {
            let frame = try HDRSignalFrame(width: 2, height: 2, transfer: transfer)
            var worst = 0.0
            for i in 0...20_000 {
                let l = pow(Double(i) / 20_000, 2) * 49  // up to 10,000 cd/m²
                worst = max(worst, abs(Double(frame.signal(Float(l))) - HDRColorMath.signal(l, transfer)) * 876)
            }
            #expect(worst < 0.5, "\(transfer): \(worst) codes")
        }
    }

    @Test func chromaticitiesNameTheNearestColourSpace() {
        #expect(HDRColorSpace.matching(.ap1, asked: .acescg) == .acescg)
        #expect(HDRColorSpace.matching(.ap1, asked: .acescct) == .acescct)
        #expect(HDRColorSpace.matching(.ap1, asked: .srgbLinear) == .acescg)
        #expect(HDRColorSpace.matching(.ap0, asked: .acescg) == .aces2065_1)
        #expect(HDRColorSpace.matching(Chromaticities([0.64, 0.33, 0.3, 0.6, 0.15, 0.06, 0.3127, 0.329]), asked: .acescg) == .srgbLinear)
        #expect(HDRColorSpace.matching(.bt2020, asked: .acescg) == nil)
    }
}
