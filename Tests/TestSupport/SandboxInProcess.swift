import LTXSandbox

/// The sandbox in this process, on a random loopback port.
public enum SandboxInProcess {
    public static let key = "test-key"

    struct NotListening: Error {}

    /// The bound port, and the task to cancel to stop it.
    public static func start(storage: String, configure: (inout SandboxConfiguration) -> Void = { _ in })
        async throws -> (port: Int, task: Task<Void, any Error>) {
        var configuration = SandboxConfiguration(port: 0, apiKey: key, storageDirectory: storage)
        configure(&configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await Sandbox.run(configuration) { continuation.yield($0) }
        }
        for await port in ports { return (port, task) }
        task.cancel()
        throw NotListening()
    }
}
