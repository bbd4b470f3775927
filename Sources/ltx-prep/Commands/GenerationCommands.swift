import ArgumentParser
import LTXContract
import LTXPreflight
import LTXWorkflow

/// The options of text-to-video and image-to-video.
struct GenerationArguments: ParsableArguments {
    @Option(help: "What the video shows.") var prompt: String
    @Option(help: ArgumentHelp("One of \(Catalogue.entry(.textToVideo).models.joined(separator: ", ")); the default is the cheapest (`ltx-prep models` lists prices).",
                               valueName: "model"))
    var model: String = Catalogue.defaultGenerationModel
    @Option(help: ArgumentHelp("Seconds of video: 6, 8 or 10 (a fast model at 720p or 1080p and 24 or 25 fps: up to 20); "
                               + "auto lets a 2.5 model choose (estimated at the longest it may choose).", valueName: "seconds"))
    var duration: GenerationDuration
    @Option(help: "Width x height: 1280x720, 1920x1080, 2560x1440 or 3840x2160, or the same tiers in portrait (1080x1920...).")
    var resolution: String = "1920x1080"
    @Option(help: "Frames per second: \(Catalogue.frameRatesText) (default: the API's, \(Catalogue.defaultFPS)).") var fps: Int?
    @Option(help: "How the camera should move.") var cameraMotion: CameraMotion?
    @Flag(help: "Generate silent video.") var noAudio = false
    @Option(name: .shortAndLong, help: "Where to write the result.") var output: String?
    @Flag(help: "Replace the output if it exists.") var force = false

    /// The catalogue's matrix, checked before anything is sent (a removed
    /// model gets one line naming its replacement; the endpoint's models are the same for both).
    func validate() throws {
        do throws(WorkflowError) { try spec.validate() } catch { throw ValidationError(error.commandLineText) }
    }

    var spec: VideoSpec {
        VideoSpec(prompt: prompt, model: model, duration: duration.seconds, resolution: resolution, fps: fps, cameraMotion: cameraMotion,
                  audio: !noAudio)
    }
}

/// Everything text-to-video and image-to-video take but their inputs: the
/// video asked for, the call's options, and the global ones.
struct GenerationCall: ParsableArguments {
    @OptionGroup var generation: GenerationArguments
    @OptionGroup var client: ClientOptions
    @OptionGroup(visibility: .private) var serving: LTXOnlyOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(generation.output)
    }

    /// Runs the job `make` builds from the spec and the output, and prints its result.
    func perform(_ make: (VideoSpec, _ output: String) -> GenerationJob) async throws {
        let job = make(generation.spec, generation.output ?? "/dev/null")
        try await APICall.perform(job, options: client, force: generation.force, logger: global.bootstrap())
    }
}

extension CameraMotion: ExpressibleByArgument {}

/// `--duration`: whole seconds, or `auto` (`"duration": null`).
struct GenerationDuration: ExpressibleByArgument {
    /// Nil: automatic.
    var seconds: Int?

    init?(argument: String) {
        if argument == "auto" { seconds = nil; return }
        guard let n = Int(argument) else { return nil }
        seconds = n
    }
}

/// audio-to-video's deliveries: `GenerationJob.audioToVideo` takes no URL.
enum AudioDelivery: String, ExpressibleByArgument, CaseIterable {
    case upload
    case dataURI = "data-uri"

    var delivery: Delivery { self == .upload ? .upload : .dataURI }
}

struct TextToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text-to-video",
        abstract: "Generate a video from a prompt.",
        discussion: """
            The model x resolution x fps x duration combination is checked against the
            catalogue of \(Catalogue.date) before anything is sent (see `ltx-prep models`);
            the estimated cost (per second of output) is printed. The default model
            is \(Catalogue.defaultGenerationModel), the cheapest current one.

            Example:
              ltx-prep text-to-video --prompt "an eagle over clouds" --model ltx-2-3-pro \\
                --duration 8 -o eagle.mp4

            \(callExitStatus)
            """
    )

    @OptionGroup var call: GenerationCall

    func run() async throws {
        try await call.perform { spec, output in .textToVideo(spec.textToVideo, output: output) }
    }
}

