import ArgumentParser
import Testing
import TestSupport
@testable import ltx_prep

/// `probe|check [--json] FILE...` skips ArgumentParser: what it takes, it
/// must take as ArgumentParser would, and print the same.
@Suite struct PlainInvocationTests {
    @Test(arguments: [
        ["probe", "a.mp4"],
        ["probe", "--json", "a.mp4"],
        ["probe", "a.mp4", "--json", "b b.mkv", "check"],
        ["probe", "probe", "a=b"],
    ])
    func probeIsTakenAsArgumentParserReadsIt(_ arguments: [String]) throws {
        let plain = try #require(PlainInvocation(arguments: arguments))
        let parsed = try #require(try LTXPrep.parseAsRoot(arguments) as? ProbeCommand)
        #expect(plain.command == .probe && plain.files == parsed.files && plain.json == parsed.json)
        #expect(parsed.global.timeout == GlobalOptions.defaultTimeout && !parsed.global.verbose)
    }

    @Test(arguments: [["check", "a.mp4"], ["check", "--json", "a.mp4", "b.mov"], ["check", "a.png", "--json"]])
    func checkIsTakenAsArgumentParserReadsIt(_ arguments: [String]) throws {
        let plain = try #require(PlainInvocation(arguments: arguments))
        let parsed = try #require(try LTXPrep.parseAsRoot(arguments) as? CheckCommand)
        #expect(plain.command == .check && plain.files == parsed.files && plain.json == parsed.json)
        #expect(PlainInvocation.defaultCheck == parsed.target.request(prompt: parsed.prompt))
        #expect(!parsed.quiet && parsed.global.timeout == GlobalOptions.defaultTimeout && !parsed.global.verbose)
    }

    @Test(arguments: [
        [], ["fix", "a.mp4"], ["probe"], ["check"], ["probe", "--json"], ["probe", "--json", "--json", "a.mp4"],
        ["probe", "a.mp4", "-v"], ["probe", "--timeout", "5", "a.mp4"], ["probe", "--", "a.mp4"],
        ["probe", "-", "a.mp4"], ["probe", "", "a.mp4"], ["probe", "help"], ["probe", "--help"], ["--version"],
        ["check", "-q", "a.mp4"], ["check", "a.mp4", "--for", "retake"], ["check", "--start", "1", "--duration", "2", "a.mp4"],
    ])
    func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(PlainInvocation(arguments: arguments) == nil)
    }

    /// The same files through both paths (an explicit --timeout 30 sends
    /// them to ArgumentParser): the same lines, the same exit status. Three
    /// files go through the concurrent path, one alone through `runOnThisThread`.
    @Test(arguments: ["probe", "check"], [["vp9_opus.webm", "garbage.mp4", "h264.ts"], ["garbage.mp4"]])
    func printsWhatArgumentParsersPathPrints(_ command: String, _ names: [String]) async throws {
        let files = names.map(Fixtures.path)
        for json in [["--json"], []] {
            let plain = try await BinaryRunner.run([command] + json + files)
            let parsed = try await BinaryRunner.run([command, "--timeout", "30"] + json + files)
            #expect(plain.status == 2 && parsed.status == 2)
            #expect(plain.stdout == parsed.stdout && plain.stderr == parsed.stderr)
            // The unreadable file's line on stderr; with --json its error object on stdout too.
            #expect(plain.stderr.contains("garbage.mp4") && (json.isEmpty || plain.stdout.contains("garbage.mp4")))
        }
    }

    /// `check`'s other two statuses: 0 when every file conforms, 1 when one
    /// does not (one file: the plain path's `runOnThisThread`).
    @Test(arguments: [("conformant_h264_aac.mp4", Int32(0)), ("h264_heaac.mp4", Int32(1))])
    func checkExitsAsArgumentParsersPathDoes(_ file: String, _ status: Int32) async throws {
        for json in [["--json"], []] {
            let plain = try await BinaryRunner.run(["check"] + json + [Fixtures.path(file)])
            let parsed = try await BinaryRunner.run(["check", "--timeout", "30"] + json + [Fixtures.path(file)])
            #expect(plain.status == status && parsed.status == status)
            #expect(plain.stdout == parsed.stdout && plain.stderr == parsed.stderr)
        }
    }
}
