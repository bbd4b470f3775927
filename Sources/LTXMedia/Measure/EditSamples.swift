internal import CFFmpeg

/// What a review of an edit reads from the original and the output: each
/// file's pictures as its packets hold them (no decoding), a few pictures at
/// chosen frames of both, the luma PSNR of chosen frame runs, and the sound
/// around chosen moments. Only the frames asked for are decoded, from the
/// keyframe before each (a seek, not a walk from the start), so a review
/// costs little next to the edit it looks at.
public enum EditSamples {
    /// The first video stream's pictures in display order, read from the packets.
    public struct Packets: Sendable, Equatable {
        /// Seconds from the file's start (its own clock removed).
        public var times: [Double]
        public var keyframes: [Bool]
        /// SHA-256 of each picture's packet: equal digests at the same
        /// position are the same coded picture, copied bit for bit. Empty
        /// when not asked for.
        public var digests: [String]
        /// The sample entry (`avc1`, `hvc1`, `hev1`...), when the container names one.
        public var sampleEntry: String?
        /// The stream's own timestamp of each picture, to find a decoded one again.
        var pts: [Int64]

        public var count: Int { times.count }
    }

    /// Reads `path`'s video packets (no decoding), with their `digests` when
    /// asked (hashing every byte: only for telling copied pictures apart). Blocking.
    public static func packets(_ path: String, digests: Bool = true) throws(MediaError) -> Packets {
        guard let (input, stream) = try MediaProbe.firstVideo(path) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        let (timeBase, tag) = input.withStream(stream) { ($0.pointee.time_base, $0.pointee.codecpar.pointee.codec_tag) }
        let clock = input.clockStart
        var shown: [(pts: Int64, key: Bool, digest: String)] = []
        let packet = Packet()
        while try input.readPacket(into: packet) {
            guard packet.streamIndex == stream, let pts = packet.pts ?? packet.dts else { continue }
            var digest = ""
            if digests {
                var sha = SHA256()
                packet.withBytes { sha.update(UnsafeRawBufferPointer($0)) }
                digest = sha.finalize()
            }
            shown.append((pts, packet.isKeyframe, digest))
        }
        shown.sort { $0.pts < $1.pts }
        return Packets(times: shown.map { (FFmpegTime.seconds($0.pts, timeBase) ?? 0) - clock }, keyframes: shown.map(\.key),
                       digests: digests ? shown.map(\.digest) : [], sampleEntry: fourCC(tag), pts: shown.map(\.pts))
    }

    /// `packets` on BlockingExecutor's threads.
    public static func packets(_ path: String, digests: Bool = true) async throws(MediaError) -> Packets {
        try await BlockingExecutor.run { () throws(MediaError) -> Packets in try packets(path, digests: digests) }
    }

    /// `tag` as four characters, nil when it is 0 or not printable.
    static func fourCC(_ tag: UInt32) -> String? {
        let bytes = (0..<4).map { UInt8((tag >> (8 * $0)) & 0xff) }
        guard tag != 0, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Which frames to look at, by index in display order (the same index in both files).
    public struct Request: Sendable, Equatable {
        /// Frames shown as pictures, from each file that has them.
        public var pictures: [Int]
        /// Runs whose pictures are compared, one PSNR each.
        public var measured: [ClosedRange<Int>]
        /// The longest side of each picture, in pixels.
        public var maxSide: Int

        public init(pictures: [Int], measured: [ClosedRange<Int>], maxSide: Int) {
            self.pictures = pictures
            self.measured = measured
            self.maxSide = maxSide
        }
    }

    public struct Pictures: Sendable, Equatable {
        public var original: [Int: Thumbnail] = [:]
        public var output: [Int: Thumbnail] = [:]
        /// Luma PSNR of each measured run, in dB (infinite when identical);
        /// nil where the pictures differ in size or a file lacks the frames.
        public var runPSNR: [Double?] = []
        /// Luma PSNR of each measured frame, in dB.
        public var framePSNR: [Int: Double] = [:]
    }

    /// The pictures and PSNRs `request` asks for, decoding both files only
    /// around those frames. Blocking.
    public static func pictures(original: String, _ originalPackets: Packets, output: String, _ outputPackets: Packets,
                                _ request: Request) throws(MediaError) -> Pictures {
        let a = try SeekingPictures(path: original, originalPackets)
        let b = try SeekingPictures(path: output, outputPackets)
        let shown = Set(request.pictures)
        let measured = Set(request.measured.flatMap { Array($0) })
        var result = Pictures()
        var errors: [Int: (squared: Double, pixels: Int)] = [:]
        for frame in shown.union(measured).sorted() {
            let wantsPicture = shown.contains(frame)
            var lumaA: (w: Int32, h: Int32, bytes: [UInt8])?
            _ = try a.picture(at: frame) { picture, seconds throws(MediaError) in
                if wantsPicture { result.original[frame] = try a.thumbnail(picture, seconds: seconds, maxSide: request.maxSide) }
                if measured.contains(frame) { lumaA = try a.luma(picture) }
            }
            _ = try b.picture(at: frame) { picture, seconds throws(MediaError) in
                if wantsPicture { result.output[frame] = try b.thumbnail(picture, seconds: seconds, maxSide: request.maxSide) }
                guard let la = lumaA, measured.contains(frame) else { return }
                let lb = try b.luma(picture)
                guard la.w == lb.w, la.h == lb.h else { return }
                let squared = Double(squaredError(la.bytes, lb.bytes))
                errors[frame] = (squared, la.bytes.count)
                result.framePSNR[frame] = VideoComparison.psnr(squared, la.bytes.count)
            }
        }
        result.runPSNR = request.measured.map { run in
            let parts = run.compactMap { errors[$0] }
            guard parts.count == run.count else { return nil }
            return VideoComparison.psnr(parts.reduce(0) { $0 + $1.squared }, parts.reduce(0) { $0 + $1.pixels })
        }
        return result
    }

    /// The summed squared difference of two planes of the same size: integer
    /// arithmetic on raw pointers, wrapping operators (no overflow check, a
    /// row's sum fits easily), as this loop is most of a review's own work.
    static func squaredError(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                var sum = 0
                for i in 0..<min(pa.count, pb.count) {
                    let d = Int32(truncatingIfNeeded: x[i]) &- Int32(truncatingIfNeeded: y[i])
                    sum = sum &+ Int(truncatingIfNeeded: d &* d)
                }
                return sum
            }
        }
    }

    /// `pictures` on BlockingExecutor's threads.
    public static func pictures(original: String, _ originalPackets: Packets, output: String, _ outputPackets: Packets,
                                _ request: Request) async throws(MediaError) -> Pictures {
        try await BlockingExecutor.run { () throws(MediaError) -> Pictures in
            try pictures(original: original, originalPackets, output: output, outputPackets, request)
        }
    }

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

