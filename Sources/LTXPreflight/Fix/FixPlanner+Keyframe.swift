import LTXMedia

extension FixPlanner {
    /// The second, pure step of a windowed plan: a copied window starts on the
    /// keyframe at or before the window's start; if that keyframe is too early
    /// for the window to still hold the whole section, only an exact cut
    /// (re-encoding the window) will do. `keyframe` is that keyframe's time
    /// (nil when the file has none before it).
    public static func placeWindow(_ plan: FixPlan, keyframe: Double?, frameRate: Double?, options: FixOptions = FixOptions()) -> FixPlan {
        guard let window = plan.window, plan.video == .copy, let section = plan.section, let keyframe else { return plan }
        // A copied window may end up to a few reordered frames early.
        let margin = 8 / AssumedFrameRate.of(frameRate)
        guard keyframe + window.duration - margin < section.end else { return plan }
        var plan = plan
        plan.video = .encode(VideoEncoding(crf: options.crf, preset: options.preset))
        plan.operations.append(FixOperation(action: .reencodeVideo,
                                            detail: "re-encode the window: the keyframe before it (\(Format.seconds(keyframe))) is too early to hold the section",
                                            rules: [.videoDuration]))
        return plan
    }

    /// True when `placeWindow` needs the keyframe before the window. A whole
    /// retake's window was placed by its plan, which read the keyframe and
    /// the copy's end already (`RetakeWindow.snap`): not looked up twice.
    public static func needsKeyframe(_ plan: FixPlan, options: FixOptions = FixOptions()) -> Bool {
        plan.window != nil && plan.video == .copy && plan.section != nil && plan.window != options.window?.span
    }
}
