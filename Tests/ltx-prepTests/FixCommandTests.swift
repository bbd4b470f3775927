import Foundation
import Testing
import TestSupport

@Suite struct FixCommandTests {
    let dir = TemporaryDirectory.make("ltx-cli-fix")

    func files() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] }

    @Test func fixWritesAConformantFile() throws {
        let output = "\(dir)/out.mp4"
        let r = try BinaryRunner.run(["fix", Fixtures.path("h264_heaacv2.mp4"), "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("transcode-audio"))
        #expect(r.stdout.contains("check of the output: ACCEPTED"))
        let check = try BinaryRunner.run(["check", output])
        #expect(check.status == 0)
        #expect(files() == ["out.mp4"])
    }

    @Test func planAsJSONWritesNothing() throws {
        let r = try BinaryRunner.run(["fix", Fixtures.path("h264.ts"), "--plan", "--json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let plan = try #require(object["plan"] as? [String: Any])
        let ops = try #require(plan["operations"] as? [[String: Any]])
        #expect(ops.map { $0["action"] as? String } == ["remux"])
        #expect(files().isEmpty)
    }

    @Test func jsonOutcomeMapsTheWindow() throws {
        let output = "\(dir)/window.mp4"
        let r = try BinaryRunner.run(["fix", Fixtures.path("h264_60s_gop2s.mp4"), "--start", "28", "--duration", "4",
                                      "-o", output, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let window = try #require(object["window"] as? [String: Any])
        #expect(window["input_start"] as? Double == 18)
        #expect(window["section_start_frame"] as? Int == 240)
        #expect((object["report"] as? [String: Any])?["conformant"] as? Bool == true)
    }

    @Test(arguments: [
        (["h264_60s_gop2s.mp4"], "--start"),         // a long clip needs the section
        (["aac_lc_5s.m4a", "--for", "retake"], "cannot be fixed"),
        (["garbage.mp4"], "not a media file"),
    ])
    func unfixableExitsTwoWithOneLine(_ args: [String], _ needle: String) throws {
        var arguments = ["fix", Fixtures.path(args[0])] + args.dropFirst()
        arguments += ["-o", "\(dir)/x.mp4"]
        let r = try BinaryRunner.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains(needle), "\(r.stderr)")
        #expect(files().isEmpty)
    }

    @Test func existingOutputIsKept() throws {
        let output = "\(dir)/exists.mp4"
        #expect(FileManager.default.createFile(atPath: output, contents: Data("keep".utf8)))
        let r = try BinaryRunner.run(["fix", Fixtures.path("h264.ts"), "-o", output])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep")
    }

    @Test func badArguments() throws {
        for args in [["fix", "x.mp4"], ["fix", "x.mp4", "-o", "y.mp4", "--crf", "0"], ["fix", "x.mp4", "-o", "y.mp4", "--preset", "ludicrous"]] {
            let r = try BinaryRunner.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderrLines.count == 1)
        }
    }

    /// Ctrl-C, SIGTERM or SIGHUP while encoding: exit 128 + the signal,
    /// nothing under the output's name, no temporary file.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptLeavesNothing(_ signal: Int32) throws {
        let output = "\(dir)/slow-\(signal).mp4"
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["fix", Fixtures.path("h264_4096x2160.mp4"), "-o", output, "--crf", "1", "--preset", "veryslow"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (bounded) until the temporary file exists: work is under way.
        var started = false
        for _ in 0..<600 where !started {
            started = files().contains { $0.hasSuffix(".tmp") }
            if !started { usleep(50_000) }
        }
        #expect(started)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        #expect(files().isEmpty)
    }

    /// A plan's streams read as JSON a script can use, not Swift's enum layout.
    @Test func planJSONNamesEachStreamAction() throws {
        let r = try BinaryRunner.run(["fix", Fixtures.path("vp9_opus.webm"), "--plan", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""video":{"action":"encode","settings":{"#))
        #expect(!r.stdout.contains("_0"))
    }
}
