internal import CFFmpeg
import LTXSystem

/// SHA-256 by libavutil's `av_sha`, which every build already links: a
/// journal fingerprints the files it pays for without a second crypto
/// library (swift-crypto would compile another copy of BoringSSL).
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    public init() {
        // av_sha_alloc only fails when out of memory.
        guard let made = av_sha_alloc() else { fatalError("av_sha_alloc: out of memory") }
        context = made
        av_sha_init(context, 256)
    }

    deinit { av_free(UnsafeMutableRawPointer(context)) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        av_sha_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hex digits.
    public consuming func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        av_sha_final(context, &digest)
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var sha = SHA256()
        sha.update(bytes)
        return sha.finalize()
    }

    /// The digest of a file's bytes, read in 1 MiB chunks. Blocking: call it
    /// through `BlockingExecutor` from async code.
    public static func file(_ path: String) throws(MediaError) -> String {
        let fd: FileDescriptor
        do { fd = try Errno.catching { try FileDescriptor.open(path, .readOnly) } } catch {
            throw MediaError(kind: error == .noSuchFileOrDirectory ? .notFound : .unreadable, path: path, operation: "open", code: -error.rawValue,
                             message: error.message)
        }
        defer { try? fd.close() }
        var sha = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n: Int
            do { n = try Errno.catching { try buffer.withUnsafeMutableBytes { try fd.read(into: $0) } } } catch {
                throw MediaError(kind: .unreadable, path: path, operation: "read", code: -error.rawValue, message: error.message)
            }
            if n == 0 { return sha.finalize() }
            buffer.withUnsafeBytes { sha.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}
