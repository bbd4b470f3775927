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
    let path: String
    let size: Int64
    let chunkLength: Int64

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: handle, path: path, size: size, chunkLength: chunkLength)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: ReadFileHandle
        let path: String
        let size: Int64
        let chunkLength: Int64
        var offset: Int64 = 0
        var ahead: Task<ByteBuffer, any Error>?

        mutating func next() async throws -> ByteBuffer? {
            guard offset < size else { return nil }
            let chunk = try await (ahead ?? read(at: offset)).value
            guard chunk.readableBytes > 0 else { throw SourceFileError(path: path, kind: .shrank(expected: size, read: offset)) }
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
