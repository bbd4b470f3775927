import ArgumentParser
import Testing
import TestSupport
@testable import ltx_prep

/// `probe [--json] FILE...` skips ArgumentParser: what it takes, it must take
/// as ArgumentParser would, and print the same.
@Suite struct ProbeFastPathTests {
    @Test(arguments: [
        ["probe", "a.mp4"],
        ["probe", "--json", "a.mp4"],
        ["probe", "a.mp4", "--json", "b b.mkv", "check"],
        ["probe", "probe", "a=b"],
    ])
    func takesWhatArgumentParserReadsTheSame(_ arguments: [String]) throws {
        let fast = try #require(ProbeFastPath(arguments: arguments))
        let parsed = try #require(try LTXPrep.parseAsRoot(arguments) as? ProbeCommand)
        #expect(fast.files == parsed.files)
        #expect(fast.json == parsed.json)
        #expect(parsed.global.timeout == GlobalOptions.defaultTimeout && !parsed.global.verbose)
    }

    @Test(arguments: [
        [], ["check", "a.mp4"], ["probe"], ["probe", "--json"], ["probe", "--json", "--json", "a.mp4"],
        ["probe", "a.mp4", "-v"], ["probe", "--timeout", "5", "a.mp4"], ["probe", "--", "a.mp4"],
        ["probe", "-", "a.mp4"], ["probe", "", "a.mp4"], ["probe", "help"], ["probe", "--help"], ["--version"],
    ])
    func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(ProbeFastPath(arguments: arguments) == nil)
    }

    /// The same files through the fast path and through ArgumentParser (an
    /// explicit --timeout 30): the same lines, the same exit status.
    @Test func printsWhatArgumentParsersPathPrints() throws {
        let files = [Fixtures.path("vp9_opus.webm"), Fixtures.path("garbage.mp4"), Fixtures.path("h264.ts")]
        for json in [["--json"], []] {
            let fast = try BinaryRunner.run(["probe"] + json + files)
            let parsed = try BinaryRunner.run(["probe", "--timeout", "30"] + json + files)
            #expect(fast.status == 2 && parsed.status == 2)
            #expect(fast.stdout == parsed.stdout)
            #expect(fast.stderr == parsed.stderr)
        }
    }
}
