/// Runs a `SpliceJob`: the original's GOPs copied where they do not touch a
/// section, the rest encoded again with the answers' pictures and sound.
public enum SpliceWriter {
    /// Why a video in `container` cannot be spliced (a WebM, a container no
    /// muxer here writes), or nil: ask before paying for an answer.
    public static func refusal(for container: ContainerFormat) -> SpliceRefusal? { SpliceRefusal.of(container) }

    /// Blocks the calling thread; `isCancelled` is polled between packets.
    public static func runBlocking(_ job: SpliceJob, progress: (TranscodeProgress) -> Void = { _ in },
                                   isCancelled: () -> Bool = { false }) throws(MediaError) -> SpliceResult {
        _ = FFmpegLog.quietByDefault
        do {
            return try SpliceSession(job: job).run(progress: progress, isCancelled: isCancelled)
        } catch where error.operation == AudioPatchLane.operation && job.soundInPlace {
            // A paid answer must still go in: the sound encoded whole does not depend on
            // the original's AAC frames lining up with the encoder's.
            var whole = job
            whole.soundInPlace = false
            return try SpliceSession(job: whole).run(progress: progress, isCancelled: isCancelled)
        }
    }

    /// Runs off the cooperative pool; cancelling the calling task stops the work.
    public static func run(_ job: SpliceJob,
                           progress: @escaping @Sendable (TranscodeProgress) -> Void = { _ in }) async throws(MediaError) -> SpliceResult {
        let cancelled = CancellationFlag()
        let result: Result<SpliceResult, MediaError> = await withTaskCancellationHandler {
            await BlockingExecutor.run { () -> Result<SpliceResult, MediaError> in
                Result { () throws(MediaError) in try runBlocking(job, progress: progress, isCancelled: { cancelled.isSet }) }
            }
        } onCancel: {
            cancelled.set()
        }
        return try result.get()
    }
}
