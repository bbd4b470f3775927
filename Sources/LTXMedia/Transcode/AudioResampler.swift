internal import CFFmpeg

/// Owns a `SwrContext` and an `AVAudioFifo`: turns decoded audio of any
/// format, rate and layout into the encoder's, and hands it out in frames of
/// exactly the encoder's frame size (transcode_aac.c's order).
final class AudioResampler {
    private let swr: OpaquePointer
    private let fifo: OpaquePointer
    private let outFormat: AVSampleFormat
    private let outRate: Int32
    private var outLayout: AVChannelLayout
    private let frameSize: Int32
    private var samplesOut: Int64 = 0

    init(inLayout: AVChannelLayout, inFormat: AVSampleFormat, inRate: Int32,
         outLayout: AVChannelLayout, outFormat: AVSampleFormat, outRate: Int32, frameSize: Int32) throws(MediaError) {
        var swr: OpaquePointer?
        var inL = inLayout, outL = outLayout
        try FFmpegError.check(swr_alloc_set_opts2(&swr, &outL, outFormat, outRate, &inL, inFormat, inRate, 0, nil), "swr_alloc_set_opts2")
        guard let swr else { fatalError("swr_alloc_set_opts2: out of memory") }
        self.swr = swr
        guard let fifo = av_audio_fifo_alloc(outFormat, outLayout.nb_channels, max(frameSize, 1)) else { fatalError("av_audio_fifo_alloc") }
        self.fifo = fifo
        self.outFormat = outFormat
        self.outRate = outRate
        self.outLayout = outLayout
        self.frameSize = max(frameSize, 1024)
        try FFmpegError.check(swr_init(swr), "swr_init")
    }

    deinit {
        var s: OpaquePointer? = swr
        swr_free(&s)
        av_audio_fifo_free(fifo)
    }

    /// Converts `frame` (nil drains the resampler) into the FIFO.
    func push(_ frame: UnsafeMutablePointer<AVFrame>?) throws(MediaError) {
        let inSamples = frame?.pointee.nb_samples ?? 0
        let capacity = swr_get_out_samples(swr, inSamples)
        guard capacity > 0 else { return }
        var buffers: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?
        try FFmpegError.check(av_samples_alloc_array_and_samples(&buffers, nil, outLayout.nb_channels, capacity, outFormat, 0),
                              "av_samples_alloc_array_and_samples")
        defer {
            av_freep(UnsafeMutableRawPointer(buffers!))  // the sample data
            av_freep(&buffers)                           // the plane pointers
        }
        let converted: Int32
        if let frame {
            let input = UnsafeMutableRawPointer(frame.pointee.extended_data!).assumingMemoryBound(to: UnsafePointer<UInt8>?.self)
            converted = swr_convert(swr, buffers, capacity, input, inSamples)
        } else {
            converted = swr_convert(swr, buffers, capacity, nil, 0)
        }
        try FFmpegError.check(converted, "swr_convert")
        if converted > 0 {
            let written = buffers!.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(outLayout.nb_channels)) {
                av_audio_fifo_write(fifo, $0, converted)
            }
            try FFmpegError.check(written, "av_audio_fifo_write")
        }
    }

    /// Adds `count` samples of silence.
    func pushSilence(_ count: Int) throws(MediaError) {
        guard count > 0 else { return }
        var buffers: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?
        try FFmpegError.check(av_samples_alloc_array_and_samples(&buffers, nil, outLayout.nb_channels, Int32(count), outFormat, 0),
                              "av_samples_alloc_array_and_samples")
        defer {
            av_freep(UnsafeMutableRawPointer(buffers!))
            av_freep(&buffers)
        }
        av_samples_set_silence(buffers, 0, Int32(count), outLayout.nb_channels, outFormat)
        let written = buffers!.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(outLayout.nb_channels)) {
            av_audio_fifo_write(fifo, $0, Int32(count))
        }
        try FFmpegError.check(written, "av_audio_fifo_write")
    }

    /// Drops the first `count` samples still to come out of the FIFO (to
    /// start a window exactly, not at a frame boundary).
    func dropBuffered(_ count: Int) {
        guard count > 0 else { return }
        av_audio_fifo_drain(fifo, Int32(min(count, buffered)))
    }

    /// Copies the next `count` buffered samples into `planes` (one per
    /// channel) without removing them.
    func peek(_ count: Int, into planes: [UnsafeMutableRawPointer?]) throws(MediaError) {
        var planes = planes
        let rc = planes.withUnsafeMutableBufferPointer { av_audio_fifo_peek(fifo, $0.baseAddress, Int32(count)) }
        try FFmpegError.check(rc, "av_audio_fifo_peek")
    }

    var buffered: Int { Int(av_audio_fifo_size(fifo)) }
    var samplesEmitted: Int64 { samplesOut }

    /// Fills `frame` with the next encoder-sized frame; when `flush`, a final
    /// shorter one; never past `limit` samples in all. False when there is
    /// not enough buffered.
    func pop(into frame: borrowing Frame, flush: Bool, limit: Int64? = nil) throws(MediaError) -> Bool {
        let available = av_audio_fifo_size(fifo)
        var n = flush ? min(available, frameSize) : (available >= frameSize ? frameSize : 0)
        if let limit { n = Int32(max(0, min(Int64(n), limit - samplesOut))) }
        guard n > 0 else { return false }
        frame.unref()
        let f = frame.pointer
        f.pointee.nb_samples = n
        f.pointee.format = outFormat.rawValue
        f.pointee.sample_rate = outRate
        try FFmpegError.check(av_channel_layout_copy(&f.pointee.ch_layout, &outLayout), "av_channel_layout_copy")
        try FFmpegError.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer")
        let read = withUnsafeMutablePointer(to: &f.pointee.data) { data in
            UnsafeMutableRawPointer(data).withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: 8) {
                av_audio_fifo_read(fifo, $0, n)
            }
        }
        try FFmpegError.check(read, "av_audio_fifo_read")
        f.pointee.pts = samplesOut
        samplesOut += Int64(n)
        return true
    }
}
