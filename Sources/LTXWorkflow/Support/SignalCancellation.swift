import Dispatch
import LTXSystem
import Synchronization

/// Ctrl-C, SIGTERM and SIGHUP cancel the work instead of killing the
/// process, so a fix, a splice or a paid call can remove its temporary
/// files (each workflow here cleans up when it is cancelled) before the
/// program exits: what the `ltx-prep` commands do on a signal, for any
/// Swift program. The signals stay ignored after it returns.
public enum SignalCancellation {
    /// Runs `work` in a task that the first of those signals cancels;
    /// returns its value and that signal (nil when none came).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> (value: T, signal: Int32?) {
        let received = Received()
        let task = Task { await work() }
        let sources = ThisProcess.stopSignals.map { number in
            ThisProcess.ignore(signal: number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                received.first.withLock { if $0 == nil { $0 = number } }
                task.cancel()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let value = await task.value
        return (value, received.first.withLock { $0 })
    }

    private final class Received: Sendable {
        let first = Mutex<Int32?>(nil)
    }
}
