import LTXClient
import LTXContract
import LTXPreflight
import Testing
import TestSupport
import LTXWorkflow

/// What a Swift program gets from the settings every paid call shares: the
/// cost limit, the poll interval, the journal, and errors' kinds.
@Suite struct CallSettingsTests {
    let dir = TemporaryDirectory.make("ltx-settings")
    let job = GenerationJob.textToVideo(VideoSpec(prompt: "an eagle", duration: 6).textToVideo, output: "/tmp/eagle.mp4")

    /// Above the limit, or no documented price under one: refused; within it, or no limit: allowed.
    @Test func costLimit() throws {
        let price = try #require(Pricing.estimate(endpoint: .textToVideo, provider: .ltx, model: "ltx-2-3-fast", resolution: "1920x1080", seconds: 6))
        #expect(abs(price.dollars - 0.36) < 1e-9)
        #expect(throws: Never.self) { try CallSettings(maxCost: 0.36).checkCost(price, of: job) }
        #expect(throws: Never.self) { try CallSettings().checkCost(nil, of: job) }
        do {
            try CallSettings(maxCost: 0.2).checkCost(price, of: job)
            Issue.record("$0.36 passed a limit of $0.20")
        } catch {
            guard case .overCostLimit(let estimate, let limit) = error else { Issue.record("\(error)"); return }
            #expect(abs(estimate - 0.36) < 1e-9 && limit == 0.2 && error.isRefusal && error.kind == .unusable)
            #expect(!error.description.contains("--") && error.description.hasSuffix("nothing was sent"), "\(error)")
        }
        do {
            try CallSettings(maxCost: 1.0).checkCost(nil, of: job)
            Issue.record("no price passed a limit")
        } catch {
            guard case .costLimitUnpriced(.ltx, let summary) = error else { Issue.record("\(error)"); return }
            #expect(summary == job.summary && error.isRefusal && !error.description.contains("--"), "\(error)")
        }
    }

    /// The flag, unless LTX_PREP_POLL_INTERVAL says otherwise; either way within 0.01 to 600 s.
    @Test func pollInterval() {
        #expect(CallSettings.pollInterval(5, environment: [:]) == .seconds(5))
        #expect(CallSettings.pollInterval(5, environment: ["LTX_PREP_POLL_INTERVAL": "0.05"]) == .milliseconds(50))
        #expect(CallSettings.pollInterval(5, environment: ["LTX_PREP_POLL_INTERVAL": "nan"]) == .seconds(5))
        #expect(CallSettings.pollInterval(9999, environment: [:]) == .seconds(600))
    }

    /// The journal opens where the settings say, else under XDG_STATE_HOME.
    @Test func journalPath() async throws {
        let named = try await CallSettings(journalPath: dir + "/named.sqlite").openJournal()
        #expect(named.path == dir + "/named.sqlite")
        await named.close()
        let fallback = try await CallSettings(environment: ["XDG_STATE_HOME": dir]).openJournal()
        #expect(fallback.path == dir + "/ltx-prep/journal.sqlite")
        await fallback.close()
    }

    /// No key: a client error of the unusable kind, before anything is sent.
    @Test func missingKeyIsUnusable() {
        do {
            _ = try CallSettings(environment: [:]).client(logger: .init(label: "test"))
            Issue.record("a client without a key")
        } catch {
            guard case .client(.missingKey(.ltx)) = error else { Issue.record("\(error)"); return }
            #expect(error.kind == .unusable)
        }
    }

    @Test func errorKinds() {
        let notFound = APIError(status: 404, type: "not_found", message: "gone")
        #expect(WorkflowError.client(.api(notFound, attempts: 1, stage: .polling)).kind == .api)
        #expect(WorkflowError.client(.connection("reset", attempts: 5)).kind == .network)
        #expect(WorkflowError.client(.cancelled).kind == .cancelled)
        #expect(WorkflowError.jobFailed("failed").kind == .api)
        #expect(WorkflowError.refused("no").kind == .unusable)
        // The typed cases keep the exit status their sentences had: all of the unusable kind.
        for error: WorkflowError in [.outputExists("o.mp4"), .outputIsInput(output: "a", input: "a"), .notConfirmed, .sendingElsewhere,
                                     .sentBefore(.noAnswer(journaled: "then")), .overCostLimit(estimate: 2, limit: 1), .notAVideo(path: "a", found: .stillImage(codec: "png"), work: .splice),
                                     .tooLongForEndpoint(path: "a", seconds: 61, limit: 60, endpoint: .retake), .urlMissing] {
            #expect(error.kind == .unusable, "\(error)")
        }
    }

    /// The catalogue's matrix: a duration not offered is refused before anything
    /// is sent, in the check's words; a removed model by the catalogue's line.
    @Test func videoSpecMatrix() throws {
        #expect(VideoSpec(prompt: "x", duration: 6).model == "ltx-2-3-fast")
        #expect(throws: Never.self) { try VideoSpec(prompt: "x", duration: 6).validate() }
        for (model, duration, expected) in [("ltx-2-3-pro", 7, "generation.combination: 1920x1080 at 24 fps for 7 s; required: 1920x1080@24 with ltx-2-3-pro: 6, 8 or 10 s; fix: use a duration of 6 s"),
                                            ("ltx-2-pro", 8, "ltx-2-pro was removed on 2026-08-15; use ltx-2-3-pro")] {
            do {
                try VideoSpec(prompt: "x", model: model, duration: duration).validate()
                Issue.record("\(duration) s of \(model) passed")
            } catch {
                guard case .modelRefused(let why) = error else { Issue.record("\(error)"); continue }
                #expect(why == expected)
            }
        }
    }
}
