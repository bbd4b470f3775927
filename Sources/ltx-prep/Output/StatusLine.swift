import LTXMedia
import Synchronization

/// One line of status on stderr, redrawn in place at most ten times a
/// second; nothing when `quiet` or when stderr is not a terminal.
final class StatusLine: Sendable {
    private let enabled: Bool
    private let started = ContinuousClock.now
    /// When the line was last drawn; nil before it is.
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(quiet: Bool) { enabled = !quiet && Console.stderrIsTerminal }

    func show(_ text: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let draw = last.withLock { t -> Bool in
            if let t, now - t < .milliseconds(100) { return false }
            t = now
            return true
        }
        if draw { Console.prompt("\r\u{1B}[K" + text) }
    }

    /// A fix's progress: `[#######.....]  240/480 frames  ETA 0:04  3.1x`.
    func show(_ p: TranscodeProgress) {
        guard enabled else { return }
        show(p.line(elapsed: (ContinuousClock.now - started) / .seconds(1)))
    }

    /// Clears the line, if one was drawn, so the next output starts clean.
    func clear() {
        if enabled, last.withLock({ $0 != nil }) { Console.prompt("\r\u{1B}[K") }
    }
}
