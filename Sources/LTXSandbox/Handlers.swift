import HTTPTypes
import Hummingbird
import Logging
import LTXMedia
import LTXPreflight
import NIOCore
import NIOFileSystem

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The routes' work. Each answer is a `Response`, errors included, in the
/// documented shapes.
struct Handlers: Sendable {
    let configuration: SandboxConfiguration
    let state: SandboxState

    static let uploadLimit = 100_000_000
    static let lengthRangeHeader = HTTPField.Name("x-goog-content-length-range")!
    static let lengthRangeValue = "0,\(uploadLimit)"

    // MARK: auth and faults

    func authorize(_ request: Request, segmind: Bool) -> Response? {
        if segmind {
            guard let key = request.headers[HTTPField.Name("x-api-key")!] else {
                return APIErrorResponse.make(.unauthorized, "authentication_error", "Missing x-api-key header")
            }
            return key == configuration.apiKey ? nil : APIErrorResponse.make(.unauthorized, "authentication_error", "Invalid API key")
        }
        guard let auth = request.headers[.authorization] else {
            return APIErrorResponse.make(.unauthorized, "authentication_error", "Missing authorization header")
        }
        guard auth.hasPrefix("Bearer ") else { return APIErrorResponse.make(.unauthorized, "authentication_error", "Malformed header") }
        return auth.dropFirst(7) == configuration.apiKey ? nil : APIErrorResponse.make(.unauthorized, "authentication_error", "Invalid API key")
    }

