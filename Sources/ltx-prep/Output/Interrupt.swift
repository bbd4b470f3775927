import LTXWorkflow
import Synchronization

/// Runs `work` in a task that Ctrl-C, SIGTERM or SIGHUP cancels
/// (`SignalCancellation`), with a status line on a terminal (none when
/// `quiet`, e.g. for --json), cleared when it ends.
func interruptibly<T: Sendable, E: Error>(quiet: Bool, _ work: @escaping @Sendable (StatusLine) async throws(E) -> T) async -> Result<T, E> {
    let status = StatusLine(quiet: quiet)
    let (result, signal) = await SignalCancellation.run { () async -> Result<T, E> in
        do throws(E) { return .success(try await work(status)) } catch { return .failure(error) }
    }
    if let signal { Interrupt.received.withLock { $0 = signal } }
    status.clear()
    return result
}

enum Interrupt {
    static let received = Mutex<Int32?>(nil)

    /// 128 + the signal that stopped the work, as shells report it; 130 (Ctrl-C's) when none came.
    static var exitStatus: Int32 { received.withLock { $0 }.map { 128 + $0 } ?? ExitStatus.interrupted.rawValue }
}
