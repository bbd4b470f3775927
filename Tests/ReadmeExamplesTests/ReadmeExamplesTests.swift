import LTXMedia
import LTXSandbox
import Testing
import TestSupport

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// README.md's Swift examples are these files, byte for byte: the suite
/// compiles what the README prints, and runs it.
@Suite struct ReadmeExamplesTests {
    static let examples = ["CheckExample.swift", "FixExample.swift", "RetakeExample.swift", "ExtendExample.swift", "ReframeExample.swift",
                           "HDRExample.swift", "ReviewExample.swift"]

    @Test func readmePrintsEachExampleExactly() throws {
        let readme = try String(contentsOfFile: Fixtures.repositoryRoot + "/README.md", encoding: .utf8)
        let blocks = readme.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        for name in Self.examples {
            let source = try String(contentsOfFile: Fixtures.repositoryRoot + "/Tests/ReadmeExamplesTests/" + name, encoding: .utf8)
            #expect(blocks.contains(source), "README.md does not print \(name) as it is")
        }
        #expect(blocks.count == Self.examples.count, "README.md has a Swift block that no test compiles")
    }

    /// A clip against itself: every frame copied, one run, the page written.
    @Test func reviewExampleWritesThePage() async throws {
        let dir = TemporaryDirectory.make("readme-review")
        let clip = Fixtures.path("h264_heaac.mp4")
        try await writeReview(of: clip, edited: clip, journal: nil, to: dir + "/review.html")
        let page = try String(contentsOfFile: dir + "/review.html", encoding: .utf8)
        #expect(page.contains("<tr class=\"run copied\" data-first=\"0\" data-last=\"96\">"))
        #expect(page.components(separatedBy: "<tr class=\"run ").count == 2)
    }

    @Test func checkExampleNamesTheBrokenRule() async throws {
        let problems = try await listProblems(of: Fixtures.path("h264_heaac.mp4"))
        #expect(problems.contains { $0.hasPrefix("audio.aac-profile:") })
    }

    @Test func fixExampleWritesAConformantFile() async throws {
        let dir = TemporaryDirectory.make("readme-fix")
        let outcome = try await makeConformant(Fixtures.path("h264_heaac.mp4"), to: dir + "/fixed.mp4")
        #expect(outcome.report.conformant)
        #expect(outcome.report.media.primaryAudio?.profile == "LC")
    }

    /// The retake example against the sandbox, in process on a random port.
    @Test func retakeExampleRunsAgainstTheSandbox() async throws {
        let dir = TemporaryDirectory.make("readme-retake")
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let generated = try await retake(Fixtures.path("h264_heaac.mp4"), to: dir + "/retaken.mp4",
                                         environment: ["LTXV_API_KEY": SandboxInProcess.key, "LTX_API_BASE_URL": "http://127.0.0.1:\(port)"])
        #expect(generated?.output == dir + "/retaken.mp4")
        let media = try await MediaProbe.probe(dir + "/retaken.mp4")
        // The input (97 frames of HE-AAC audio) was fixed to AAC-LC first; the answer keeps its 97 frames.
        #expect(media.primaryVideo?.frameCount == 97)
        #expect(media.primaryAudio?.profile == "LC")
    }

    /// The extend example against the sandbox, in process: the whole clip back, every input picture kept.
    @Test func extendExampleGivesTheWholeClipBack() async throws {
        let dir = TemporaryDirectory.make("readme-extend")
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let input = Fixtures.path("h264_aac_sine_6s.mp4")
        let outcome = try await extendClip(input, to: dir + "/longer.mp4",
                                           environment: ["LTXV_API_KEY": SandboxInProcess.key, "LTX_API_BASE_URL": "http://127.0.0.1:\(port)"])
        // 144 frames at 24 fps, then 3 s more; the 2:1 picture went to the API padded to 16:9.
        #expect(outcome.splice?.frames == 144 + 72)
        #expect(outcome.plan.call.canvas?.height == 72)
        let before = try StreamDigests.pictures(input), after = try StreamDigests.pictures(dir + "/longer.mp4")
        #expect(Array(after.prefix(144)) == before)
        #expect(try await MediaProbe.probe(dir + "/longer.mp4").primaryAudio?.codec == "aac")
    }

    /// The reframe example against the sandbox: the clip's frames and audio packets kept.
    @Test func reframeExampleRunsAgainstTheSandbox() async throws {
        let dir = TemporaryDirectory.make("readme-reframe")
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let clip = Fixtures.path("conformant_h264_aac.mp4")
        let written = try await reframe(clip, to: dir + "/vertical.mp4",
                                        environment: ["LTXV_API_KEY": SandboxInProcess.key, "LTX_API_BASE_URL": "http://127.0.0.1:\(port)"])
        #expect(written?.width == 1080 && written?.height == 1920)
        #expect(written?.framesKept == true)
        #expect(try StreamDigests.audioPackets(dir + "/vertical.mp4") == (try StreamDigests.audioPackets(clip)))
    }

    /// The HDR example against the sandbox, in process: one piece (97 frames), an HDR10 video of as many.
    @Test func hdrExampleWritesAnHDR10Video() async throws {
        let dir = TemporaryDirectory.make("readme-hdr")
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let outcome = try await makeHDR(Fixtures.path("h264_aac_200kbps.mp4"), to: dir + "/hdr.mp4",
                                        environment: ["LTXV_API_KEY": SandboxInProcess.key, "LTX_API_BASE_URL": "http://127.0.0.1:\(port)"])
        #expect(outcome.plan.pieces.count == 1)
        #expect(outcome.written?.colorTransfer == "smpte2084" && outcome.written?.frames == 97)
    }
}
