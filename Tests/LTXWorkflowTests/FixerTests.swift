import Foundation
import Testing
import TestSupport
import LTXMedia
import LTXPreflight
@testable import LTXWorkflow

/// Fixes written to disk, checked with the probe and against values known
/// from the fixtures' ffprobe facts.
@Suite struct FixerTests {
    let dir = TemporaryDirectory.make("ltx-fix")

    func out(_ name: String) -> String { "\(dir)/\(name)" }

    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    /// The issue's case: 60 s of H.264, a 4 s section mid-way, cut by stream
    /// copy; the section's new start is right to the frame.
    @Test func windowByStreamCopyMapsTheSectionToTheFrame() async throws {
        let output = out("window.mp4")
        let outcome = try await Fixer.fix(Fixtures.path("h264_60s_gop2s.mp4"),
                                          FixRequest(check: CheckRequest(section: RetakeSection(start: 28, duration: 4)), output: output))
        #expect(outcome.plan.isLossless)
        let w = try #require(outcome.window)
        // The planned start is 19.5 s; the keyframe before it (GOP of 2 s) is 18 s.
        #expect(w.span.inputStart == 18)
        #expect(w.sectionStart == 10)
        #expect(w.sectionStartFrame == 240)
        // 21 s is 504 frames; with B-frames the copy ends at the last whole
        // mini-GOP before 39 s, so a few may be left out, never added.
        let v = try #require(outcome.report.media.primaryVideo)
        #expect((498...504).contains(v.frameCount))
        // Frame i of the output is frame 432 + i of the input, bit for bit:
        // 18 s in, and the section's frame 240 is the input's frame 672 (28 s).
        let same = try VideoComparison.compare(reference: Fixtures.path("h264_60s_gop2s.mp4"), distorted: output,
                                               skippingReferenceFrames: 432)
        #expect(same.framesCompared == v.frameCount)
        #expect(same.psnr == .infinity)
        #expect(outcome.report.conformant)
        #expect(leftovers().isEmpty)
    }

    @Test func reencodeKeepsQuality() async throws {
        let output = out("vp9.mp4")
        let outcome = try await Fixer.fix(Fixtures.path("vp9_opus.webm"), FixRequest(output: output))
        #expect(outcome.report.conformant && outcome.report.warnings == 0)
        #expect(outcome.report.media.primaryVideo?.frameCount == 97)
        let psnr = try VideoComparison.compare(reference: Fixtures.path("vp9_opus.webm"), distorted: output)
        #expect(psnr.psnr >= 40, "PSNR \(psnr.psnr) dB at the default CRF 18")
    }

    @Test func conformantInputIsCopiedByteForByte() async throws {
        let output = out("same.mp4")
        _ = try await Fixer.fix(Fixtures.path("conformant_h264_aac.mp4"), FixRequest(output: output))
        #expect(FileManager.default.contentsEqual(atPath: output, andPath: Fixtures.path("conformant_h264_aac.mp4")))
    }

    @Test func paddingIsRecorded() async throws {
        let outcome = try await Fixer.fix(Fixtures.path("h264_48f.mp4"),
                                          FixRequest(output: out("pad.mp4"), options: FixOptions(preset: "ultrafast")))
        #expect(outcome.padding == FixOutcome.Padding(frames: 25, seconds: 25.0 / 24, originalFrames: 48))
        #expect(outcome.report.media.primaryVideo?.frameCount == 73)
    }

    @Test func audioForAudioToVideo() async throws {
        let outcome = try await Fixer.fix(Fixtures.path("vorbis_25s.ogg"), FixRequest(output: out("voice.m4a")))
        let a = try #require(outcome.report.media.primaryAudio)
        #expect(outcome.report.media.container == .m4a)
        #expect(a.aacProfile == .lc)
        #expect(abs((a.duration ?? 0) - 20) < 0.001)
    }

    @Test func imageBecomesPNG() async throws {
        let outcome = try await Fixer.fix(Fixtures.path("image.gif"), FixRequest(output: out("still.png")))
        #expect(outcome.report.media.container == .png)
        #expect(outcome.report.media.primaryVideo?.displayWidth == 320)
    }

    @Test func existingOutputNeedsForce() async throws {
        let output = out("exists.mp4")
        #expect(FileManager.default.createFile(atPath: output, contents: Data("keep me".utf8)))
        do throws(FixError) {
            _ = try await Fixer.fix(Fixtures.path("h264.ts"), FixRequest(output: output))
            Issue.record("replaced an existing output without --force")
        } catch {
            guard case .outputExists(_, let path) = error else { Issue.record("\(error)"); return }
            #expect(path == output)
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        _ = try await Fixer.fix(Fixtures.path("h264.ts"), FixRequest(output: output, force: true))
        #expect(try MediaProbe.probeBlocking(output).container == .mp4)
    }

    @Test func neverWritesOverTheInput() async throws {
        let copy = out("input.mp4")
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_pcm.mov"), toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        // The same file under another spelling is still the input (device and inode).
        do throws(FixError) {
            _ = try await Fixer.fix(copy, FixRequest(output: dir + "/./input.mp4", force: true))
            Issue.record("wrote over the input")
        } catch {
            guard case .outputIsInput = error else { Issue.record("\(error)"); return }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    @Test func cancellingRemovesTheTemporaryFile() async throws {
        let output = out("cancelled.mp4")
        let (progress, task) = Fixer.start(Fixtures.path("h264_4096x2160.mp4"),
                                           FixRequest(output: output, options: FixOptions(crf: 1, preset: "veryslow")))
        // Cancel once work is under way.
        for await p in progress where p.framesDone > 0 {
            task.cancel()
            break
        }
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("the fix finished instead of stopping")
        } catch let error as FixError {
            guard case .cancelled = error else { Issue.record("failed otherwise: \(error)"); return }
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(leftovers().isEmpty)
    }

    /// `fix --plan --json`: the file and its verdict, from the check the plan
    /// was made from, then the plan.
    @Test func planReport() async throws {
        for (name, conformant) in [("h264_heaac.mp4", false), ("conformant_h264_aac.mp4", true)] {
            let file = Fixtures.path(name)
            let (report, plan) = try await Fixer.plan(file, FixRequest(output: ""))
            #expect(JSONOutput.line(FixPlanReport(report, plan: plan)) == #"{"file":"\#(file)","conformant":\#(conformant),"plan":\#(JSONOutput.line(plan))}"#)
        }
    }
}
