#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output's path and its temporary sibling. Results are written to the
/// temporary file in the same folder and renamed into place, so a crash
/// never leaves a half-written file under the final name.
public struct OutputFile: Sendable {
    public let path: String
    public let temporary: String

    public init(path: String, suffix: String = "tmp") {
        self.path = path
        temporary = Self.temporaryPath(beside: path, suffix: suffix)
    }

    /// A hidden, unique name in `path`'s folder: a rename from it to `path`
    /// stays on one file system, so it is atomic.
    public static func temporaryPath(beside path: String, suffix: String = "tmp") -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(dir.isEmpty ? "/" : dir)/.\(name).ltx-prep-\(getpid())-\(tag).\(suffix)"
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Same file: same device and inode (hard links and other spellings included).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    public static func folderExists(of path: String) -> Bool { unwritableFolder(of: path).map { $0.problem == .notWritable } ?? true }

    /// Why a file cannot be made in a folder.
    public enum FolderProblem: Sendable, Equatable {
        /// The folder does not exist.
        case missing
        /// The path names a file, or goes through one.
        case notAFolder
        /// The folder is there but refuses a new file (read-only, no permission).
        case notWritable
    }

    /// The folder `path` would be written into and why nothing can be made
    /// there; nil when a file can be. Asked before anything is paid for: the
    /// one check of every command that writes a result.
    public static func unwritableFolder(of path: String) -> (folder: String, problem: FolderProblem, errno: Int32)? {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let folder = dir.isEmpty ? "/" : dir
        var st = stat()
        if stat(folder, &st) != 0 {
            let err = errno
            return (folder, err == ENOTDIR ? .notAFolder : .missing, err)
        }
        if (st.st_mode & S_IFMT) != S_IFDIR { return (folder, .notAFolder, ENOTDIR) }
        // A new file needs write and search permission on the folder (and a writable file system).
        if access(folder, W_OK | X_OK) != 0 { return (folder, .notWritable, errno) }
        return nil
    }

    /// `mkdir -p` of `folder`: nil when it is there (made or found), else why not.
    public static func makeFolders(_ folder: String) -> String? {
        var st = stat()
        if stat(folder, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "\(folder) is not a folder" }
        let parent = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
        if !parent.isEmpty, let problem = makeFolders(parent) { return problem }
        return mkdir(folder, 0o755) == 0 || errno == EEXIST ? nil : String(cString: strerror(errno))
    }

    /// The folder `path` is written into, and whether it is missing.
    public static func missingFolder(of path: String) -> String? {
        guard !folderExists(of: path), let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    public func discardTemporary() { unlink(temporary) }

    /// rename(2): atomic within one file system, replacing an existing file.
    public func commit() -> Int32? {
        rename(temporary, path) == 0 ? nil : errno
    }

    /// Writes `text` to a temporary file beside `path` and renames it into
    /// place: nil when done, else why not (nothing is left behind).
    public static func writeText(_ text: String, to path: String) -> String? {
        let file = OutputFile(path: path)
        guard let f = fopen(file.temporary, "w") else { return String(cString: strerror(errno)) }
        let wrote = fputs(text, f) >= 0
        let closed = fclose(f) == 0
        guard wrote, closed else {
            file.discardTemporary()
            return "cannot write the file"
        }
        if let err = file.commit() {
            file.discardTemporary()
            return String(cString: strerror(err))
        }
        return nil
    }

    /// Copies `source` to the temporary path byte for byte.
    public func copyIn(from source: String) -> Int32? {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { return errno }
        defer { close(input) }
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard output >= 0 else { return errno }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n == 0 { return nil }
            if n < 0 { return errno }
            var offset = 0
            while offset < n {
                let w = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, n - offset) }
                if w <= 0 { return errno }
                offset += w
            }
        }
    }
}
