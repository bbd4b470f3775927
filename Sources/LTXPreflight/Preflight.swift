import LTXContract
import LTXMedia

/// What to check a file as.
public struct CheckRequest: Sendable, Equatable {
    /// The endpoint the file is for; nil picks it from the file (video →
    /// retake, audio → audio-to-video, image → image-to-video).
    public var endpoint: Endpoint?
    /// Retake `start_time` and `duration`, when known.
    public var section: RetakeSection?
    public var delivery: Delivery
    /// Retake `prompt`, when known.
    public var prompt: String?
    /// A size limit stricter than the delivery's (a proxy's or another
    /// host's), in bytes counted as the delivery counts them.
    public var maxBytes: Int64?
    /// Also the rules of local LTX pipelines, which the API does not hold a
    /// file to (it takes any count of frames and any size, and resizes):
    /// `video.frame-count.8k+1` and `video.size.multiple-of-32`. Off, they are
    /// not evaluated, so an ordinary 720p, 1080p or 4K file has no warning.
    public var strict: Bool
    /// audio-to-video: the longest audio the request's model takes at its
    /// tier (`Catalogue.audioMaxSeconds`: 10 s for some); nil, 20 s.
    public var maxAudioSeconds: Double?

    public init(endpoint: Endpoint? = nil, section: RetakeSection? = nil, delivery: Delivery = .upload, prompt: String? = nil,
                maxBytes: Int64? = nil, strict: Bool = false, maxAudioSeconds: Double? = nil) {
        self.maxAudioSeconds = maxAudioSeconds
        self.endpoint = endpoint
        self.section = section
        self.delivery = delivery
        self.prompt = prompt
        self.maxBytes = maxBytes
        self.strict = strict
    }

    /// Why these parameters cannot be checked together; nil when they can.
    /// A section and a prompt are retake parameters, and text-to-video takes no file.
    public var refusal: Refusal? {
        if let maxBytes, maxBytes <= 0 { return .sizeLimitNotPositive }
        if endpoint == .textToVideo || endpoint == .extend { return .takesNoFile(endpoint!) }
        guard let endpoint, endpoint != .retake else { return nil }
        if section != nil { return .sectionNotTaken(endpoint) }
        if prompt != nil { return .promptNotTaken(endpoint) }
        return nil
    }

    /// Parameters that cannot be checked together, refused before any file is read.
    public enum Refusal: Sendable, Equatable, CustomStringConvertible {
        /// The size limit given is 0 or less.
        case sizeLimitNotPositive
        /// The endpoint takes no file (text-to-video), so there is nothing to check for it.
        case takesNoFile(Endpoint)
        /// A retake section was given for an endpoint that takes none.
        case sectionNotTaken(Endpoint)
        /// A retake prompt was given for an endpoint that takes none.
        case promptNotTaken(Endpoint)

        public var description: String {
            switch self {
            case .sizeLimitNotPositive: "the size limit must be a positive number of bytes"
            case .takesNoFile(let e): "\(e.rawValue) takes no file to check as it is: files are checked for retake, audio-to-video, image-to-video or video-to-video-reframe"
            case .sectionNotTaken(let e): "a start and duration are retake parameters; they do not apply to \(e.rawValue)"
            case .promptNotTaken(let e): "a prompt is a retake parameter; it does not apply to \(e.rawValue)"
            }
        }
    }
}

public struct PreflightError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Checks files against the API's input rules.
///
/// ```swift
/// import LTXPreflight
/// let report = try await Preflight.check("clip.mov", CheckRequest(section: RetakeSection(start: 12, duration: 4)))
/// for finding in report.problems { print(finding.rule, finding.actual, finding.fix ?? "") }
/// ```
public enum Preflight {
    /// Probes `path` (off the cooperative pool) and checks it.
    public static func check(_ path: String, _ request: CheckRequest = CheckRequest(),
                             options: ProbeOptions = ProbeOptions()) async throws(MediaError) -> CheckReport {
        let media = try await MediaProbe.probe(path, options: options)
        return try evaluate(media, request).get()
    }

    /// `check` on the calling thread, which blocks on file I/O: for a
    /// program with nothing else to do meanwhile (one file, from `main`).
    public static func checkBlocking(_ path: String, _ request: CheckRequest = CheckRequest(),
                                     options: ProbeOptions = ProbeOptions()) -> Result<CheckReport, MediaError> {
        do throws(MediaError) {
            return evaluate(try MediaProbe.probeBlocking(path, options: options), request)
        } catch {
            return .failure(error)
        }
    }

    /// Checks many files, at most `concurrency` at a time, and returns
    /// their results in the order given.
    public static func checkAll(_ paths: [String], _ request: CheckRequest = CheckRequest(),
                                options: ProbeOptions = ProbeOptions(),
                                concurrency: Int = defaultConcurrency) async -> [Result<CheckReport, MediaError>] {
        await Concurrently.map(paths, limit: concurrency) { path in
            do throws(MediaError) { return .success(try await check(path, request, options: options)) }
            catch { return .failure(error) }
        }
    }

    public static var defaultConcurrency: Int { SystemInfo.activeProcessorCount }

    /// Checks an already probed file. Pure: no I/O. Fails only for a request
    /// that takes no file (text-to-video).
    public static func evaluate(_ media: MediaInfo, _ request: CheckRequest = CheckRequest()) -> Result<CheckReport, MediaError> {
        guard let role = InputRole.infer(endpoint: request.endpoint, kind: media.kind) else {
            return .failure(MediaError(kind: .unsupported, path: media.path, message: "text-to-video takes no input file"))
        }
        var findings: [Finding]
        var effective: RetakeSection?
        switch role {
        case .retakeVideo:
            findings = VideoRules.evaluate(media, strict: request.strict)
            if let s = request.section, let v = media.primaryVideo, !v.isImage {
                let duration = v.duration ?? media.duration ?? 0
                findings += RequestRules.section(s, videoDuration: duration)
                effective = s.clamped(toVideoDuration: duration)
            }
            if let p = request.prompt { findings.append(RequestRules.prompt(p)) }
        case .extendVideo:
            // The file sent: a context window cut to the limits.
            findings = VideoRules.evaluate(media, strict: request.strict)
            if let p = request.prompt { findings.append(RequestRules.prompt(p)) }
        case .reframeVideo:
            // The whole clip, held to reframe's own limits (60 s, 1800 frames).
            findings = VideoRules.evaluate(media, strict: request.strict, limits: .reframe)
        case .hdrVideo:
            // Each piece sent, held to its tier's frames; the pieces are cut by the plan (`HDRPieces`).
            findings = VideoRules.evaluate(media, strict: request.strict, limits: .hdr)
        case .audioToVideoAudio:
            findings = AudioRules.evaluate(media, maxSeconds: request.maxAudioSeconds)
        case .audioToVideoImage, .imageToVideoImage:
            findings = ImageRules.evaluate(media)
        }
        findings.append(DeliveryRules.evaluate(media, kind: role.mediaKind, delivery: request.delivery, maxBytes: request.maxBytes))
        return .success(CheckReport(media: media, role: role, delivery: request.delivery, maxBytes: request.maxBytes,
                                    findings: findings, effectiveSection: effective))
    }
}
