import Testing
import LTXMedia
import LTXContract
@testable import LTXPreflight

/// Rules on constructed probes: the limits' edges, where no small fixture reaches.
@Suite struct RuleTests {
    static func video(width: Int = 1920, height: Int = 1080, frames: Int = 97, fps: Double = 24,
                      container: ContainerFormat = .mp4, size: Int64 = 1_000_000) -> MediaInfo {
        let v = VideoStreamInfo(index: 0, codec: "h264", profile: "High", pixelFormat: "yuv420p", bitDepth: 8,
                                codedWidth: width, codedHeight: height, rotation: 0, displayWidth: width, displayHeight: height,
                                sampleAspectRatio: "1:1", frameRate: fps, frameRateFraction: "\(Int(fps))/1",
                                variableFrameRate: false, fieldOrder: "progressive", frameCount: frames,
                                frameCountMethod: "index", duration: Double(frames) / fps, bitRate: nil, isImage: false)
        return MediaInfo(path: "v.mp4", container: container, demuxer: "mov,mp4,m4a,3gp,3g2,mj2", sizeBytes: size,
                         duration: Double(frames) / fps, video: [v])
    }

    static func audio(seconds: Double, container: ContainerFormat = .m4a, size: Int64 = 100_000) -> MediaInfo {
        let a = AudioStreamInfo(index: 0, codec: "aac", profile: "LC", declaredProfile: "LC", profileSource: "decoded",
                                sampleRate: 48000, channels: 2, decodedSampleRate: 48000, decodedChannels: 2,
                                samplesPerFrame: 1024, channelLayout: "stereo", duration: seconds, bitRate: nil)
        return MediaInfo(path: "a.m4a", container: container, demuxer: "mov,mp4,m4a,3gp,3g2,mj2", sizeBytes: size,
                         duration: seconds, audio: [a])
    }

    func finding(_ media: MediaInfo, _ rule: RuleID, _ request: CheckRequest = CheckRequest()) throws -> Finding {
        let report = try Preflight.evaluate(media, request).get()
        return try #require(report.findings.first { $0.rule == rule })
    }

    @Test(arguments: [(72, Severity.error), (73, .pass), (505, .pass), (506, .error)])
    func frameCountEdges(_ frames: Int, _ severity: Severity) throws {
        #expect(try finding(Self.video(frames: frames, fps: 30), .videoFrameCount).severity == severity)
    }

    @Test(arguments: [(504, 21.0, Severity.pass), (505, 21.04, .error)])
    func durationEdge(_ frames: Int, _ seconds: Double, _ severity: Severity) throws {
        #expect(try finding(Self.video(frames: frames, fps: Double(frames) / seconds), .videoDuration).severity == severity)
    }

    @Test(arguments: [(3840, 2160, Severity.pass), (2160, 3840, .pass), (3841, 2160, .error), (4096, 2160, .error), (2200, 2200, .error)])
    func resolutionEitherOrientation(_ w: Int, _ h: Int, _ severity: Severity) throws {
        #expect(try finding(Self.video(width: w, height: h), .videoResolution).severity == severity)
    }

    @Test(arguments: [(1.99, Severity.error), (2.0, .pass), (20.0, .pass), (20.01, .error)])
    func audioDuration(_ seconds: Double, _ severity: Severity) throws {
        #expect(try finding(Self.audio(seconds: seconds), .audioDuration).severity == severity)
    }

    @Test func latentWarningNamesNeighbours() throws {
        let f = try finding(Self.video(frames: 96), .latentFrameCount, Self.strict)
        #expect(f.severity == .warning)
        #expect(f.fix?.contains("89") == true && f.fix?.contains("97") == true)
        #expect(try finding(Self.video(frames: 505), .latentFrameCount, Self.strict).severity == .pass)
    }

    /// Outside 73...505 the count is still judged: 900, 600 and 60 are not 8k+1; 513 is.
    @Test(arguments: [(900, Severity.warning), (600, .warning), (60, .warning), (513, .pass)])
    func latentRuleOutsideTheRange(_ frames: Int, _ severity: Severity) throws {
        #expect(try finding(Self.video(frames: frames), .latentFrameCount, Self.strict).severity == severity)
    }

    /// The local pipelines' rules (`--strict`).
    static let strict = CheckRequest(strict: true)

