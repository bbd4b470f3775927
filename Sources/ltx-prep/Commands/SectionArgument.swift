import ArgumentParser
import LTXMedia

/// `--section START:DURATION`, in seconds: one section of the timeline.
struct SectionArgument: ExpressibleByArgument, Sendable {
    var window: TimeWindow

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Double(parts[0]), let duration = Double(parts[1]),
              start.isFinite, duration.isFinite, start >= 0, duration > 0, start + duration <= 86_400 else { return nil }
        window = TimeWindow(start: start, duration: duration)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The sections given: every --section, or --start/--duration as one.
    static func sections(_ given: [SectionArgument], start: Double?, duration: Double?) throws -> [TimeWindow] {
        if let start, let duration {
            guard given.isEmpty else { throw ValidationError("give --start/--duration or --section, not both") }
            guard start.isFinite, duration.isFinite, start >= 0, duration > 0 else {
                throw ValidationError("--start must be 0 or more and --duration above 0, in seconds")
            }
            return [TimeWindow(start: start, duration: duration)]
        }
        guard start == nil, duration == nil else { throw ValidationError("--start and --duration go together") }
        guard !given.isEmpty else { throw ValidationError("give the section: --start S --duration D, or --section START:DURATION") }
        return given.map(\.window).sorted { $0.start < $1.start }
    }
}
