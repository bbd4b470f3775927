import ArgumentParser
import LTXContract
import LTXMedia
import LTXPreflight
import LTXReview
import LTXWorkflow

extension HDRTransfer: ExpressibleByArgument {}

struct HDRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hdr",
        abstract: "An HDR version of a whole SDR video, sent in pieces.",
        usage: "ltx-prep hdr <input> -o <output> [--transfer pq|hlg] [<options>]",
        discussion: """
            /v2/video-to-video-hdr takes at most \(tierText)
            frames, by the input's size (the smallest tier that holds its pixels).
            The video is sent in the fewest pieces within that limit, their starts
            moved to a keyframe where one lies close enough (a stream copy, nothing
            re-encoded), else cut exactly. A 30 s 1080p30 clip (900 frames) goes as
            5 pieces of 180.
            Each piece is one job, journaled before it is sent: a rerun pays nothing
            for a piece already paid, and Ctrl-C then a rerun pays each piece once.

            Price: per second of input video, by tier: ≤1080p $\(Pricing.format(Catalogue.HDR.prices["1080p"] ?? 0))/s, 4K $\(Pricing.format(Catalogue.HDR.prices["4K"] ?? 0))/s
            (1440p has no documented price: "price unknown", which --max-cost refuses).
            The total of every piece is printed, and held to --max-cost, before any
            is sent; --overlap's shared frames are billed in both pieces.

            What comes back: a ZIP of one OpenEXR image per frame for each piece
            (in --colorspace, default \(Catalogue.HDR.defaultColorSpace); the API's HLG video beside it is not
            used). The frames are assembled into one video of the input's size,
            frame count, frame rate and rotation: HEVC Main 10, BT.2020, PQ (HDR10,
            with mastering-display and content-light-level metadata measured from
            the frames) or HLG with --transfer hlg; the input's audio copied packet
            for packet. --exr DIR also keeps the frames as a numbered EXR sequence.
            The report gives each piece, the cost, and the step in mean luminance at
            each boundary against the steps within pieces; --overlap N sends N
            shared frames and crossfades them in linear light.
            --review FILE.html also writes a page: the pieces on a timeline, at
            each seam between pieces the last frame before and the first after
            beside the input's, frames inside each piece, job ids and costs.

            Refused with one line before anything is sent: an input already HDR
            (PQ or HLG), larger than 3840x2160, audio only, or an output that is
            the input.

            Examples:
              ltx-prep hdr clip.mp4 -o clip-hdr.mp4
              ltx-prep hdr clip.mp4 -o clip-hlg.mov --transfer hlg --exr frames/
              ltx-prep hdr clip.mp4 --dry-run

            \(callExitStatus)
            """
    )

    static let tierText = Catalogue.HDR.tiers.map { "\($0.frames) (\($0.name))" }.joined(separator: ", ")

    @Argument(help: "The SDR video to make HDR.") var input: String
    @Option(name: .shortAndLong, help: "Where to write the HDR video (.mp4, .mov or .mkv).") var output: String?
    @Option(help: "The HDR transfer: pq (HDR10, default) or hlg.") var transfer: HDRTransfer = .pq
    @Option(help: ArgumentHelp("Also keep the frames here as frame_000001.exr...", valueName: "dir")) var exr: String?
    @Option(help: ArgumentHelp("Frames neighbouring pieces share, crossfaded (each billed twice).", valueName: "frames"))
    var overlap: Int = 0
    @Option(help: ArgumentHelp("The EXR frames' colour space asked of the API: \(Catalogue.HDR.colorSpaces.joined(separator: ", ")) (default: the API's, \(Catalogue.HDR.defaultColorSpace)).",
                               valueName: "name")) var colorspace: String?
    @Flag(help: "Replace the output if it exists.") var force = false
    @OptionGroup var review: ReviewOption
    @OptionGroup var client: ClientOptions
    @OptionGroup(visibility: .private) var serving: LTXOnlyOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try client.requireOutput(output)
        try review.check([input, output])
        if overlap < 0 { throw ValidationError("--overlap must be 0 or more frames") }
        if let colorspace, !Catalogue.HDR.colorSpaces.contains(colorspace) {
            throw ValidationError("--colorspace must be one of \(Catalogue.HDR.colorSpaces.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let logger = global.bootstrap()
        let job = HDRJob(input: input, output: output ?? "/dev/null", transfer: transfer, exrDirectory: exr, overlap: overlap,
                         colorSpace: colorspace)
        let outcome = try await APICall.performHDR(job, options: client, force: force, logger: logger)
        Console.out(client.json ? JSONOutput.line(outcome) : outcome.text)
        try await review.write { () async throws(MediaError) in try await EditReview.hdr(outcome, input: input, output: job.output) }
    }
}
