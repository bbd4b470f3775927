import LTXSystem
import NIOCore

/// A file opened read-only for an upload; closed when the last reference goes.
final class ReadOnlyFile: Sendable {
    let path: String
    private let descriptor: SystemPackage.FileDescriptor

    init(path: String) throws(ClientError) {
        do { descriptor = try Errno.catching { try SystemPackage.FileDescriptor.open(path, .readOnly, options: .closeOnExec) } } catch {
            throw .file("\(path): \(error.message)")
        }
        self.path = path
    }

    deinit { try? descriptor.close() }

    /// Up to `count` bytes at `offset` (fewer only at the end of the file).
    /// Blocks: call it on a thread pool.
    func read(at offset: Int64, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            var done = 0
            while done < count {
                let rest = UnsafeMutableRawBufferPointer(rebasing: raw[done..<count])
                let n: Int
                do throws(Errno) { n = try Errno.catching { try descriptor.read(fromAbsoluteOffset: offset + Int64(done), into: rest) } } catch {
                    throw SourceFileError(path: path, kind: .readFailed(error))
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
        return buffer
    }
}
