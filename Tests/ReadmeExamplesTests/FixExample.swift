import LTXPreflight
import LTXWorkflow

/// Make a clip conform, watching the frames go by; cancelling the task
/// stops the work and leaves no file behind.
func makeConformant(_ clip: String, to output: String) async throws -> FixOutcome {
    let (progress, outcome) = Fixer.start(clip, FixRequest(output: output))
    for await p in progress { print("frame", p.framesDone, "of", p.framesExpected ?? 0) }
    return try await outcome.value
}