struct ImageToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-to-video",
        abstract: "Animate an image into a video.",
        usage: "ltx-prep image-to-video <image> --prompt <p> --duration <s> [<options>]",
        discussion: """
            The image is checked (and converted to PNG if its format is not accepted),
            delivered by upload, as a data URI or by its https URL, and animated.

            Example:
              ltx-prep image-to-video sunset.jpg --prompt "clouds drift" --duration 8 \\
                -o sunset.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The first frame.") var image: String
    @Option(help: "How the image reaches the API.") var deliver: Delivery = .upload
    @Option(help: "With --deliver url: the image's https URL, checked first (a domain name; a HEAD for status, redirects and size).") var url: String?
    @Option(help: ArgumentHelp("The last frame: the video goes from the image to it (not with --duration auto).", valueName: "image"))
    var lastFrame: String?
    @OptionGroup var call: GenerationCall

    func validate() throws {
        if lastFrame != nil && deliver == .url { throw ValidationError("--last-frame goes by upload or data-uri, not with --deliver url") }
    }

    func run() async throws {
        try await call.perform { spec, output in
            .imageToVideo(image: image, lastFrame: lastFrame, spec.imageToVideo, delivery: deliver, url: url, output: output)
        }
    }
}

struct AudioToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio-to-video",
        abstract: "Make a video that follows an audio track, optionally from an image.",
        discussion: """
            The audio is checked and, if needed, fixed (AAC-LC in M4A, 2 to 20 s); the
            image, if given, is checked too. Both go by upload or as data URIs (no
            URL delivery here). Model: \(Catalogue.defaultModel(.audioToVideo)), the API's default.
            Cost: $\(Pricing.format(Catalogue.price(.audioToVideo, model: Catalogue.defaultModel(.audioToVideo), resolution: "1920x1080") ?? 0)) per second of audio at 1080p.

            Example:
              ltx-prep audio-to-video voice.wav --image face.png --prompt "she speaks" \\
                -o talk.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The soundtrack.") var audio: String
    @Option(help: "The first frame (needed without --prompt).") var image: String?
    @Option(help: ArgumentHelp("The last frame: the video goes from --image to it (needs --image).", valueName: "image")) var lastFrame: String?
    @Option(help: "How the camera should move.") var cameraMotion: CameraMotion?
    @Option(help: "What the video shows (needed without --image).") var prompt: String?
    @Option(name: .shortAndLong, help: "Where to write the result.") var output: String?
    @Option(help: "How the audio and the image reach the API.") var deliver: AudioDelivery = .upload
    @Option(help: ArgumentHelp("Where in a longer audio the 20 s sent begin (default: its start).", valueName: "seconds")) var audioStart: Double?
    @Option(help: "\(Catalogue.entry(.audioToVideo).models.joined(separator: ", ")) (default: the API's, \(Catalogue.defaultModel(.audioToVideo))).")
    var model: String?
    @Option(help: "Width x height of any tier, either orientation (default: 1920x1080, 1080x1920 for a portrait image).")
    var resolution: String?
    @Option(help: "Frames per second: \(Catalogue.frameRatesText) (default: the API's, \(Catalogue.defaultFPS)).") var fps: Int?
    @Flag(help: "Replace the output if it exists.") var force = false
    @OptionGroup var client: ClientOptions
    @OptionGroup(visibility: .private) var serving: LTXOnlyOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        if image == nil && prompt == nil { throw ValidationError("give --prompt, --image or both") }
        if lastFrame != nil && image == nil { throw ValidationError("--last-frame needs --image: the video goes from the one to the other") }
        try Bounds.check("--audio-start", audioStart, 0...1_000_000, " seconds")
        if let model, let line = GenerationRules.modelRefusal(model, for: .audioToVideo) { throw ValidationError(line) }
        if let resolution, Catalogue.tier(resolution) == nil {
            throw ValidationError("--resolution \(resolution): not a tier of the API (1280x720, 1920x1080, 2560x1440, 3840x2160, or portrait)")
        }
        if let fps, !Catalogue.frameRates.contains(fps) { throw ValidationError("--fps \(fps): the API takes \(Catalogue.frameRatesText)") }
    }

    func run() async throws {
        var body = AudioToVideoRequest(audioUri: "", prompt: prompt, resolution: resolution, model: model, fps: fps)
        body.cameraMotion = cameraMotion
        let job = GenerationJob.audioToVideo(audio: audio, image: image, lastFrame: lastFrame, body, delivery: deliver.delivery,
                                             output: output ?? "/dev/null", fixOptions: FixOptions(audioStart: audioStart))
        try await APICall.perform(job, options: client, force: force, logger: global.bootstrap())
    }
}

struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a file to LTX storage and print its storage URI (valid 24 h).",
        usage: "ltx-prep upload <file> [<options>]",
        discussion: """
            Uploads are free; the file is sent as it is (run check or fix first). The
            signed upload URL works for 1 hour; the storage URI printed can be used in
            requests for 24 hours. --json adds the bytes sent, the transfer's seconds
            and bytes per second, upload_url_expires_at and storage_uri_expires_at.
            --dry-run sends nothing.

            Examples:
              ltx-prep upload clip.mp4
              ltx-prep upload clip.mp4 --json

            \(callExitStatus)
            """
    )

    @Argument(help: "The file to upload.") var file: String
    @Flag(help: "One JSON object: the URI, the transfer, and when the upload URL and the URI expire.") var json = false
    @Flag(help: "No status or progress lines on stderr (off a terminal they come every 5 s).") var quiet = false
    @Flag(help: "Say what would be sent; send nothing.") var dryRun = false
    @OptionGroup var key: KeyOptions
    @OptionGroup(visibility: .private) var serving: LTXOnlyOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures(json: json) {
            let status = StatusLine(quiet: json || quiet)
            let settings = CallSettings(apiKey: key.apiKey, baseURL: key.baseURL)
            let outcome = try await FileUpload.run(file, settings: settings, dryRun: dryRun, logger: logger) { event in
                switch event.line(summary: "this upload", provider: .ltx) {
                case .status(let text): status.show(text, finishes: event.endsTransfer)
                // A retry's line: kept on the terminal, as the API commands keep it.
                case .note(let text): status.clear(); Console.note(text)
                case .textNote: break
                }
            }
            status.clear()
            if json, let receipt = outcome.receipt { return Console.out(JSONOutput.line(receipt)) }
            Console.out(outcome.text)
        }
    }
}

extension Catalogue {
    /// `frameRates` as help and errors say them: "24, 25, 48 or 50".
    static var frameRatesText: String {
        frameRates.dropLast().map(String.init).joined(separator: ", ") + (frameRates.count > 1 ? " or " : "") + (frameRates.last.map(String.init) ?? "")
    }
}
