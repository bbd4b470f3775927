import Foundation
import LTXMedia
import Testing
import TestSupport

/// `ltx-prep batch` through the real binary against the sandbox.
@Suite(.serialized) struct BatchCommandTests {
    let dir = TemporaryDirectory.make("ltx-batch")

    /// 8 items: 5 that go through, 2 that cannot be fixed, 1 the sandbox
    /// refuses (422, as unsafe content), every time.
    func manifest() throws -> String {
        let clip = Fixtures.path("conformant_h264_aac.mp4")
        var lines = (1...5).map { #"{"command":"retake","input":"\#(clip)","start":1,"duration":2,"prompt":"take \#($0)","output":"\#(dir)/out/\#($0).mp4"}"# }
        lines.insert(#"{"command":"retake","input":"\#(Fixtures.path("aac_lc_5s.m4a"))","start":1,"duration":2,"output":"\#(dir)/out/audio.mp4"}"#, at: 2)
        lines.insert(#"{"command":"retake","input":"\#(Fixtures.path("garbage.mp4"))","start":1,"duration":2,"output":"\#(dir)/out/garbage.mp4"}"#, at: 4)
        lines.append(#"{"command":"retake","input":"\#(clip)","start":1,"duration":2,"prompt":"FILTERED","output":"\#(dir)/out/filtered.mp4"}"#)
        let path = "\(dir)/batch.jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(dir)/out", withIntermediateDirectories: true)
        return path
    }

    func report(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    func outputs() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: "\(dir)/out")) ?? []).filter { !$0.hasPrefix(".") }.sorted() }

