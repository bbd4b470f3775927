import LTXSystem

/// The file-system facts checked before FFmpeg sees a path, so that a
/// missing, empty or non-regular file gets its own clear message.
enum FileStatus {
    static func size(of path: String) throws(MediaError) -> Int64 {
        let status: Stat
        do { status = try LocalFiles.status(path) } catch {
            if error == .noSuchFileOrDirectory || error == .notDirectory {
                throw MediaError(kind: .notFound, path: path, message: "no such file")
            }
            throw MediaError(kind: .unreadable, path: path, operation: "stat", code: -error.rawValue,
                             message: error.message)
        }
        guard status.type == .regular else {
            throw MediaError(kind: .notARegularFile, path: path, message: "not a regular file")
        }
        guard LocalFiles.isReadable(path) else {
            throw MediaError(kind: .unreadable, path: path, message: "permission denied")
        }
        guard status.size > 0 else {
            throw MediaError(kind: .empty, path: path, message: "empty file (0 bytes)")
        }
        return status.size
    }

    /// First bytes of the file, for container details FFmpeg does not export.
    static func head(of path: String, count: Int) -> [UInt8] {
        (try? LocalFiles.prefix(of: path, count: count)) ?? []
    }
}
