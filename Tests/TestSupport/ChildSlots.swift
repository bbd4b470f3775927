import LTXMedia

/// At most a few children of `ChildProcess.run` at once. The tests await
/// their children without holding a thread, so nothing else bounds how many
/// start: a whole-suite run had about 50 at once on two cores (5 GB), and an
/// in-process sandbox's answer (120 s) and a one-line sync test (60 s) timed
/// out behind them. Four keep both cores busy while a child waits on I/O.
enum ChildSlots {
    static let shared = Slots(4)

    /// `body` run while holding one of the slots.
    static func holding<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await shared.acquire()
        do {
            let value = try await body()
            await shared.release()
            return value
        } catch {
            await shared.release()
            throw error
        }
    }
}
