internal import CFFmpeg

/// Owns one opened `AVFormatContext` (an input file being demuxed) and the
/// deadline its interrupt callback reads. Callers get Swift values or
/// closure-scoped access; the pointers never leave this object.
final class FormatContext {
    let path: String
    private let context: UnsafeMutablePointer<AVFormatContext>
    private let deadline: UnsafeMutablePointer<Int64>

    /// Opens `path` and reads its header (`avformat_open_input`). `timeout`
    /// bounds every blocking call made through this context. A demuxer named
    /// by the file's first bytes (`DemuxerHint`) is tried without probing.
    convenience init(path: String, timeout: Duration?) throws(MediaError) {
        if let name = DemuxerHint.name(forHead: FileStatus.head(of: path, count: DemuxerHint.headLength)) {
            do { try self.init(path: path, timeout: timeout, demuxer: name); return } catch where error.kind != .timedOut {
                // The header did not hold what its first bytes promised: let FFmpeg probe.
            }
        }
        try self.init(path: path, timeout: timeout, demuxer: nil)
    }

    private init(path: String, timeout: Duration?, demuxer: String?) throws(MediaError) {
        self.path = path
        deadline = .allocate(capacity: 1)
        if let (seconds, attoseconds) = timeout?.components {
            deadline.pointee = av_gettime_relative() + seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        } else {
            deadline.pointee = 0  // no deadline: a long transcode is not a hang
        }
        var ctx = avformat_alloc_context()
        guard ctx != nil else { fatalError("avformat_alloc_context: out of memory") }
        cffmpeg_install_deadline(ctx, deadline)
        // On failure avformat_open_input frees the context and nils it.
        let format = demuxer.flatMap { av_find_input_format($0) }
        let rc = avformat_open_input(&ctx, path, format, nil)
        guard rc >= 0, let opened = ctx else {
            deadline.deallocate()
            throw FormatContext.openError(rc, path: path)
        }
        context = opened
    }

