import LTXMedia

extension FixPlanner {
    /// The second, pure step of a windowed plan: a copied window starts on the
    /// keyframe at or before the window's start and keeps its length; if the
    /// copy, as `cut` measured it from the packets, ends before the section
    /// does, only an exact cut (re-encoding the window) will do. `cut` is nil
    /// when the file has no picture there.
    public static func placeWindow(_ plan: FixPlan, cut: WindowCut?, frameRate: Double?, options: FixOptions = FixOptions()) -> FixPlan {
        guard plan.window != nil, plan.video == .copy, let section = plan.section, let cut, let keyframe = cut.keyframe else { return plan }
        guard !RetakeWindow.holdsSection(copiedUntil: cut.copiedUntil, sectionEnd: section.end, frameRate: frameRate) else { return plan }
        var plan = plan
        plan.video = .encode(VideoEncoding(crf: options.crf, preset: options.preset))
        plan.operations.append(FixOperation(action: .reencodeVideo,
                                            detail: "re-encode the window: a copy from the keyframe before it (\(Format.seconds(keyframe))) ends before the section does",
                                            rules: [.videoDuration]))
        return plan
    }

    /// True when `placeWindow` needs the window's cut measured. A whole
    /// retake's window was placed by its plan, which read the keyframe and
    /// the copy's end already (`RetakeWindow.snap`): not looked up twice.
    public static func needsKeyframe(_ plan: FixPlan, options: FixOptions = FixOptions()) -> Bool {
        plan.window != nil && plan.video == .copy && plan.section != nil && plan.window != options.window?.span
    }
}