    /// Auth, then the scripted or random fault, then the JSON body.
    func admit<Fields: Decodable>(_ request: Request, segmind: Bool, as: Fields.Type) async -> Result<Fields, Reply> {
        if let denied = authorize(request, segmind: segmind) { return .failure(Reply(denied)) }
        if let status = await state.nextFault() { return .failure(Reply(APIErrorResponse.fault(status, retryAfter: configuration.retryAfter))) }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: 32 << 20) } catch {
            return .failure(Reply(APIErrorResponse.make(.contentTooLarge, "request_too_large", "Request exceeds the maximum allowed number of bytes")))
        }
        do { return .success(try JSONDecoder().decode(Fields.self, from: Data(buffer: body))) } catch {
            return .failure(Reply(APIErrorResponse.invalid("the body is not the JSON this endpoint takes: \(error)")))
        }
    }

    // MARK: upload

    func upload(_ request: Request) async -> Response {
        if let denied = authorize(request, segmind: false) { return denied }
        let (id, token) = await state.newTicket(directory: configuration.storageDirectory, lifetime: configuration.uploadURLLifetime)
        let authority = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        let (seconds, _) = configuration.uploadURLLifetime.components
        struct Ticket: Encodable {
            var upload_url: String
            var storage_uri: String
            var expires_at: String
            var required_headers: [String: String]
        }
        let ticket = Ticket(upload_url: "http://\(authority)/storage/\(id)?token=\(token)", storage_uri: "ltx://uploads/\(id)",
                            expires_at: Date.now.addingTimeInterval(Double(seconds)).formatted(.iso8601),
                            required_headers: [Self.lengthRangeHeader.rawName: Self.lengthRangeValue])
        return json(ticket)
    }

    func store(_ request: Request, id: String) async -> Response {
        let path: String
        switch await state.check(id: id, token: request.uri.queryParameters.get("token")) {
        case .unknown: return APIErrorResponse.make(.notFound, "not_found_error", "No such upload URL")
        case .badToken: return APIErrorResponse.make(.forbidden, "authentication_error", "The request signature does not match")
        case .expired: return APIErrorResponse.make(.forbidden, "authentication_error", "Request has expired")
        case .ok(let p): path = p
        }
        guard request.headers[Self.lengthRangeHeader] == Self.lengthRangeValue else {
            return APIErrorResponse.invalid("missing required header \(Self.lengthRangeHeader.rawName): \(Self.lengthRangeValue)")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.uploadLimit {
            return APIErrorResponse.make(.contentTooLarge, "request_too_large", "Upload exceeds 100 MB")
        }
        do {
            var received = 0
            try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path), options: .newFile(replaceExisting: true)) { handle in
                var writer = handle.bufferedWriter()
                for try await chunk in request.body {
                    received += chunk.readableBytes
                    if received > Self.uploadLimit { throw TooLarge() }
                    try await writer.write(contentsOf: chunk)
                }
                try await writer.flush()
            }
        } catch is TooLarge {
            unlink(path)
            return APIErrorResponse.make(.contentTooLarge, "request_too_large", "Upload exceeds 100 MB")
        } catch {
            unlink(path)
            return APIErrorResponse.make(.internalServerError, "api_error", "Upload failed: \(error)")
        }
        await state.markUploaded(id)
        return Response(status: .ok)
    }

    struct TooLarge: Error {}

    // MARK: generation

    struct RetakeFields: Decodable {
        var video_uri: String?
        var start_time: Double?
        var duration: Double?
        var prompt: String?
        var mode: String?
        var model: String?
    }

    func retake(_ request: Request, segmind: Bool) async -> Response {
        let fields: RetakeFields
        switch await admit(request, segmind: segmind, as: RetakeFields.self) {
        case .failure(let r): return r.response
        case .success(let f): fields = f
        }
        guard let uri = fields.video_uri else { return APIErrorResponse.invalid("video_uri is required") }
        guard let start = fields.start_time else { return APIErrorResponse.invalid("start_time is required") }
        guard let duration = fields.duration else { return APIErrorResponse.invalid("duration is required") }
        guard duration >= APILimits.sectionMinDuration else { return APIErrorResponse.invalid("duration must be at least 2 seconds") }
        let mode = fields.mode ?? RetakeMode.replaceAudioAndVideo.rawValue
        guard let retakeMode = RetakeMode(rawValue: mode) else {
            return APIErrorResponse.invalid("mode must be one of replace_audio, replace_video, replace_audio_and_video")
        }
        if let model = fields.model, model != "ltx-2-pro" { return APIErrorResponse.invalid("model must be ltx-2-pro") }
        if segmind && uri.hasPrefix("ltx://") { return APIErrorResponse.invalid("video_uri must be an https URL or a data URI") }
        let input: Input
        switch await resolve(uri, field: "video_uri", limit: MediaInfo.Kind.video) {
        case .failure(let r): return r.response
        case .success(let i): input = i
        }
        defer { input.discard() }
        let section = RetakeSection(start: start, duration: duration)
        let report: CheckReport
        switch await validate(input.path, CheckRequest(endpoint: .retake, section: section, prompt: fields.prompt), field: "video_uri") {
        case .failure(let r): return r.response
        case .success(let rep): report = rep
        }
        let effective = report.effectiveSection ?? section
        let output = await resultPath()
        let hasAudio = report.media.primaryAudio != nil
        let job = TranscodeJob(input: input.path, output: output, video: .encode(VideoEncoding(crf: 28, preset: "ultrafast")),
                               audio: hasAudio ? .encode(AudioEncoding()) : .drop,
                               effect: SectionEffect(start: effective.start, duration: effective.duration,
                                                     invertPicture: retakeMode != .replaceAudio,
                                                     toneFrequency: retakeMode != .replaceVideo ? 880 : nil))
        do { _ = try await Transcoder.run(job) } catch {
            unlink(output)
            return APIErrorResponse.make(.internalServerError, "api_error", "Internal server error: \(error.message)")
        }
        return fileResponse(output)
    }

    struct AudioToVideoFields: Decodable {
        var audio_uri: String?
        var image_uri: String?
        var prompt: String?
        var resolution: String?
        var guidance_scale: Double?
        var model: String?
    }

    func audioToVideo(_ request: Request) async -> Response {
        let fields: AudioToVideoFields
        switch await admit(request, segmind: false, as: AudioToVideoFields.self) {
        case .failure(let r): return r.response
        case .success(let f): fields = f
        }
        guard let audioURI = fields.audio_uri else { return APIErrorResponse.invalid("audio_uri is required") }
        guard fields.image_uri != nil || fields.prompt != nil else {
            return APIErrorResponse.invalid("prompt is required when image_uri is not provided")
        }
        if let model = fields.model, model != "ltx-2-pro" { return APIErrorResponse.invalid("model must be ltx-2-pro") }
        if let r = fields.resolution, r != "1920x1080" { return APIErrorResponse.invalid("resolution must be 1920x1080") }
        let audio: Input
        switch await resolve(audioURI, field: "audio_uri", limit: MediaInfo.Kind.audio) {
        case .failure(let r): return r.response
        case .success(let i): audio = i
        }
        defer { audio.discard() }
        if case .failure(let r) = await validate(audio.path, CheckRequest(endpoint: .audioToVideo), field: "audio_uri") { return r.response }
        var image: Input?
        var portrait = false
        if let imageURI = fields.image_uri {
            switch await resolve(imageURI, field: "image_uri", limit: MediaInfo.Kind.image) {
            case .failure(let r): return r.response
            case .success(let i): image = i
            }
            switch await validate(image!.path, CheckRequest(endpoint: .audioToVideo), field: "image_uri") {
            case .failure(let r): image?.discard(); return r.response
            case .success(let rep):
                let v = rep.media.primaryVideo
                portrait = (v?.displayHeight ?? 0) > (v?.displayWidth ?? 0)
            }
        }
        defer { image?.discard() }
        // NOTES.md: 1920x1080 or 1080x1920 by the image's orientation, 25 fps.
        let spec = PatternClipSpec(output: await resultPath(), width: portrait ? 1080 : 1920, height: portrait ? 1920 : 1080,
                                   frameRate: 25, duration: 0, image: image?.path, sound: .file(audio.path))
        return await produce(spec)
    }

    struct GenerationFields: Decodable {
        var image_uri: String?
        var prompt: String?
        var model: String?
        var duration: Int?
        var fps: Int?
        var resolution: String?
        var generate_audio: Bool?
        var camera_motion: String?
    }

    static let cameraMotions: Set<String> = ["dolly_in", "dolly_out", "dolly_left", "dolly_right", "jib_up", "jib_down", "static", "focus_shift"]

    func generate(_ request: Request, withImage: Bool) async -> Response {
        let fields: GenerationFields
        switch await admit(request, segmind: false, as: GenerationFields.self) {
        case .failure(let r): return r.response
        case .success(let f): fields = f
        }
        if withImage && fields.image_uri == nil { return APIErrorResponse.invalid("image_uri is required") }
        guard fields.prompt != nil else { return APIErrorResponse.invalid("prompt is required") }
        guard let model = fields.model else { return APIErrorResponse.invalid("model is required") }
        guard let duration = fields.duration else { return APIErrorResponse.invalid("duration is required") }
        guard let resolution = fields.resolution else { return APIErrorResponse.invalid("resolution is required") }
        let fps = fields.fps ?? 25
        if let motion = fields.camera_motion, !Self.cameraMotions.contains(motion) {
            return APIErrorResponse.invalid("camera_motion must be one of \(Self.cameraMotions.sorted().joined(separator: ", "))")
        }
        guard GenerationMatrix.documentedModels.contains(model) else {
            return APIErrorResponse.invalid("model must be one of \(GenerationMatrix.documentedModels.joined(separator: ", "))")
        }
        if let problem = GenerationRules.evaluate(model: model, resolution: resolution, fps: fps, duration: duration)
            .first(where: { $0.severity == .error }) {
            return APIErrorResponse.invalid("\(problem.actual) is not supported: \(problem.required)")
        }
        var image: Input?
        if let uri = fields.image_uri {
            switch await resolve(uri, field: "image_uri", limit: MediaInfo.Kind.image) {
            case .failure(let r): return r.response
            case .success(let i): image = i
            }
            if case .failure(let r) = await validate(image!.path, CheckRequest(endpoint: .imageToVideo), field: "image_uri") {
                image?.discard()
                return r.response
            }
        }
        defer { image?.discard() }
        let size = resolution.split(separator: "x").compactMap { Int($0) }
        let spec = PatternClipSpec(output: await resultPath(), width: size[0], height: size[1], frameRate: fps,
                                   duration: Double(duration), image: image?.path,
                                   sound: fields.generate_audio == false ? .none : .tone(frequency: 440))
        return await produce(spec)
    }

    // MARK: inputs and outputs

    struct Input: Sendable {
        var path: String
        var temporary: Bool
        func discard() { if temporary { unlink(path) } }
    }

    /// `ltx://uploads/ID` (uploaded here), or a `data:` URI within its
    /// documented size. The sandbox has no network, so https URLs are refused.
    func resolve(_ uri: String, field: String, limit: MediaInfo.Kind) async -> Result<Input, Reply> {
        if uri.hasPrefix("ltx://uploads/") {
            guard let path = await state.stored(String(uri.dropFirst("ltx://uploads/".count))) else {
                return .failure(Reply(APIErrorResponse.invalid("\(field): unknown storage URI, or its upload did not complete")))
            }
            return .success(Input(path: path, temporary: false))
        }
        if uri.hasPrefix("data:") {
            guard let comma = uri.firstIndex(of: ","), uri[..<comma].hasSuffix(";base64") else {
                return .failure(Reply(APIErrorResponse.invalid("\(field): a data URI must be data:<mime type>;base64,<data>")))
            }
            let encoded = uri[uri.index(after: comma)...]
            let maximum = Delivery.dataURI.limit(for: limit).bytes
            guard Int64(uri.utf8.count) <= maximum else {
                return .failure(Reply(APIErrorResponse.invalid("\(field): the data URI is \(uri.utf8.count) bytes; at most \(maximum) are allowed")))
            }
            guard let data = Data(base64Encoded: String(encoded)) else {
                return .failure(Reply(APIErrorResponse.invalid("\(field): the data URI is not valid base64")))
            }
            let path = "\(configuration.storageDirectory)/inline-\(await state.uniqueName())"
            do {
                try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path), options: .newFile(replaceExisting: true)) { handle in
                    _ = try await handle.write(contentsOf: data, toAbsoluteOffset: 0)
                }
            } catch {
                return .failure(Reply(APIErrorResponse.make(.internalServerError, "api_error", "could not store the data URI")))
            }
            return .success(Input(path: path, temporary: true))
        }
        if uri.hasPrefix("https://") || uri.hasPrefix("http://") {
            return .failure(Reply(APIErrorResponse.invalid("\(field): the sandbox has no network; upload the file (POST /v1/upload) or send a data URI")))
        }
        return .failure(Reply(APIErrorResponse.invalid("\(field) must be an ltx:// storage URI, an https URL or a data URI")))
    }

    /// The same rules `ltx-prep check` applies: a file it accepts is accepted here.
    func validate(_ path: String, _ request: CheckRequest, field: String) async -> Result<CheckReport, Reply> {
        do throws(MediaError) {
            let report = try await Preflight.check(path, request)
            guard report.conformant else {
                let reasons = report.problems.filter { $0.severity == .error }
                    .map { "\($0.rule.rawValue): \($0.actual) (required: \($0.required))" }
                return .failure(Reply(APIErrorResponse.invalid("\(field): " + reasons.joined(separator: "; "))))
            }
            return .success(report)
        } catch {
            return .failure(Reply(APIErrorResponse.invalid("\(field): \(error.message)")))
        }
    }

    func resultPath() async -> String { "\(configuration.storageDirectory)/result-\(await state.uniqueName()).mp4" }

    func produce(_ spec: PatternClipSpec) async -> Response {
        do {
            _ = try await BlockingExecutor.run { () throws(MediaError) in try PatternClip.write(spec) }
        } catch {
            unlink(spec.output)
            return APIErrorResponse.make(.internalServerError, "api_error", "Internal server error: \(error.message)")
        }
        return fileResponse(spec.output)
    }

    struct DroppedConnection: Error {}

    /// Streams a result and deletes it; with `dropAfterBytes`, closes the
    /// connection part-way, as a failing network would.
    func fileResponse(_ path: String) -> Response {
        var st = stat()
        stat(path, &st)
        let size = Int(st.st_size)
        let drop = configuration.dropAfterBytes
        var headers = HTTPFields()
        headers[.contentType] = "video/mp4"
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: size) { writer in
            defer { unlink(path) }
            var sent = 0
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
                for try await chunk in handle.readChunks(chunkLength: .kibibytes(64)) {
                    if let drop, sent + chunk.readableBytes >= drop {
                        if let part = chunk.getSlice(at: chunk.readerIndex, length: max(0, drop - sent)), part.readableBytes > 0 {
                            try await writer.write(part)
                        }
                        throw DroppedConnection()
                    }
                    try await writer.write(chunk)
                    sent += chunk.readableBytes
                }
            }
            try await writer.finish(nil)
        })
    }

    func json<T: Encodable>(_ value: T) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
