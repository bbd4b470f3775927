import LTXSystem

/// A small file read whole (a manifest, an image for a data URI).
public enum WholeFile {
    /// Throws the errno of the open or read that failed.
    public static func bytes(_ path: String) throws(Errno) -> [UInt8] {
        try LocalFiles.contents(of: path)
    }
}

/// A folder's entry names, `.` and `..` left out.
public enum FolderEntries {
    public static func names(_ path: String) throws(Errno) -> [String] {
        try LocalFiles.entries(of: path)
    }
}
