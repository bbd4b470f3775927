import LTXContract
import LTXMedia
import LTXPreflight

extension Batch {
    /// A whole retake's dry run is its plan (the section inside the clip, the
    /// windows, their frames and price), as `retake --dry-run` makes it.
    static func dryRun(_ work: BatchWork, _ base: BatchResult, explain: (WorkflowError) -> String) async -> BatchResult {
        switch work {
        case .call(let job): return await dryRun(job, base, explain: explain)
        case .windowOnlyRetake(let request):
            // As `retake --window-only --dry-run`: the whole retake's window, checked and priced.
            do throws(WorkflowError) { return await dryRun(try await WholeRetake.windowOnly(request).job, base, explain: explain) } catch {
                var result = base
                result.message = explain(error)
                return result
            }
        case .reframe(let job):
            // As the run plans it: reframe's limits first (one line), then the check and fix plan of the call.
            var result = base
            do throws(WorkflowError) { _ = try await Reframe.admit(job) } catch {
                result.message = explain(error)
                return result
            }
            guard let size = ReframeSize(rawValue: job.resolution) else { return result }
            return await dryRun(job.call(size, answer: job.output), base, explain: explain)
        case .wholeRetake(let request):
            return await planned(base, explain: explain) { () async throws(WorkflowError) in
                let planned = try await WholeRetake.plan(request)
                return (planned.estimate, planned.calls.map { "send \(Format.seconds($0.window.start)) to \(Format.seconds($0.window.end))" }.joined(separator: ", "))
            }
        case .hdr(let job):
            return await planned(base, explain: explain) { () async throws(WorkflowError) in
                let planned = try await HDR.plan(job)
                return (planned.estimate, "send \(planned.pieces.count) piece\(planned.pieces.count == 1 ? "" : "s") of at most \(planned.tierFrames) frames ("
                            + planned.pieces.map { "\($0.frameCount)" }.joined(separator: ", ") + ")")
            }
        case .wholeExtend(let request):
            return await planned(base, explain: explain) { () async throws(WorkflowError) in
                let planned = try await WholeExtend.plan(request)
                return (planned.estimate, "send \(Format.seconds(planned.call.window.start)) to \(Format.seconds(planned.call.window.end)), "
                            + "add \(Format.seconds(planned.call.added)) at the \(planned.call.edge.rawValue)")
            }
        }
    }

    /// A whole edit's dry run from its plan: its price and what it would send, or why it cannot be planned.
    private static func planned(_ base: BatchResult, explain: (WorkflowError) -> String,
                                _ plan: () async throws(WorkflowError) -> (Pricing.Estimate?, String)) async -> BatchResult {
        var result = base
        do throws(WorkflowError) {
            let (estimate, message) = try await plan()
            result.status = .wouldSend
            result.estimatedDollars = estimate?.dollars
            result.priceUnknown = estimate == nil ? true : nil
            result.message = message
        } catch {
            result.message = explain(error)
        }
        return result
    }

    /// The verdict and the estimate, from a check of each input and its fix
    /// plan: nothing is written.
    private static func dryRun(_ job: GenerationJob, _ base: BatchResult, explain: (WorkflowError) -> String) async -> BatchResult {
        var result = base
        var sent: [PreparedInput] = []
        var notes: [String] = []
        for input in job.inputs {
            let report: CheckReport
            do throws(MediaError) { report = try await Preflight.check(input.path, input.check) } catch {
                result.message = explain(.unreadable(error))
                return result
            }
            var planned = PreparedInput(path: input.path, temporary: false, report: report)
            if !report.conformant {
                switch FixPlanner.plan(report, options: job.fixOptions) {
                case .failure(let e):
                    result.message = explain(.unfixable(.plan(input.path, e)))
                    return result
                case .success(let plan):
                    notes.append("\(input.path): fix by " + plan.operations.map(\.action.rawValue).joined(separator: ", "))
                    // A window is what would be sent and billed.
                    if let window = plan.window {
                        planned.report.media.duration = window.duration
                        if let i = planned.report.media.video.indices.first { planned.report.media.video[i].duration = window.duration }
                    }
                }
            }
            sent.append(planned)
        }
        result.status = .wouldSend
        result.estimatedDollars = job.estimate(sent)?.dollars
        result.priceUnknown = result.estimatedDollars == nil ? true : nil
        result.message = notes.isEmpty ? "conforms" : notes.joined(separator: "; ")
        return result
    }
}