    /// Without --strict the API's rules alone are evaluated: a 1080p clip of
    /// 96 frames (neither 8k+1 nor multiples of 32) has no finding for either.
    @Test func localPipelineRulesOnlyWhenStrict() throws {
        let media = Self.video(frames: 96)
        let plain = try Preflight.evaluate(media).get()
        #expect(!plain.findings.contains { $0.rule == .latentFrameCount || $0.rule == .sizeMultiple })
        let strict = try Preflight.evaluate(media, Self.strict).get()
        #expect(strict.findings.contains { $0.rule == .latentFrameCount && $0.severity == .warning })
        // Every other finding is the same, in the same order.
        #expect(strict.findings.filter { $0.rule != .latentFrameCount && $0.rule != .sizeMultiple } == plain.findings)
    }

    /// Upload 200 MB (images 15 MB); https URL 32 MB video, 15 MB image; data URI 15 MB video encoded.
    @Test func deliveryLimits() throws {
        let mb = APILimits.megabyte
        #expect(try finding(Self.video(size: 200 * mb), .deliverySize).severity == .pass)
        #expect(try finding(Self.video(size: 200 * mb + 1), .deliverySize).fixAction == .recompress)
        #expect(Delivery.upload.limit(for: .image).bytes == 15 * mb)
        let url = CheckRequest(delivery: .url)
        #expect(try finding(Self.video(size: 32 * mb), .deliverySize, url).severity == .pass)
        let over = try finding(Self.video(size: 32 * mb + 1), .deliverySize, url)
        #expect(over.severity == .error && over.fixAction == .changeRequest)
        // 11,249,982 bytes encode to 14,999,976 + the "data:video/mp4;base64," prefix (22) = 14,999,998.
        let data = CheckRequest(delivery: .dataURI)
        #expect(Delivery.dataURILength(fileSize: 11_249_982, mimeType: "video/mp4") == 14_999_998)
        #expect(try finding(Self.video(size: 11_249_982), .deliverySize, data).severity == .pass)
        #expect(try finding(Self.video(size: 11_249_985), .deliverySize, data).severity == .error)
    }

    @Test func imageLimitsAreSmaller() {
        #expect(Delivery.url.limit(for: .image).bytes == 15 * APILimits.megabyte)
        #expect(Delivery.dataURI.limit(for: .image).bytes == 7 * APILimits.megabyte)
        #expect(Delivery.dataURI.limit(for: .audio).bytes == 15 * APILimits.megabyte)
    }

    @Test func sectionRules() throws {
        let clip = Self.video(frames: 240, fps: 24)  // 10 s
        func request(_ s: Double, _ d: Double) -> CheckRequest { CheckRequest(section: RetakeSection(start: s, duration: d)) }
        #expect(try finding(clip, .sectionDuration, request(1, 1.5)).severity == .error)
        #expect(try finding(clip, .sectionStart, request(-1, 2)).severity == .error)
        #expect(try finding(clip, .sectionStart, request(10, 2)).severity == .error)
        #expect(try finding(clip, .sectionClamp, request(2, 4)).severity == .pass)
        let clamp = try finding(clip, .sectionClamp, request(7, 5))
        #expect(clamp.severity == .warning)
        #expect(clamp.actual.contains("7 s–10 s (3 s)"))
        #expect(try finding(clip, .sectionClamp, request(9, 4)).severity == .error)
        let report = try Preflight.evaluate(clip, request(7, 5)).get()
        #expect(report.effectiveSection == RetakeSection(start: 7, duration: 3))
    }

    @Test func promptLength() throws {
        let clip = Self.video()
        #expect(try finding(clip, .promptLength, CheckRequest(prompt: String(repeating: "a", count: 5000))).severity == .pass)
        #expect(try finding(clip, .promptLength, CheckRequest(prompt: String(repeating: "a", count: 5001))).severity == .error)
    }

    @Test func generationMatrix() {
        #expect(GenerationRules.evaluate(model: "ltx-2-3-fast", resolution: "1920x1080", fps: 24, duration: 20).allSatisfy { $0.severity == .pass })
        let pro = GenerationRules.evaluate(model: "ltx-2-3-pro", resolution: "1920x1080", fps: 25, duration: 20)
        #expect(pro.last?.severity == .error)
        #expect(pro.last?.fix == "use a duration of 10 s")
        // Portrait is the same tier; 720p is offered since 2026-09-02; 4K at 50 fps only 6-10 s on fast.
        #expect(GenerationRules.evaluate(model: "ltx-2-5-fast", resolution: "720x1280", fps: 48, duration: 8).last?.severity == .pass)
        #expect(GenerationRules.evaluate(model: "ltx-2-3-fast", resolution: "3840x2160", fps: 50, duration: 12).last?.severity == .error)
        #expect(GenerationRules.evaluate(model: "ltx-2-3-fast", resolution: "1280x1280", fps: 24, duration: 8).last?.severity == .error)
        #expect(GenerationRules.evaluate(model: "ltx-2-3-pro", resolution: "1920x1080", fps: 30, duration: 8).last?.severity == .error)
        // 2-5 s: accepted in practice, not in the published matrix.
        #expect(GenerationRules.evaluate(model: "ltx-2-3-fast", resolution: "1920x1080", fps: 24, duration: 5).last?.severity == .warning)
        // A model newer than the catalogue only warns.
        #expect(GenerationRules.evaluate(model: "ltx-3-pro", resolution: "1920x1080", fps: 25, duration: 8).map(\.severity) == [.warning])
    }

