import Foundation
@testable import LTXMedia
import Testing
import TestSupport

@Suite struct ThumbnailTests {
    /// Stored 128x64 with a quarter-turn display rotation: a player shows 64x128.
    static let rotated = Fixtures.path("h264_rotated.mp4")

    @Test func rotatedClipComesOutUprightAsFFmpegShowsIt() throws {
        let t = try Thumbnail.make(path: Self.rotated, at: .frame(0), maxSide: 240, encoding: .png)
        #expect(t.width == 64 && t.height == 128)
        #expect(t.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let dir = TemporaryDirectory.make("thumbnail")
        try Data(t.bytes).write(to: URL(fileURLWithPath: "\(dir)/thumb.png"))
        // The ffmpeg CLI turns a rotated clip upright by default: the same picture,
        // and not the one turned the other way (a half turn of it).
        let ours = try Self.gray(["-i", "\(dir)/thumb.png"])
        let upright = try Self.gray(["-i", Self.rotated, "-frames:v", "1"])
        try #require(ours.count == 64 * 128 && upright.count == ours.count)
        let same = Self.meanDifference(ours, upright), turned = Self.meanDifference(ours, Array(upright.reversed()))
        #expect(same < 6, "mean difference \(same)")
        #expect(same * 3 < turned, "upright \(same), turned \(turned)")
    }

    @Test func momentPicksThePictureByTimeOrIndexAndTheLastPastTheEnd() throws {
        // 97 pictures at 24 per second.
        let byTime = try Thumbnail.make(path: Self.rotated, at: .seconds(2), maxSide: 32)
        let byIndex = try Thumbnail.make(path: Self.rotated, at: .frame(48), maxSide: 32)
        let past = try Thumbnail.make(path: Self.rotated, at: .seconds(100), maxSide: 32)
        #expect(abs(byTime.seconds - 2) < 0.001)
        #expect(abs(byIndex.seconds - 2) < 0.001)
        #expect(abs(past.seconds - 4) < 0.001)
        // The default is a JPEG no larger than asked, in the display shape.
        #expect(byTime.bytes.starts(with: [0xFF, 0xD8]))
        #expect(byTime.width == 16 && byTime.height == 32)
    }

    /// A moment in seconds seeks to the keyframe before it and decodes one
    /// GOP, and gives the picture a decode from the start gives: a clip with
    /// a keyframe every 2 s (1440 pictures at 24 fps), an MPEG-TS at 25 fps (no index;
    /// its clock starts at 11.4 s; a keyframe each second, B-frames) and an
    /// MP4 with B-frames and an edit list (its first keyframe shown before 0).
    @Test(arguments: [("h264_60s_gop2s.mp4", 50.5, 1212), ("h264_aac_ts_clock_24s.ts", 15.6, 390), ("h264_bframes_editlist.mp4", 2.5, 60)])
    func seekingGivesThePictureADecodeFromTheStartGives(file: String, seconds: Double, frame: Int) throws {
        let path = Fixtures.path(file)
        let sought = try Thumbnail.make(path: path, at: .seconds(seconds), maxSide: 64, encoding: .png)
        let decoded = try Thumbnail.make(path: path, at: .frame(frame), maxSide: 64, encoding: .png)
        #expect(abs(sought.seconds - seconds) < 0.001)
        #expect(sought.seconds == decoded.seconds)
        #expect(sought.bytes == decoded.bytes)
        // What the seek saves: from the keyframe before the moment, not from the start.
        let fromKeyframe = try Thumbnail.picture(path: path, at: .seconds(seconds)).decoded
        let fromStart = try Thumbnail.picture(path: path, at: .seconds(seconds), seeking: false).decoded
        #expect(fromStart == frame + 1)
        #expect(fromKeyframe < 30, "\(fromKeyframe) pictures decoded")
    }

    @Test func soundHasNoPicture() {
        do {
            _ = try Thumbnail.make(path: Fixtures.path("aac_lc_5s.m4a"), at: .frame(0), maxSide: 64)
            Issue.record("a picture from a file with no video")
        } catch {
            #expect(error.kind == .noStreams)
        }
    }

    /// The first picture of ffmpeg's decode of `input` as 8-bit gray pixels.
    static func gray(_ input: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-v", "error"] + input + ["-f", "rawvideo", "-pix_fmt", "gray", "-"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    static func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(max(1, a.count))
    }
}
