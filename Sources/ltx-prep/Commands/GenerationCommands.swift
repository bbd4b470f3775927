import ArgumentParser
import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight
import LTXWorkflow

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The options of text-to-video and image-to-video.
struct GenerationArguments: ParsableArguments {
    @Option(help: "What the video shows.")
    var prompt: String

    @Option(help: "ltx-2-fast or ltx-2-pro.")
    var model: String = "ltx-2-fast"

    @Option(help: ArgumentHelp("Seconds of video: 6, 8 or 10 (up to 20 for ltx-2-fast at 1920x1080, 25 fps).", valueName: "seconds"))
    var duration: Int

    @Option(help: "1920x1080, 2560x1440 or 3840x2160.")
    var resolution: String = "1920x1080"

    @Option(help: "25 or 50.")
    var fps: Int?

    @Option(name: .customLong("camera-motion"), help: "dolly_in, dolly_out, dolly_left, dolly_right, jib_up, jib_down, static or focus_shift.")
    var cameraMotion: String?

    @Flag(name: .customLong("no-audio"), help: "Generate silent video.")
    var noAudio = false

    @Option(name: .shortAndLong, help: "Where to write the result.")
    var output: String?

    @Flag(help: "Replace the output if it exists.")
    var force = false

    /// The documented matrix, checked before anything is sent.
    func validate() throws {
        if let motion = cameraMotion, CameraMotion(rawValue: motion) == nil {
            throw ValidationError("--camera-motion must be one of \(CameraMotion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let bad = GenerationRules.evaluate(model: model, resolution: resolution, fps: fps ?? 25, duration: duration)
            .first(where: { $0.severity == .error }) {
            throw ValidationError("\(bad.actual) is not offered: \(bad.required)")
        }
    }

    var textBody: TextToVideoRequest {
        TextToVideoRequest(prompt: prompt, model: model, duration: duration, fps: fps, resolution: resolution,
                           generateAudio: noAudio ? false : nil, cameraMotion: cameraMotion.flatMap(CameraMotion.init(rawValue:)))
    }

    var imageBody: ImageToVideoRequest {
        ImageToVideoRequest(imageUri: "", prompt: prompt, model: model, duration: duration, fps: fps, resolution: resolution,
                            generateAudio: noAudio ? false : nil, cameraMotion: cameraMotion.flatMap(CameraMotion.init(rawValue:)))
    }
}

struct TextToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text-to-video",
        abstract: "Generate a video from a prompt.",
        discussion: """
            The model x resolution x fps x duration combination is checked against the documented \
            matrix before anything is sent; the estimated cost (per second of output) is printed.

            Example:
              ltx-prep text-to-video --prompt "an eagle over clouds" --model ltx-2-pro --duration 8 -o eagle.mp4

            \(callExitStatus)
            """
    )

    @OptionGroup var generation: GenerationArguments
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(generation.output)
        try client.requireLTX()
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let output = generation.output ?? "/dev/null"
            let outcome = try await APICall.run(.textToVideo(generation.textBody, output: output), options: client,
                                                force: generation.force, what: "this video", logger: logger)
            APICall.report(outcome, output: output, json: client.json)
        }
    }
}

