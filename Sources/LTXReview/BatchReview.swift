#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LTXFiles
import LTXJournal
import LTXMedia
import LTXPreflight
import LTXWorkflow

/// `batch --review FILE.html`: the batch's page, and beside it in
/// `FILE.review/` each item's own review (an edit's page: its original and
/// its output side by side, the calls from the journal) for every item
/// whose output was put in place from an input; an item without one links
/// to its output.
public enum BatchReview {
    /// Writes the item pages, then the batch's page at `path`. `summary` is
    /// the text report's last line; `seconds` how long the batch took.
    public static func write(_ results: [BatchResult], summary: String, seconds: Double, journal: Journal?, to path: String) async throws(ReviewError) {
        let folder = itemFolder(of: path)
        let rows = await Concurrently.map(results, limit: Preflight.defaultConcurrency) { result in
            let (link, note) = await itemLink(result, folder: folder, journal: journal)
            var row = BatchPage.Row(result, picture: await BatchPage.picture(of: result), link: link)
            row.reviewNote = note
            return row
        }
        try BatchPage(rows: rows, summary: summary, seconds: seconds).write(to: path)
    }

    /// `batch.html` → `batch.review`: the folder of the items' pages.
    static func itemFolder(of path: String) -> String {
        (path.hasSuffix(".html") ? String(path.dropLast(5)) : path) + ".review"
    }

    /// The item's own review, written (or why not), else its output.
    private static func itemLink(_ result: BatchResult, folder: String, journal: Journal?) async -> (BatchPage.Link?, String?) {
        let output = result.output.flatMap { OutputFile.exists($0) ? $0 : nil }
        let fileLink = output.map { BatchPage.Link(href: href(absolute($0)), text: "output") }
        guard result.isDone, let input = result.input, let output, !OutputFile.sameFile(input, output) else { return (fileLink, nil) }
        let name = "\(result.index)-\(stem(output)).html"
        do { try OutputFile.makeFolders(folder) } catch { return (fileLink, "no review: \(folder): \(error.reason)") }
        do throws(ReviewError) {
            try await EditReview.write(original: input, output: output, journal: journal, to: "\(folder)/\(name)")
        } catch {
            return (fileLink, "no review: \(why(error))")
        }
        let relative = folder.split(separator: "/").last.map(String.init) ?? folder
        return (BatchPage.Link(href: href("\(relative)/\(name)"), text: "review"), nil)
    }

    private static func why(_ error: ReviewError) -> String {
        switch error {
        case .cannotWrite(let path, let reason): "\(path): \(reason)"
        case .unreadable(let error): error.description
        case .journal(let error): "the journal: \(error)"
        }
    }

    /// A file's name without its folder and its extension.
    private static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count > 1 ? parts.dropLast().joined(separator: ".") : name
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `path` as a URL path: every byte but letters, digits, `-._~` and `/`
    /// as `%XX`, so a name holding `<`, `#`, `?` or `%` links to itself.
    static func href(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