    /// Every cell of the catalogue's matrix passes, in both orientations; a
    /// duration one step past a cell's longest fails with a fix naming it.
    @Test func everyMatrixCellPasses() {
        var cells = 0
        for model in Catalogue.models {
            for cell in Catalogue.matrix where cell.modelClass == model.modelClass {
                for tier in Catalogue.tiers where cell.tiers.contains(tier.name) {
                    for resolution in [tier.landscape, tier.portrait] {
                        for fps in cell.fps {
                            for duration in cell.durations {
                                let f = GenerationRules.evaluate(model: model.id, resolution: resolution, fps: fps, duration: duration)
                                #expect(f.allSatisfy { $0.severity == .pass }, "\(model.id) \(resolution)@\(fps) \(duration) s")
                                cells += 1
                            }
                            let over = GenerationRules.evaluate(model: model.id, resolution: resolution, fps: fps, duration: cell.durations.max()! + 2)
                            #expect(over.last?.severity == .error && over.last?.fix == "use a duration of \(cell.durations.max()!) s")
                        }
                    }
                }
            }
        }
        // fast: 2 tiers x 2 orientations x (2 fps x 8 + 2 fps x 3) + 2 x 2 x 4 x 3; pro: 4 x 2 x 4 x 3; for 2.3 and 2.5.
        #expect(cells == 2 * ((4 * 22 + 48) + 96))
    }

    /// Removed models are refused with their date and replacement; current
    /// models an endpoint does not take are refused there.
    @Test func modelsPerEndpoint() {
        #expect(GenerationRules.modelRefusal("ltx-2-pro", for: .textToVideo) == "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro")
        #expect(GenerationRules.modelRefusal("ltx-2-fast", for: .imageToVideo) == "ltx-2-fast was removed on 2026-08-15; use ltx-2-3-fast")
        #expect(GenerationRules.modelRefusal("ltx-2-pro", for: .retake) == "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro")
        #expect(GenerationRules.evaluate(model: "ltx-2-fast", resolution: "1920x1080", fps: 25, duration: 8).map(\.severity) == [.error])
        #expect(GenerationRules.model("ltx-2-3-fast", for: .retake).severity == .error)
        #expect(GenerationRules.model("ltx-2-3-fast", for: .audioToVideo).severity == .error)
        #expect(GenerationRules.model("ltx-2-5-pro", for: .audioToVideo).severity == .pass)
        #expect(GenerationRules.modelRefusal("ltx-2-3-pro", for: .retake) == nil)
        #expect(GenerationRules.modelRefusal("ltx-2-fast", for: .retake)?.contains("use ltx-2-3-pro") == true)
    }

    /// `duration: null`: the 2.5 models only, never with a last frame.
    @Test func automaticDuration() {
        #expect(GenerationRules.evaluate(model: "ltx-2-5-fast", resolution: "1920x1080", fps: 24, duration: nil).last?.severity == .pass)
        #expect(GenerationRules.evaluate(model: "ltx-2-3-fast", resolution: "1920x1080", fps: 24, duration: nil).last?.severity == .error)
        let withLast = GenerationRules.evaluate(model: "ltx-2-5-pro", resolution: "1920x1080", fps: 24, duration: nil, lastFrame: true)
        #expect(withLast.last?.severity == .error)
    }

    @Test func textToVideoTakesNoFile() {
        #expect((try? Preflight.evaluate(Self.video(), CheckRequest(endpoint: .textToVideo)).get()) == nil)
    }

    @Test func lowerFrameRateKeepsWholeClip() {
        #expect(VideoRules.lowerFrameRate(duration: 10) == 50)
        #expect(VideoRules.lowerFrameRate(duration: 20) == 25)
        #expect(VideoRules.lowerFrameRate(duration: 21) == 24)
    }
}
