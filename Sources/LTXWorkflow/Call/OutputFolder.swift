import LTXFiles

/// Whether a result can be written where the user asked: decided before
/// anything is read for sending, uploaded or paid, by every command that
/// writes one (a paid result that cannot be put down is money spent for nothing).
enum OutputFolder {
    /// Throws when nothing can be made in `output`'s folder (missing, not a folder, read-only).
    static func require(_ output: String) throws(WorkflowError) {
        do { try OutputFile.checkFolder(of: output) } catch {
            throw .outputFolderUnusable(folder: error.folder, output: output, error.problem, errno: error.errno.rawValue)
        }
    }
}
