#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C call, named apart from `LocalFiles.rename`.
private func cRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }

/// Paths on the local file system: swift-system's `stat` and the calls it has
/// no wrapper for (rename, unlink, mkdir, access, directory listing). Every
/// failure is the `Errno` of the call, read at once.
public enum LocalFiles {
    /// stat(2), following symbolic links.
    public static func status(_ path: String) throws(Errno) -> Stat {
        try FilePath(path).stat()
    }

    public static func exists(_ path: String) -> Bool { (try? status(path)) != nil }

    public static func isFolder(_ path: String) -> Bool { (try? status(path))?.type == .directory }

    /// Bytes in the file; 0 when it cannot be read.
    public static func size(_ path: String) -> Int64 { (try? status(path))?.size ?? 0 }

    /// Same file: same device and inode (hard links, symbolic links and other spellings included).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let sa = try? status(a), let sb = try? status(b) else { return false }
        return sa.deviceID == sb.deviceID && sa.inode == sb.inode
    }

    /// rename(2): atomic within one file system, replacing an existing file.
    public static func rename(_ source: String, to destination: String) throws(Errno) {
        guard cRename(source, destination) == 0 else { throw .current }
    }

    /// unlink(2).
    public static func remove(_ path: String) throws(Errno) {
        guard unlink(path) == 0 else { throw .current }
    }

    /// rmdir(2): the folder must be empty.
    public static func removeFolder(_ path: String) throws(Errno) {
        guard rmdir(path) == 0 else { throw .current }
    }

    /// mkdir(2) of one folder.
    public static func makeFolder(_ path: String, permissions: FilePermissions = [.ownerReadWriteExecute, .groupReadExecute, .otherReadExecute]) throws(Errno) {
        guard mkdir(path, mode_t(permissions.rawValue)) == 0 else { throw .current }
    }

    /// mkdtemp(3): a new private folder named `prefix` plus six random characters.
    public static func makeTemporaryFolder(prefix: String) throws(Errno) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw .current }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// access(2) for making a file in `folder`: write and search permission on a writable file system.
    public static func checkCanCreate(in folder: String) throws(Errno) {
        guard access(folder, W_OK | X_OK) == 0 else { throw .current }
    }

    /// access(2) with R_OK.
    public static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

    /// The whole file's bytes (a manifest, an image for a data URI).
    public static func contents(of path: String) throws(Errno) -> [UInt8] {
        try Errno.catching {
            let fd = try FileDescriptor.open(path, .readOnly)
            return try fd.closeAfter {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = try buffer.withUnsafeMutableBytes { try fd.read(into: $0) }
                    if n == 0 { return bytes }
                    bytes += buffer[0..<n]
                }
            }
        }
    }

    /// Up to `count` bytes from the start of the file (fewer only when it is shorter).
    public static func prefix(of path: String, count: Int) throws(Errno) -> [UInt8] {
        try Errno.catching {
            let fd = try FileDescriptor.open(path, .readOnly)
            return try fd.closeAfter {
                var bytes = [UInt8](repeating: 0, count: count)
                var done = 0
                while done < count {
                    let n = try bytes.withUnsafeMutableBytes { try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[done...])) }
                    if n == 0 { break }
                    done += n
                }
                return Array(bytes[..<done])
            }
        }
    }

    /// Creates or empties `path` (read-write for all, less the umask, as fopen's "w") and writes `bytes` whole.
    public static func write(_ bytes: some Sequence<UInt8>, to path: String) throws(Errno) {
        try Errno.catching {
            let fd = try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate],
                                             permissions: [.ownerReadWrite, .groupReadWrite, .otherReadWrite])
            _ = try fd.closeAfter { try fd.writeAll(bytes) }
        }
    }

    /// Copies `source` byte for byte to `destination`, made or truncated with `permissions`.
    public static func copy(_ source: String, to destination: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead]) throws(Errno) {
        try Errno.catching {
            let input = try FileDescriptor.open(source, .readOnly)
            try input.closeAfter {
                let output = try FileDescriptor.open(destination, .writeOnly, options: [.create, .truncate], permissions: permissions)
                try output.closeAfter {
                    var buffer = [UInt8](repeating: 0, count: 1 << 20)
                    while true {
                        let n = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
                        if n == 0 { return }
                        _ = try buffer[0..<n].withUnsafeBytes { try output.writeAll($0) }
                    }
                }
            }
        }
    }

    /// A folder's entry names, `.` and `..` left out.
    public static func entries(of folder: String) throws(Errno) -> [String] {
        guard let dir = opendir(folder) else { throw .current }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