    deinit {
        var p: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&p)
        deadline.deallocate()
    }

    private static func openError(_ rc: Int32, path: String) -> MediaError {
        if rc == FFmpegError.exit {
            return MediaError(kind: .timedOut, path: path, operation: "avformat_open_input", code: rc,
                              message: "gave up: opening took longer than the time limit")
        }
        if rc == FFmpegError.invalidData {
            return MediaError(kind: .unreadable, path: path, operation: "avformat_open_input", code: rc,
                              message: "not a media file FFmpeg can read (\(FFmpegError.message(for: rc)))")
        }
        return MediaError.ffmpeg(rc, "avformat_open_input", path: path, kind: .unreadable)
    }

    /// Reads enough of the file to fill in codec parameters FFmpeg cannot
    /// take from the header alone (pixel format, field order...).
    func findStreamInfo() throws(MediaError) {
        let rc = avformat_find_stream_info(context, nil)
        // End of file before the streams could be told apart: the file was
        // cut short (an MPEG-TS of two packets), not an FFmpeg failure.
        if rc == FFmpegError.eof {
            throw MediaError(kind: .truncated, path: path, operation: "avformat_find_stream_info", code: rc,
                             message: "truncated: the file ends before its streams can be analysed")
        }
        // Invalid data while analysing is the file's fault, as when opening.
        if rc == FFmpegError.invalidData {
            throw MediaError(kind: .unreadable, path: path, operation: "avformat_find_stream_info", code: rc,
                             message: "not a media file FFmpeg can read (\(FFmpegError.message(for: rc)))")
        }
        try FFmpegError.check(rc, "avformat_find_stream_info", path: path)
    }

    var demuxerName: String { String(cString: context.pointee.iformat.pointee.name) }
    var streamCount: Int { Int(context.pointee.nb_streams) }
    /// Programs (MPEG-TS services) the demuxer found; 0 where the container has none.
    var programCount: Int { Int(context.pointee.nb_programs) }
    var durationSeconds: Double? {
        let d = context.pointee.duration
        return d == FFmpegTime.noValue || d <= 0 ? nil : Double(d) / Double(AV_TIME_BASE)
    }
    var bitRate: Int64? { context.pointee.bit_rate > 0 ? context.pointee.bit_rate : nil }

    func metadata(_ key: String) -> String? {
        av_dict_get(context.pointee.metadata, key, nil, 0).map { String(cString: $0.pointee.value) }
    }

    /// Scoped access to one stream; the pointer must not escape `body`.
    func withStream<R, E: Error>(_ index: Int, _ body: (UnsafeMutablePointer<AVStream>) throws(E) -> R) throws(E) -> R {
        precondition(index >= 0 && index < streamCount, "stream index out of range")
        return try body(context.pointee.streams[index]!)
    }

    /// The first stream of `type` (for video, not a cover picture).
    func firstStream(_ type: AVMediaType) -> Int? {
        (0..<streamCount).first { i in
            withStream(i) { st in
                st.pointee.codecpar.pointee.codec_type == type && st.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
            }
        }
    }

    /// Asks the demuxer to skip the packets of streams not in `keep`, so a
    /// packet scan reads only what it needs.
    func keepOnly(streams keep: Set<Int>) {
        for i in 0..<streamCount {
            context.pointee.streams[i]!.pointee.discard = keep.contains(i) ? AVDISCARD_DEFAULT : AVDISCARD_ALL
        }
    }

    /// From here on, a packet is what the demuxer stored (an MPEG-TS: one
    /// whole PES) with the timestamps it stored: no parser splits or joins
    /// frames, and none are filled in (FFmpeg asks for both flags together).
    func readStoredPackets() {
        context.pointee.flags |= AVFMT_FLAG_NOPARSE | AVFMT_FLAG_NOFILLIN
    }

    /// Seeks every stream to the last keyframe at or before `seconds` on the
    /// file's own clock (see `clockStart`).
    func seek(toKeyframeBefore seconds: Double) throws(MediaError) {
        let ts = Int64((seconds * Double(AV_TIME_BASE)).rounded(.down))
        try FFmpegError.check(av_seek_frame(context, -1, ts, AVSEEK_FLAG_BACKWARD), "av_seek_frame", path: path)
    }

    /// The time of the last keyframe of `stream` at or before `seconds` (the
    /// file's own clock) that the demuxer's index lists, read without any
    /// I/O; nil when it keeps none there (an MPEG-TS keeps no index). An
    /// MP4's index holds decoding times: a B-frame stream's keyframe shows a
    /// frame or two later than listed.
    func indexedKeyframeTime(atOrBefore seconds: Double, stream: Int) -> Double? {
        withStream(stream) { st in
            let timeBase = st.pointee.time_base
            guard let entry = avformat_index_get_entry_from_timestamp(st, FFmpegTime.ticks(seconds, timeBase), AVSEEK_FLAG_BACKWARD) else { return nil }
            return FFmpegTime.seconds(entry.pointee.timestamp, timeBase)
        }
    }

    /// The time of the last keyframe of `stream` shown at or before
    /// `seconds` (the file's own clock): where a stream copy from there
    /// starts. Leaves the file positioned at or before that keyframe, with
    /// only `stream` being read. An indexed file (MP4, MKV) seeks straight to
    /// it; an MPEG-TS has no index and lands on whatever packet comes at or
    /// before the time, keyframe or not, so from there the packets are read
    /// forward, and from further back (1 s, 2 s, 4 s...) until a keyframe
    /// turns up. Before the first keyframe (a video starting a little after
    /// its sound), the first keyframe: a copy can start no earlier. Nil when
    /// the stream has no keyframe at all.
    func keyframeTime(atOrBefore seconds: Double, stream: Int) throws(MediaError) -> Double? {
        keepOnly(streams: [stream])
        let timeBase = withStream(stream) { $0.pointee.time_base }
        let packet = Packet()
        var back = 0.0
        var later: Double?
        while true {
            try seek(toKeyframeBefore: seconds - back)
            var found: Double?
            var first = true
            while try readPacket(into: packet) {
                guard packet.streamIndex == stream, let ts = packet.pts ?? packet.dts, let t = FFmpegTime.seconds(ts, timeBase) else { continue }
                // Landed on a keyframe at or before the time: the seek did the work.
                if first && back == 0 && packet.isKeyframe && t <= seconds + 1e-6 {
                    found = t
                    break
                }
                first = false
                if packet.isKeyframe {
                    guard t <= seconds + 1e-6 else {
                        later = min(later ?? t, t)
                        break
                    }
                    found = t
                }
                // Decode order trails display order by well under a second.
                if t > seconds + 1 { break }
            }
            if let found {
                // Back where reading reached it: seeking to the keyframe's own time can land just past it in an MPEG-TS.
                try seek(toKeyframeBefore: seconds - back)
                return found
            }
            // Read from before the file's first instant and still none: there is none before `seconds`.
            if seconds - back < clockStart - 1 {
                try seek(toKeyframeBefore: seconds - back)
                return later
            }
            // No GOP is a minute long: a stream without keyframe flags is not read back to its start.
            if back >= 64 {
                try seek(toKeyframeBefore: seconds)
                return nil
            }
            back = max(1, back * 2)
        }
    }

    var startTime: Double? {
        let t = context.pointee.start_time
        return t == FFmpegTime.noValue ? nil : Double(t) / Double(AV_TIME_BASE)
    }

    /// Where the file's own clock stands at its first instant: 1.4 s in an
    /// MPEG-TS from ffmpeg, a camera's running clock in one from a camcorder,
    /// 0 in most MP4s. Every time ltx-prep takes or gives counts from here, as
    /// `ffmpeg -ss` and a player's clock do; the streams' timestamps do not.
    var clockStart: Double { startTime ?? 0 }

    /// Next packet into `packet` (`av_read_frame`); false at end of file.
    /// A read error other than end of file is thrown.
    func readPacket(into packet: borrowing Packet) throws(MediaError) -> Bool {
        // EAGAIN means "nothing yet, call again", not failure: the MPEG-TS
        // demuxer says it after resyncing over junk (a zero-padded tail), and
        // ffmpeg and ffprobe read on. The bound stops a demuxer that never
        // moves on; each call consumes input, so real files stay far below it.
        var again = 0
        while true {
            packet.unref()
            let rc = av_read_frame(context, packet.pointer)
            if rc == FFmpegError.eof { return false }
            if rc == FFmpegError.again, again < Self.againLimit {
                again += 1
                continue
            }
            try FFmpegError.check(rc, "av_read_frame", path: path)
            return true
        }
    }

    private static let againLimit = 100_000
}
