import ArgumentParser
import LTXContract
import LTXMedia
import LTXPreflight
import LTXReview
import LTXWorkflow

struct ReframeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reframe",
        abstract: "Reframe a whole video to another aspect, its frames and audio kept.",
        usage: "ltx-prep reframe <input> --to <aspect> -o <output> [<options>]",
        discussion: """
            The whole video is sent to /v2/video-to-video-reframe and comes back at the
            size asked, with every one of its frames. Sizes, by aspect:
            \(Catalogue.Reframe.sizes.map { "  \($0.aspect + String(repeating: " ", count: max(1, 6 - $0.aspect.count)))\($0.sizes.joined(separator: ", "))" }.joined(separator: "\n"))
            --to picks the aspect and its 1080 size (1080x1920 for 9:16); --resolution
            picks the other size of that aspect.

            Limits: the input is at most \(Int(Catalogue.Reframe.maxSeconds)) s and \(Catalogue.Reframe.maxFrames) frames and \(Catalogue.Reframe.maxBytes / 1_000_000) MB (upload or
            https URL). A longer input is refused before anything is uploaded or paid;
            a container or codec the API does not take is fixed first, as `ltx-prep fix`
            would (the plan is printed). Nothing is ever cut.

            Price: per second of input video, by the output's class: 720p (a shorter
            side of 720) $\(Pricing.format(Catalogue.reframePrices["720p"] ?? 0))/s. 1080p has no documented price: the estimate says
            "price unknown", and --max-cost then refuses the call.

            The output is the API's picture with the input's own audio stream, its
            packets copied unchanged, written beside the output and renamed into
            place; its frame count is checked against the input's and said.
            --review FILE.html also writes a page showing the output's frames
            beside the input's at a quarter, half and three quarters in, both
            files' facts, the job id and the cost.

            Examples:
              ltx-prep reframe clip.mp4 --to 9:16 -o clip-vertical.mp4
              ltx-prep reframe clip.mp4 --to 1:1 --resolution 720x720 -o square.mp4 --yes
              ltx-prep reframe clip.mp4 --to 4:5 --dry-run

            \(callExitStatus)
            """
    )

    @Argument(help: "The video to reframe.") var input: String
    @Option(help: ArgumentHelp("The aspect: \(ReframeJob.aspects.joined(separator: ", ")).", valueName: "aspect")) var to: String?
    @Option(help: ArgumentHelp("One of the aspect's sizes (default: its 1080 size).", valueName: "WxH")) var resolution: String?
    @Option(name: .shortAndLong, help: "Where to write the result.") var output: String?
    @Option(help: "How the video reaches the API.") var deliver: ReframeDelivery = .upload
    @Option(help: "With --deliver url: the video's https URL, checked first (a domain name; a HEAD for status, redirects and size).") var url: String?
    @Flag(help: "Replace the output if it exists.") var force = false
    @OptionGroup var review: ReviewOption
    @OptionGroup var client: ClientOptions
    @OptionGroup(visibility: .private) var serving: LTXOnlyOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        try review.check([input, output])
        if let why = ReframeJob.refusal(resolution: resolution, aspect: to) { throw ValidationError(why.commandLineText) }
    }

    /// The size asked: --resolution, else the aspect's 1080 size.
    var size: String { resolution ?? to.flatMap(ReframeJob.defaultResolution(aspect:)) ?? "" }

    func run() async throws {
        let logger = global.bootstrap()
        let job = ReframeJob(input: input, resolution: size, delivery: deliver.delivery, url: url, output: output ?? "/dev/null")
        let outcome = try await APICall.performReframe(job, options: client, force: force, logger: logger)
        Console.out(client.json ? JSONOutput.line(outcome) : outcome.text)
        try await review.write { () async throws(MediaError) in try await EditReview.reframe(outcome) }
    }
}

/// reframe's deliveries: an upload or an https URL (the API takes no data URI for it).
enum ReframeDelivery: String, ExpressibleByArgument, CaseIterable {
    case upload
    case url

    var delivery: Delivery { self == .upload ? .upload : .url }
}
