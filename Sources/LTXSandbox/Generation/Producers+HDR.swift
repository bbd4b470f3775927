import LTXContract
import LTXMedia
import LTXPreflight
import LTXSystem

/// The answer to an HDR conversion: EXR frames in a ZIP, and the HLG video beside it.
extension Producers {
    /// `/v2/video-to-video-hdr` [§3]: a ZIP of one EXR image per frame at the
    /// input's size (`EXRFrames`), carrying the chromaticities of the
    /// `output_colorspace` asked (default ACEScg), within the frames its tier
    /// allows; beside it, as the API answers `video_url` (`Catalogue.HDR`), an
    /// HLG HEVC video made from those frames (`hdrVideo(of:)`).
    func hdr(_ body: HDRRequest) async throws(SandboxFailure) -> Production {
        let space = HDRColorSpace(rawValue: body.outputColorspace?.rawValue ?? Catalogue.HDR.defaultColorSpace) ?? .acescg
        let input = try await resolver.resolve(body.videoUri, field: "video_uri", kind: .video)
        let media: MediaInfo
        do throws(MediaError) { media = try await MediaProbe.probe(input.path) } catch {
            input.discard()
            throw .invalid("video_uri: \(error.message)")
        }
        guard let v = media.primaryVideo, !v.isImage else {
            input.discard()
            throw .invalid("video_uri must be a video")
        }
        guard let tier = Catalogue.HDR.tier(width: v.displayWidth, height: v.displayHeight) else {
            input.discard()
            throw .invalid("video_uri must be at most 3840x2160 (it is \(v.displayWidth)x\(v.displayHeight))")
        }
        guard v.frameCount <= tier.frames else {
            input.discard()
            throw .invalid("video_uri has \(v.frameCount) frames; at \(v.displayWidth)x\(v.displayHeight) (\(tier.name)) the most is \(tier.frames)")
        }
        let output = "\(configuration.storageDirectory)/result-\(await state.uniqueName()).zip"
        return { () async throws(SandboxFailure) -> String in
            defer { input.discard() }
            let frames: Int
            do throws(MediaError) {
                frames = try await BlockingExecutor.run { () throws(MediaError) in try EXRFrames.write(from: input.path, to: output, colorSpace: space) }
            } catch {
                try? LocalFiles.remove(output)
                throw .server(error.message)
            }
            // The HLG video is the API's convenience beside the frames: without it the job still answers its frames.
            let video = Self.hdrVideo(of: output)
            let request = HDRAssemblyRequest(input: input.path, pieces: [HDRPieceAnswer(zip: output, firstFrame: 0, frameCount: frames)],
                                             output: video, transfer: .hlg, assumedColorSpace: space)
            do throws(MediaError) {
                _ = try await BlockingExecutor.run { () throws(MediaError) in try HDRAssembly.assemble(request) }
            } catch {
                try? LocalFiles.remove(video)
            }
            return output
        }
    }

    /// Where the HLG video made beside an HDR answer's ZIP is kept.
    static func hdrVideo(of zip: String) -> String { String(zip.dropLast(4)) + ".hlg.mp4" }
}
