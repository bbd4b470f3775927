import LTXFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var st = stat()
        guard stat(source, &st) == 0 else { throw .cannotRead(path: source, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            guard let folder else { throw .folderBatchIncomplete(source) }
            guard let entries = FolderEntries.names(source) else { throw .cannotRead(path: source, reason: "cannot list it: \(String(cString: strerror(errno)))") }
            let names = entries.filter { name in
                !name.hasPrefix(".") && videoExtensions.contains(name.split(separator: ".").last.map { $0.lowercased() } ?? "")
            }
            return names.sorted().enumerated().map { n, name in
                let stem = name.split(separator: ".").dropLast().joined(separator: ".")
                return (n + 1, .success(BatchItem(command: "retake", input: "\(source)/\(name)", output: "\(folder.outputDir)/\(stem).mp4",
                                                  start: folder.start, duration: folder.duration, prompt: folder.prompt)))
            }
        }
        guard let bytes = WholeFile.bytes(source) else { throw .cannotRead(path: source, reason: String(cString: strerror(errno))) }
        return Batch.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The report: one JSON line per item, in the order given.
    public static func writeReport(_ results: [BatchResult], to path: String) throws(WorkflowError) {
        try write(results.map { JSONOutput.line($0) + "\n" }.joined(), to: path)
    }

    /// `text`, written beside its name and renamed into place.
    static func write(_ text: String, to path: String) throws(WorkflowError) {
        if let reason = OutputFile.writeText(text, to: path) { throw .cannotWrite(path: path, reason: reason) }
    }
}
