/// Why a review page could not be made.
public enum ReviewError: Error, Sendable, Equatable {
    /// The page could not be written (its folder, the disk).
    case cannotWrite(path: String, reason: String)
}