    @Test func dryRunRunAndRerun() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let list = try manifest()
        let seconds = try #require(try MediaProbe.probeBlocking(Fixtures.path("conformant_h264_aac.mp4")).primaryVideo?.duration)

        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 1)  // two items cannot be sent
        let planned = try report("\(dir)/dry.jsonl")
        #expect(planned.count == 8)
        #expect(planned.filter { $0["status"] as? String == "would-send" }.count == 6)
        #expect(planned.filter { $0["status"] as? String == "unusable" }.count == 2)
        // Each retake is priced from the frames it sends, in milliseconds (97 frames at 24 fps: 4.042 s).
        let total = planned.compactMap { $0["estimated_dollars"] as? Double }.reduce(0, +)
        #expect(abs(total - 6 * (seconds * 1000).rounded() / 1000 * 0.10) < 1e-6)
        #expect(outputs().isEmpty)
        #expect(try await sandbox.paidFor().jobs == 0)

        let run = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/run.jsonl", "--yes"], environment: sandbox.environment)
        #expect(run.status == 1)
        #expect(outputs() == ["1.mp4", "2.mp4", "3.mp4", "4.mp4", "5.mp4"])
        let results = try report("\(dir)/run.jsonl")
        #expect(results.count == 8)
        #expect(results.filter { $0["status"] as? String == "written" }.count == 5)
        #expect(results.filter { $0["status"] as? String == "failed" }.count == 1)
        #expect(try await sandbox.paidFor().jobs == 5)

        // Again: the five are done (nothing paid), the refused one is retried (not billed) and refused again.
        let again = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/again.jsonl", "--yes"], environment: sandbox.environment)
        #expect(again.status == 1)
        #expect(try report("\(dir)/again.jsonl").filter { $0["status"] as? String == "resumed" }.count == 5)
        #expect(try await sandbox.paidFor().jobs == 5)
    }

    @Test func maxCostBoundsTheWholeBatch() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let list = try manifest()
        let seconds = try #require(try MediaProbe.probeBlocking(Fixtures.path("conformant_h264_aac.mp4")).primaryVideo?.duration)
        let limit = String(2.5 * seconds * 0.10)
        let r = try await BinaryRunner.run(["batch", list, "--max-cost", limit, "--concurrency", "1", "--report", "\(dir)/cost.jsonl", "--yes"],
                                           environment: sandbox.environment)
        #expect(r.status == 1)
        #expect(try await sandbox.paidFor().jobs == 2)
        #expect(try report("\(dir)/cost.jsonl").filter { ($0["message"] as? String)?.contains("--max-cost") == true }.count >= 3)
    }

    /// Two shards side by side split the manifest: every item once, none twice.
    @Test func twoShardsSplitTheManifest() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let list = try manifest()
        let shards = try (0..<2).map { i in
            try BinaryRunner.start(["batch", list, "--shard", "\(i)/2", "--report", "\(dir)/shard\(i).jsonl", "--yes"], environment: sandbox.environment)
        }
        for shard in shards { _ = await shard.finished() }
        let indices = try (0..<2).flatMap { try report("\(dir)/shard\($0).jsonl").compactMap { $0["index"] as? Int } }
        #expect(indices.sorted() == Array(0..<8))
        #expect(outputs() == ["1.mp4", "2.mp4", "3.mp4", "4.mp4", "5.mp4"])
        #expect(try await sandbox.paidFor().jobs == 5)
        let state = sandbox.storage + "/state/ltx-prep"
        #expect(FileManager.default.fileExists(atPath: state + "/journal.shard-0-of-2.sqlite"))
        #expect(FileManager.default.fileExists(atPath: state + "/journal.shard-1-of-2.sqlite"))
    }

    /// The input is never written, in a batch too: an item naming its input as its output is refused.
    @Test func itemWritingOverItsInputIsRefused() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let input = "\(dir)/in.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let list = "\(dir)/self.jsonl"
        try #"{"command":"retake","input":"\#(input)","start":1,"duration":2,"output":"\#(dir)/./in.mp4"}"#
            .write(toFile: list, atomically: true, encoding: .utf8)
        let r = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/self-report.jsonl", "--yes"], environment: sandbox.environment)
        #expect(r.status == 1)
        let line = try #require(try report("\(dir)/self-report.jsonl").first)
        #expect(line["status"] as? String == "unusable" && (line["message"] as? String)?.contains("is the input") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        #expect(try await sandbox.paidFor().jobs == 0)
    }

    /// A retake line gives the whole video back, as `retake` does; the dry
    /// run refuses what the run refuses (a section past the end) and says
    /// the output folder it would make, which the run makes; a rerun finds
    /// the video put back and pays nothing; `jobs --json` holds objects.
    @Test func retakeLinesGiveWholeVideosBack() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let clip = Fixtures.path("h264_aac_720p30_30s.mp4")
        let list = "\(dir)/whole.jsonl"
        try [#"{"command":"retake","input":"\#(clip)","start":20.5,"duration":4,"prompt":"x","output":"\#(dir)/new/a.mp4"}"#,
             #"{"command":"retake","input":"\#(clip)","start":29,"duration":4,"prompt":"x","output":"\#(dir)/new/b.mp4"}"#]
            .joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)

        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/whole-dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 1)
        let planned = try report("\(dir)/whole-dry.jsonl")
        #expect(planned.map { $0["status"] as? String } == ["would-send", "unusable"])
        #expect((planned[0]["message"] as? String)?.contains("would make the folder \(dir)/new") == true, "\(planned[0])")
        #expect(planned[0]["estimated_dollars"] as? Double == 0.8433)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/new"))

        let run = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/whole-run.jsonl", "--yes"], environment: sandbox.environment)
        #expect(run.status == 1)
        #expect(try report("\(dir)/whole-run.jsonl").map { $0["status"] as? String } == ["written", "unusable"])
        let out = try MediaProbe.probeBlocking("\(dir)/new/a.mp4")
        #expect(out.primaryVideo?.frameCount == 900 && out.primaryVideo?.codedWidth == 1280 && out.primaryAudio?.codec == "aac")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/new") == ["a.mp4"])

        let again = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/whole-again.jsonl", "--yes"], environment: sandbox.environment)
        #expect(again.status == 1)
        #expect(try report("\(dir)/whole-again.jsonl").first?["status"] as? String == "resumed")
        #expect(try await sandbox.paidFor().jobs == 1)

        let jobs = try await BinaryRunner.run(["jobs", "list", "--json"], environment: sandbox.environment)
        let entry = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(entry["endpoint"] as? String == "/v2/retake" && entry["placed_into"] as? String == "\(dir)/new/a.mp4")
        #expect((entry["request"] as? [String: Any])?["duration"] as? Double == 4 && (entry["inputs"] as? [[String: Any]])?.count == 1, "\(jobs.stdout)")
    }

    @Test func retakeExtendAndReframeLinesGiveWholeVideosBack() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let clip = Fixtures.path("h264_aac_sine_6s.mp4")
        let list = "\(dir)/edits.jsonl"
        try [#"{"command":"retake","input":"\#(clip)","start":2,"duration":2,"prompt":"x","output":"\#(dir)/edits/retaken.mp4"}"#,
             #"{"command":"extend","input":"\#(clip)","duration":2,"at":"start","prompt":"x","output":"\#(dir)/edits/extended.mp4"}"#,
             #"{"command":"reframe","input":"\#(clip)","to":"9:16","resolution":"720x1280","output":"\#(dir)/edits/vertical.mp4"}"#]
            .joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/edits-dry.jsonl"], environment: sandbox.environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        let planned = try report("\(dir)/edits-dry.jsonl")
        #expect(planned.map { $0["status"] as? String } == ["would-send", "would-send", "would-send"])
        #expect((planned[1]["message"] as? String)?.hasPrefix("send 0 s to 3.042 s, add 2 s at the start") == true, "\(planned[1])")

        let run = try await BinaryRunner.run(["batch", list, "--report", "\(dir)/edits-run.jsonl", "--yes"], environment: sandbox.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try report("\(dir)/edits-run.jsonl").map { $0["status"] as? String } == ["written", "written", "written"])
        let before = try StreamDigests.pictures(clip)
        #expect(try StreamDigests.pictures("\(dir)/edits/retaken.mp4").count == 144)
        let extended = try StreamDigests.pictures("\(dir)/edits/extended.mp4")
        #expect(extended.count == 144 + 48 && Array(extended.suffix(144)) == before)
        let vertical = try MediaProbe.probeBlocking("\(dir)/edits/vertical.mp4")
        #expect(vertical.primaryVideo?.codedWidth == 720 && vertical.primaryVideo?.codedHeight == 1280 && vertical.primaryVideo?.frameCount == 144)
        #expect(try StreamDigests.audioPackets("\(dir)/edits/vertical.mp4") == (try StreamDigests.audioPackets(clip)))
        #expect(try await sandbox.paidFor().jobs == 3)
    }

    /// `"duration": "auto"` asks a 2.5 model for an automatic length, as `--duration auto` does; priced at the longest.
    @Test func automaticDurationLines() async throws {
        let list = "\(dir)/auto.jsonl"
        try [#"{"command":"text-to-video","prompt":"an eagle","model":"ltx-2-5-fast","duration":"auto","resolution":"1920x1080","output":"\#(dir)/auto.mp4"}"#,
             #"{"command":"text-to-video","prompt":"an eagle","model":"ltx-2-3-fast","duration":"auto","resolution":"1920x1080","output":"\#(dir)/auto23.mp4"}"#,
             #"{"command":"text-to-video","prompt":"an eagle","model":"ltx-2-5-fast","duration":"long","output":"\#(dir)/long.mp4"}"#]
            .joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--report", "\(dir)/auto-dry.jsonl"],
                                             environment: ["LTXV_API_KEY": "k", "LTX_API_BASE_URL": "http://127.0.0.1:9"])
        let planned = try report("\(dir)/auto-dry.jsonl")
        #expect(planned.map { $0["status"] as? String } == ["would-send", "unusable", "unusable"], "\(planned)")
        // The longest the API may choose for ltx-2-5-fast at 1080p and 24 fps: 20 s at $0.13.
        #expect(planned[0]["estimated_dollars"] as? Double == 2.6, "\(planned[0])")
        #expect((planned[2]["message"] as? String)?.contains(#"a number of seconds or "auto""#) == true, "\(planned[2])")
        #expect(dry.status == 1)
    }
}
