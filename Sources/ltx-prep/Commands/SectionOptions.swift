import ArgumentParser
import LTXContract
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
}

/// The sections of `retake` and `splice`: --start/--duration for one, or --section, repeatable.
struct SectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Section start, in seconds.", valueName: "seconds")) var start: Double?
    @Option(help: ArgumentHelp("Section duration, in seconds (at least 2).", valueName: "seconds")) var duration: Double?
    @Option(help: ArgumentHelp("A section as START:DURATION in seconds; repeatable.", valueName: "start:duration"))
    var section: [SectionArgument] = []

    func validate() throws { _ = try sections() }

    /// Sorted by start.
    func sections() throws -> [TimeWindow] {
        if let start, let duration {
            guard section.isEmpty else { throw ValidationError("give --start/--duration or --section, not both") }
            guard start.isFinite, duration.isFinite, start >= 0, duration > 0 else {
                throw ValidationError("--start must be 0 or more and --duration above 0, in seconds")
            }
            return [TimeWindow(start: start, duration: duration)]
        }
        guard start == nil, duration == nil else { throw ValidationError("--start and --duration go together") }
        guard !section.isEmpty else { throw ValidationError("give the section: --start S --duration D, or --section START:DURATION") }
        return section.map(\.window).sorted { $0.start < $1.start }
    }
}

extension RetakeMode: ExpressibleByArgument {}
extension RetakeResolution: ExpressibleByArgument {}
