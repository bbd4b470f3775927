import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C cancels `task` instead of killing the process, so the work can
/// remove its temporary files; returns the task's value.
func awaitCancellingOnInterrupt<T: Sendable>(_ task: Task<T, Never>) async -> T {
    signal(SIGINT, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupt.setEventHandler { task.cancel() }
    interrupt.resume()
    defer { interrupt.cancel() }
    return await task.value
}
