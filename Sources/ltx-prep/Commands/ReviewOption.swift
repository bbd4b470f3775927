import ArgumentParser
import LTXFiles
import LTXMedia
import LTXReview

/// `--review FILE.html` on the commands that edit a video: the page is
/// written once the output is in place; a page that cannot be written is
/// refused before anything is read or paid.
struct ReviewOption: ParsableArguments {
    static let pageShows = "the timeline of copied, re-encoded and answer frames with the sections and windows, each seam's frames "
        + "beside the original's with the sound around it, PSNR of the re-encoded runs, both files' facts, job ids and cost"

    @Option(name: .customLong("review"), help: ArgumentHelp("Also write an HTML page to look at: \(pageShows).", valueName: "file.html"))
    var path: String?

    /// Refuses a page whose folder cannot take it, or that names one of `files`.
    func check(_ files: [String?]) throws {
        guard let path else { return }
        try Self.check(page: path, flag: "--review", files.compactMap { $0 })
    }

    /// The page at `path` can be written, and is none of `files` (`flag` names it in the line).
    static func check(page path: String, flag: String, _ files: [String]) throws {
        do { try OutputFile.checkFolder(of: path) } catch {
            throw ValidationError("\(flag) \(path): cannot write in \(error.folder) (\(error.errno.message.lowercased()))")
        }
        if let file = files.first(where: { $0 == path || OutputFile.sameFile($0, path) }) { throw ValidationError("\(flag) \(path) is \(file), a file of this edit") }
    }

    /// Writes the page of the review `make` gives (nil: nothing was written,
    /// so there is nothing to look at); a page that cannot be made is one
    /// line and exit 2, the output staying in place.
    func write(_ make: () async throws(MediaError) -> EditReview?) async throws {
        guard let path else { return }
        do throws(ReviewError) {
            let review: EditReview?
            do throws(MediaError) { review = try await make() } catch { throw .unreadable(error) }
            guard let review else {
                Console.note("--review: no page: nothing was put back this run")
                return
            }
            try await review.write(to: path)
        } catch {
            Console.error(error.commandLineText)
            throw ExitCode(ExitStatus.unusable.rawValue)
        }
    }
}
