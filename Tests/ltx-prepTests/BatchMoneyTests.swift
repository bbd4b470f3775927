import Foundation
import Testing
import TestSupport

/// What a batch and the journal say of money and progress, through the
/// binary against the sandbox: a total never leaves an item out unsaid,
/// dollars carry no float noise, lines come in the manifest's order and
/// count every item, and a rerun is said in words.
@Suite(.serialized) struct BatchMoneyTests {
    let dir = TemporaryDirectory.make("ltx-money")

    func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
    }

    /// A retake of a 6 s clip ($0.60: 6 x 0.10 is 0.6000000000000001 in
    /// floating point), a reframe to 1080x1920 (no documented price), one to
    /// 720x1280 ($0.10/s of 4.042 s), and a file that is no media, last.
    func manifest() throws -> String {
        let six = Fixtures.path("h264_aac_sine_6s.mp4"), clip = Fixtures.path("conformant_h264_aac.mp4")
        let path = "\(dir)/m.jsonl"
        try [#"{"command":"retake","input":"\#(six)","start":1,"duration":2,"prompt":"p","output":"\#(dir)/retake.mp4"}"#,
             #"{"command":"reframe","input":"\#(clip)","to":"9:16","resolution":"1080x1920","output":"\#(dir)/r1080.mp4"}"#,
             #"{"command":"reframe","input":"\#(clip)","to":"9:16","resolution":"720x1280","output":"\#(dir)/r720.mp4"}"#,
             #"{"command":"retake","input":"\#(Fixtures.path("garbage.mp4"))","start":1,"duration":2,"prompt":"p","output":"\#(dir)/g.mp4"}"#]
            .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func totalsNameWhatIsUnpricedAndLinesComeInOrder() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let list = try manifest()
        let unpriced = "not counting 1 of unknown price (#1 reframe \(dir)/r1080.mp4)"

        let dry = try await BinaryRunner.run(["batch", list, "--dry-run", "--json"], environment: sandbox.environment)
        #expect(dry.status == 1)
        let planned = lines(dry.stdout)
        #expect(planned.map { $0["index"] as? Int } == [0, 1, 2, 3])
        #expect(dry.stdout.contains(#""estimated_dollars":0.6,"#) && !dry.stdout.contains("00000000"), "\(dry.stdout)")
        #expect(planned[1]["price_unknown"] as? Bool == true && planned[1]["estimated_dollars"] == nil)
        #expect(planned[2]["estimated_dollars"] as? Double == 0.4042 && planned[2]["price_unknown"] == nil)
        #expect(dry.stderrLines.last == "dry run: 3 of 4 item(s) would be sent; estimated $1.00 for 2 priced item(s), \(unpriced)")

        let run = try await BinaryRunner.run(["batch", list, "--yes"], environment: sandbox.environment.merging(["LTX_PREP_PROGRESS_INTERVAL": "0"]) { $1 })
        #expect(run.status == 1)
        // The unusable last item ends first, and is still printed last.
        #expect(run.stdoutLines.map { String($0.prefix(3)) } == ["#0 ", "#1 ", "#2 ", "#3 "], "\(run.stdout)")
        #expect(run.stdoutLines[1] == "#1 written: \(dir)/r1080.mp4 (price unknown)")
        #expect(run.stderrLines.last == "3 of 4 item(s) done; estimated $1.00 for 2 priced item(s), \(unpriced)")
        // Every progress line counts each of the 4 items once: done, running, waiting or failed.
        let progress = run.stderrLines.filter { $0.hasPrefix("4 item(s): ") }
        #expect(!progress.isEmpty)
        for line in progress {
            let counts = line.matches(of: /(\d+) (done|running|waiting|failed)/).map { Int($0.output.1)! }
            #expect(counts.count == 4 && counts.reduce(0, +) == 4, "\(line)")
        }
        #expect(progress.last?.hasPrefix("4 item(s): 3 done, 0 running, 0 waiting, 1 failed; $1.00 estimated so far and 1 call(s) of unknown price") == true,
                "\(progress)")

        // The journal's totals: the unpriced reframe is counted as a request and said, not summed as $0.
        let totals = try await BinaryRunner.run(["jobs", "totals"], environment: sandbox.environment)
        #expect(totals.stdoutLines.contains { $0.hasSuffix("/v2/video-to-video-reframe  2 request(s)  $0.40 for 1, 1 of unknown price not counted") },
                "\(totals.stdout)")
        let totalsJSON = try await BinaryRunner.run(["jobs", "totals", "--json"], environment: sandbox.environment)
        let byEndpoint = Dictionary(uniqueKeysWithValues: lines(totalsJSON.stdout).map { ($0["endpoint"] as? String ?? "", $0) })
        #expect(byEndpoint["/v2/video-to-video-reframe"]?["unpriced_requests"] as? Int == 1)
        #expect(byEndpoint["/v2/video-to-video-reframe"]?["estimated_dollars"] as? Double == 0.4042)
        #expect(byEndpoint["/v2/retake"]?["unpriced_requests"] as? Int == 0)
        let list2 = try await BinaryRunner.run(["jobs", "--json"], environment: sandbox.environment)
        #expect(totalsJSON.stdout.contains(#""estimated_dollars":0.6,"#) && !(totalsJSON.stdout + list2.stdout).contains("00000000"),
                "\(totalsJSON.stdout)\(list2.stdout)")

        // A rerun is said in words.
        let again = try await BinaryRunner.run(["batch", list, "--yes"], environment: sandbox.environment)
        #expect(again.stdoutLines.first == "#0 resumed: \(dir)/retake.mp4: already done, nothing paid", "\(again.stdout)")
        #expect(!again.stdout.contains("already-downloaded"))
    }

    /// On a terminal the status line is redrawn at most every 100 ms: a
    /// download of a few milliseconds was left at its first chunk's
    /// "downloading 0 MB of 2.5 MB" while the work went on. Its last bytes
    /// are drawn, whenever they come.
    @Test func aDownloadShowsItsLastBytesOnATerminal() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await TerminalRun.run(["text-to-video", "--prompt", "a tree", "--duration", "6", "--resolution", "1280x720", "--yes",
                                           "-o", "\(dir)/t.mp4"], environment: sandbox.environment)
        #expect(r.status == 0, "\(r.terminal)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: "\(dir)/t.mp4")[.size] as? Int)
        let mb = String(format: "%.1f", Double(size) / 1e6).replacingOccurrences(of: ".0", with: "")
        // What the line showed last before the result: each redraw starts with "\r" and an erase.
        let drawn = r.terminal.components(separatedBy: "\r\u{1B}[K").filter { $0.hasPrefix("downloading") }
        #expect(drawn.last?.hasPrefix("downloading \(mb) MB of \(mb) MB") == true, "\(drawn)")
    }
}

