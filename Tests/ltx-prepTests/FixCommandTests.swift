import Foundation
import LTXMedia
import Testing
import TestSupport

@Suite struct FixCommandTests {
    let dir = TemporaryDirectory.make("ltx-cli-fix")

    func files() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] }

    @Test func fixWritesAConformantFile() async throws {
        let output = "\(dir)/out.mp4"
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264_heaacv2.mp4"), "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("transcode-audio"))
        #expect(r.stdout.contains("check of the output: ACCEPTED"))
        let check = try await BinaryRunner.run(["check", output])
        #expect(check.status == 0)
        #expect(files() == ["out.mp4"])
    }

    @Test func planAsJSONWritesNothing() async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264.ts"), "--plan", "--json"])
        #expect(r.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let plan = try #require(object["plan"] as? [String: Any])
        let ops = try #require(plan["operations"] as? [[String: Any]])
        #expect(ops.map { $0["action"] as? String } == ["remux"])
        #expect(files().isEmpty)
    }

    @Test func jsonOutcomeMapsTheWindow() async throws {
        let output = "\(dir)/window.mp4"
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264_60s_gop2s.mp4"), "--start", "28", "--duration", "4",
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
    func unfixableExitsTwoWithOneLine(_ args: [String], _ needle: String) async throws {
        var arguments = ["fix", Fixtures.path(args[0])] + args.dropFirst()
        arguments += ["-o", "\(dir)/x.mp4"]
        let r = try await BinaryRunner.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains(needle), "\(r.stderr)")
        #expect(files().isEmpty)
    }

    @Test func existingOutputIsKept() async throws {
        let output = "\(dir)/exists.mp4"
        #expect(FileManager.default.createFile(atPath: output, contents: Data("keep".utf8)))
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264.ts"), "-o", output])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep")
    }

    @Test func badArguments() async throws {
        for args in [["fix", "x.mp4"], ["fix", "x.mp4", "-o", "y.mp4", "--crf", "0"], ["fix", "x.mp4", "-o", "y.mp4", "--preset", "ludicrous"]] {
            let r = try await BinaryRunner.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderrLines.count == 1)
        }
    }

    /// Ctrl-C, SIGTERM or SIGHUP while encoding: exit 128 + the signal,
    /// nothing under the output's name, no temporary file.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func interruptLeavesNothing(_ signal: Int32) async throws {
        let output = "\(dir)/slow-\(signal).mp4"
        let run = try BinaryRunner.start(["fix", Fixtures.path("h264_4096x2160.mp4"), "-o", output, "--crf", "1", "--preset", "veryslow"])
        // Wait (bounded) until the temporary file exists: work is under way.
        #expect(run.waitHere { _ in files().contains { $0.hasSuffix(".tmp") } })
        #expect(await run.finished(signal: signal).status == 128 + signal)
        #expect(files().isEmpty)
    }

    /// A plan's streams read as JSON a script can use, not Swift's enum layout.
    @Test func planJSONNamesEachStreamAction() async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path("vp9_opus.webm"), "--plan", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""video":{"action":"encode","settings":{"#))
        #expect(!r.stdout.contains("_0"))
    }

    /// The length of the data URI a file makes (what delivery.size counts).
    func dataURILength(_ path: String, mime: String) throws -> Int {
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        return "data:\(mime);base64,".utf8.count + (size + 2) / 3 * 4
    }

    /// A data URI that would not fit is re-encoded to a bit rate that does,
    /// not passed over as "conforms already" (the limit is shrunk with
    /// --max-bytes so a 114 KB fixture stands for a 20 MB phone clip).
    @Test func dataURIDeliveryShrinksTheVideo() async throws {
        let input = Fixtures.path("h264_aac_200kbps.mp4"), limit = 60_000
        #expect(try dataURILength(input, mime: "video/mp4") > limit)
        let limitArgs = ["--deliver", "data-uri", "--max-bytes", String(limit)]
        let plan = try await BinaryRunner.run(["fix", input, "--plan"] + limitArgs)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("recompress: re-encode at"), "\(plan.stdout)")

        let output = "\(dir)/small.mp4"
        let r = try await BinaryRunner.run(["fix", input, "-o", output] + limitArgs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try dataURILength(output, mime: "video/mp4") <= limit)
        let check = try await BinaryRunner.run(["check", output] + limitArgs)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(files() == ["small.mp4"])
    }

    /// When the bit rate cannot go low enough, the fix says so and writes nothing.
    @Test func aLimitNoBitRateReachesWritesNothing() async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264_aac_200kbps.mp4"), "-o", "\(dir)/tiny.mp4",
                                            "--deliver", "data-uri", "--max-bytes", "2000"])
        #expect(r.status == 1)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("still breaks delivery.size"), "\(r.stderr)")
        // What the result holds and what the rule requires, not the rule's name alone.
        #expect(r.stderr.contains(" bytes as base64 (file ") && r.stderr.contains("; required: at most 2000 bytes as base64 for data-uri"), "\(r.stderr)")
        #expect(files().isEmpty)
    }

    /// An image PNG cannot fit becomes a JPEG (then a WEBP) at falling
    /// quality, under a name that says so.
    @Test func anImageTooBigAsPNGBecomesJPEG() async throws {
        let input = Fixtures.path("image.png"), limitArgs = ["--deliver", "data-uri", "--max-bytes", "6000"]
        #expect(try dataURILength(input, mime: "image/png") > 6000)
        let misnamed = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/x.png"] + limitArgs)
        #expect(misnamed.status == 2)
        #expect(misnamed.stderrLines.count == 1 && misnamed.stderr.contains("JPEG (.jpg, .jpeg)"), "\(misnamed.stderr)")
        #expect(files().isEmpty)

        let output = "\(dir)/x.jpg"
        let r = try await BinaryRunner.run(["fix", input, "-o", output, "--json"] + limitArgs)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let image = try #require(object["image"] as? [String: Any])
        #expect((image["encoding"] as? [String: Any])?["format"] as? String == "jpeg")
        #expect(try dataURILength(output, mime: "image/jpeg") <= 6000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)).prefix(2) == Data([0xFF, 0xD8]))
        let check = try await BinaryRunner.run(["check", output] + limitArgs)
        #expect(check.status == 0, "\(check.stdout)")

        // Smaller still: WEBP.
        let webp = "\(dir)/x.webp"
        let w = try await BinaryRunner.run(["fix", input, "-o", webp, "--deliver", "data-uri", "--max-bytes", "4000"])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(try String(decoding: Data(contentsOf: URL(fileURLWithPath: webp)).prefix(12).suffix(4), as: UTF8.self) == "WEBP")
        #expect(try dataURILength(webp, mime: "image/webp") <= 4000)
    }

    /// Opus, Vorbis and FLAC pass in a video with a warning; a video the fix
    /// writes carries them as AAC-LC, the video stream copied.
    @Test(arguments: ["h264_opus.mkv", "h264_vorbis.mkv", "h264_flac.mkv"])
    func audioFileCodecsBecomeAACLC(_ name: String) async throws {
        let check = try await BinaryRunner.run(["check", Fixtures.path(name)])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdoutLines.contains { $0.contains("WARN") && $0.contains("audio.codec.in-video") }, "\(check.stdout)")

        let output = "\(dir)/\(name).mp4"
        let r = try await BinaryRunner.run(["fix", Fixtures.path(name), "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("transcode-audio"), "\(r.stdout)")
        let probe = try await BinaryRunner.run(["probe", output, "--json"])
        let media = try #require(JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let audio = try #require((media["audio"] as? [[String: Any]])?.first)
        #expect(audio["codec"] as? String == "aac" && audio["profile"] as? String == "LC")
        #expect((media["video"] as? [[String: Any]])?.first?["frame_count"] as? Int == 97)
        let again = try await BinaryRunner.run(["check", output])
        #expect(again.status == 0)
        #expect(!again.stdout.contains("audio.codec.in-video"))
    }

    /// 505 frames at 24 fps is 21.04 s: over 21 s by less than a second, so
    /// the tail is trimmed without asking for a section.
    @Test func aClipJustOver21SecondsLosesItsTail() async throws {
        let input = Fixtures.path("h264_505f_24fps.mp4")
        let refused = try await BinaryRunner.run(["check", input])
        #expect(refused.status == 1)
        #expect(refused.stdoutLines.contains { $0.contains("FAIL") && $0.contains("video.duration") })

        let output = "\(dir)/trimmed.mp4"
        let r = try await BinaryRunner.run(["fix", input, "-o", output, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ops = try #require((object["plan"] as? [String: Any])?["operations"] as? [[String: Any]])
        #expect(ops.map { $0["action"] as? String } == ["cut-window"])
        #expect((object["window"] as? [String: Any])?["input_start"] as? Double == 0)
        let media = try #require((object["report"] as? [String: Any])?["media"] as? [String: Any])
        let video = try #require((media["video"] as? [[String: Any]])?.first)
        let frames = try #require(video["frame_count"] as? Int)
        let duration = try #require(video["duration"] as? Double)
        // Only the tail goes: at most the frames after the last reference picture.
        #expect((497...504).contains(frames), "\(frames)")
        #expect(duration <= 21)
        #expect(try await BinaryRunner.run(["check", output]).status == 0)

        // A section inside the kept part changes nothing; one in the tail still windows around it.
        let inside = try await BinaryRunner.run(["fix", input, "--start", "2", "--duration", "3", "--plan"])
        #expect(inside.status == 0 && inside.stdout.contains("trim the tail"), "\(inside.stdout)")
        let tail = try await BinaryRunner.run(["fix", input, "--start", "19", "--duration", "2.04", "--plan"])
        #expect(tail.status == 0 && tail.stdout.contains("around the section"), "\(tail.stdout)")
    }

    /// Of a 25 s audio, 20 s are kept: the first by default, and the plan
    /// says so; --audio-start picks where they begin.
    @Test func audioStartPicksThePartKept() async throws {
        let input = Fixtures.path("vorbis_25s.ogg")
        let first = try await BinaryRunner.run(["fix", input, "--plan"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("keep 0 s to 20 s of the 25 s audio (the first 20 s"), "\(first.stdout)")

        let output = "\(dir)/late.m4a"
        let r = try await BinaryRunner.run(["fix", input, "--audio-start", "10", "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("keep 10 s to 25 s of the 25 s audio"), "\(r.stdout)")
        let probe = try await BinaryRunner.run(["probe", output, "--json"])
        let media = try #require(JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let duration = try #require((media["audio"] as? [[String: Any]])?.first?["duration"] as? Double)
        #expect(abs(duration - 15) < 0.05, "\(duration)")  // 10 s to the end, not the first 20 s

        let late = try await BinaryRunner.run(["fix", input, "--audio-start", "24", "-o", "\(dir)/x.m4a"])
        #expect(late.status == 2)
        #expect(late.stderrLines.count == 1 && late.stderr.contains("leaves 1 s"), "\(late.stderr)")
        #expect(files() == ["late.m4a"])
    }

    /// A section given but outside the clip is named as such, not as missing.
    @Test func aSectionPastTheEndIsSaidToBeOutsideTheClip() async throws {
        let r = try await BinaryRunner.run(["fix", Fixtures.path("h264_aac_720p30_30s.mp4"), "--start", "40", "--duration", "3", "-o", "\(dir)/past.mp4"])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(Fixtures.path("h264_aac_720p30_30s.mp4")): the section's start is 40 s; required: from 0 to before the video's end (30 s)"],
                "\(r.stderr)")
        #expect(!files().contains("past.mp4"))
    }

    /// A conformant MOV asked for as .mov is copied byte for byte; as .mp4 it is remuxed.
    @Test func aConformantMOVKeepsItsOwnKindOfName() async throws {
        let input = Fixtures.path("h264_aac.mov")
        let same = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/same.mov"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/same.mov")) == Data(contentsOf: URL(fileURLWithPath: input)))
        let mp4 = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/as.mp4"])
        #expect(mp4.status == 0 && mp4.stdout.contains("remux MOV to MP4"), "\(mp4.stdout)")
        #expect(try MediaProbe.probeBlocking("\(dir)/as.mp4").container == .mp4)
    }

    /// Off a terminal, long work is not silent: the plan comes first on
    /// stdout, progress lines on stderr (one every 5 s, the first after 5 s;
    /// at once here, LTX_PREP_PROGRESS_INTERVAL=0); --quiet silences them.
    @Test func progressOffATerminalAndQuiet() async throws {
        let input = Fixtures.path("vp9_opus.webm")
        let quick = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/quick.mp4"])
        #expect(quick.status == 0 && quick.stderr.isEmpty, "\(quick.stderr)")
        let r = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/progress.mp4"], environment: ["LTX_PREP_PROGRESS_INTERVAL": "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.first == "\(input): plan (re-encodes)" && r.stdoutLines.filter { $0.contains("plan (") }.count == 1, "\(r.stdout)")
        #expect(!r.stderrLines.isEmpty && r.stderrLines.allSatisfy { $0.contains("/97 frames") && !$0.contains("\u{1B}") }, "\(r.stderr)")
        let quiet = try await BinaryRunner.run(["fix", input, "-o", "\(dir)/quiet.mp4", "--quiet"], environment: ["LTX_PREP_PROGRESS_INTERVAL": "0"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }
}
