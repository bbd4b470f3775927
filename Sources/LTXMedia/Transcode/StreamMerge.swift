internal import CFFmpeg

/// The first video stream of one file and the first audio stream of
/// another, copied packet for packet into one MP4: no decoding, every
/// packet's bytes as they were.
public struct StreamMergeJob: Sendable, Equatable {
    /// The file whose first video stream is taken.
    public var video: String
    /// The file whose first audio stream is taken; nil writes the video alone.
    public var audio: String?
    /// Where to write. Callers pass a temporary path and rename it into place.
    public var output: String

    public init(video: String, audio: String?, output: String) {
        self.video = video
        self.audio = audio
        self.output = output
    }
}

/// What a merge wrote.
public struct StreamMergeResult: Sendable, Codable, Equatable {
    public var videoPackets: Int
    public var audioPackets: Int
    /// The audio stream's codec (FFmpeg's name); nil without audio.
    public var audioCodec: String?
}

/// Copies streams from two inputs into one output in the order of FFmpeg's
/// doc/examples/remux.c: open each input and read its stream info, add one
/// output stream per kept input stream with the input's codec parameters
/// (codec tag cleared), open the file and write the header, then read the
/// packets, rescale each one's timestamps to its output stream and write it
/// interleaved, and write the trailer. With two inputs the packet that is
/// due first (the smaller decode time) is written next, so the muxer's
/// interleaving queue stays short.
public enum StreamMerge {
    /// Blocks the calling thread.
    public static func runBlocking(_ job: StreamMergeJob) throws(MediaError) -> StreamMergeResult {
        _ = FFmpegLog.quietByDefault
        guard job.output != job.video, job.output != job.audio else {
            throw MediaError(kind: .output, path: job.output, message: "refusing to write over an input")
        }
        let video = try Source(path: job.video, type: AVMEDIA_TYPE_VIDEO)
        let audio = try job.audio.map { path throws(MediaError) in try Source(path: path, type: AVMEDIA_TYPE_AUDIO) }
        let output = try OutputContext(path: job.output, format: "mp4")
        try video.addStream(to: output)
        var audioCodec: String?
        if let audio {
            let id = audio.input.withStream(audio.index) { $0.pointee.codecpar.pointee.codec_id }
            audioCodec = String(cString: avcodec_get_name(id))
            guard output.accepts(id) else {
                throw MediaError(kind: .unsupported, path: job.audio, message: "\(audioCodec ?? "this audio") cannot be copied into MP4")
            }
            try audio.addStream(to: output)
        }
        try output.writeHeader(fastStart: true)
        try video.advance()
        try audio?.advance()
        while true {
            // remux.c's loop over two inputs: the packet due first goes next.
            let next: Source
            switch (video.hasPacket, audio?.hasPacket == true) {
            case (false, false): try output.finish(); return StreamMergeResult(videoPackets: video.written, audioPackets: audio?.written ?? 0, audioCodec: audioCodec)
            case (true, false): next = video
            case (false, true): next = audio!
            case (true, true): next = video.isDue(before: audio!) ? video : audio!
            }
            try next.writePending(to: output)
            try next.advance()
        }
    }

    /// Runs on a Dispatch thread, off the cooperative pool.
    public static func run(_ job: StreamMergeJob) async throws(MediaError) -> StreamMergeResult {
        try await BlockingExecutor.run { () throws(MediaError) in try runBlocking(job) }
    }

    /// One input and the one stream taken from it, with the next packet read ahead.
    private final class Source {
        let input: FormatContext
        let index: Int
        private let timeBase: AVRational
        /// The file's clock at its first instant, in `timeBase`: each file's
        /// streams start at 0 in the output (an MPEG-TS's at 1.4 s or a camera's clock).
        private let clockStart: Int64
        private var outIndex = -1
        private let packet = Packet()
        private(set) var hasPacket = false
        private(set) var written = 0

        init(path: String, type: AVMediaType) throws(MediaError) {
            input = try FormatContext(path: path, timeout: nil)
            try input.findStreamInfo()
            guard let found = input.firstStream(type) else {
                throw MediaError(kind: .noStreams, path: path, message: "has no \(type == AVMEDIA_TYPE_VIDEO ? "video" : "audio") stream")
            }
            index = found
            timeBase = input.withStream(found) { $0.pointee.time_base }
            clockStart = FFmpegTime.ticks(input.clockStart, timeBase)
            input.keepOnly(streams: [found])
        }

        func addStream(to output: OutputContext) throws(MediaError) {
            outIndex = try input.withStream(index) { st throws(MediaError) in try output.addCopiedStream(of: st) }
        }

        /// Reads this stream's next packet; false at the end.
        func advance() throws(MediaError) {
            hasPacket = false
            while try input.readPacket(into: packet) {
                if packet.streamIndex == index { hasPacket = true; return }
            }
        }

        /// The decode time of the pending packet (its presentation time when it has none).
        private var time: Int64 { (packet.dts ?? packet.pts ?? 0) - clockStart }

        func isDue(before other: Source) -> Bool {
            av_compare_ts(time, timeBase, other.time, other.timeBase) <= 0
        }

        func writePending(to output: OutputContext) throws(MediaError) {
            try output.writeCopy(packet, shiftedBy: clockStart, from: timeBase, to: outIndex)
            written += 1
        }
    }
}
