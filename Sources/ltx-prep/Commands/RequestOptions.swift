import LTXContract
import ArgumentParser
import LTXPreflight

/// What a file is checked (or fixed) for: the options `check` and `fix` share.
struct RequestOptions: ParsableArguments {
    @Option(name: .customLong("for"), help: "The endpoint the file is for (default: from the file).")
    var endpoint: InputEndpoint?

    @Option(help: ArgumentHelp("Retake section start_time, in seconds.", valueName: "seconds"))
    var start: Double?

    @Option(help: ArgumentHelp("Retake section duration, in seconds (at least 2).", valueName: "seconds"))
    var duration: Double?

    @Option(help: "How the file will reach the API; sets the size limit.")
    var deliver: DeliveryChoice = .upload

    func validate() throws {
        if (start == nil) != (duration == nil) {
            throw ValidationError("--start and --duration go together: give both or neither")
        }
        for value in [start, duration].compactMap({ $0 }) where !value.isFinite {
            throw ValidationError("--start and --duration must be finite numbers")
        }
        if let e = endpoint, e != .retake, start != nil {
            throw ValidationError("--start and --duration are retake parameters; they do not apply to --for \(e.rawValue)")
        }
    }

    func request(prompt: String? = nil) -> CheckRequest {
        CheckRequest(endpoint: endpoint?.endpoint,
                     section: start.flatMap { s in duration.map { RetakeSection(start: s, duration: $0) } },
                     delivery: deliver.delivery, prompt: prompt)
    }
}

/// The endpoints that take a file.
enum InputEndpoint: String, ExpressibleByArgument, CaseIterable {
    case retake
    case audioToVideo = "audio-to-video"
    case imageToVideo = "image-to-video"

    var endpoint: Endpoint {
        switch self {
        case .retake: .retake
        case .audioToVideo: .audioToVideo
        case .imageToVideo: .imageToVideo
        }
    }
}

enum DeliveryChoice: String, ExpressibleByArgument, CaseIterable {
    case upload
    case url
    case dataURI = "data-uri"

    var delivery: Delivery { Delivery(rawValue: rawValue)! }
}