/// The binary with stderr on a pseudo-terminal, as a user at a terminal runs it.
enum TerminalRun {
    /// Read and waited for on a thread of its own, not the cooperative pool's.
    static func run(_ arguments: [String], environment extra: [String: String]) async throws -> (status: Int32, terminal: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try runHere(arguments, environment: extra) }) }
        }
    }

    private static func runHere(_ arguments: [String], environment extra: [String: String]) throws -> (status: Int32, terminal: String) {
        var controller: Int32 = -1, terminal: Int32 = -1
        guard openpty(&controller, &terminal, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(extra) { $1 }
        env["NO_COLOR"] = "1"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        try process.run()
        close(terminal)
        // Read while it runs, so a full terminal buffer cannot stall it; EIO once it has closed its side.
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(controller, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        process.waitUntilExit()
        close(controller)
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
    }
}

/// `--json` that fails: one JSON object on stdout, the shape README gives,
/// with the same exit status and the stderr line as its message.
@Suite struct JSONErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var kind: String
        var file: String?
        var testDescription: String { "\(arguments.prefix(2).joined(separator: " ")) \(kind)" }
    }

    static let dir = TemporaryDirectory.make("ltx-json-error")
    static let clip = Fixtures.path("conformant_h264_aac.mp4")
    static let missing = dir + "/missing.mp4"

    static let cases: [Case] = [
        Case(arguments: ["retake", missing, "--start", "1", "--duration", "2", "--yes", "--json", "-o", dir + "/a.mp4"], status: 2, kind: "not-found",
             file: missing),
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "2", "--prompt", "FILTERED", "--yes", "--json", "-o", dir + "/b.mp4"],
             status: 3, kind: "api"),
        Case(arguments: ["retake", clip, "--start", "1", "--duration", "2", "--max-cost", "0.01", "--yes", "--json", "-o", dir + "/c.mp4"],
             status: 2, kind: "refused"),
        Case(arguments: ["retake", clip, "--start", "-1", "--duration", "2", "--json", "-o", dir + "/d.mp4"], status: 2, kind: "arguments"),
        Case(arguments: ["extend", clip, "--duration", "4", "--at", "end", "--answer", missing, "--json", "-o", dir + "/e.mp4"], status: 2,
             kind: "not-found", file: missing),
        Case(arguments: ["reframe", Fixtures.path("aac_lc_5s.m4a"), "--to", "9:16", "--yes", "--json", "-o", dir + "/f.mp4"], status: 2, kind: "unusable"),
        Case(arguments: ["splice", missing, clip, "--window-start", "0", "--start", "1", "--duration", "2", "--json", "-o", dir + "/g.mp4"], status: 2,
             kind: "not-found", file: missing),
        Case(arguments: ["text-to-video", "--prompt", "p", "--duration", "6", "--max-cost", "0.01", "--yes", "--json", "-o", dir + "/h.mp4"], status: 2,
             kind: "refused"),
        Case(arguments: ["fix", missing, "--json", "-o", dir + "/i.mp4"], status: 2, kind: "not-found", file: missing),
    ]

    @Test(arguments: cases) func aFailureIsOneJSONObjectOnStdout(_ c: Case) async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let r = try await BinaryRunner.run(c.arguments, environment: sandbox.environment)
        #expect(r.status == c.status, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1, "\(r.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["kind"] as? String == c.kind)
        #expect(object["file"] as? String == c.file)
        // The message is the line on stderr.
        #expect(r.stderrLines.last.map { "ltx-prep: " + (error["message"] as? String ?? "") == $0 } == true, "\(r.stderr) \(error)")
    }
}
