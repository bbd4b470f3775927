/// At most a few children of `ChildProcess.run` at once. The tests await
/// their children without holding a thread, so nothing else bounds how many
/// start: a whole-suite run had about 50 at once on two cores (5 GB), and an
/// in-process sandbox's answer (120 s) and a one-line sync test (60 s) timed
/// out behind them. Four keep both cores busy while a child waits on I/O.
actor ChildSlots {
    static let shared = ChildSlots(4)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the longest waiter, or frees it.
    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }

    /// `body` run while holding a slot (off the actor: only the count is its).
    nonisolated func holding<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
