internal import CFFmpeg

/// The sound around the seams, as strips of peaks.
extension EditSamples {
    /// The sound of a moment's surroundings as a strip of columns, each the
    /// lowest and highest sample (channels averaged, -1...1) in its time.
    public struct SoundStrip: Sendable, Equatable {
        public var start: Double
        public var end: Double
        public var low: [Float]
        public var high: [Float]
        /// Columns no sample fell in: a gap in the sound.
        public var empty: [Bool]
    }

    /// The sound of `path`'s first audio stream from `span`/2 before to
    /// `span`/2 after each of `moments` (seconds from the file's start), in
    /// `columns` columns; nil without an audio stream. Blocking.
    public static func sound(_ path: String, around moments: [Double], span: Double, columns: Int) throws(MediaError) -> [SoundStrip]? {
        let input = try FormatContext(path: path, timeout: nil)
        try input.findStreamInfo()
        guard let stream = input.firstStream(AVMEDIA_TYPE_AUDIO) else { return nil }
        let (decoder, timeBase) = try input.withStream(stream) { st throws(MediaError) in
            (try Decoder(parameters: st.pointee.codecpar, path: path, timeBase: st.pointee.time_base), st.pointee.time_base)
        }
        input.keepOnly(streams: [stream])
        let clock = input.clockStart
        let packet = Packet(), frame = Frame()
        return try moments.map { moment throws(MediaError) in
            let start = max(0, moment - span / 2), end = moment + span / 2
            var low = [Float](repeating: 1, count: columns), high = [Float](repeating: -1, count: columns)
            // AAC needs the frame before to decode the first one whole.
            try input.seek(toKeyframeBefore: clock + start - 0.1)
            decoder.reset()
            var past = false
            while !past, try input.readPacket(into: packet) {
                guard packet.streamIndex == stream else { continue }
                try decoder.send(packet)
                while try decoder.receive(into: frame) {
                    defer { frame.unref() }
                    let t0 = (FFmpegTime.seconds(frame.timestamp, timeBase) ?? 0) - clock
                    let rate = Double(max(1, frame.sampleRate))
                    if t0 >= end { past = true; break }
                    for i in 0..<frame.sampleCount {
                        let t = t0 + Double(i) / rate
                        guard t >= start, t < end else { continue }
                        let column = min(columns - 1, Int((t - start) / (end - start) * Double(columns)))
                        let v = averageSample(frame.pointer, i)
                        low[column] = min(low[column], v)
                        high[column] = max(high[column], v)
                    }
                }
            }
            let empty = low.indices.map { low[$0] > high[$0] }
            for i in low.indices where empty[i] { (low[i], high[i]) = (0, 0) }
            return SoundStrip(start: start, end: end, low: low, high: high, empty: empty)
        }
    }

    /// `sound` on BlockingExecutor's threads.
    public static func sound(_ path: String, around moments: [Double], span: Double, columns: Int) async throws(MediaError) -> [SoundStrip]? {
        try await BlockingExecutor.run { () throws(MediaError) -> [SoundStrip]? in try sound(path, around: moments, span: span, columns: columns) }
    }

    /// Sample `i` of a decoded audio frame, its channels averaged, in -1...1.
    private static func averageSample(_ frame: UnsafeMutablePointer<AVFrame>, _ i: Int) -> Float {
        let f = frame.pointee
        let channels = Int(max(1, f.ch_layout.nb_channels))
        let format = AVSampleFormat(rawValue: f.format)
        let planar = av_sample_fmt_is_planar(format) != 0
        var sum: Float = 0
        for c in 0..<channels {
            let plane = planar ? c : 0, index = planar ? i : i * channels + c
            guard let base = f.extended_data?[plane] else { continue }
            switch av_get_packed_sample_fmt(format) {
            case AV_SAMPLE_FMT_FLT: sum += base.withMemoryRebound(to: Float.self, capacity: index + 1) { $0[index] }
            case AV_SAMPLE_FMT_DBL: sum += Float(base.withMemoryRebound(to: Double.self, capacity: index + 1) { $0[index] })
            case AV_SAMPLE_FMT_S16: sum += Float(base.withMemoryRebound(to: Int16.self, capacity: index + 1) { $0[index] }) / 32768
            case AV_SAMPLE_FMT_S32: sum += Float(base.withMemoryRebound(to: Int32.self, capacity: index + 1) { $0[index] }) / 2_147_483_648
            case AV_SAMPLE_FMT_U8: sum += (Float(base[index]) - 128) / 128
            default: break
            }
        }
        return sum / Float(channels)
    }
}
