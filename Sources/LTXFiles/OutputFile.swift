import LTXSystem

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
        return "\(dir.isEmpty ? "/" : dir)/.\(name).ltx-prep-\(ThisProcess.id)-\(tag).\(suffix)"
    }

    public static func exists(_ path: String) -> Bool { LocalFiles.exists(path) }

    /// Same file: same device and inode (hard links and other spellings included).
    public static func sameFile(_ a: String, _ b: String) -> Bool { LocalFiles.sameFile(a, b) }

    public static func folderExists(of path: String) -> Bool {
        do { try checkFolder(of: path) } catch { return error.problem == .notWritable }
        return true
    }

    /// Why a file cannot be made in a folder.
    public enum FolderProblem: Sendable, Equatable {
        /// The folder does not exist.
        case missing
        /// The path names a file, or goes through one.
        case notAFolder
        /// The folder is there but refuses a new file (read-only, no permission).
        case notWritable
    }

    /// Throws the folder `path` would be written into and why nothing can be
    /// made there. Asked before anything is paid for: the one check of every
    /// command that writes a result.
    public static func checkFolder(of path: String) throws(OutputFolderError) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let folder = dir.isEmpty ? "/" : dir
        let status: Stat
        do { status = try LocalFiles.status(folder) } catch {
            throw OutputFolderError(folder: folder, problem: error == .notDirectory ? .notAFolder : .missing, errno: error)
        }
        if status.type != .directory { throw OutputFolderError(folder: folder, problem: .notAFolder, errno: .notDirectory) }
        // A new file needs write and search permission on the folder (and a writable file system).
        do { try LocalFiles.checkCanCreate(in: folder) } catch {
            throw OutputFolderError(folder: folder, problem: .notWritable, errno: error)
        }
    }

    /// `mkdir -p` of `folder`: returns when it is there (made or found).
    public static func makeFolders(_ folder: String) throws(OutputFolderError) {
        if let status = try? LocalFiles.status(folder) {
            guard status.type == .directory else { throw OutputFolderError(folder: folder, problem: .notAFolder, errno: .notDirectory) }
            return
        }
        let parent = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
        if !parent.isEmpty { try makeFolders(parent) }
        do { try LocalFiles.makeFolder(folder) } catch where error != .fileExists {
            throw OutputFolderError(folder: folder, problem: error == .noSuchFileOrDirectory ? .missing : .notWritable, errno: error)
        } catch {}
    }

    /// The folder `path` is written into, and whether it is missing.
    public static func missingFolder(of path: String) -> String? {
        guard !folderExists(of: path), let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    public func discardTemporary() { try? LocalFiles.remove(temporary) }

    /// rename(2): atomic within one file system, replacing an existing file.
    public func commit() throws(OutputFileError) {
        do { try LocalFiles.rename(temporary, to: path) } catch { throw OutputFileError(path: path, errno: error) }
    }

    /// Writes `text` to a temporary file beside `path` and renames it into
    /// place; on failure nothing is left behind.
    public static func writeText(_ text: String, to path: String) throws(OutputFileError) {
        let file = OutputFile(path: path)
        do { try LocalFiles.write(text.utf8, to: file.temporary) } catch {
            file.discardTemporary()
            throw OutputFileError(path: path, errno: error)
        }
        do { try file.commit() } catch {
            file.discardTemporary()
            throw error
        }
    }

    /// Copies `source` to the temporary path byte for byte.
    public func copyIn(from source: String) throws(OutputFileError) {
        do { try LocalFiles.copy(source, to: temporary) } catch { throw OutputFileError(path: path, errno: error) }
    }
}
