internal import CFFmpeg

/// The average frame rate `avformat_find_stream_info` settles on for an
/// MPEG-TS stream, worked out without the analysis. FFmpeg averages the
/// packet durations it read (each one frame of the SPS's declared rate,
/// rounded down to whole ticks), then rounds that, or the declared rate if
/// closer, to a "standard" rate within 1 % (libavformat's get_std_framerate).
enum AnalysedFrameRate {
    /// `get_std_framerate(i)` over 12 * 1001: n/12 fps up to 30, whole rates
    /// 31 to 60, 80, 120, 240, and the NTSC rates 24, 30, 60, 12, 15, 48 * 1000/1001.
    static let standard: [Int64] = {
        var rates: [Int64] = (1...360).map { Int64($0) * 1001 }
        rates += (31...60).map { Int64($0) * 1001 * 12 }
        rates += [80, 120, 240].map { Int64($0) * 1001 * 12 }
        rates += [24, 30, 60, 12, 15, 48].map { Int64($0) * 1000 * 12 }
        return rates
    }()
    static let standardDenominator: Int64 = 12 * 1001

    /// One frame of `rate` in ticks of `timeBase`, rounded down as FFmpeg's
    /// packet durations are (av_rescale_rnd, AV_ROUND_DOWN).
    static func frameTicks(_ rate: AVRational, _ timeBase: AVRational) -> Int64 {
        av_rescale_rnd(1, Int64(rate.den) * Int64(timeBase.den), Int64(rate.num) * Int64(timeBase.num), AV_ROUND_DOWN)
    }

    /// avg_frame_rate for a stream whose packets each last `frameTicks`, its
    /// codec declaring `codecRate`.
    static func average(codecRate: AVRational, frameTicks: Int64, timeBase: AVRational) -> AVRational {
        var estimate = AVRational(num: 0, den: 1)
        // Fields over twice the duration: two fields a frame.
        av_reduce(&estimate.num, &estimate.den, 2 * Int64(timeBase.den), frameTicks * 2 * Int64(timeBase.num), 60000)
        var bestError = 0.01
        var best: Int64 = 0
        for rate in standard {
            let std = Double(rate) / Double(standardDenominator)
            for candidate in [estimate, codecRate] where candidate.num > 0 && candidate.den > 0 {
                let error = abs(av_q2d(candidate) / std - 1)
                if error < bestError {
                    bestError = error
                    best = rate
                }
            }
        }
        guard best != 0 else { return estimate }
        var snapped = AVRational(num: 0, den: 1)
        av_reduce(&snapped.num, &snapped.den, best, standardDenominator, Int64(Int32.max))
        return snapped
    }

    /// True when `rate` is exactly one of the standard rates.
    static func isStandard(_ rate: AVRational) -> Bool {
        rate.num > 0 && rate.den > 0 && standard.contains { $0 * Int64(rate.den) == standardDenominator * Int64(rate.num) }
    }
}
