internal import CFFmpeg

/// The facts `avformat_find_stream_info` gives an MPEG-TS, gathered in the
/// packet scan that counts its frames anyway: each stream's start, frame
/// rate and duration, the file's duration and bit rate, computed the way
/// FFmpeg computes them (demux.c: estimate_timings_from_pts,
/// update_stream_timings; the frame rate in `AnalysedFrameRate`).
///
/// The scan reads whole PES packets, unparsed (`readStoredPackets`): FFmpeg's
/// H.264 parser, which finds each frame's end byte by byte and copies it out,
/// was half the scan's time. The count stays the decoder's because the video
/// must step by exactly one frame from PES to PES, each with its own
/// timestamp: a PES timestamp belongs to the first picture that begins in it
/// (H.222.0, 2.4.3.7), so a PES that began two pictures would make the next
/// step two frames, and one that began none would carry no timestamp. Either
/// sends the probe to the full path. AAC frames are counted by walking their
/// ADTS headers through each PES.
///
/// FFmpeg takes a stream's start from its first packet and its end from the
/// file's last 250 000 bytes, read again as whole PES packets: the latest
/// PES timestamp there plus one frame, which is what the scan's own PES
/// packets give.
///
/// Where the scan cannot vouch for FFmpeg's answer it says so (`settle`
/// returns nil) and the probe takes the full path: a stream without a
/// readable SPS or ADTS header, without SPS timing, whose packets do not
/// step at the declared rate, too short or too dense for FFmpeg's rate
/// guess to be the declared one, HE-AAC or more than two channels, ADTS
/// frames that do not follow one another, or no packet of its own near the
/// end of the file.
final class TransportStreamClock {
    /// FFmpeg's DURATION_MAX_READ_SIZE: the tail read for the end time.
    static let tailBytes: Int64 = 250_000
    /// The analysis stops at 5 MB (probesize); its rate guess needs 20 frame
    /// steps before that.
    private static let analysedBytes: Int64 = 4_000_000
    private static let analysedFrames = 21
    /// Fewer frames, or a slower rate, and the analysis's own guess is another.
    private static let minimumFrames = 30
    private static let minimumRate = 5.0

    private struct Track {
        let isVideo: Bool
        let timeBase: AVRational
        var packets = 0
        /// The first packet's pts (nil when it had none).
        var start: Int64?
        var lastDecodeTime: Int64?
        var minStep = Int64.max
        var maxStep = Int64.min
        /// A packet without a timestamp, or a decode time that did not advance.
        var irregular = false
        /// Audio: its ADTS frames, counted through the PES packets.
        var adts = ADTSFrameCount()
        /// Where the packet that completes the analysis's frame count ends.
        var analysedUpTo: Int64?
        /// The latest timestamp of a PES that starts in the tail.
        var tailEnd: Int64?
        var bytes: Int64 = 0
    }

    private var tracks: [Int: Track] = [:]
    private let tailStart: Int64
    private let fileSize: Int64
    private let streamCount: Int

    init(_ streams: ProbedStreams, fileSize: Int64, in input: FormatContext) {
        self.fileSize = fileSize
        tailStart = max(0, fileSize - Self.tailBytes)
        streamCount = input.streamCount
        for v in streams.video { tracks[v.info.index] = Track(isVideo: true, timeBase: v.timeBase) }
        for a in streams.audio {
            tracks[a.index] = Track(isVideo: false, timeBase: input.withStream(a.index) { $0.pointee.time_base })
        }
    }

    /// The streams whose packets it needs: all of them.
    var streams: Set<Int> { Set(tracks.keys) }

    func record(_ packet: borrowing Packet) {
        let index = packet.streamIndex
        guard var t = tracks[index] else { return }
        let pts = packet.pts
        t.packets += 1
        t.bytes += Int64(packet.size)
        if t.packets == 1 { t.start = pts }
        if let position = packet.position, position >= tailStart, let pts {
            t.tailEnd = max(t.tailEnd ?? pts, pts)
        }
        if t.isVideo {
            if let decodeTime = packet.dts ?? pts {
                if let last = t.lastDecodeTime {
                    let step = decodeTime - last
                    if step <= 0 { t.irregular = true }
                    t.minStep = min(t.minStep, step)
                    t.maxStep = max(t.maxStep, step)
                }
                t.lastDecodeTime = decodeTime
            } else {
                t.irregular = true
            }
            if t.packets == Self.analysedFrames { t.analysedUpTo = packet.position.map { $0 + Int64(packet.size) } ?? Int64.max }
        } else {
            packet.withBytes { t.adts.add($0) }
        }
        tracks[index] = t
    }