/// One file's pictures by index in display order, decoded from the keyframe
/// before each when the one asked for is not just ahead.
private final class SeekingPictures {
    private let path: String
    private let input: FormatContext
    private let decoder: Decoder
    private let stream: Int
    private let timeBase: AVRational
    private let packets: EditSamples.Packets
    private let index: [Int64: Int]
    private let rotation: Int
    private let packet = Packet(), frame = Frame()
    /// The last picture decoded; -1 before any.
    private var last = -1
    private var flushed = false
    private var scaler: Scaler?

    init(path: String, _ packets: EditSamples.Packets) throws(MediaError) {
        guard let (input, stream) = try MediaProbe.firstVideo(path) else {
            throw MediaError(kind: .noStreams, path: path, message: "no video stream")
        }
        self.path = path
        self.input = input
        self.stream = stream
        self.packets = packets
        (decoder, timeBase, rotation) = try input.withStream(stream) { st throws(MediaError) in
            (try Decoder(parameters: st.pointee.codecpar, path: path, threads: 0, timeBase: st.pointee.time_base), st.pointee.time_base,
             StreamReader.clockwiseRotation(st))
        }
        input.keepOnly(streams: [stream])
        index = Dictionary(packets.pts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Calls `body` with picture `target` and its time; false when the file has no such picture.
    func picture(at target: Int, _ body: (UnsafeMutablePointer<AVFrame>, Double) throws(MediaError) -> Void) throws(MediaError) -> Bool {
        guard target >= 0, target < packets.count else { return false }
        let keyframe = (0...target).last { packets.keyframes[$0] } ?? 0
        if target <= last || keyframe > last + 1 {
            try input.seek(toKeyframeBefore: input.clockStart + packets.times[keyframe])
            decoder.reset()
            flushed = false
            last = -1
        }
        while true {
            if try decoder.receive(into: frame) {
                defer { frame.unref() }
                guard let n = index[frame.timestamp], n > last else { continue }
                last = n
                if n == target { try body(frame.pointer, packets.times[n]); return true }
                if n > target { return false }
            } else if flushed {
                return false
            } else if try input.readPacket(into: packet) {
                if packet.streamIndex == stream { try decoder.send(packet) }
            } else {
                try decoder.flush()
                flushed = true
            }
        }
    }

    func thumbnail(_ picture: UnsafeMutablePointer<AVFrame>, seconds: Double, maxSide: Int) throws(MediaError) -> Thumbnail {
        try Thumbnail.shrink(picture, rotation: rotation, maxSide: maxSide, encoding: Thumbnail.pageEncoding, path: path, seconds: seconds)
    }

    /// The picture's 8-bit luma plane, tightly packed.
    func luma(_ picture: UnsafeMutablePointer<AVFrame>) throws(MediaError) -> (w: Int32, h: Int32, bytes: [UInt8]) {
        var p = picture
        let f = picture.pointee
        if f.format != AV_PIX_FMT_YUV420P.rawValue && f.format != AV_PIX_FMT_YUVJ420P.rawValue {
            if scaler == nil { scaler = try Scaler(from: (f.width, f.height, AVPixelFormat(rawValue: f.format)), to: (f.width, f.height, AV_PIX_FMT_YUV420P)) }
            p = try scaler!.scale(picture)
        }
        let w = Int(p.pointee.width), h = Int(p.pointee.height), stride = Int(p.pointee.linesize.0)
        var bytes = [UInt8](repeating: 0, count: w * h)
        let data = p.pointee.data.0!
        bytes.withUnsafeMutableBufferPointer { out in
            for y in 0..<h { (out.baseAddress! + y * w).update(from: data + y * stride, count: w) }
        }
        return (Int32(w), Int32(h), bytes)
    }
}
