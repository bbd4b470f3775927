import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only for an upload; closed when the last reference goes.
final class ReadOnlyFile: Sendable {
    let path: String
    private let descriptor: CInt

    init(path: String) throws(ClientError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .file("\(path): \(String(cString: strerror(errno)))") }
        self.path = path
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer only at the end of the file).
    /// Blocks: call it on a thread pool.
    func read(at offset: Int64, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            var done = 0
            while done < count {
                let n = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n > 0 { done += n; continue }
                if n == 0 { break }
                if errno != EINTR { throw SourceFileError(path: path, kind: .readFailed(errno)) }
            }
            return done
        }
        return buffer
    }
}
