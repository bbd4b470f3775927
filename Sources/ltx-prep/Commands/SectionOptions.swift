import ArgumentParser
import LTXContract
import LTXMedia
import LTXWorkflow

/// `--section START:DURATION`, in seconds: one section of the timeline. Any
/// two numbers parse; their ranges are checked as --start's and --duration's.
struct SectionArgument: ExpressibleByArgument, Sendable {
    var text: String
    var start: Double
    var duration: Double

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Double(parts[0]), let duration = Double(parts[1]) else { return nil }
        (text, self.start, self.duration) = (argument, start, duration)
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
            try Bounds.check("--start", start, SectionRange.start, " seconds")
            try Bounds.check("--duration", duration, SectionRange.duration, " seconds")
            return [TimeWindow(start: start, duration: duration)]
        }
        guard start == nil, duration == nil else { throw ValidationError("--start and --duration go together") }
        guard !section.isEmpty else { throw ValidationError("give the section: --start S --duration D, or --section START:DURATION") }
        for s in section {
            try Bounds.check("--section \(s.text): its start", s.start, SectionRange.start, " seconds")
            try Bounds.check("--section \(s.text): its duration", s.duration, SectionRange.duration, " seconds")
        }
        return section.map { TimeWindow(start: $0.start, duration: $0.duration) }.sorted { $0.start < $1.start }
    }
}

extension RetakeMode: ExpressibleByArgument {}
extension RetakeResolution: ExpressibleByArgument {}
