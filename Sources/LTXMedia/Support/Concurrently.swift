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
}
