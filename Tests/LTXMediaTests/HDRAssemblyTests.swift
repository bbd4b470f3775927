import Foundation
import Testing
import TestSupport
@testable import LTXMedia

/// The sandbox's stand-in EXR frames (`EXRFrames`) assembled into HDR videos
/// (`HDRAssembly`), checked with ffprobe and ffmpeg, which are independent of
/// the code under test. Clips are made on demand: 64x36, 25 frames, AAC.
@Suite struct HDRAssemblyTests {
    let dir = TemporaryDirectory.make("ltx-hdr")

    /// Runs the ffmpeg CLI (or ffprobe); its standard output and error.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
        process.arguments = ["-hide_banner", "-nostdin"].filter { name == "ffmpeg" || $0 == "-hide_banner" } + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw MediaError(kind: .ffmpeg, message: "\(name) failed: \(text.suffix(600))") }
        return text
    }

    /// An SDR H.264 clip with AAC sound; `rotate` sets its display matrix (degrees as FFmpeg 5.1's `rotate` tag).
    func clip(_ name: String, frames: Int = 25, rotate: Int? = nil) throws -> String {
        let path = "\(dir)/\(name).mp4"
        try Self.tool("ffmpeg", ["-f", "lavfi", "-i", "testsrc2=size=64x36:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=\(Double(frames) / 25)",
                                 "-frames:v", String(frames), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"] + (rotate.map { ["-metadata:s:v:0", "rotate=\($0)"] } ?? []) + ["-y", path])
        return path
    }

    /// ffprobe's `key=value` lines for the first video stream, side data included.
    static func probe(_ path: String) throws -> String {
        try tool("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_streams", "-show_entries", "stream_side_data", path])
    }

    /// PSNR (dB: luma, and the average of the three planes) of `hdr` taken back to SDR BT.709 by zscale against `sdr`.
    static func psnrBackToSDR(_ hdr: String, against sdr: String) throws -> (y: Double, average: Double) {
        let log = try tool("ffmpeg", ["-i", hdr, "-i", sdr, "-lavfi",
                                      "[0:v]zscale=t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,tonemap=none,zscale=t=bt709:m=bt709:r=tv,format=yuv420p[a];[a][1:v]psnr",
                                      "-f", "null", "-"])
        guard let line = log.split(separator: "\n").last(where: { $0.contains("PSNR") }),
              let y = line.range(of: " y:"), let average = line.range(of: "average:") else { throw MediaError(kind: .ffmpeg, message: "no PSNR in \(log.suffix(400))") }
        func value(after r: Range<Substring.Index>) -> Double { Double(line[r.upperBound...].split(separator: " ").first ?? "") ?? 0 }
        return (value(after: y), value(after: average))
    }

    @Test func sandboxFramesBecomeAnHDR10VideoWithTheInputsAudio() throws {
        let input = try clip("in")
        let zip = "\(dir)/answer.zip"
        #expect(try EXRFrames.write(from: input, to: zip) == 25)
        let output = "\(dir)/hdr.mp4"
        let report = try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: [HDRPieceAnswer(zip: zip, firstFrame: 0, frameCount: 25)],
                                                                 output: output, transfer: .pq))
        #expect((report.frames, report.width, report.height, report.frameRate) == (25, 64, 36, 25))
        #expect(report.colorSpaces == [.acescg])
        let media = try MediaProbe.probeBlocking(output)
        #expect(media.primaryVideo?.frameCount == 25)
        let probe = try Self.probe(output)
        for line in ["codec_name=hevc", "profile=Main 10", "pix_fmt=yuv420p10le", "color_transfer=smpte2084", "color_primaries=bt2020",
                     "color_space=bt2020nc", "codec_tag_string=hvc1", "r_frame_rate=25/1",
                     "side_data_type=Mastering display metadata", "side_data_type=Content light level metadata",
                     "max_content=\(report.maxCLL)", "max_average=\(report.maxFALL)", "max_luminance=\(Int(report.mastering.maxLuminance * 10_000))/10000"] {
            #expect(probe.contains(line + "\n"), "\(line) not in\n\(probe)")
        }
        // testsrc2's white is SDR white: 203 cd/m², and nothing brighter.
        #expect(report.maxCLL >= 180 && report.maxCLL <= 204)
        #expect(report.maxFALL > 20 && report.maxFALL < report.maxCLL)
        #expect(report.mastering.maxLuminance == 1000)
        let audio = try StreamDigests.audioPackets(input)
        let copied = try StreamDigests.audioPackets(output)
        #expect(!audio.isEmpty && audio == copied)
        #expect(report.audioPacketsCopied == audio.count)
        // Measured 34.0 dB luma, 29.3 average: zscale's BT.709 curve is not BT.1886's 2.4 gamma the
        // frames were linearised with, and a 64x36 test pattern's saturated edges lose most to two 4:2:0 steps.
        let psnr = try Self.psnrBackToSDR(output, against: input)
        #expect(psnr.y > 32 && psnr.average > 27, "PSNR back to SDR: \(psnr) dB")
    }
}
