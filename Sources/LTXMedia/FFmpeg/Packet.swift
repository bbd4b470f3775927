internal import CFFmpeg

/// Owns one `AVPacket`. Non-copyable: exactly one owner frees it.
struct Packet: ~Copyable {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() {
        guard let p = av_packet_alloc() else { fatalError("av_packet_alloc: out of memory") }
        pointer = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&p)
    }

    var streamIndex: Int { Int(pointer.pointee.stream_index) }
    var size: Int { Int(pointer.pointee.size) }
    var pts: Int64? { pointer.pointee.pts == FFmpegTime.noValue ? nil : pointer.pointee.pts }
    var dts: Int64? { pointer.pointee.dts == FFmpegTime.noValue ? nil : pointer.pointee.dts }
    var duration: Int64 { pointer.pointee.duration }
    var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    var isDiscarded: Bool { pointer.pointee.flags & AV_PKT_FLAG_DISCARD != 0 }
    /// Byte offset in the file where the demuxer found the packet; nil when
    /// unknown (a parser's second frame out of one MPEG-TS PES packet).
    var position: Int64? { pointer.pointee.pos >= 0 ? pointer.pointee.pos : nil }

    /// Scoped access to the payload; the pointer must not escape `body`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: pointer.pointee.data, count: pointer.pointee.data == nil ? 0 : Int(pointer.pointee.size)))
    }

    func unref() { av_packet_unref(pointer) }
}

/// Owns one `AVFrame`.
struct Frame: ~Copyable {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() {
        guard let p = av_frame_alloc() else { fatalError("av_frame_alloc: out of memory") }
        pointer = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&p)
    }

    var sampleCount: Int { Int(pointer.pointee.nb_samples) }
    var sampleRate: Int { Int(pointer.pointee.sample_rate) }
    var channelCount: Int { Int(pointer.pointee.ch_layout.nb_channels) }
    /// When the frame is shown: the decoder's best guess, else its pts.
    var timestamp: Int64 {
        let best = pointer.pointee.best_effort_timestamp
        return best == FFmpegTime.noValue ? pointer.pointee.pts : best
    }

    func unref() { av_frame_unref(pointer) }
}

enum FFmpegTime {
    static let noValue = cffmpeg_nopts_value()

    /// `seconds` in ticks of `timeBase`, rounded.
    static func ticks(_ seconds: Double, _ timeBase: AVRational) -> Int64 {
        Int64((seconds * Double(timeBase.den) / Double(timeBase.num)).rounded())
    }

    static func seconds(_ value: Int64, _ timeBase: AVRational) -> Double? {
        guard value != noValue, timeBase.den != 0 else { return nil }
        return Double(value) * Double(timeBase.num) / Double(timeBase.den)
    }
}
