/// Turns the API's HDR answers (ZIPs of EXR frames) into one HDR10 or HLG
/// video of the input's size, frame count, frame rate and rotation, with the
/// input's audio copied packet for packet.
public enum HDRAssembly {
    /// Blocks the calling thread: callers run it on `BlockingExecutor`.
    /// `progress` gets (frames written, frames in all).
    public static func assemble(_ request: HDRAssemblyRequest, cancelled: @Sendable () -> Bool = { false },
                                progress: (@Sendable (Int, Int) -> Void)? = nil) throws(MediaError) -> HDRAssemblyReport {
        throw MediaError(kind: .unsupported, path: request.input, message: "HDR assembly is not built yet")
    }
}
