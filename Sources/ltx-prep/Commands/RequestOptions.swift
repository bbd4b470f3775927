import LTXContract
import ArgumentParser
import LTXPreflight
import LTXWorkflow

/// What a file is checked (or fixed) for: the options `check` and `fix` share.
struct RequestOptions: ParsableArguments {
    @Option(name: .customLong("for"), help: "The endpoint the file is for (default: from what the file is).") var endpoint: Endpoint?
    @Option(help: ArgumentHelp("Retake section start_time, in seconds.", valueName: "seconds")) var start: Double?
    @Option(help: ArgumentHelp("Retake section duration, in seconds (at least 2).", valueName: "seconds")) var duration: Double?
    @Option(help: "How the file will reach the API (its size limit).") var deliver: Delivery = .upload
    @Option(help: ArgumentHelp("A size limit stricter than the delivery's (a proxy's), counted as the delivery counts (base64 for a data URI).",
                               valueName: "bytes"))
    var maxBytes: Int64?
    @Flag(help: "Also warn of what local LTX pipelines want and the API does not require: 8k+1 frames, width and height multiples of 32.")
    var strict = false

    func validate() throws {
        if (start == nil) != (duration == nil) {
            throw ValidationError("--start and --duration go together: give both or neither")
        }
        try Bounds.check("--start", start, SectionRange.start, " seconds")
        try Bounds.check("--duration", duration, SectionRange.duration, " seconds")
        if let why = request().refusal { throw ValidationError(why.commandLineText) }
    }

    func request(prompt: String? = nil) -> CheckRequest {
        CheckRequest(endpoint: endpoint,
                     section: start.flatMap { s in duration.map { RetakeSection(start: s, duration: $0) } },
                     delivery: deliver, prompt: prompt, maxBytes: maxBytes, strict: strict)
    }
}

extension Endpoint: ExpressibleByArgument {
    /// text-to-video takes no file (`text-to-video --dry-run` checks its request), and extend's
    /// rules are those of the context it cuts, not of the whole file: --for offers neither.
    public static var allValueStrings: [String] { [Endpoint.retake, .audioToVideo, .imageToVideo, .reframe].map(\.rawValue) }
}
extension Delivery: ExpressibleByArgument {}
