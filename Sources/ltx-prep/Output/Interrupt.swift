import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C, SIGTERM and SIGHUP cancel `task` instead of killing the process,
/// so the work can remove its temporary files; returns the task's value.
/// `Interrupt.received` says which signal came, for the exit status (128 + it).
func awaitCancellingOnInterrupt<T: Sendable>(_ task: Task<T, Never>) async -> T {
    let sources = [SIGINT, SIGTERM, SIGHUP].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            Interrupt.received.withLock { if $0 == nil { $0 = number } }
            task.cancel()
        }
        source.resume()
        return source
    }
    defer { sources.forEach { $0.cancel() } }
    return await task.value
}

/// Runs `work` in a task that an interrupt cancels, with a status line on a
/// terminal (none when `quiet`, e.g. for --json), cleared when it ends.
func interruptibly<T: Sendable, E: Error>(quiet: Bool, _ work: @escaping @Sendable (StatusLine) async throws(E) -> T) async -> Result<T, E> {
    let status = StatusLine(enabled: !quiet && Console.stderrIsTerminal)
    let task = Task { () async -> Result<T, E> in
        do throws(E) { return .success(try await work(status)) } catch { return .failure(error) }
    }
    let result = await awaitCancellingOnInterrupt(task)
    status.clear()
    return result
}

enum Interrupt {
    static let received = Mutex<Int32?>(nil)

    /// 128 + the signal that stopped the work (130 for Ctrl-C), as shells report it.
    static var exitStatus: Int32 { 128 + (received.withLock { $0 } ?? SIGINT) }
}
