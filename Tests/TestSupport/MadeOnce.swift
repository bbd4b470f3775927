/// Values made once per key for every test of the process that asks, however
/// many ask at once: an expensive result that several tests read (a
/// reference run, a command's help page) instead of each making its own.
public actor MadeOnce<Key: Hashable & Sendable, Value: Sendable> {
    private var runs: [Key: Task<Value, any Error>] = [:]
    private let make: @Sendable (Key) async throws -> Value

    public init(_ make: @escaping @Sendable (Key) async throws -> Value) { self.make = make }

    public func value(_ key: Key) async throws -> Value {
        let run = runs[key] ?? Task { [make] in try await make(key) }
        runs[key] = run
        return try await run.value
    }
}
