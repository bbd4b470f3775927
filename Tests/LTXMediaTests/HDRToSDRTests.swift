import Foundation
@testable import LTXMedia
import Testing
import TestSupport

/// `HDRToSDR`, pure: PQ and HLG signals as an SDR screen shows them. The
/// expected values are BT.2100's and BT.2390's formulas worked separately
/// (in Python, double precision); 1e-4 leaves room only for the constants'
/// rounding, a tenth of an 8-bit step (1/255 = 0.0039).
@Suite struct HDRToSDRTests {
    static func grey(_ s: Double, _ t: HDRTransfer) -> (Double, Double, Double) { HDRToSDR.toneMapped((s, s, s), t) }
    static func near(_ a: (Double, Double, Double), _ b: (Double, Double, Double), within e: Double = 1e-4) -> Bool {
        abs(a.0 - b.0) <= e && abs(a.1 - b.1) <= e && abs(a.2 - b.2) <= e
    }

    /// BT.2408's reference white (203 cd/m²: PQ 0.580689, HLG 75 % on a
    /// 1,000 cd/m² display) lands at 90.3 % SDR signal, the same for both:
    /// near white, with the last tenth left for the highlights above it.
    @Test func referenceWhiteIsNearSDRWhite() {
        #expect(Self.near(Self.grey(0.580_689, .pq), (0.903_316, 0.903_316, 0.903_316)))
        #expect(Self.near(Self.grey(0.75, .hlg), (0.903_443, 0.903_443, 0.903_443)))
    }

    /// Below the EETF's knee (~88 cd/m²) nothing is compressed: PQ 50 cd/m²
    /// is (50/203)^(1/2.4); HLG 50 % is its OOTF's 50.6 cd/m² the same way.
    /// 100 cd/m² is just past the knee: 99.4 cd/m², 0.7425 (not 0.7443).
    @Test func lightBelowTheKneeIsKeptAndAboveItRolledOff() {
        #expect(Self.near(Self.grey(0.440_282, .pq), (0.557_760, 0.557_760, 0.557_760)))
        #expect(Self.near(Self.grey(0.508_078, .pq), (0.742_535, 0.742_535, 0.742_535)))
        #expect(Self.near(Self.grey(0.5, .hlg), (0.560_987, 0.560_987, 0.560_987)))
    }

    /// Black is black; the display's peak (HLG 100 %, PQ 1,000 cd/m²) is
    /// SDR white, and PQ's 10,000 cd/m² clips there.
    @Test(arguments: HDRTransfer.allCases)
    func blackAndPeak(_ t: HDRTransfer) {
        #expect(Self.grey(0, t) == (0, 0, 0))
        let peak = t == .hlg ? 1.0 : 0.751_827
        #expect(Self.near(Self.grey(peak, t), (1, 1, 1)))
        #expect(Self.near(Self.grey(1, t), (1, 1, 1)))
    }

    /// BT.2020's pure primaries lie outside BT.709: the matrix gives the
    /// other two channels negative values, which must clip to 0 (not wrap to
    /// bright bytes), leaving BT.709's own primary at full signal.
    @Test(arguments: HDRTransfer.allCases)
    func bt2020PrimariesClipToBT709s(_ t: HDRTransfer) {
        #expect(HDRToSDR.toneMapped((1, 0, 0), t) == (1, 0, 0))
        #expect(HDRToSDR.toneMapped((0, 1, 0), t) == (0, 1, 0))
        #expect(HDRToSDR.toneMapped((0, 0, 1), t) == (0, 0, 1))
        for rgb in [(0.6, 0.1, 0.9), (0.2, 0.7, 0.3), (0.9, 0.9, 0.1)] {
            let s = HDRToSDR.toneMapped(rgb, t)
            #expect([s.0, s.1, s.2].allSatisfy { (0...1).contains($0) }, "\(rgb) gave \(s)")
        }
    }

