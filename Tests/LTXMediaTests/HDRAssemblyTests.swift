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
                                 "-frames:v", String(frames), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", path])
        guard let rotate else { return path }
        // FFmpeg 5.1 writes the tag as a display matrix only when remuxing.
        let turned = "\(dir)/\(name)-turned.mp4"
        try Self.tool("ffmpeg", ["-i", path, "-c", "copy", "-metadata:s:v:0", "rotate=\(rotate)", "-y", turned])
        return turned
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

    /// A piece's ZIP: frames `range` (from 0) of a whole clip's answer, numbered from 1,
    /// each picture's light times `gain` (re-encoded as ACEScg) unless `gain` is 1.
    func piece(of zip: String, frames range: Range<Int>, total: Int, gain: Float = 1, name: String) throws -> HDRPieceAnswer {
        let source = try EXRArchive(path: zip, expectedFrames: total)
        let path = "\(dir)/\(name).zip"
        let out = try EXRArchiveWriter(path: path)
        let decoder = try EXRDecoder(assumed: .acescg)
        for (n, i) in range.enumerated() {
            var bytes = try source.frame(i + 1)
            if gain != 1 {
                var (_, picture) = try decoder.decode(bytes, path: zip, frame: i + 1)
                for k in picture.r.indices { picture.r[k] *= gain; picture.g[k] *= gain; picture.b[k] *= gain }
                let encoder = try EXRImageEncoder(width: picture.width, height: picture.height, colorSpace: .acescg, from: .bt2020, path: path)
                bytes = try encoder.encode(EXRImageEncoder.pixel(of: picture))
            }
            try out.add(name: EXRFrames.name(n + 1), bytes)
        }
        return HDRPieceAnswer(zip: path, firstFrame: range.lowerBound, frameCount: range.count)
    }

    @Test func hlgMovFromOverlappingPiecesKeepsRotationAndWritesTheEXRSequence() throws {
        let input = try clip("portrait", rotate: 90)
        let whole = "\(dir)/whole.zip"
        #expect(try EXRFrames.write(from: input, to: whole) == 25)
        let pieces = [try piece(of: whole, frames: 0..<15, total: 25, name: "a"), try piece(of: whole, frames: 10..<25, total: 25, name: "b")]
        let output = "\(dir)/.hdr.mov.tmp", exr = "\(dir)/exr"
        let report = try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: pieces, output: output, transfer: .hlg,
                                                                 exrDirectory: exr, destination: "\(dir)/hdr.mov"))
        #expect(report.frames == 25 && report.exrFilesWritten == 25)
        let inRotation = try MediaProbe.probeBlocking(input).primaryVideo?.rotation
        #expect(inRotation == 270)
        #expect(report.rotation == 270)
        let media = try MediaProbe.probeBlocking(output)
        #expect(media.container == .mov)
        #expect(media.primaryVideo?.rotation == 270)
        #expect(media.primaryVideo?.frameCount == 25)
        let probe = try Self.probe(output)
        for line in ["color_transfer=arib-std-b67", "color_primaries=bt2020", "color_space=bt2020nc", "codec_tag_string=hvc1", "width=64", "height=36"] {
            #expect(probe.contains(line + "\n"), "\(line) not in\n\(probe)")
        }
        #expect(!probe.contains("Mastering display metadata"))  // HDR10's metadata is PQ's
        // The sequence FFmpeg reads: 25 pictures; a frame of one piece is its file as answered,
        // a frame in the overlap (identical pictures here) the same light crossfaded.
        let decoded = try Self.tool("ffmpeg", ["-i", "\(exr)/frame_%06d.exr", "-f", "null", "-"])
        #expect(decoded.contains("frame=   25 "), "\(decoded.suffix(300))")
        let answer = try EXRArchive(path: whole, expectedFrames: 25)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(exr)/frame_000003.exr"))) == answer.frame(3))
        let decoder = try EXRDecoder(assumed: .acescg)
        let (_, mixed) = try decoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: "\(exr)/frame_000013.exr"))), path: exr, frame: 13)
        let (_, original) = try decoder.decode(try answer.frame(13), path: whole, frame: 13)
        let worst = zip(mixed.g, original.g).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 0.01)
        #expect(report.boundarySteps.map(\.frame) == [10])
    }

    @Test func anExposureJumpBetweenPiecesIsReported() throws {
        let input = try clip("jump")
        let whole = "\(dir)/whole.zip"
        _ = try EXRFrames.write(from: input, to: whole)
        let pieces = [try piece(of: whole, frames: 0..<8, total: 25, name: "a"), try piece(of: whole, frames: 8..<16, total: 25, name: "b"),
                      try piece(of: whole, frames: 16..<25, total: 25, gain: 4, name: "c")]
        let report = try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: pieces, output: "\(dir)/jump.mkv"))
        #expect(report.boundarySteps.map(\.frame) == [8, 16])
        let (natural, jump) = (report.boundarySteps[0], report.boundarySteps[1])
        #expect(jump.crossfadeAdvised)
        #expect(jump.step > 3 * jump.withinMax && jump.withinMax > 0, "\(jump)")
        #expect(natural.step * 10 < jump.step, "\(natural)")
        #expect(try MediaProbe.probeBlocking("\(dir)/jump.mkv").container == .mkv)
    }

    @Test func eachColourSpaceCarriesItsChromaticitiesAndDecodesToTheSameLight() throws {
        let input = try clip("spaces", frames: 5)
        var light: [HDRColorSpace: LinearPicture] = [:]
        for space in HDRColorSpace.allCases {
            let archive = "\(dir)/\(space.rawValue).zip"
            #expect(try EXRFrames.write(from: input, to: archive, colorSpace: space) == 5)
            let bytes = try EXRArchive(path: archive, expectedFrames: 5).frame(2)
            let read = EXRHeader(bytes)?.chromaticities(in: bytes)?.values ?? []
            #expect(read.count == 8 && zip(read, space.chromaticities.values).allSatisfy { abs($0 - $1) < 1e-6 }, "\(space): \(read)")
            // Assumed ACEScct: AP1 chromaticities then mean ACEScct, else they name the space themselves.
            let (found, picture) = try EXRDecoder(assumed: .acescct).decode(bytes, path: archive, frame: 2)
            #expect(found == (space == .acescg ? .acescct : space))
            light[space] = picture
        }
        let reference = try #require(light[.srgbLinear])
        let (_, asACEScg) = try EXRDecoder(assumed: .acescg).decode(try EXRArchive(path: "\(dir)/acescg.zip", expectedFrames: 5).frame(2), path: "", frame: 2)
        light[.acescg] = asACEScg
        for (space, p) in light {
            let worst = zip(p.r + p.g + p.b, reference.r + reference.g + reference.b).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 0.02, "\(space): \(worst)")
        }
    }

    @Test func piecesInDifferentColourSpacesAreEachConverted() throws {
        let input = try clip("mixed")
        let (ap0, cct) = ("\(dir)/ap0.zip", "\(dir)/cct.zip")
        _ = try EXRFrames.write(from: input, to: ap0, colorSpace: .aces2065_1)
        _ = try EXRFrames.write(from: input, to: cct, colorSpace: .acescct)
        let pieces = [try piece(of: ap0, frames: 0..<12, total: 25, name: "a"), try piece(of: cct, frames: 12..<25, total: 25, name: "b")]
        let output = "\(dir)/mixed-hdr.mp4"
        let report = try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: pieces, output: output, assumedColorSpace: .acescct))
        #expect(report.colorSpaces == [.aces2065_1, .acescct])
        #expect(report.boundarySteps.first?.crossfadeAdvised == false)
        let psnr = try Self.psnrBackToSDR(output, against: input)
        #expect(psnr.y > 32 && psnr.average > 27, "PSNR back to SDR: \(psnr) dB")
    }

    @Test func brokenAnswersAreTypedErrors() throws {
        let input = try clip("broken", frames: 5)
        let whole = "\(dir)/whole.zip"
        _ = try EXRFrames.write(from: input, to: whole)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let truncated = "\(dir)/truncated.zip"
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let request = HDRAssemblyRequest(input: input, pieces: [HDRPieceAnswer(zip: truncated, firstFrame: 0, frameCount: 5)], output: "\(dir)/t.mp4")
        let error = #expect(throws: MediaError.self) { try HDRAssembly.assemble(request) }
        #expect(error?.kind == .truncated && error?.message.hasPrefix("not a complete ZIP archive") == true, "\(String(describing: error))")

        // Frames 4, 2, 1 in that order, frame 3 missing: named by number, not by place.
        let gap = "\(dir)/gap.zip"
        let writer = try EXRArchiveWriter(path: gap)
        for n in [4, 2, 1] { try writer.add(name: "answer/" + EXRFrames.name(n), [UInt8(n)]) }
        let missing = #expect(throws: MediaError.self) { try EXRArchive(path: gap, expectedFrames: 4) }
        #expect(missing?.kind == .truncated && missing?.message == "frame 3 of 4 is missing from the ZIP")
        try writer.add(name: "answer/" + EXRFrames.name(3), [3])
        let complete = try EXRArchive(path: gap, expectedFrames: 4)
        #expect(try (1...4).map { try complete.frame($0) } == [[1], [2], [3], [4]])

        let cancelled = #expect(throws: MediaError.self) {
            try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: [HDRPieceAnswer(zip: whole, firstFrame: 0, frameCount: 5)],
                                                        output: "\(dir)/c.mp4"), cancelled: { true })
        }
        #expect(cancelled?.kind == .cancelled)
        let short = #expect(throws: MediaError.self) {
            try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: [HDRPieceAnswer(zip: whole, firstFrame: 0, frameCount: 4)],
                                                        output: "\(dir)/s.mp4"))
        }
        #expect(short?.message == "the pieces cover 4 frames; the input has 5")
    }

    @Test func uprightAnswersOfAPortraitClipAreTurnedBack() throws {
        // A row "A B" turned a quarter clockwise is a column, A on top.
        let row = LinearPicture(width: 2, height: 1, r: [1, 2], g: [1, 2], b: [1, 2])
        #expect(row.turned(clockwise: 90).r == [1, 2] && row.turned(clockwise: 90).width == 1)
        #expect(row.turned(clockwise: 270).r == [2, 1])

        let input = try clip("upright", frames: 5, rotate: 90)  // stored 64x36, shown turned 270° clockwise
        let stored = "\(dir)/stored.zip"
        _ = try EXRFrames.write(from: input, to: stored)
        // The answer as a player shows the clip: each picture turned by the clip's rotation.
        let source = try EXRArchive(path: stored, expectedFrames: 5)
        let upright = "\(dir)/upright.zip"
        let writer = try EXRArchiveWriter(path: upright)
        let decoder = try EXRDecoder(assumed: .acescg)
        for n in 1...5 {
            let shown = try decoder.decode(try source.frame(n), path: stored, frame: n).1.turned(clockwise: 270)
            let encoder = try EXRImageEncoder(width: shown.width, height: shown.height, colorSpace: .acescg, from: .bt2020, path: upright)
            try writer.add(name: EXRFrames.name(n), try encoder.encode(EXRImageEncoder.pixel(of: shown)))
        }
        let output = "\(dir)/upright.mp4"
        let report = try HDRAssembly.assemble(HDRAssemblyRequest(input: input, pieces: [HDRPieceAnswer(zip: upright, firstFrame: 0, frameCount: 5)],
                                                                 output: output))
        #expect((report.width, report.height, report.rotation) == (64, 36, 270))
        #expect(try MediaProbe.probeBlocking(output).primaryVideo?.rotation == 270)
        let psnr = try Self.psnrBackToSDR(output, against: input)
        #expect(psnr.y > 32, "PSNR back to SDR: \(psnr) dB")
    }
}
