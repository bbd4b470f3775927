internal import CFFmpeg

/// The rate pictures are timed at: the stream's own, else the one rate
/// assumed for a stream that states none.
public enum StreamFrameRate {
    /// 24: the API's own `fps` when none is sent (`Catalogue.defaultFPS`, which
    /// LTXMedia does not see; `AssumedFrameRate` in LTXPreflight reads this and
    /// a test holds the two equal). Not 25, FFmpeg's guess, which the API never makes.
    public static let assumed = 24

    /// The stream's average rate, else its base rate, else `assumed`.
    static func of(_ st: UnsafeMutablePointer<AVStream>) -> AVRational {
        [st.pointee.avg_frame_rate, st.pointee.r_frame_rate].first { $0.num > 0 && $0.den > 0 } ?? AVRational(num: Int32(assumed), den: 1)
    }
}
