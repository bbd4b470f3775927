import NIOCore
import NIOFileSystem

/// The first `size` bytes of a file, read in order with exactly one chunk
/// read ahead, for an async request body (the streamed data URI).
/// NIOFileSystem's `readChunks` reads up to eight chunks ahead; one is
/// enough for the next read to overlap the current write, and the memory a
/// body holds stays at two chunks, whatever the file's size.
struct SequentialFileReads: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let handle: ReadFileHandle
    let size: Int64
    let chunkLength: Int64

    /// The file ended before `size` bytes: it changed while being sent.
    struct FileShrank: Error, CustomStringConvertible {
        var expected: Int64
        var read: Int64
        var description: String { "the file shrank while being sent (\(read) of \(expected) bytes)" }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: handle, size: size, chunkLength: chunkLength)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: ReadFileHandle
        let size: Int64
        let chunkLength: Int64
        var offset: Int64 = 0
        var ahead: Task<ByteBuffer, any Error>?

        mutating func next() async throws -> ByteBuffer? {
            guard offset < size else { return nil }
            let chunk = try await (ahead ?? read(at: offset)).value
            guard chunk.readableBytes > 0 else { throw FileShrank(expected: size, read: offset) }
            offset += Int64(chunk.readableBytes)
            ahead = offset < size ? read(at: offset) : nil
            return chunk
        }

        private func read(at offset: Int64) -> Task<ByteBuffer, any Error> {
            let (handle, length) = (handle, Swift.min(chunkLength, size - offset))
            return Task { try await handle.readChunk(fromAbsoluteOffset: offset, length: .bytes(length)) }
        }
    }
}
