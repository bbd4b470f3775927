import LTXMedia
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of status on stderr, redrawn in place at most ten times a
/// second; nothing when stderr is not a terminal.
final class StatusLine: Sendable {
    private let enabled: Bool
    private let started = StatusLine.now()
    /// When the line was last drawn; nil before it is.
    private let last = Mutex<Double?>(nil)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        let now = Self.now()
        let draw = last.withLock { t -> Bool in
            guard now - (t ?? 0) >= 0.1 else { return false }
            t = now
            return true
        }
        if draw { Console.prompt("\r\u{1B}[K" + text) }
    }

    /// A fix's progress: `[#######.....]  240/480 frames  ETA 0:04  3.1x`.
    func show(_ p: TranscodeProgress) {
        guard enabled else { return }
        show(p.line(elapsed: Self.now() - started))
    }

    /// Clears the line, if one was drawn, so the next output starts clean.
    func clear() {
        if enabled, last.withLock({ $0 != nil }) { Console.prompt("\r\u{1B}[K") }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
