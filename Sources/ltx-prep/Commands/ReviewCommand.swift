import ArgumentParser
import LTXFiles
import LTXJournal
import LTXReview
import LTXWorkflow

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "An HTML page comparing an edit with its original.",
        usage: "ltx-prep review <original> <output> [-o <file.html>] [--journal <path>]",
        discussion: """
            The page shows \(ReviewOption.pageShows). It is one file, pictures \
            inline, nothing fetched, readable without JavaScript.

            The journal (as `ltx-prep jobs` reads it) is searched for the calls whose \
            result was put into OUTPUT, by its SHA-256: their windows, sections, job \
            ids and costs are shown. Without one, the timeline is drawn from the files \
            alone: a frame whose packet equals ORIGINAL's is copied, any other is \
            re-encoded when its PSNR against ORIGINAL is at least 25 dB, else the \
            answer's, and the page says they were inferred.

            Examples:
              ltx-prep review clip.mp4 clip-retaken.mp4
              ltx-prep review clip.mp4 clip-retaken.mp4 -o review.html --journal j.sqlite

            Exit status: 0 written; 2 a file cannot be read, the journal cannot be \
            read, the page cannot be written, or the arguments are wrong.
            """
    )

    @Argument(help: "The video as it was before the edit.") var original: String
    @Argument(help: "The edited video.") var output: String
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the page (default: OUTPUT, its extension replaced by .review.html).", valueName: "file.html"))
    var page: String?
    @OptionGroup var journal: JournalPath
    @OptionGroup var global: GlobalOptions

    var pagePath: String {
        if let page { return page }
        let slash = output.lastIndex(of: "/").map { output.index(after: $0) } ?? output.startIndex
        let dot = output[slash...].lastIndex(of: ".") ?? output.endIndex
        return String(output[..<dot]) + ".review.html"
    }

    func validate() throws {
        try ReviewOption.check(page: pagePath, flag: "-o", [original, output])
    }

    func run() async throws {
        _ = global.bootstrap()
        let settings = CallSettings(journalPath: journal.path)
        let journalPath = journal.path ?? Journal.defaultPath(environment: settings.environment)
        // No journal yet is no call to show; a journal named but missing is a mistake worth a line.
        let readsJournal = OutputFile.exists(journalPath)
        if journal.path != nil && !readsJournal {
            Console.error("\(journalPath): no journal there")
            throw ExitCode(ExitStatus.unusable.rawValue)
        }
        do throws(ReviewError) {
            var opened: Journal?
            if readsJournal {
                do throws(JournalError) { opened = try await Journal.open(journalPath) } catch { throw .journal(error) }
            }
            let result: Result<Void, ReviewError>
            do throws(ReviewError) {
                try await EditReview.write(original: original, output: output, journal: opened, to: pagePath)
                result = .success(())
            } catch { result = .failure(error) }
            await opened?.close()
            try result.get()
        } catch {
            Console.error(error.commandLineText)
            throw ExitCode(ExitStatus.unusable.rawValue)
        }
        Console.out(pagePath)
    }
}
