import LTXClient
import LTXContract
import LTXMedia
import LTXPreflight

/// What a workflow is doing, for a progress display. A command line prints
/// them; a Swift program can read them as an `AsyncStream`.
public enum WorkflowEvent: Sendable {
    /// An input broke a rule and will be fixed by this plan.
    case fixPlanned(input: String, FixPlan)
    case fixing(input: String, TranscodeProgress)
    /// The estimated price, before anything is paid.
    case estimated(Pricing.Estimate?)
    case checkingURL(String)
    case uploading(sent: Int64, total: Int64)
    /// A synchronous call is under way (one connection for the whole generation).
    case waiting
    /// The API took the job (v2): its id is the receipt, kept in the journal.
    case submitted(jobID: String)
    /// A rerun found the job in the journal and polls it again.
    case resuming(jobID: String)
    /// Another run (process `pid`) is sending the same request: this one
    /// waits for its answer rather than paying again.
    case waitingForOtherRun(pid: Int32)
    case polling(jobID: String, status: String, elapsed: Duration)
    case downloading(received: Int64, total: Int64?)
    /// A whole-video retake starts its call `index` (from 1) of `count`.
    case retakeCall(index: Int, count: Int, RetakeCall)
    /// An HDR conversion starts its piece `index` (from 1) of `count`.
    case hdrPiece(index: Int, count: Int, HDRPiece)
    /// The EXR frames are being assembled into the HDR video: frames written, of all.
    case assembling(done: Int, of: Int)
    /// The answers are being put back into the input.
    case splicing(TranscodeProgress)
    /// Something the user should know that does not stop the work.
    case warning(String)
    /// A step failed and is tried again after a wait (a refused connection,
    /// a 503): said before the wait, so an API that cannot be reached is
    /// known at once, not when every attempt has run out.
    case retrying(RetryNotice)
}
