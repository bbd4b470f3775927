import Foundation
import LTXContract
import Testing
import TestSupport

/// `--help` as a user reads it on an 80-column terminal, from the real binary.
@Suite struct HelpTests {
    static let commands: [[String]] = [[], ["check"], ["fix"], ["probe"], ["retake"], ["audio-to-video"], ["text-to-video"],
                                       ["image-to-video"], ["splice"], ["reframe"], ["hdr"], ["upload"], ["batch"], ["jobs"], ["jobs", "list"], ["jobs", "show"],
                                       ["jobs", "totals"], ["jobs", "resume"], ["review"], ["sandbox"]]

    static func help(_ command: [String]) async throws -> [String] {
        let r = try await pages.value(command)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdoutLines
    }

    /// Each command's help run once for the suite, its tests reading the same pages.
    static let pages = MadeOnce { (command: [String]) in try await BinaryRunner.run(command + ["--help"], environment: ["COLUMNS": "80"]) }

    /// No line runs past 80 columns, and no wrapped sentence leaves one word
    /// alone on a line (headings, which end in a colon, stand alone).
    @Test(arguments: commands)
    func readsAtEightyColumns(_ command: [String]) async throws {
        let lines = try await Self.help(command)
        #expect(lines.count > 5)
        for line in lines {
            #expect(line.count <= 80, "\(command): \(line)")
            #expect(line.split(separator: " ").count > 1 || line.hasSuffix(":"), "\(command): a lone word: \(line)")
        }
    }

    /// What an option's help says, its wrapped lines joined: from its label
    /// to the next option's.
    static func entry(_ option: String, in lines: [String]) -> String? {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(option) ") || $0.contains(", \(option) ") }) else { return nil }
        let rest = lines[(start + 1)...].prefix { $0.hasPrefix(String(repeating: " ", count: 26)) }
        return ([lines[start]] + rest).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// Segmind serves retake alone, so only retake (and batch, for its retake
    /// items) lists --provider; audio-to-video offers no URL delivery; --for
    /// does not offer text-to-video, which takes no file; upload pays nothing,
    /// so it has no price, confirmation, journal or route options.
    @Test func onlyWhatIsOfferedIsListed() async throws {
        for command in [["retake"], ["batch"]] {
            #expect(Self.entry("--provider", in: try await Self.help(command))?.contains("segmind") == true, "\(command)")
        }
        for command in [["text-to-video"], ["image-to-video"], ["audio-to-video"], ["upload"], ["jobs", "resume"]] {
            let lines = try await Self.help(command)
            #expect(Self.entry("--provider", in: lines) == nil, "\(command)")
            #expect(!lines.joined().contains("segmind"), "\(command)")
        }
        let audio = try await Self.help(["audio-to-video"])
        #expect(Self.entry("--deliver", in: audio)?.contains("(values: upload, data-uri; default: upload)") == true)
        #expect(Self.entry("--url", in: audio) == nil)
        #expect(Self.entry("--deliver", in: try await Self.help(["image-to-video"]))?.contains("url") == true)
        for command in [["check"], ["fix"]] {
            let forOption = try #require(Self.entry("--for", in: try await Self.help(command)))
            #expect(forOption.contains("image-to-video") && !forOption.contains("text-to-video"), "\(forOption)")
        }
        let upload = try await Self.help(["upload"])
        for option in ["--max-cost", "--yes", "--sync", "--journal", "--again"] {
            #expect(Self.entry(option, in: upload) == nil, "upload lists \(option)")
        }
        #expect(Self.entry("--max-cost", in: try await Self.help(["retake"])) != nil)
    }

    /// --fps offers the catalogue's rates wherever it is taken; audio-to-video, which
    /// checks them itself (the matrix checks the others), refuses any other rate with
    /// that list and lets each of them through to the next check (the API key).
    @Test func fpsIsTheCataloguesList() async throws {
        #expect(Catalogue.frameRates == [24, 25, 48, 50])
        for command in [["text-to-video"], ["image-to-video"], ["audio-to-video"]] {
            let fps = Self.entry("--fps", in: try await Self.help(command))
            #expect(fps?.hasSuffix("Frames per second: 24, 25, 48 or 50 (default: the API's, 24).") == true, "\(command): \(fps ?? "none")")
        }
        let audio = Fixtures.path("aac_lc_5s.m4a"), out = TemporaryDirectory.make("ltx-fps") + "/out.mp4"
        for fps in [23, 30, 60] {
            let refused = try await BinaryRunner.run(["audio-to-video", audio, "--prompt", "p", "--fps", "\(fps)", "-o", out])
            #expect(refused.status == 2)
            #expect(refused.stderr == "ltx-prep: --fps \(fps): the API takes 24, 25, 48 or 50 (see 'ltx-prep audio-to-video --help')\n")
        }
        for fps in Catalogue.frameRates {
            let taken = try await BinaryRunner.run(["audio-to-video", audio, "--prompt", "p", "--fps", "\(fps)", "-o", out])
            #expect(taken.stderr == "ltx-prep: no API key: set LTXV_API_KEY or pass --api-key\n", "\(fps)")
        }
    }
}
