import ArgumentParser
import LTXMedia
import LTXPreflight
import LTXWorkflow

struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Print what a file holds: streams, exact frame counts, AAC profiles.",
        discussion: """
            Like ffprobe, but with the facts the LTX API cares about made exact: the
            container as the API sees it (MP4 vs MOV, MKV vs WebM), the number of frames
            a decoder outputs (edit lists applied, nothing decoded), and the AAC profile
            a decoder finds (implicit HE-AAC revealed).

            --json prints one object per file per line, with snake_case keys.

            Exit status: 0 all files read; 2 a file cannot be read, or the arguments
            are wrong.
            """
    )

    @Argument(help: "Media files to probe.") var files: [String]
    @Flag(help: "One JSON object per file per line instead of text.") var json = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        _ = global.bootstrap()
        if await !Self.probe(files, json: json, options: global.probeOptions) { throw ExitCode(ExitStatus.unusable.rawValue) }
    }

    /// Prints each file's facts in the order given; false when a file could
    /// not be read. Shared with `PlainInvocation`, so both print the same.
    static func probe(_ files: [String], json: Bool, options: ProbeOptions) async -> Bool {
        var readAll = true
        for file in files {
            let result: Result<MediaInfo, MediaError>
            do throws(MediaError) { result = .success(try await MediaProbe.probe(file, options: options)) } catch { result = .failure(error) }
            readAll = print(file, result, json: json, text: \.text) != nil && readAll
        }
        return readAll
    }

    /// Prints what was read of one file (its facts, its report), or the line saying why it could
    /// not be read; what was read. Shared with `check`, so both tell of an unreadable file alike.
    static func print<T: Encodable>(_ file: String, _ result: Result<T, MediaError>, json: Bool, text: (T) -> String) -> T? {
        switch result {
        case .success(let value):
            Console.out(json ? JSONOutput.line(value) : text(value))
            return value
        case .failure(let error):
            Console.error(error.description)
            if json { Console.out(JSONOutput.line(UnreadableFile(file, error))) }
            return nil
        }
    }
}
