import LTXClient
import LTXMedia
import Synchronization

/// Status on stderr: on a terminal one line redrawn in place at most ten
/// times a second; elsewhere (a pipe, a log file) a plain line at most every
/// five seconds, so long work is never silent; nothing when `quiet`.
final class StatusLine: Sendable {
    private enum Mode { case off, redraw, lines }
    private let mode: Mode
    private let started = ContinuousClock.now
    /// When the line was last drawn; nil before it is.
    private let last = Mutex<ContinuousClock.Instant?>(nil)
    /// What the line shows now; nil before one is drawn and once it is cleared.
    private let shown = Mutex<String?>(nil)

    /// How often a plain line is written off a terminal, the first after one
    /// interval: quick work stays silent. LTX_PREP_PROGRESS_INTERVAL (seconds)
    /// changes it (tests see lines at once with 0).
    static let lineInterval: Duration = {
        let seconds = ClientConfiguration.processEnvironment["LTX_PREP_PROGRESS_INTERVAL"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        return .milliseconds(Int64(min(3600, max(0, seconds ?? 5)) * 1000))
    }()

    init(quiet: Bool) {
        mode = quiet ? .off : Console.stderrIsTerminal ? .redraw : .lines
        // Off a terminal the first line waits one interval, as if one had just been written.
        if mode == .lines { last.withLock { $0 = started } }
    }

    private var enabled: Bool { mode != .off }

    /// `text`, unless one was drawn less than an interval ago. `finishes`: a
    /// state the line must not be left short of (a transfer's last bytes),
    /// drawn at once when the line shows an earlier one: a download of a few
    /// milliseconds was left at its first chunk's "downloading 0 MB of 1.6 MB"
    /// while the work went on. Quick work that showed nothing stays silent.
    func show(_ text: String, finishes: Bool = false) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let interval = mode == .redraw ? Duration.milliseconds(100) : Self.lineInterval
        let overdue = finishes && shown.withLock { $0 != nil && $0 != text }
        let draw = last.withLock { t -> Bool in
            if !overdue, let t, now - t < interval { return false }
            t = now
            return true
        }
        guard draw else { return }
        shown.withLock { $0 = text }
        Console.prompt(mode == .redraw ? "\r\u{1B}[K" + text : text + "\n")
    }

    /// A fix's progress: `[#######.....]  240/480 frames  ETA 0:04  3.1x`.
    func show(_ p: TranscodeProgress) {
        guard enabled else { return }
        show(p.line(elapsed: (ContinuousClock.now - started) / .seconds(1)))
    }

    /// Clears the line, if one was drawn, so the next output starts clean.
    func clear() {
        if mode == .redraw, last.withLock({ $0 != nil }) { Console.prompt("\r\u{1B}[K") }
        shown.withLock { $0 = nil }
    }
}
