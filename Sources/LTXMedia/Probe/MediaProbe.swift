internal import CFFmpeg

/// Reads a media file's facts: container, streams, exact frame count and
/// the AAC profile as a decoder sees it, without decoding the video.
public enum MediaProbe {
    /// Probes `path` on a Dispatch thread, off Swift's cooperative pool.
    public static func probe(_ path: String, options: ProbeOptions = ProbeOptions()) async throws(MediaError) -> MediaInfo {
        try await BlockingExecutor.run { () throws(MediaError) -> MediaInfo in
            try probeBlocking(path, options: options)
        }
    }

    /// Probes `path` on the calling thread. Blocks on file I/O.
    public static func probeBlocking(_ path: String, options: ProbeOptions = ProbeOptions()) throws(MediaError) -> MediaInfo {
        try probeBlocking(path, options: options, analysis: .whereNeeded).info
    }

    /// Whether `avformat_find_stream_info` runs: only where the light path
    /// cannot tell the same (`LightStreamInfo`), or always (`full`, for
    /// tests that hold the light path to the full one).
    enum Analysis { case whereNeeded, full }

    /// The probe, and the light path's kind when it was taken (nil: the full path).
    static func probeBlocking(_ path: String, options: ProbeOptions,
                              analysis: Analysis) throws(MediaError) -> (info: MediaInfo, light: LightStreamInfo.Kind?) {
        _ = FFmpegLog.quietByDefault
        let size = try FileStatus.size(of: path)
        let input: FormatContext
        do throws(MediaError) {
            input = try FormatContext(path: path, timeout: options.timeout)
        } catch {
            if error.kind == .unreadable, let cut = MP4Truncation.error(path: path, fileSize: size, opened: false) { throw cut }
            throw error
        }
        let demuxer = input.demuxerName
        if demuxer.hasPrefix("mov,"), let cut = MP4Truncation.error(path: path, fileSize: size, opened: true) { throw cut }
        // FFmpeg's tty demuxer accepts any text as "ANSI art"; nobody means that.
        if demuxer == "tty" {
            throw MediaError(kind: .unreadable, path: path, message: "not a media file (plain text)")
        }
        let light = analysis == .full ? nil : LightStreamInfo.kind(for: input)
        let declared = DeclaredSizes(input)
        if light == nil { try input.findStreamInfo() }

        let docType = demuxer.hasPrefix("matroska") ? MatroskaDocType.read(from: FileStatus.head(of: path, count: 128)) : nil
        let brand = input.metadata("major_brand")
        let container = ContainerFormat.identify(demuxer: demuxer, mp4Brand: brand, matroskaDocType: docType,
                                                 firstCodec: StreamReader.firstCodecName(input))

        let adtsHeader = container == .adts ? AACHeader(adts: FileStatus.head(of: path, count: 16)) : nil
        var streams = StreamReader.read(input, container: container, adtsHeader: adtsHeader)
        guard !streams.video.isEmpty || !streams.audio.isEmpty else {
            throw MediaError(kind: .noStreams, path: path, message: "no video, audio or image stream")
        }
        let unsettled = try FrameCounter.countFromIndex(&streams, in: input, fileSize: size)
        let clock = light == .transportStream ? TransportStreamClock(streams, fileSize: size, in: input) : nil
        if clock != nil { input.readStoredPackets() }
        try PacketScan.run(&streams, countVideo: unsettled, sniff: light, reveal: options.aacReveal, clock: clock, in: input)
        var duration = input.durationSeconds, bitRate = input.bitRate
        if let clock {
            // What the scan cannot vouch for, the analysis tells: start again on the full path.
            guard let timing = clock.settle(&streams, in: input) else {
                return try probeBlocking(path, options: options, analysis: .full)
            }
            (duration, bitRate) = (timing.duration, timing.bitRate)
        }
        try PictureSize.requireKnown(streams, path: path)
        declared.annotate(&streams)

        let info = MediaInfo(path: path, container: container, demuxer: demuxer,
                             brand: (docType ?? brand).map { $0.trimmingSpaces },
                             sizeBytes: size, duration: duration, bitRate: bitRate,
                             video: streams.video.map(\.info), audio: streams.audio, other: streams.other)
        return (info, light)
    }
}

