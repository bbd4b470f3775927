import LTXSystem
import NIOCore
import NIOFileSystem
import OpenAPIRuntime

/// A result file as a response body of known length. With `dropAfter`, the
/// body fails part-way, so the server closes the connection as a failing
/// network would.
enum ResultStream {
    struct DroppedConnection: Error {}

    static func body(_ path: String, dropAfter: Int?, bytesPerSecond: Int? = nil, deleteAfterwards: Bool) -> HTTPBody {
        let size = LocalFiles.size(path)
        let (stream, continuation) = AsyncThrowingStream<ArraySlice<UInt8>, any Error>.makeStream()
        let producer = Task {
            defer { if deleteAfterwards { try? LocalFiles.remove(path) } }
            do {
                var sent = 0
                try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
                    for try await chunk in handle.readChunks(chunkLength: .kibibytes(64)) {
                        let bytes = ArraySlice(Array(buffer: chunk))
                        if let drop = dropAfter, sent + bytes.count >= drop {
                            if drop > sent { continuation.yield(bytes.prefix(drop - sent)) }
                            throw DroppedConnection()
                        }
                        continuation.yield(bytes)
                        sent += bytes.count
                        if let rate = bytesPerSecond, rate > 0 {
                            try await Task.sleep(for: .milliseconds(Int64(bytes.count) * 1000 / Int64(rate)))
                        }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        return HTTPBody(stream, length: .known(size), iterationBehavior: .single)
    }
}