struct ImageToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-to-video",
        abstract: "Animate an image into a video.",
        discussion: """
            The image is checked (and converted to PNG if its format is not accepted), delivered \
            by upload or as a data URI, and animated.

            Example:
              ltx-prep image-to-video sunset.jpg --prompt "clouds drift" --duration 8 -o sunset.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The first frame.")
    var image: String

    @Option(help: "How the image reaches the API: upload, data-uri or url.")
    var deliver: Delivery = .upload

    @Option(help: "With --deliver url: the https URL of the image. Checked first: https, a domain name, and a HEAD for status, redirects and size.")
    var url: String?

    @OptionGroup var generation: GenerationArguments
    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(generation.output)
        try client.requireLTX()
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let output = generation.output ?? "/dev/null"
            let job = GenerationJob.imageToVideo(image: image, generation.imageBody, delivery: deliver, url: url, output: output)
            let outcome = try await APICall.run(job, options: client, force: generation.force, what: "this video",
                                                logger: logger)
            APICall.report(outcome, output: output, json: client.json)
        }
    }
}

struct AudioToVideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio-to-video",
        abstract: "Make a video that follows an audio track, optionally starting from an image.",
        discussion: """
            The audio is checked and, if needed, fixed (AAC-LC in M4A, 2 to 20 s); the image, \
            if given, is checked too. Cost: $0.10 per second of audio.

            Example:
              ltx-prep audio-to-video voice.wav --image face.png --prompt "a woman speaks" -o talk.mp4

            \(callExitStatus)
            """
    )

    @Argument(help: "The soundtrack.")
    var audio: String

    @Option(help: "The first frame (required when there is no --prompt).")
    var image: String?

    @Option(help: "What the video shows (required when there is no --image).")
    var prompt: String?

    @Option(name: .shortAndLong, help: "Where to write the result.")
    var output: String?

    @Option(help: "How the files reach the API: upload or data-uri.")
    var deliver: Delivery = .upload

    @Option(help: ArgumentHelp("Where in a longer audio the 20 s sent begin (default: its start).", valueName: "seconds"))
    var audioStart: Double?

    @Flag(help: "Replace the output if it exists.")
    var force = false

    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        try client.requireLTX()
        if image == nil && prompt == nil { throw ValidationError("give --prompt, --image or both") }
        if deliver == .url { throw ValidationError("--deliver url is not offered here: use upload or data-uri") }
        if let s = audioStart, !(s.isFinite && s >= 0) { throw ValidationError("--audio-start must be a number of seconds, 0 or more") }
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let output = self.output ?? "/dev/null"
            let job = GenerationJob.audioToVideo(audio: audio, image: image, AudioToVideoRequest(audioUri: "", prompt: prompt),
                                                 delivery: deliver, output: output, fixOptions: FixOptions(audioStart: audioStart))
            let outcome = try await APICall.run(job, options: client, force: force,
                                                what: "this video", logger: logger)
            APICall.report(outcome, output: output, json: client.json)
        }
    }
}

struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a file to LTX storage and print its storage URI (valid 24 hours).",
        discussion: """
            Uploads are free; the file is sent as it is (run check or fix first). --json adds \
            the bytes sent, the transfer's seconds and bytes per second, and when the URI expires. \
            --dry-run sends nothing.

            Examples:
              ltx-prep upload clip.mp4
              ltx-prep upload clip.mp4 --json

            \(callExitStatus)
            """
    )

    @Argument(help: "The file to upload.")
    var file: String

    @OptionGroup var client: ClientOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireLTX()
    }

    func run() async throws {
        let logger = global.bootstrap()
        try await reportingFailures {
            let api = try client.client(logger: logger)
            let identified: (mimeType: String, sizeBytes: Int64)
            do throws(WorkflowError) { identified = try await FileUpload.identify(file) } catch { throw CommandFailure(error) }
            if client.dryRun {
                Console.out("dry run: would POST /v1/upload, then PUT \(identified.sizeBytes) bytes of \(file) as \(identified.mimeType)")
                return
            }
            let status = StatusLine(enabled: !client.json && Console.stderrIsTerminal)
            let uploaded: Uploaded
            do throws(WorkflowError) {
                uploaded = try await FileUpload.send(file, mimeType: identified.mimeType, client: api) { event in
                    if case .uploading(let sent, let total) = event { status.show("uploading \(Bytes.mb(sent)) of \(Bytes.mb(total))") }
                }
            } catch { throw CommandFailure(error) }
            status.clear()
            logger.info("uploaded \(uploaded.bytes) bytes in \(uploaded.seconds) s")
            Console.out(client.json ? JSONOutput.line(UploadLine(uploaded, file: file)) : uploaded.ticket.storageUri)
        }
    }
}

/// `upload --json`: where the file went, how fast, and how long each URL works.
private struct UploadLine: Encodable {
    var file: String
    var storageUri: String
    /// When the signed upload URL stops working (1 hour after the ticket).
    var expiresAt: String
    var uploadUrlExpiresAt: String
    /// How long the storage URI can be used in requests: 24 hours after the upload (ltx-api-docs.md).
    var storageUriExpiresAt: String
    var bytes: Int64
    var seconds: Double
    var bytesPerSecond: Double

    init(_ uploaded: Uploaded, file: String) {
        self.file = file
        storageUri = uploaded.ticket.storageUri
        expiresAt = uploaded.ticket.expiresAt.formatted(.iso8601)
        uploadUrlExpiresAt = expiresAt
        storageUriExpiresAt = Date.now.addingTimeInterval(24 * 3600).formatted(.iso8601)
        bytes = uploaded.bytes
        seconds = uploaded.seconds
        bytesPerSecond = uploaded.bytesPerSecond.rounded()
    }
}
