internal import CFFmpeg

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audio stream of a transcode: copied packet for packet, or decoded,
/// resampled and encoded to AAC-LC, trimmed to the sample and padded with
/// silence as asked.
final class AudioLane {
    let inIndex: Int
    let inTimeBase: AVRational
    let outIndex: Int
    let outputRate: Int?
    private let decoder: Decoder?
    private let encoder: Encoder?
    private let settings: AudioEncoding?
    private var outLayout = AVChannelLayout()
    private var resampler: AudioResampler?
    private let frame = Frame()
    private let encoded = Frame()
    private let packet = Packet()
    private var origin = 0.0
    private var originTs: Int64 = 0
    private var maxSamples: Int64?
    private var started = false
    private var copiedSeconds = 0.0
    private(set) var isDone = false
    var effect: SectionEffect?

    /// Rates the AAC encoder takes.
    private static let aacRates: Set<Int32> = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350]

    init(copying index: Int, from input: FormatContext, to output: OutputContext) throws(MediaError) {
        inIndex = index
        (inTimeBase, outIndex) = try input.withStream(index) { st throws(MediaError) -> (AVRational, Int) in
            (st.pointee.time_base, try output.addCopiedStream(of: st))
        }
        decoder = nil
        encoder = nil
        settings = nil
        outputRate = nil
    }

    init(encoding index: Int, from input: FormatContext, to output: OutputContext, settings: AudioEncoding) throws(MediaError) {
        inIndex = index
        self.settings = settings
        var made: (tb: AVRational, decoder: Decoder, encoder: Encoder, rate: Int32)!
        try input.withStream(index) { st throws(MediaError) in
            let par = st.pointee.codecpar.pointee
            let decoder = try Decoder(parameters: st.pointee.codecpar, path: input.path, timeBase: st.pointee.time_base)
            let rate = Self.aacRates.contains(par.sample_rate) ? par.sample_rate : 48000
            let channels: Int32 = par.ch_layout.nb_channels == 1 ? 1 : 2
            let bitRate = settings.bitRate ?? (channels == 1 ? 64_000 : 128_000)
            let encoder = try Encoder.aacLC(sampleRate: rate, channels: channels, bitRate: bitRate, for: output)
            made = (st.pointee.time_base, decoder, encoder, rate)
        }
        inTimeBase = made.tb
        decoder = made.decoder
        encoder = made.encoder
        outputRate = Int(made.rate)
        outLayout = made.encoder.channelLayout
        outIndex = try output.addStream(for: made.encoder)
    }

    func setOrigin(_ seconds: Double, windowEnd: Double) {
        origin = seconds
        originTs = FFmpegTime.ticks(seconds, inTimeBase)
        guard let rate = outputRate else { return }
        var limit = settings?.maxDuration ?? .infinity
        if windowEnd.isFinite { limit = min(limit, windowEnd - seconds) }
        if limit.isFinite { maxSamples = Int64((limit * Double(rate)).rounded(.down)) }
    }

    var samplesWritten: Int64 { resampler?.samplesEmitted ?? 0 }
    var secondsDone: Double { outputRate.map { Double(samplesWritten) / Double($0) } ?? copiedSeconds }

    private func seconds(_ ts: Int64) -> Double { FFmpegTime.seconds(ts, inTimeBase) ?? 0 }

    func take(_ input: borrowing Packet, windowEnd: Double, output: OutputContext) throws(MediaError) {
        guard let decoder else { return try copy(input, windowEnd: windowEnd, output: output) }
        try decoder.send(input)
        try drainDecoder(windowEnd: windowEnd, output: output)
    }

    private func copy(_ p: borrowing Packet, windowEnd: Double, output: OutputContext) throws(MediaError) {
        guard let pts = p.pts ?? p.dts else { return }
        let t = seconds(pts)
        if t >= windowEnd - 1e-6 { isDone = true; return }
        guard t >= origin - 1e-6 else { return }
        copiedSeconds = t - origin
        try output.writeCopy(p, shiftedBy: originTs, from: inTimeBase, to: outIndex)
    }

    private func drainDecoder(windowEnd: Double, output: OutputContext) throws(MediaError) {
        while try decoder!.receive(into: frame) {
            defer { frame.unref() }
            let f = frame.pointer.pointee
            var ts = f.best_effort_timestamp
            if ts == FFmpegTime.noValue { ts = f.pts }
            let t = seconds(ts)
            let length = Double(f.nb_samples) / Double(max(f.sample_rate, 1))
            if t + length <= origin { continue }
            if t >= windowEnd - 1e-6 || isDone { isDone = true; continue }
            if resampler == nil {
                resampler = try AudioResampler(inLayout: f.ch_layout, inFormat: AVSampleFormat(rawValue: f.format), inRate: f.sample_rate,
                                               outLayout: outLayout, outFormat: AV_SAMPLE_FMT_FLTP, outRate: Int32(outputRate!),
                                               frameSize: Int32(encoder!.frameSize))
            }
            try resampler!.push(frame.pointer)
            if !started {
                started = true
                // Start at the window's first sample, not the frame's.
                if t < origin { resampler!.dropBuffered(Int(((origin - t) * Double(outputRate!)).rounded())) }
            }
            try drainFIFO(flush: false, output: output)
            if let maxSamples, resampler!.samplesEmitted >= maxSamples { isDone = true }
        }
    }

    private func drainFIFO(flush: Bool, output: OutputContext) throws(MediaError) {
        while try resampler!.pop(into: encoded, flush: flush, limit: maxSamples) {
            if let effect, let frequency = effect.toneFrequency { tone(encoded.pointer, effect, frequency) }
            try encoder!.send(encoded.pointer)
            try drainEncoder(output: output)
        }
    }

    /// Replaces the samples inside the effect's span with a sine (planar float).
    private func tone(_ frame: UnsafeMutablePointer<AVFrame>, _ effect: SectionEffect, _ frequency: Double) {
        let f = frame.pointee
        let rate = Double(f.sample_rate)
        for ch in 0..<Int(f.ch_layout.nb_channels) {
            guard let plane = f.extended_data[ch] else { continue }
            let samples = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
            for i in 0..<Int(f.nb_samples) {
                let t = Double(f.pts + Int64(i)) / rate
                if effect.contains(t) { samples[i] = Float(0.3 * sin(2 * Double.pi * frequency * t)) }
            }
        }
    }

    private func drainEncoder(output: OutputContext) throws(MediaError) {
        try output.drain(encoder!, into: outIndex, using: packet)
    }

    func finish(windowEnd: Double, output: OutputContext) throws(MediaError) {
        guard let decoder, let encoder else { return }
        try decoder.flush()
        try drainDecoder(windowEnd: windowEnd, output: output)
        if let resampler {
            try resampler.push(nil)
            if let min = settings?.minDuration, let rate = outputRate {
                let wanted = Int64((min * Double(rate)).rounded(.up))
                let have = resampler.samplesEmitted + Int64(resampler.buffered)
                if have < wanted { try resampler.pushSilence(Int(wanted - have)) }
            }
            try drainFIFO(flush: true, output: output)
        }
        try encoder.send(nil)
        try drainEncoder(output: output)
    }

    deinit { av_channel_layout_uninit(&outLayout) }
}
