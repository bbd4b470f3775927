import LTXJournal
import LTXMedia

/// Why a review page could not be made.
public enum ReviewError: Error, Sendable {
    /// The page could not be written (its folder, the disk).
    case cannotWrite(path: String, reason: String)
    /// A file the page shows could not be read.
    case unreadable(MediaError)
    /// The journal named for the page's calls could not be read.
    case journal(JournalError)
}
