import LTXClient
import LTXContract
import LTXJournal
import LTXMedia
import LTXWorkflow
import Foundation
import Testing
import TestSupport

/// The one paid-edit lifecycle: its pure pieces, and every way a put-back
/// ends (failed, interrupted, done, already done) with a reframe's real job
/// against the in-process sandbox and a real journal.
@Suite struct PaidEditTests {
    let dir = TemporaryDirectory.make("ltx-paid-edit")

    /// What `body` threw, as its line; nil when it threw nothing.
    func thrown(_ body: () async throws(WorkflowError) -> Void) async -> String? {
        do { try await body() } catch { return error.description }
        return nil
    }

    /// Hidden beside the output, numbered from 1, with the edit's own
    /// extension: the names a rerun (and the interrupt tests) look for.
    @Test func answersAreHiddenBesideTheOutputNumberedWithTheEditsExtension() {
        let edit = PaidEdit(input: "in.mp4", output: "/films/cut/out.mp4")
        #expect(edit.answerPath(call: 1) == "/films/cut/.out.mp4.answer-1.mp4")
        #expect(edit.answerPath(call: 12) == "/films/cut/.out.mp4.answer-12.mp4")
        #expect(PaidEdit(input: "in.mp4", output: "hdr.mov", answerExtension: "zip").answerPath(call: 3) == ".hdr.mov.answer-3.zip")
    }

    /// The output is never the input, under any spelling; its folder is
    /// checked unless nothing is to be written.
    @Test func theOutputIsCheckedBeforeTheInputIsRead() async throws {
        let clip = Fixtures.path("conformant_h264_aac.mp4")
        let same = Fixtures.directory + "/../fixtures/conformant_h264_aac.mp4"
        #expect(await thrown { () throws(WorkflowError) in try PaidEdit(input: clip, output: same).checkOutput(dryRun: true) }
                == WorkflowError.outputIsInput(output: same, input: clip).description)
        let missing = dir + "/no/such/out.mp4"
        #expect(await thrown { () throws(WorkflowError) in try PaidEdit(input: clip, output: missing).checkOutput(dryRun: false) }
                == WorkflowError.outputFolderUnusable(folder: dir + "/no/such", output: missing, .missing, errno: 2).description)
        try PaidEdit(input: clip, output: missing).checkOutput(dryRun: true)
    }

    /// One paid reframe job through four runs: a put-back interrupted
    /// removes the fetched answer (the journal keeps its URL); a put-back
    /// that fails keeps it, said in the one error; `Reframe.run` then merges
    /// the answer found on disk; and once more pays and writes nothing.
    /// Only the first run sends anything: the others resume the journal's job.
    @Test func everyEndOfThePutBackWithOneReframeJob() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: TemporaryDirectory.make("ltx-paid-edit-sandbox"))
        defer { server.cancel() }
        let client = LTXAPIClient(configuration: try ClientConfiguration.resolve(provider: .ltx, apiKey: SandboxInProcess.key,
                                                                                 baseURL: "http://127.0.0.1:\(port)", environment: [:]))
        let journal = try await Journal.open(dir + "/journal.sqlite")
        do {
            try await putBackEnds(client: client, journal: journal)
            await journal.close()
        } catch {
            await journal.close()
            throw error
        }
    }

    func putBackEnds(client: LTXAPIClient, journal: Journal) async throws {
        let options = GenerationOptions(journal: journal, pollInterval: .milliseconds(50))
        let input = Fixtures.path("conformant_h264_aac.mp4"), output = dir + "/vertical.mp4"
        let edit = PaidEdit(input: input, output: output)
        let answer = edit.answerPath(call: 1)
        let job = GenerationJob.reframe(input: input, resolution: .init(rawValue: "720x1280")!, output: answer)
        func run(putBack: () async throws(WorkflowError) -> Void) async throws(WorkflowError) -> PaidEdit.Ran<Bool> {
            try await edit.run([job], approval: .eachCall, client: client, options: options, approve: { _ in }, events: { _ in }) { _ throws(WorkflowError) in
                try await putBack()
                return true
            }
        }

        // Interrupted while putting back: the answer, fetched from a v2 job this run, is removed.
        let interrupted = await thrown { () throws(WorkflowError) in
            _ = try await run { () throws(WorkflowError) in
                #expect(FileManager.default.fileExists(atPath: answer))
                throw .cancelled
            }
        }
        #expect(interrupted == WorkflowError.cancelled.description)
        #expect(!FileManager.default.fileExists(atPath: answer) && !FileManager.default.fileExists(atPath: output))
        let entries = try await journal.all()
        #expect(entries.count == 1 && entries[0].state == .downloaded && entries[0].resultURL != nil)

        // A put-back that fails: the answer, fetched again without paying, is kept and named.
        let failed = WorkflowError.unusable("no")
        #expect(await thrown { () throws(WorkflowError) in _ = try await run { () throws(WorkflowError) in throw failed } }
                == "no; the paid answer is kept: \(answer)")
        #expect(FileManager.default.fileExists(atPath: answer))

        // Reframe's own run merges the kept answer, removes it, and records where it went.
        let reframe = ReframeJob(input: input, resolution: "720x1280", output: output)
        let merged = try await Reframe.run(reframe, client: client, options: options)
        #expect(merged.generation.resumed == .alreadyDownloaded && merged.written?.frames == 97 && !merged.alreadyDone)
        #expect(!FileManager.default.fileExists(atPath: answer))

        // Again: the output is that result, so nothing is paid or written.
        let again = try await Reframe.run(reframe, client: client, options: options)
        #expect(again.alreadyDone && again.written == nil)
        let after = try await journal.all()
        #expect(after.count == 1 && after[0].jobID == entries[0].jobID)
    }

    /// A reframe whose result cannot be renamed into place (the output's
    /// name is a folder, replaced with --force) after its job was paid:
    /// the line says the answer is kept and where, and a rerun into a free
    /// name merges that answer without paying again.
    @Test func aReframeWhoseResultCannotBePutDownKeepsItsPaidAnswer() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: TemporaryDirectory.make("ltx-paid-edit-sandbox"))
        defer { server.cancel() }
        let client = LTXAPIClient(configuration: try ClientConfiguration.resolve(provider: .ltx, apiKey: SandboxInProcess.key,
                                                                                 baseURL: "http://127.0.0.1:\(port)", environment: [:]))
        let input = Fixtures.path("conformant_h264_aac.mp4"), output = dir + "/taken.mp4"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let journal = try await Journal.open(dir + "/kept.sqlite")
        let reframe = ReframeJob(input: input, resolution: "720x1280", output: output)
        let answer = dir + "/.taken.mp4.answer-1.mp4"
        var line: String?
        do {
            _ = try await Reframe.run(reframe, client: client, options: GenerationOptions(journal: journal, pollInterval: .milliseconds(50), replaceOutput: true))
        } catch { line = error.description }
        #expect(line == "\(output): cannot rename into place: Is a directory; the paid answer is kept: \(answer)")
        #expect(FileManager.default.fileExists(atPath: answer))
        try FileManager.default.removeItem(atPath: output)
        do {
            let rerun = try await Reframe.run(reframe, client: client, options: GenerationOptions(journal: journal, pollInterval: .milliseconds(50)))
            #expect(rerun.generation.resumed == .alreadyDownloaded && rerun.written?.frames == 97)
            #expect(try await journal.all().count == 1)
            await journal.close()
        } catch {
            await journal.close()
            throw error
        }
    }
}
