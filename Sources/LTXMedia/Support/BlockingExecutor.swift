import Dispatch

/// Runs blocking FFmpeg work on Dispatch's threads, never on Swift's
/// cooperative pool, whose few threads must not sit in read(2) or a decoder.
package enum BlockingExecutor {
    private static let queue = DispatchQueue(label: "ltx-prep.ffmpeg", qos: .userInitiated, attributes: .concurrent)

    package static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }
}
