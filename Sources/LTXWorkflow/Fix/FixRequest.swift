import LTXPreflight

/// What to fix a file for, and where to put the result.
public struct FixRequest: Sendable, Equatable {
    public var check: CheckRequest
    public var output: String
    /// Replace an existing output.
    public var force: Bool
    public var options: FixOptions
    /// Check that the output's name says what is written (`-o clip.mkv` for an
    /// MP4 is refused). Off for hidden temporaries, which have no such name.
    public var checkExtension: Bool

    public init(check: CheckRequest = CheckRequest(), output: String, force: Bool = false, options: FixOptions = FixOptions(),
                checkExtension: Bool = true) {
        self.check = check
        self.output = output
        self.force = force
        self.options = options
        self.checkExtension = checkExtension
    }
}
