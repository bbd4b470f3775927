import LTXSystem

/// A system call on an output file or its folder that failed: the call's
/// `Errno` and the path it named. Callers turn it into their own error case.
public struct OutputFileError: Error, Sendable, Equatable {
    public let path: String
    public let errno: Errno

    public init(path: String, errno: Errno) {
        self.path = path
        self.errno = errno
    }

    /// The errno's sentence ("Permission denied").
    public var message: String { errno.message }
}

/// Why a file cannot be made in a folder, or the folder cannot be made: the
/// folder, what is wrong, and the errno that said so.
public struct OutputFolderError: Error, Sendable, Equatable {
    public let folder: String
    public let problem: OutputFile.FolderProblem
    public let errno: Errno

    public init(folder: String, problem: OutputFile.FolderProblem, errno: Errno) {
        self.folder = folder
        self.problem = problem
        self.errno = errno
    }

    /// The sentence for a person: a file in the way is named, else the errno's.
    public var reason: String { problem == .notAFolder ? "\(folder) is not a folder" : errno.message }
}
