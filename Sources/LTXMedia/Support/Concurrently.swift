/// `body` over `items`, at most `limit` at a time, the results in the
/// items' order: many files checked, or pictured, on all cores.
package enum Concurrently {
    package static func map<Item: Sendable, Value: Sendable>(_ items: [Item], limit: Int,
                                                             _ body: @escaping @Sendable (Item) async -> Value) async -> [Value] {
        var results = [Value?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Value).self) { group in
            var next = 0
            func launch() {
                let i = next, item = items[i]
                next += 1
                group.addTask { (i, await body(item)) }
            }
            while next < min(max(1, limit), items.count) { launch() }
            for await (i, value) in group {
                results[i] = value
                if next < items.count { launch() }
            }
        }
        return results.map { $0! }
    }

    /// `a` and `b` at the same time, their typed error kept (`async let` loses
    /// it): two files read at once.
    package static func both<A: Sendable, B: Sendable, E: Error>(_ a: @escaping @Sendable () async throws(E) -> A,
                                                                 _ b: @escaping @Sendable () async throws(E) -> B) async throws(E) -> (A, B) {
        async let first: Result<A, E> = { () async -> Result<A, E> in
            do throws(E) { return .success(try await a()) } catch { return .failure(error) }
        }()
        let second: Result<B, E>
        do throws(E) { second = .success(try await b()) } catch { second = .failure(error) }
        return (try await first.get(), try second.get())
    }
}
