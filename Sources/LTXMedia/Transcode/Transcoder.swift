import Synchronization

/// Runs a `TranscodeJob`, in the order of FFmpeg's doc/examples
/// (remux.c for copied streams, transcode.c for encoded ones): open the
/// input, set up one output stream per kept input stream, write the header,
/// then read packets, copy or decode-process-encode them, flush, and write
/// the trailer.
public enum Transcoder {
    /// Blocks the calling thread. `isCancelled` is polled between packets;
    /// when it turns true the run stops with a `.cancelled` error and the
    /// output is left for the caller to delete.
    public static func runBlocking(_ job: TranscodeJob,
                                   progress: (TranscodeProgress) -> Void = { _ in },
                                   isCancelled: () -> Bool = { false }) throws(MediaError) -> TranscodeResult {
        _ = FFmpegLog.quietByDefault
        let session = try TranscodeSession(job: job)
        return try session.run(progress: progress, isCancelled: isCancelled)
    }

    /// Runs on a Dispatch thread, off the cooperative pool; cancelling the
    /// calling task stops the work.
    public static func run(_ job: TranscodeJob,
                           progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(MediaError) -> TranscodeResult {
        let cancelled = CancellationFlag()
        let result: Result<TranscodeResult, MediaError> = await withTaskCancellationHandler {
            await BlockingExecutor.run { () -> Result<TranscodeResult, MediaError> in
                Result { () throws(MediaError) in try runBlocking(job, progress: progress, isCancelled: { cancelled.isSet }) }
            }
        } onCancel: {
            cancelled.set()
        }
        return try result.get()
    }
}

/// Set once from any thread, read from the worker.
package final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)
    package init() {}
    package func set() { value.store(true, ordering: .relaxed) }
    package var isSet: Bool { value.load(ordering: .relaxed) }
}
