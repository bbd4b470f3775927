import LTXClient
import LTXContract
import LTXFiles
import LTXMedia
import LTXPreflight
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a batch runs.
public struct BatchOptions: Sendable {
    /// Paid calls at once (the API's default concurrency is 2).
    public var concurrency: Int
    /// Check every item and total the estimates; send nothing, fix nothing.
    public var dryRun: Bool
    /// The most the whole batch may cost, in estimated dollars.
    public var maxCost: Double?
    /// The journal and the send options every item shares.
    public var generation: GenerationOptions
    /// An item's failure as its result's message: `description`, unless a
    /// front end says it in its own terms (the CLI names its flags).
    public var explain: @Sendable (WorkflowError) -> String

    public init(concurrency: Int = 2, dryRun: Bool = false, maxCost: Double? = nil, generation: GenerationOptions = GenerationOptions(),
                explain: @escaping @Sendable (WorkflowError) -> String = { $0.description }) {
        self.concurrency = max(1, concurrency)
        self.dryRun = dryRun
        self.maxCost = maxCost
        self.generation = generation
        self.explain = explain
    }
}

/// What became of one item: one line of `--report`.
public struct BatchResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Paid for and written in this run.
        case written
        /// The journal had it: finished without paying again (already on disk,
        /// fetched again, or a running job polled).
        case resumed
        /// Dry run: it would be sent.
        case wouldSend = "would-send"
        /// Not sent: unreadable, unfixable or an invalid line; nothing was billed.
        case unusable
        /// Not sent: over the cost limit, or the journal says it may have been billed.
        case refused
        /// The API refused it or the job failed.
        case failed
        /// The network failed or the run was interrupted.
        case error
    }

    public var index: Int
    public var command: String?
    public var input: String?
    public var output: String?
    public var status: Status
    public var message: String?
    public var estimatedDollars: Double?
    /// A call was made (on a dry run: would be) that has no documented price:
    /// its cost is in no total.
    public var priceUnknown: Bool?
    public var jobId: String?

    /// True when this item may still be billed on a rerun (only unbilled failures are retried then).
    public var isDone: Bool { status == .written || status == .resumed }

    private enum CodingKeys: String, CodingKey { case index, command, input, output, status, message, estimatedDollars, priceUnknown, jobId }

    /// Dollars to a hundredth of a cent (`Pricing.rounded`), as every JSON of ltx-prep carries them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encodeIfPresent(command, forKey: .command)
        try c.encodeIfPresent(input, forKey: .input)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(estimatedDollars.map(Pricing.rounded), forKey: .estimatedDollars)
        try c.encodeIfPresent(priceUnknown, forKey: .priceUnknown)
        try c.encodeIfPresent(jobId, forKey: .jobId)
    }
}

/// Counts for a progress line: every item is waiting (not yet paying: read,
/// checked, fixed, or queued), running (its paid call under way), done or failed.
public struct BatchProgress: Sendable, Equatable {
    public var total: Int
    /// Written or resumed.
    public var done = 0
    public var running = 0
    /// Finished without being done.
    public var failed = 0
    /// Estimated dollars of the calls made so far in this run.
    public var spent: Double = 0
    /// Calls made so far with no documented price (not in `spent`).
    public var unpriced = 0

    public var waiting: Int { max(0, total - done - failed - running) }
}

