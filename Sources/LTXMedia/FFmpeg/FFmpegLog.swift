internal import CFFmpeg

/// FFmpeg writes its own warnings straight to stderr. ltx-prep reports
/// problems itself, one line each, so FFmpeg stays quiet unless asked.
package enum FFmpegLog {
    package enum Level: Sendable { case quiet, error, warning, verbose }

    package static func set(_ level: Level) {
        _ = quietByDefault
        switch level {
        case .quiet: av_log_set_level(AV_LOG_QUIET)
        case .error: av_log_set_level(AV_LOG_ERROR)
        case .warning: av_log_set_level(AV_LOG_WARNING)
        case .verbose: av_log_set_level(AV_LOG_VERBOSE)
        }
    }

    /// Quiet once, before the first probe, unless `set` came first: a
    /// library's callers should not find FFmpeg's chatter on their stderr.
    static let quietByDefault: Void = av_log_set_level(AV_LOG_QUIET)
}
