import LTXClient
import LTXContract
import LTXFiles
import LTXMedia

extension Batch {
    /// One item; `holding` says whether it took a slot for a paid call (and runs it until it returns).
    static func runOne(index: Int, item line: Result<BatchItem, WorkflowError>, client: LTXAPIClient, options: BatchOptions,
                       slots: Slots, budget: Budget, holding: Locked<Bool>, count: @escaping @Sendable ((inout BatchProgress) -> Void) -> Void) async -> BatchResult {
        var result = BatchResult(index: index, status: .unusable)
        let item: BatchItem
        switch line {
        case .failure(let e):
            result.message = options.explain(e)
            return result
        case .success(let i): item = i
        }
        result.command = item.command
        result.input = item.input ?? item.image
        result.output = item.output
        let work: BatchWork
        do throws(WorkflowError) { work = try item.work() } catch {
            result.message = options.explain(error)
            return result
        }
        // A batch makes the folders its outputs go into, in a dry run only saying so.
        let folder = OutputFile.missingFolder(of: item.output)
        if options.dryRun {
            result = await dryRun(work, result, explain: options.explain)
            if let folder, result.status == .wouldSend { result.message = (result.message ?? "") + "; would make the folder \(folder)" }
            return result
        }
        if let folder {
            do { try OutputFile.makeFolders(folder) } catch {
                result.message = "\(item.output): cannot make its folder: \(error.reason)"
                return result
            }
        }

        let estimate = Locked<Double?>(nil)
        let unpriced = Locked<Bool?>(nil)
        defer { if holding.withLock({ $0 }) { Task { await slots.release() } } }
        let approve: @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void = { price throws(WorkflowError) in
            try await budget.reserve(price, what: item.output)
            estimate.withLock { $0 = price?.dollars }
            unpriced.withLock { $0 = price == nil }
            await slots.acquire()
            holding.withLock { $0 = true }
            count {
                $0.running += 1
                if let price { $0.spent += price.dollars } else { $0.unpriced += 1 }
            }
        }
        do throws(WorkflowError) {
            let outcomes = try await run(work, client: client, options: options.generation, approve: approve)
            let resumed = outcomes.compactMap(\.resumed)
            result.status = resumed.count == outcomes.count ? .resumed : .written
            result.message = resumed.count == outcomes.count ? resumed.first?.words : nil
            result.jobId = outcomes.compactMap(\.jobID).first
        } catch {
            result.message = options.explain(error)
            result.status = switch error {
            case .jobFailed, .client(.api): .failed
            case .client, .journal, .cancelled: .error
            default: error.isRefusal ? .refused : .unusable
            }
        }
        // What the call made was estimated at, paid or not: nil, and `priceUnknown`, when it has no documented price.
        result.estimatedDollars = estimate.withLock { $0 }
        result.priceUnknown = unpriced.withLock { $0 == true ? true : nil }
        return result
    }

    /// The paid calls of one item's work, each approved first; what each came to.
    private static func run(_ work: BatchWork, client: LTXAPIClient, options: GenerationOptions,
                            approve: @escaping @Sendable (Pricing.Estimate?) async throws(WorkflowError) -> Void) async throws(WorkflowError) -> [GenerationOutcome] {
        switch work {
        case .call(let job):
            [try await Generation.run(job, client: client, options: options, approve: approve)]
        case .windowOnlyRetake(let request):
            [try await Generation.run(try await WholeRetake.windowOnly(request).job, client: client, options: options, approve: approve)]
        case .wholeRetake(let request):
            try await WholeRetake.run(request, client: client, options: options, approve: approve).generations
        case .wholeExtend(let request):
            [try await WholeExtend.run(request, client: client, options: options, approve: approve).generation]
        case .reframe(let job):
            [try await Reframe.run(job, client: client, options: options, approve: approve).generation]
        case .hdr(let job):
            try await HDR.run(job, client: client, options: options, approve: approve).generations
        }
    }
}