extension MediaProbe {
    /// The container as the API sees it (for a Content-Type) and the file's
    /// size, from the header alone, on a Dispatch thread.
    public static func identify(_ path: String) async throws(MediaError) -> (container: ContainerFormat, sizeBytes: Int64) {
        try await BlockingExecutor.run { () throws(MediaError) -> (container: ContainerFormat, sizeBytes: Int64) in
            try identifyBlocking(path)
        }
    }

    /// `identify` on the calling thread: no stream analysis, no packet scan.
    /// MP4/MOV and Matroska are named by their first bytes; FFmpeg opens the
    /// rest. (It is not a check: an upload sends the bytes as they are.)
    public static func identifyBlocking(_ path: String) throws(MediaError) -> (container: ContainerFormat, sizeBytes: Int64) {
        _ = FFmpegLog.quietByDefault
        let size = try FileStatus.size(of: path)
        if let container = ContainerFormat.identify(head: FileStatus.head(of: path, count: DemuxerHint.headLength)) {
            return (container, size)
        }
        let input = try FormatContext(path: path, timeout: .seconds(30))
        let demuxer = input.demuxerName
        if demuxer == "tty" { throw MediaError(kind: .unreadable, path: path, message: "not a media file (plain text)") }
        let docType = demuxer.hasPrefix("matroska") ? MatroskaDocType.read(from: FileStatus.head(of: path, count: 128)) : nil
        let container = ContainerFormat.identify(demuxer: demuxer, mp4Brand: input.metadata("major_brand"), matroskaDocType: docType,
                                                 firstCodec: StreamReader.firstCodecName(input))
        return (container, size)
    }

    /// `path` opened for reading packets, and the index of its first video stream
    /// (not a still image); nil without one.
    static func firstVideo(_ path: String) throws(MediaError) -> (FormatContext, stream: Int)? {
        let input = try FormatContext(path: path, timeout: .seconds(30))
        try input.findStreamInfo()
        let streams = StreamReader.read(input, container: .other, adtsHeader: nil)
        guard let v = streams.video.first(where: { !$0.info.isImage }) else { return nil }
        return (input, v.info.index)
    }

    /// What cutting `start` to `end` out of the first video stream sends, read
    /// from the packets (no decoding): the keyframe a stream copy starts on, the
    /// pictures that copy holds, and the pictures an exact cut holds. The copy
    /// ends at the first packet in decode order shown at or after `end`, as
    /// the copy itself does (`CopyLane`), so with B-frames it can hold a few
    /// pictures fewer than the window's length; the exact cut holds every
    /// picture shown in `start..<end`. With `copying`, the copy keeps that
    /// length from its keyframe (a single call's window moved onto it) and
    /// ends there. Nil without a video stream.
    public static func windowCut(from start: Double, to end: Double, copying length: Double? = nil, in path: String) throws(MediaError) -> WindowCut? {
        guard let (input, stream) = try firstVideo(path) else { return nil }
        // Times here are on the file's own clock; the caller's and the answer's count from its start.
        let clock = input.clockStart
        let (start, end) = (clock + start, clock + end)
        let keyframe = try input.keyframeTime(atOrBefore: start, stream: stream)
        let origin = keyframe ?? start
        let copyEnd = length.map { origin + $0 } ?? end
        let timeBase = input.withStream(stream) { $0.pointee.time_base }
        var cut = WindowCut(keyframe: keyframe.map { $0 - clock }, copiedFrames: 0, exactFrames: 0)
        var copying = true
        let packet = Packet()
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == stream, let pts = packet.pts ?? packet.dts, let t = FFmpegTime.seconds(pts, timeBase) else { continue }
            if copying {
                if t >= copyEnd - 1e-6 { copying = false } else if t >= origin - 1e-6 {
                    cut.copiedFrames += 1
                    cut.copiedUntil = max(cut.copiedUntil ?? t - clock, t - clock)
                }
            }
            if t >= start - 1e-6 && t < end - 1e-6 { cut.exactFrames += 1 }
            // Pictures shown before `end` follow it in decode order by at most the
            // reorder delay, far under a second.
            if t >= end + 1 { break }
        }
        return cut
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.last == " " || s.last == "\0" { s.removeLast() }
        return String(s)
    }
}
