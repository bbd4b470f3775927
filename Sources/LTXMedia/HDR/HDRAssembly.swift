internal import CFFmpeg

/// Turns the API's HDR answers (ZIPs of EXR frames) into one HDR10 (PQ) or
/// HLG video of the input's size, frame count, frame rate and rotation, with
/// the input's audio copied packet for packet. HEVC Main 10 by libx265,
/// tagged BT.2020 / PQ or HLG / BT.2020 NCL.
///
/// Two passes over the frames: the first measures the light (MaxCLL and
/// MaxFALL go into the encoder's parameters and the stream's header, both
/// written before the first picture), the second encodes. Decoding twice
/// costs less than holding a piece's float pictures (25 MB a 1080p frame).
/// The rest follows doc/examples/transcode.c's order: input opened and its
/// stream info read, encoder opened, output streams added, header written,
/// frames encoded and packets interleaved, encoder flushed, trailer written.
public enum HDRAssembly {
    /// BT.2020 primaries and D65 in the units of x265's `master-display` and
    /// ST 2086 (1/50000): red, green, blue, white, x then y.
    static let bt2020Primaries: [Int32] = [35400, 14600, 8500, 39850, 6550, 2300, 15635, 16450]
    /// The mastering display's black, cd/m².
    static let masteringMin = 0.0001
    /// x265's speed: two cores; `medium` takes about twice as long for a
    /// picture that is hardly better at this bitrate.
    static let preset = "fast"
    static let crf = 18

    /// The mastering display's peak: the content's brightest pixel, but at
    /// least 1000 cd/m², the peak of the reference monitors HDR10 is graded on
    /// and what players' tone mapping expects; a lower value would claim a
    /// display dimmer than any HDR display, which some players then map to SDR.
    static func masteringMax(maxCLL: Int) -> Int { min(10_000, max(1000, maxCLL)) }

    /// Blocks the calling thread: callers run it on `BlockingExecutor`.
    /// `progress` gets (steps done, steps in all): each frame is measured, then encoded.
    public static func assemble(_ request: HDRAssemblyRequest, cancelled: @Sendable () -> Bool = { false },
                                progress: (@Sendable (Int, Int) -> Void)? = nil) throws(MediaError) -> HDRAssemblyReport {
        _ = FFmpegLog.quietByDefault
        guard request.output != request.input else {
            throw MediaError(kind: .output, path: request.output, message: "refusing to write over the input")
        }
        let muxer = try Self.muxer(for: request.destination ?? request.output)
        let input = try FormatContext(path: request.input, timeout: nil)
        try input.findStreamInfo()
        guard let videoIndex = input.firstStream(AVMEDIA_TYPE_VIDEO) else {
            throw MediaError(kind: .noStreams, path: request.input, message: "has no video stream")
        }
        let info = try MediaProbe.probeBlocking(request.input)
        guard let video = info.primaryVideo, video.frameCount > 0 else {
            throw MediaError(kind: .noStreams, path: request.input, message: "has no video frames")
        }
        let rate = input.withStream(videoIndex) { st in
            StreamFrameRate.of(st)
        }
        let (width, height) = (video.codedWidth, video.codedHeight)
        let frames = try HDRPieceFrames(pieces: request.pieces, frameCount: video.frameCount, size: (width, height),
                                        rotation: video.rotation, assumed: request.assumedColorSpace)
        let total = frames.frameCount
        func checkCancelled() throws(MediaError) {
            if cancelled() { throw MediaError(kind: .cancelled, path: request.output, message: "cancelled") }
        }

        // Pass 1: the light of every output frame.
        var lights: [LinearPicture.Light] = []
        for i in 0..<total {
            try checkCancelled()
            lights.append(try frames.picture(i).light)
            progress?(i + 1, 2 * total)
        }
        let maxCLL = Int((lights.map(\.maxComponent).max() ?? 0).rounded(.up))
        let maxFALL = Int((lights.map(\.averageMaxComponent).max() ?? 0).rounded(.up))
        let mastering = HDRMasteringDisplay(primaries: "bt2020", whitePoint: "D65", minLuminance: masteringMin,
                                            maxLuminance: Double(masteringMax(maxCLL: maxCLL)))

        // Pass 2: encode, with the audio interleaved by time.
        let writer = try HDRVideoWriter(input: input, videoIndex: videoIndex, output: request.output, muxer: muxer,
                                        size: (width, height), rate: rate, transfer: request.transfer,
                                        light: request.transfer == .pq ? (maxCLL, maxFALL, mastering) : nil)
        let signal = try HDRSignalFrame(width: width, height: height, transfer: request.transfer)
        let exr = try request.exrDirectory.map { dir throws(MediaError) in try HDRFrameDirectory(path: dir) }
        for i in 0..<total {
            try checkCancelled()
            let picture = try frames.picture(i)
            try writer.write(signal.convert(picture, pts: Int64(i)))
            if let exr { try exr.write(frame: i, from: frames, picture: picture) }
            progress?(total + i + 1, 2 * total)
        }
        try writer.finish()
        return HDRAssemblyReport(frames: total, width: width, height: height, frameRate: Double(rate.num) / Double(rate.den),
                                 rotation: video.rotation, transfer: request.transfer, maxCLL: maxCLL, maxFALL: maxFALL,
                                 mastering: mastering, colorSpaces: frames.colorSpaces,
                                 boundarySteps: HDRBoundaries.steps(meanLuminance: lights.map(\.meanLuminance), pieces: frames.pieces),
                                 audioPacketsCopied: writer.audioPackets, exrFilesWritten: exr?.written ?? 0)
    }

    /// The muxer for the output's name: MP4 and MOV (HEVC as `hvc1`) or Matroska.
    public static func muxer(for path: String) throws(MediaError) -> String {
        let name = path.lowercased()
        if name.hasSuffix(".mp4") { return "mp4" }
        if name.hasSuffix(".mov") { return "mov" }
        if name.hasSuffix(".mkv") { return "matroska" }
        throw MediaError(kind: .unsupported, path: path, message: "an HDR video is written as .mp4, .mov or .mkv")
    }
}