    /// Fills in each stream's frame rate and duration and returns the file's
    /// duration and bit rate, as the analysis would have; nil when the scan
    /// cannot vouch for that.
    func settle(_ streams: inout ProbedStreams, in input: FormatContext) -> (duration: Double, bitRate: Int64)? {
        guard input.streamCount == streamCount else { return nil }  // a stream the PMT did not announce
        var spans: [(start: Int64, duration: Int64, timeBase: AVRational)] = []
        for k in streams.video.indices {
            guard let t = tracks[streams.video[k].info.index], let span = settleVideo(&streams.video[k], t) else { return nil }
            spans.append(span)
        }
        for k in streams.audio.indices {
            guard let t = tracks[streams.audio[k].index], let span = settleAudio(&streams.audio[k], t) else { return nil }
            spans.append(span)
        }
        guard !spans.isEmpty else { return nil }

        // update_stream_timings: the earliest start to the latest end, or the
        // longest stream if that is longer.
        let microseconds = AVRational(num: 1, den: AV_TIME_BASE)
        let nearest = AVRounding(rawValue: AV_ROUND_NEAR_INF.rawValue | AV_ROUND_PASS_MINMAX.rawValue)
        var first = Int64.max, last = Int64.min, longest = Int64.min
        for s in spans {
            let start = av_rescale_q(s.start, s.timeBase, microseconds)
            first = min(first, start)
            last = max(last, start + av_rescale_q_rnd(s.duration, s.timeBase, microseconds, nearest))
            longest = max(longest, av_rescale_q(s.duration, s.timeBase, microseconds))
        }
        let duration = max(longest, last - first)
        guard duration > 0 else { return nil }
        let bitRate = Int64(Double(fileSize) * 8.0 * Double(AV_TIME_BASE) / Double(duration))
        return (Double(duration) / Double(AV_TIME_BASE), bitRate)
    }

    private func settleVideo(_ video: inout PendingVideo, _ t: Track) -> (start: Int64, duration: Int64, timeBase: AVRational)? {
        guard let sniffed = video.sniffed, sniffed.aspectRatioRead, video.info.pixelFormat != nil else { return nil }
        let declared = sniffed.frameRate
        guard declared.num > 0, declared.den > 0, av_q2d(declared) >= Self.minimumRate else { return nil }
        // A frame, not a field or a repeated picture: the analysis's packet
        // durations are then one frame each.
        if video.info.codec == "h264" && sniffed.repeatPict != 1 { return nil }
        guard !t.irregular, t.packets >= Self.minimumFrames, let analysed = t.analysedUpTo, analysed <= Self.analysedBytes else { return nil }

        // The packets must step at the declared rate: a whole number of ticks
        // exactly, else the two whole numbers around it, and then only for a
        // standard rate (which the analysis's guess lands on).
        let tb = t.timeBase
        let frameTicks = AnalysedFrameRate.frameTicks(declared, tb)
        if (Int64(declared.den) * Int64(tb.den)) % (Int64(declared.num) * Int64(tb.num)) == 0 {
            guard t.minStep == frameTicks, t.maxStep == frameTicks else { return nil }
        } else {
            guard AnalysedFrameRate.isStandard(declared), t.minStep >= frameTicks, t.maxStep <= frameTicks + 1 else { return nil }
        }

        let rate = AnalysedFrameRate.average(codecRate: declared, frameTicks: frameTicks, timeBase: tb)
        video.info.frameRate = av_q2d(rate)
        video.info.frameRateFraction = "\(rate.num)/\(rate.den)"
        guard let span = span(t, frameTicks: frameTicks) else { return nil }
        video.info.duration = FFmpegTime.seconds(span.duration, tb)
        return span
    }

    private func settleAudio(_ audio: inout AudioStreamInfo, _ t: Track) -> (start: Int64, duration: Int64, timeBase: AVRational)? {
        // AAC-LC, as the ADTS header declares and, where it could hide SBR,
        // decoding confirms: 1024 samples a frame, and the layout the decoder
        // gives one or two channels. (The analysis reports what the decoder
        // found, so an undecoded low-rate header cannot stand in for it.)
        guard audio.declaredProfile == "LC", audio.profile == "LC", audio.sampleRate > 0,
              audio.channels == 1 || audio.channels == 2, t.adts.frames > 0, !t.adts.broken,
              !AACRevealer.mayHideSBR(audio) || audio.profileSource == "decoded" else { return nil }
        let samples: Int64 = 1024
        // An AAC frame lasts 1024 samples: a "frame rate" of rate / 1024.
        let frameTicks = AnalysedFrameRate.frameTicks(AVRational(num: Int32(audio.sampleRate), den: Int32(samples)), t.timeBase)
        guard let span = span(t, frameTicks: frameTicks) else { return nil }
        audio.duration = FFmpegTime.seconds(span.duration, t.timeBase)
        // Every frame's bytes over every frame's time: the average FFmpeg's
        // ADTS parser keeps, over the whole stream rather than the analysed start.
        audio.bitRate = t.bytes * 8 * Int64(audio.sampleRate) / (Int64(t.adts.frames) * samples)
        return span
    }

    /// First timestamp, and the tail's latest plus one frame minus it.
    private func span(_ t: Track, frameTicks: Int64) -> (start: Int64, duration: Int64, timeBase: AVRational)? {
        guard let start = t.start, let end = t.tailEnd else { return nil }
        let duration = end + frameTicks - start
        return duration > 0 ? (start, duration, t.timeBase) : nil
    }
}
