import LTXFiles
import LTXSystem

/// Where a batch's items come from: a manifest file, or a folder of videos
/// all retaken the same way; and where its report goes.
public enum BatchSource {
    public struct FolderRetake: Sendable {
        public var outputDir: String
        public var start: Double
        public var duration: Double
        public var prompt: String?

        public init(outputDir: String, start: Double, duration: Double, prompt: String?) {
            self.outputDir = outputDir
            self.start = start
            self.duration = duration
            self.prompt = prompt
        }

        /// Nil unless the output folder, the start and the duration are all given.
        public static func given(outputDir: String?, start: Double?, duration: Double?, prompt: String?) -> FolderRetake? {
            guard let outputDir, let start, let duration else { return nil }
            return FolderRetake(outputDir: outputDir, start: start, duration: duration, prompt: prompt)
        }
    }

    static let videoExtensions: Set<String> = ["mp4", "mov", "mkv", "webm", "m4v", "ts", "avi"]

    public static func load(_ source: String, folder: FolderRetake?) throws(WorkflowError) -> [(line: Int, item: Result<BatchItem, WorkflowError>)] {
        let status: Stat
        do { status = try LocalFiles.status(source) } catch { throw .cannotRead(path: source, reason: error.message) }
        if status.type == .directory {
            guard let folder else { throw .folderBatchIncomplete(source) }
            let entries: [String]
            do { entries = try FolderEntries.names(source) } catch { throw .cannotRead(path: source, reason: "cannot list it: \(error.message)") }
            let names = entries.filter { name in
                !name.hasPrefix(".") && videoExtensions.contains(name.split(separator: ".").last.map { $0.lowercased() } ?? "")
            }
            return names.sorted().enumerated().map { n, name in
                let stem = name.split(separator: ".").dropLast().joined(separator: ".")
                return (n + 1, .success(BatchItem(command: "retake", input: "\(source)/\(name)", output: "\(folder.outputDir)/\(stem).mp4",
                                                  start: folder.start, duration: folder.duration, prompt: folder.prompt)))
            }
        }
        let bytes: [UInt8]
        do { bytes = try WholeFile.bytes(source) } catch { throw .cannotRead(path: source, reason: error.message) }
        return Batch.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The report: one JSON line per item, in the order given.
    public static func writeReport(_ results: [BatchResult], to path: String) throws(WorkflowError) {
        try write(results.map { JSONOutput.line($0) + "\n" }.joined(), to: path)
    }

    /// `text`, written beside its name and renamed into place.
    static func write(_ text: String, to path: String) throws(WorkflowError) {
        do { try OutputFile.writeText(text, to: path) } catch { throw .cannotWrite(path: path, reason: error.message) }
    }
}
