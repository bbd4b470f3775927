import Testing
import LTXMedia

/// `SDRToHDR`, pure: BT.709 SDR signal to BT.2020 HLG or PQ, the standards'
/// formulas. Expected values computed from BT.2100's and BT.2408's numbers.
@Suite struct SDRToHDRTests {
    static func near(_ a: (Double, Double, Double), _ b: (Double, Double, Double), within e: Double = 1e-5) -> Bool {
        abs(a.0 - b.0) <= e && abs(a.1 - b.1) <= e && abs(a.2 - b.2) <= e
    }

    /// BT.2408: SDR reference white (203 cd/m²) is 75 % of the HLG signal and 58.07 % of PQ's.
    @Test func referenceWhiteGoesWhereBT2408PutsIt() {
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (1, 1, 1), .hlg), (0.75, 0.75, 0.75)))
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (1, 1, 1), .pq), (0.580_689, 0.580_689, 0.580_689)))
    }

    /// Black stays black: HLG's zero, PQ's 0 cd/m² (7.3e-7, its formula's floor).
    @Test func blackStaysBlack() {
        #expect(SDRToHDR.hdrSignal(fromSDR: (0, 0, 0), .hlg) == (0, 0, 0))
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (0, 0, 0), .pq), (0, 0, 0), within: 1e-6))
    }

    /// Mid grey (0.5, 18.9 % light) and pure red, through the BT.2087 matrix.
    @Test func knownValues() {
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (0.5, 0.5, 0.5), .hlg), (0.388_076, 0.388_076, 0.388_076)))
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (0.5, 0.5, 0.5), .pq), (0.415_638, 0.415_638, 0.415_638)))
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (1, 0, 0), .hlg), (0.655_873, 0.234_359, 0.114_145)))
        #expect(Self.near(SDRToHDR.hdrSignal(fromSDR: (1, 0, 0), .pq), (0.532_546, 0.327_023, 0.220_068)))
    }

    /// A brighter SDR grey is a brighter HDR signal, on both transfers, over the whole range.
    @Test(arguments: [HDRTransfer.hlg, .pq])
    func monotonic(_ transfer: HDRTransfer) {
        let ramp = (0...100).map { SDRToHDR.hdrSignal(fromSDR: (Double($0) / 100, Double($0) / 100, Double($0) / 100), transfer).1 }
        #expect(zip(ramp, ramp.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// `sdrSignal` undoes `hdrSignal` for colours inside BT.709 (how the splice tests compare pictures).
    @Test(arguments: [HDRTransfer.hlg, .pq])
    func backToSDR(_ transfer: HDRTransfer) {
        for rgb in [(0.8, 0.4, 0.2), (0.1, 0.6, 0.9), (1.0, 1.0, 1.0), (0.25, 0.25, 0.25)] {
            let back = SDRToHDR.sdrSignal(fromHDR: SDRToHDR.hdrSignal(fromSDR: rgb, transfer), transfer)
            #expect(Self.near(back, rgb, within: 1e-4), "\(rgb) came back \(back)")
        }
    }
}