    /// An SDR colour put into PQ by `SDRToHDR` (the splice's and the
    /// sandbox's direction) comes back as it was while its luminance is
    /// below the knee: the two directions agree on white and on BT.1886.
    @Test func anSDRColourInPQComesBackBelowTheKnee() {
        for rgb in [(0.5, 0.3, 0.2), (0.2, 0.6, 0.4), (0.65, 0.65, 0.65)] {
            let back = HDRToSDR.toneMapped(SDRToHDR.hdrSignal(fromSDR: rgb, .pq), .pq)
            #expect(Self.near(back, rgb), "\(rgb) came back \(back)")
        }
    }

    /// A brighter grey is never a darker SDR grey.
    @Test(arguments: HDRTransfer.allCases)
    func monotonic(_ t: HDRTransfer) {
        let ramp = (0...200).map { Self.grey(Double($0) / 200, t).1 }
        #expect(zip(ramp, ramp.dropFirst()).allSatisfy { $0 <= $1 })
    }

    /// The lookup tables the thumbnail's pixel loop reads give the formulas'
    /// values to within half an 8-bit step, over greys and colours.
    @Test(arguments: HDRTransfer.allCases)
    func tablesMatchTheFormulasToHalfAByte(_ t: HDRTransfer) throws {
        let picture = try HDRToSDRPicture(width: 2, height: 2, transfer: t)
        var worst = 0.0
        let steps = (0...40).map { Double($0) / 40 }
        for r in steps { for g in [0, 0.3, 0.6, 0.9] { for b in [0, 0.45, 1] {
            let exact = HDRToSDR.toneMapped((r, g, b), t)
            let table = picture.sdr(Float(r), Float(g), Float(b))
            worst = max(worst, abs(Double(table.0) - exact.0), abs(Double(table.1) - exact.1), abs(Double(table.2) - exact.2))
        } } }
        #expect(worst * 255 < 0.5, "\(t): \(worst * 255) of an 8-bit step")
    }

    // MARK: - Thumbnails of real HDR files

    /// The fixtures' four bars (black, 50 % or 100 cd/m², reference white,
    /// the 1,000 cd/m² peak) as the thumbnail shows them, read back by the
    /// ffmpeg CLI as 8-bit grey (the PNG is lossless): what the formulas
    /// give (255 × the SDR signal above) to 2 steps (the RGB-to-yuv420p-to-
    /// RGB round trip through swscale rounds each way), and not the signal
    /// shown as if it were SDR, which ffmpeg's own decode gives (no tone
    /// mapping): there reference white is 191 (HLG) or 148 (PQ), grey.
    @Test(arguments: [("hevc_hlg10_bars.mp4", [0, 143, 230, 255], [0, 128, 191, 255]),
                      ("hevc_pq10_bars.mp4", [0, 189, 230, 255], [0, 130, 148, 192])])
    func hdrBarsAreToneMappedForAnSDRScreen(_ file: String, _ expected: [Int], _ untoneMapped: [Int]) throws {
        let path = Fixtures.path(file)
        let t = try Thumbnail.make(path: path, at: .frame(0), maxSide: 128, encoding: .png)
        #expect(t.width == 128 && t.height == 64)
        let dir = TemporaryDirectory.make("hdr-thumbnail")
        try Data(t.bytes).write(to: URL(fileURLWithPath: "\(dir)/thumb.png"))
        // Each bar's middle 16 columns, away from the edges the scalers blur.
        func bars(_ gray: [UInt8]) -> [Int] {
            (0..<4).map { bar in
                let values = (0..<64).flatMap { y in (bar * 32 + 8..<bar * 32 + 24).map { Int(gray[y * 128 + $0]) } }
                return Int((Double(values.reduce(0, +)) / Double(values.count)).rounded())
            }
        }
        let shown = bars(try ThumbnailTests.gray(["-i", "\(dir)/thumb.png"]))
        let asSDR = bars(try ThumbnailTests.gray(["-i", path, "-frames:v", "1"]))
        #expect(zip(shown, expected).allSatisfy { abs($0 - $1) <= 2 }, "\(file): \(shown)")
        #expect(zip(asSDR, untoneMapped).allSatisfy { abs($0 - $1) <= 2 }, "\(file): ffmpeg shows \(asSDR)")
        // The direction: brighter mid-tones, reference white 39 (HLG) or 82 (PQ) steps nearer SDR white.
        #expect(shown[2] - asSDR[2] > 30, "\(file): \(shown) against \(asSDR)")
    }
}
