import LTXMedia
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `[#######.....]  240/480 frames  3.1x  ETA 0:04` on stderr, redrawn at
/// most ten times a second; silent when stderr is not a terminal.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: Double = 0
        var drawn = false
    }

    private let enabled: Bool
    private let start = ProgressBar.now()
    private let state = Mutex(State())

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func update(_ p: TranscodeProgress) {
        guard enabled else { return }
        let t = Self.now()
        let line: String? = state.withLock { s in
            guard t - s.lastDraw >= 0.1 else { return nil }
            s.lastDraw = t
            s.drawn = true
            return Self.render(p, elapsed: t - start)
        }
        if let line { Self.writeErr("\r\u{1B}[K" + line) }
    }

    /// Clears the bar so the next line starts clean.
    func finish() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        Self.writeErr("\r\u{1B}[K")
    }

    static func render(_ p: TranscodeProgress, elapsed: Double) -> String {
        let width = 24
        var parts: [String] = []
        if let total = p.framesExpected, total > 0 {
            let fraction = min(1, Double(p.framesDone) / Double(total))
            let filled = Int(fraction * Double(width))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            parts.append("\(p.framesDone)/\(total) frames")
            if p.framesDone > 0, elapsed > 0 {
                let remaining = elapsed / Double(p.framesDone) * Double(total - min(total, p.framesDone))
                parts.append("ETA \(Int(remaining) / 60):" + String(format2: Int(remaining) % 60))
            }
        } else {
            parts.append("\(p.framesDone) frames")
        }
        if elapsed > 0.2, p.secondsDone > 0 {
            parts.append("\((p.secondsDone / elapsed * 10).rounded() / 10)x")
        }
        return parts.joined(separator: "  ")
    }

    private static func writeErr(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

private extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
