import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// `ltx-prep retake --window-only`: the first section's call as the whole
/// retake makes it (the same planned window, the same price), its answer
/// written to the output as it came, with no splice.
public struct WindowOnlyRetake: Sendable {
    public var job: GenerationJob
    public var call: RetakeCall
    /// The input's frame rate, which counts where the section starts in the window.
    public var frameRate: Double

    /// Where `outcome`'s answer sits in the input, and where the section starts in it.
    public func window(of outcome: GenerationOutcome) -> FixOutcome.WindowMapping? {
        outcome.window(sectionStart: call.section.start, frameRate: frameRate)
    }
}
