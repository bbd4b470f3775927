import LTXContract
import OpenAPIRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The contract's server protocol, generated from openapi.yaml: the same
/// document the client is generated from, so the two cannot drift. Errors
/// are thrown as `SandboxFailure` and written by `Admission`.
struct SandboxAPI: APIProtocol {
    let configuration: SandboxConfiguration
    let state: SandboxState
    let storage: UploadStorage
    let producers: Producers
    let jobs: AsyncJobs

    func createUpload(_ input: Operations.CreateUpload.Input) async throws -> Operations.CreateUpload.Output {
        .ok(.init(body: .json(await storage.ticket(authority: await state.authority))))
    }

    // MARK: v1, synchronous: the answer is the video

    /// LTX's v1 generation routes stopped working after 2026-10-26 (the API's
    /// status code since is undocumented: "not found" read as 404); the
    /// answer names the route that replaced each.
    private func retired(_ endpoint: String) throws(SandboxFailure) {
        guard !configuration.servesRetiredV1 else { return }
        throw SandboxFailure(status: 404, type: "not_found_error",
                             message: "POST /v1/\(endpoint) was retired after \(Catalogue.syncRetired); submit to POST /v2/\(endpoint) instead")
    }

    func retake(_ input: Operations.Retake.Input) async throws -> Operations.Retake.Output {
        try retired("retake")
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .ok(try await answer(try await retakeProduction(b)))
    }

    func segmindRetake(_ input: Operations.SegmindRetake.Input) async throws -> Operations.SegmindRetake.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        let production = try await producers.retake(uri: b.videoUri, start: b.startTime, duration: b.duration, prompt: b.prompt,
                                                    mode: b.mode, model: nil, segmind: true)
        return .ok(try await answer(production))
    }

    func textToVideo(_ input: Operations.TextToVideo.Input) async throws -> Operations.TextToVideo.Output {
        try retired("text-to-video")
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .ok(try await answer(try await textProduction(b)))
    }

    func imageToVideo(_ input: Operations.ImageToVideo.Input) async throws -> Operations.ImageToVideo.Output {
        try retired("image-to-video")
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .ok(try await answer(try await imageProduction(b)))
    }

    func audioToVideo(_ input: Operations.AudioToVideo.Input) async throws -> Operations.AudioToVideo.Output {
        try retired("audio-to-video")
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .ok(try await answer(try await producers.audioToVideo(b)))
    }

    // MARK: v2, asynchronous: 202 and a job id

    func submitRetake(_ input: Operations.SubmitRetake.Input) async throws -> Operations.SubmitRetake.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("retake", try await retakeProduction(b)))))
    }

    func submitTextToVideo(_ input: Operations.SubmitTextToVideo.Input) async throws -> Operations.SubmitTextToVideo.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("text-to-video", try await textProduction(b)))))
    }

    func submitImageToVideo(_ input: Operations.SubmitImageToVideo.Input) async throws -> Operations.SubmitImageToVideo.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("image-to-video", try await imageProduction(b)))))
    }

    func submitAudioToVideo(_ input: Operations.SubmitAudioToVideo.Input) async throws -> Operations.SubmitAudioToVideo.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("audio-to-video", try await producers.audioToVideo(b)))))
    }

    func submitExtend(_ input: Operations.SubmitExtend.Input) async throws -> Operations.SubmitExtend.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("extend", try await producers.extend(b)))))
    }

    func submitHDR(_ input: Operations.SubmitHDR.Input) async throws -> Operations.SubmitHDR.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit(Catalogue.HDR.route, try await producers.hdr(b)))))
    }

    func submitReframe(_ input: Operations.SubmitReframe.Input) async throws -> Operations.SubmitReframe.Output {
        guard case .json(let b) = input.body else { throw SandboxFailure.invalid("a JSON body is required") }
        return .accepted(.init(body: .json(await jobs.submit("video-to-video-reframe", try await producers.reframe(b)))))
    }

    func getJob(_ input: Operations.GetJob.Input) async throws -> Operations.GetJob.Output {
        guard let job = await jobs.status(input.path.id, endpoint: input.path.endpoint.rawValue) else { throw SandboxFailure.notFound }
        return .ok(.init(body: .json(job)))
    }

    // MARK: parts

    private func retakeProduction(_ b: RetakeRequest) async throws(SandboxFailure) -> Production {
        try await producers.retake(uri: b.videoUri, start: b.startTime, duration: b.duration, prompt: b.prompt, mode: b.mode,
                                   model: b.model, resolution: b.resolution?.rawValue, segmind: false)
    }

    private func textProduction(_ b: TextToVideoRequest) async throws(SandboxFailure) -> Production {
        try await producers.generate(imageURI: nil, lastFrameURI: nil, model: b.model, duration: b.duration, resolution: b.resolution, fps: b.fps,
                                     generateAudio: b.generateAudio)
    }

    private func imageProduction(_ b: ImageToVideoRequest) async throws(SandboxFailure) -> Production {
        try await producers.generate(imageURI: b.imageUri, lastFrameURI: b.lastFrameUri, model: b.model, duration: b.duration,
                                     resolution: b.resolution, fps: b.fps, generateAudio: b.generateAudio)
    }

    /// Runs the production now and streams the file, deleting it afterwards.
    private func answer(_ production: Production) async throws(SandboxFailure) -> Components.Responses.Video {
        let path = try await production()
        await state.countSyncGeneration()
        switch configuration.syncAnswer {
        case .video:
            return .init(body: .videoMp4(ResultStream.body(path, dropAfter: configuration.dropAfterBytes, deleteAfterwards: true)))
        case .link:
            let id = await state.storedResult(path)
            return .init(body: .json(.init(videoUrl: "http://\(await state.authority)/results/\(id)")))
        case .notVideo:
            return .init(body: .binary(HTTPBody("<html><body>upstream busy, try later</body></html>")))
        }
    }
}
