import Testing
@testable import LTXMedia
import TestSupport

/// The size is the stream's own, whatever the container's header claims
/// (crafted fixtures: `fixtures/craft.py`).
@Suite struct StreamSizeTests {
    func video(_ name: String) throws -> VideoStreamInfo {
        try #require(try MediaProbe.probeBlocking(Fixtures.path(name)).primaryVideo)
    }

    @Test func mp4HeaderSmallerThanTheStream() throws {
        let v = try video("crafted_hdr1080_4096x2160.mp4")
        #expect(v.codedWidth == 4096 && v.codedHeight == 2160)
        #expect(v.displayWidth == 4096 && v.displayHeight == 2160)
        #expect(v.headerWidth == 1920 && v.headerHeight == 1080)
        #expect(v.headerSizeDiffers)
    }

    @Test func mp4HeaderLargerThanTheStream() throws {
        let v = try video("crafted_hdr65535_128x64.mp4")
        #expect(v.codedWidth == 128 && v.codedHeight == 64)
        #expect(v.headerWidth == 65535 && v.headerHeight == 65535)
        // Everything else is as the unpatched file says.
        let original = try video("conformant_h264_aac.mp4")
        #expect(v.frameCount == original.frameCount)
        #expect(v.pixelFormat == original.pixelFormat)
    }

    @Test func matroskaHeaderDisagrees() throws {
        let v = try video("crafted_hdr200x150_128x64.mkv")
        #expect(v.codedWidth == 128 && v.codedHeight == 64)
        #expect(v.headerWidth == 200 && v.headerHeight == 150)
    }

    @Test(arguments: ["conformant_h264_aac.mp4", "hevc_aac.mkv", "h264_rotated.mp4", "vp9_opus.webm", "h264.ts", "image.png"])
    func agreeingHeadersAreNotReported(_ name: String) throws {
        #expect(!(try video(name)).headerSizeDiffers)
    }

    @Test func zeroTailedTransportStreamCountsLikeTheOriginal() throws {
        let padded = try MediaProbe.probeBlocking(Fixtures.path("crafted_ts_zero_tail.ts"))
        let original = try MediaProbe.probeBlocking(Fixtures.path("h264.ts"))
        #expect(padded.primaryVideo?.frameCount == original.primaryVideo?.frameCount)
        #expect(padded.primaryVideo?.frameCount == 97)
    }
}
