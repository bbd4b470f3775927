#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system facts checked before FFmpeg sees a path, so that a
/// missing, empty or non-regular file gets its own clear message.
enum FileStatus {
    static func size(of path: String) throws(MediaError) -> Int64 {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let err = errno
            if err == ENOENT || err == ENOTDIR {
                throw MediaError(kind: .notFound, path: path, message: "no such file")
            }
            throw MediaError(kind: .unreadable, path: path, operation: "stat", code: -err,
                             message: String(cString: strerror(err)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw MediaError(kind: .notARegularFile, path: path, message: "not a regular file")
        }
        guard access(path, R_OK) == 0 else {
            throw MediaError(kind: .unreadable, path: path, message: "permission denied")
        }
        guard st.st_size > 0 else {
            throw MediaError(kind: .empty, path: path, message: "empty file (0 bytes)")
        }
        return Int64(st.st_size)
    }

    /// First bytes of the file, for container details FFmpeg does not export.
    static func head(of path: String, count: Int) -> [UInt8] {
        guard let f = fopen(path, "rb") else { return [] }
        defer { fclose(f) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, f) }
        return Array(bytes.prefix(n))
    }
}
