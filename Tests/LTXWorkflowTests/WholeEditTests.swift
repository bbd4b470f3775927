import LTXClient
import LTXJournal
import LTXMedia
import LTXWorkflow
import Testing
import TestSupport

/// Whole-video retake and extend as a Swift program runs them: the in-process
/// sandbox, a real journal, no binary. A rerun of either is answered by the
/// journal alone.
@Suite struct WholeEditTests {
    let dir = TemporaryDirectory.make("ltx-whole-edit")
    let clip = Fixtures.path("h264_aac_sine_6s.mp4")

    func run<T>(_ body: (LTXAPIClient, GenerationOptions) async throws -> T) async throws -> T {
        let (port, server) = try await SandboxInProcess.start(storage: TemporaryDirectory.make("ltx-whole-edit-sandbox"))
        defer { server.cancel() }
        let configuration = try ClientConfiguration.resolve(provider: .ltx, apiKey: SandboxInProcess.key, baseURL: "http://127.0.0.1:\(port)",
                                                            environment: [:])
        let journal = try await Journal.open(dir + "/journal.sqlite")
        let options = GenerationOptions(journal: journal, pollInterval: .milliseconds(50))
        do {
            let result = try await body(LTXAPIClient(configuration: configuration), options)
            await journal.close()
            return result
        } catch {
            await journal.close()
            throw error
        }
    }

    @Test func retakeGivesTheWholeClipBackAndARerunPaysNothing() async throws {
        let request = WholeRetakeRequest(input: clip, sections: [TimeWindow(start: 2, duration: 2)], prompt: "x", output: dir + "/retaken.mp4")
        let (first, second) = try await run { client, options in
            (try await WholeRetake.run(request, client: client, options: options), try await WholeRetake.run(request, client: client, options: options))
        }
        #expect(first.splice?.frames == 144 && first.generations.count == 1 && first.generations[0].jobID != nil)
        #expect(first.splice?.result.frames(.answer) == 48)
        #expect(second.alreadyDone && second.splice == nil)
    }

    @Test func extendGivesTheWholeClipBackAndARerunPaysNothing() async throws {
        let request = WholeExtendRequest(input: clip, duration: 2, prompt: "x", output: dir + "/extended.mp4")
        let (first, second) = try await run { client, options in
            (try await WholeExtend.run(request, client: client, options: options), try await WholeExtend.run(request, client: client, options: options))
        }
        #expect(first.splice?.frames == 144 + 48 && first.generation.jobID != nil)
        #expect(first.splice?.result.ranges.last?.source == .answer && first.splice?.result.ranges.last?.firstFrame == 144)
        #expect(abs(first.plan.call.billedSeconds - Double(first.plan.call.contextFrames + 48) / 24) < 0.0005)
        #expect(second.alreadyDone && second.splice == nil)
        #expect(Array(try StreamDigests.pictures(dir + "/extended.mp4").prefix(144)) == (try StreamDigests.pictures(clip)))
    }

    @Test func anExtendPlanIsDecidedBeforeAnythingIsSent() async throws {
        // 20 s more with 6 s of context at 24 fps is 624 frames: over 505, refused by the plan, typed.
        let request = WholeExtendRequest(input: clip, duration: 20, context: 6, output: dir + "/never.mp4")
        await #expect(throws: WorkflowError.self) { try await WholeExtend.plan(request) }
        let plan = try await WholeExtend.plan(WholeExtendRequest(input: clip, duration: 4, output: dir + "/never.mp4"))
        // The context is the last 73 frames (3.042 s at 24 fps), cut exactly (its keyframe is further back than 1 s).
        #expect(plan.call.window.end == 6 && plan.call.contextFrames == 73 && plan.call.addedFrames == 96)
        #expect(plan.call.canvas == Canvas(width: 128, height: 72))
    }
}
