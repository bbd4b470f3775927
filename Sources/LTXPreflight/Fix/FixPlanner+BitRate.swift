import LTXMedia

extension FixPlanner {
    /// The video bit rate that fills 90% of `fileBytes` over `seconds`, less
    /// the audio's share: the margin covers the container and the encoder's
    /// overshoot of an average rate.
    public static func videoBitRate(fileBytes: Int64, seconds: Double, audioBitRate: Int) -> Int {
        let bits = Double(fileBytes) * 0.9 * 8 / max(seconds, 0.1)
        return max(50_000, Int(bits) - audioBitRate)
    }

    /// The same plan at a lower bit rate, after `written` (its output)
    /// still broke the size limit: the rate is scaled by how far the
    /// encoder missed, with a further 10% off. A window written without a
    /// bit rate (copied, or at a CRF) is re-encoded at the rate that fits
    /// it, with `options`' encoder settings. Nil when there is nothing to
    /// lower: a plan without a window that sets no bit rate.
    public static func lowered(_ plan: FixPlan, written: CheckReport, options: FixOptions = FixOptions()) -> FixPlan? {
        guard written.findings.contains(where: { $0.rule == .deliverySize && $0.severity == .error }) else { return nil }
        let m = written.media
        let seconds = max(m.primaryVideo?.duration ?? m.duration ?? 0, 0.1)
        var plan = plan
        let audioBits = m.primaryAudio.map { Int($0.bitRate ?? 128_000) } ?? 0
        let fits = videoBitRate(fileBytes: Delivery.fileBytes(fitting: written.sizeLimit(for: .video), mimeType: "video/mp4"),
                                seconds: seconds, audioBitRate: audioBits)
        let unrated: VideoEncoding?
        switch plan.video {
        case .copy: unrated = VideoEncoding(crf: options.crf, preset: options.preset)
        case .encode(let v) where v.bitRate == nil: unrated = v
        default: unrated = nil
        }
        if plan.window != nil, plan.output == .mp4, var v = unrated {
            // A window's size is known only once it is cut: the rate is the one that
            // fits the length cut; its size, frame rate and frames stay as they were.
            v.bitRate = fits
            plan.video = .encode(v)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode the window at \(v.bitRate! / 1000) kb/s to fit \(written.delivery.rawValue): as cut it made \(m.sizeBytes) bytes",
                                                rules: [.deliverySize]))
            return plan
        }
        switch (plan.video, plan.audio) {
        case (.encode(var v), _):
            guard let rate = v.bitRate else { return nil }
            let achieved = max(1, Int(Double(m.sizeBytes) * 8 / seconds) - audioBits)
            v.bitRate = max(50_000, min(rate * 8 / 10, Int(Double(rate) * Double(fits) / Double(achieved) * 0.9)))
            plan.video = .encode(v)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode at \(v.bitRate! / 1000) kb/s: \(rate / 1000) kb/s made \(m.sizeBytes) bytes, over the limit",
                                                rules: [.deliverySize]))
        case (.drop, .encode(var a)):
            guard let rate = a.bitRate else { return nil }
            let fits = Double(Delivery.fileBytes(fitting: written.sizeLimit(for: .audio), mimeType: "audio/mp4")) * 0.9
            a.bitRate = max(32_000, min(rate * 8 / 10, Int(Double(rate) * fits / Double(max(m.sizeBytes, 1)))))
            plan.audio = .encode(a)
            plan.operations.append(FixOperation(action: .recompress,
                                                detail: "re-encode at \(a.bitRate! / 1000) kb/s: \(rate / 1000) kb/s made \(m.sizeBytes) bytes, over the limit",
                                                rules: [.deliverySize]))
        default:
            return nil
        }
        return plan
    }
}