/// `ltx-prep batch`: many jobs, each check → fix → submit → download, at most
/// `concurrency` paid calls at once while checks and fixes of the others go
/// on; the journal makes a rerun skip what is done and resume what runs.
public enum Batch {
    /// The manifest's lines: each an item, or why that line is not one
    /// (blank lines and `#` comments are skipped, but keep their numbers).
    public static func parse(_ text: String) -> [(line: Int, item: Result<BatchItem, WorkflowError>)] {
        var items: [(Int, Result<BatchItem, WorkflowError>)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpacesAndNewlines
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                items.append((n + 1, .success(try JSONDecoder().decode(BatchItem.self, from: Data(line.utf8)))))
            } catch {
                items.append((n + 1, .failure(.badManifestItem("line \(n + 1): \(Self.explain(error))"))))
            }
        }
        return items
    }

    /// A manifest line's problem in a person's words, not the decoder's.
    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing the field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "the field \"\(c.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        // A field's own rule, said by the item's decoder ("duration is a number of seconds or \"auto\"...").
        case DecodingError.dataCorrupted(let c) where !c.codingPath.isEmpty: c.debugDescription
        default: "not a JSON object of a manifest item"
        }
    }

    public static func run(_ items: [(index: Int, item: Result<BatchItem, WorkflowError>)], client: LTXAPIClient, options: BatchOptions,
                           progress: @escaping @Sendable (BatchProgress) -> Void = { _ in },
                           finished: @escaping @Sendable (BatchResult) -> Void = { _ in }) async -> [BatchResult] {
        let counts = Locked(BatchProgress(total: items.count))
        let slots = Slots(options.concurrency)
        let budget = Budget(options.maxCost)
        // Checks and fixes of the next items go on while the paid calls wait for a slot.
        let width = max(options.concurrency * 2, SystemInfo.activeProcessorCount)
        var results: [BatchResult] = []
        // `finished` hears of the items in the manifest's order: one that ends early waits for those before it.
        var ended: [Int: BatchResult] = [:]
        var told = 0
        await withTaskGroup(of: (Int, BatchResult).self) { group in
            var started = 0
            while started < items.count || !group.isEmpty {
                while started < items.count && started - results.count < width {
                    let (position, (index, item)) = (started, items[started])
                    started += 1
                    group.addTask {
                        let holding = Locked(false)
                        let result = await runOne(index: index, item: item, client: client, options: options, slots: slots, budget: budget,
                                                  holding: holding) { delta in
                            progress(counts.withLock { delta(&$0); return $0 })
                        }
                        // An item stops running and is done (or failed) in one count: it is never seen as neither.
                        progress(counts.withLock {
                            if holding.withLock({ $0 }) { $0.running -= 1 }
                            if result.isDone { $0.done += 1 } else { $0.failed += 1 }
                            return $0
                        })
                        return (position, result)
                    }
                }
                guard let (position, result) = await group.next() else { break }
                results.append(result)
                ended[position] = result
                while let next = ended.removeValue(forKey: told) {
                    finished(next)
                    told += 1
                }
            }
        }
        return results.sorted { $0.index < $1.index }
    }

    /// One item; `holding` says whether it took a slot for a paid call (and runs it until it returns).
    private static func runOne(index: Int, item line: Result<BatchItem, WorkflowError>, client: LTXAPIClient, options: BatchOptions,
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
            let outcomes: [GenerationOutcome]
            switch work {
            case .call(let job):
                outcomes = [try await Generation.run(job, client: client, options: options.generation, approve: approve)]
            case .windowOnlyRetake(let request):
                let job = try await WholeRetake.windowOnly(request).job
                outcomes = [try await Generation.run(job, client: client, options: options.generation, approve: approve)]
            case .wholeRetake(let request):
                outcomes = try await WholeRetake.run(request, client: client, options: options.generation, approve: approve).generations
            case .wholeExtend(let request):
                outcomes = [try await WholeExtend.run(request, client: client, options: options.generation, approve: approve).generation]
            case .reframe(let job):
                outcomes = [try await Reframe.run(job, client: client, options: options.generation, approve: approve).generation]
            case .hdr(let job):
                outcomes = try await HDR.run(job, client: client, options: options.generation, approve: approve).generations
            }
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

    /// A whole retake's dry run is its plan (the section inside the clip, the
    /// windows, their frames and price), as `retake --dry-run` makes it.
    private static func dryRun(_ work: BatchWork, _ base: BatchResult, explain: (WorkflowError) -> String) async -> BatchResult {
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

/// A value shared by the tasks of a batch.
final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { value.withLock { body(&$0) } }
}

/// At most `count` holders at once; the rest wait in order.
actor Slots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// What is left of the cost limit; each paid call reserves its estimate first.
actor Budget {
    private var remaining: Double?

    init(_ limit: Double?) { remaining = limit }

    func reserve(_ estimate: Pricing.Estimate?, what: String) throws(WorkflowError) {
        guard let left = remaining else { return }
        guard let estimate else { throw .batchItemUnpriced(output: what) }
        guard estimate.dollars <= left + 1e-9 else {
            throw .overBatchBudget(output: what, estimate: estimate.dollars, remaining: left)
        }
        remaining = left - estimate.dollars
    }
}
