import Foundation
import LTXJournal
import Testing
import TestSupport

/// `retake --review` and `ltx-prep review`: the page of an edit opened in
/// headless Chromium shows the runs the text report gives, every picture,
/// file names as written; `review` draws the same runs from the two files
/// alone, and with the journal shows the call's job id and cost.
@Suite struct EditReviewTests {
    static let htmlName = "<b>clip</b>.mp4"

    /// What a review page shows, read in the browser.
    static let pageScript = """
        return {
          runs: Array.from(document.querySelectorAll('tr.run')).map(tr =>
            [tr.cells[0].textContent, Number(tr.dataset.first), Number(tr.dataset.last)]),
          bars: document.querySelectorAll('.timeline .bar').length,
          images: Array.from(document.images).map(i => [i.complete ? 1 : 0, i.naturalWidth, i.naturalHeight]),
          sounds: document.querySelectorAll('figure.sound svg path').length,
          seams: document.querySelectorAll('section.seam').length,
          inside: Array.from(document.querySelectorAll('section.inside .pair-label')).map(p => Number(p.textContent.replace('frame ', ''))),
          summary: document.querySelector('p.summary').textContent,
          note: (document.querySelector('p.note') || {}).textContent || '',
          job: Array.from(document.querySelectorAll('td.job')).map(td => td.textContent),
          cost: Array.from(document.querySelectorAll('td.cost')).map(td => td.textContent),
          bold: document.getElementsByTagName('b').length,
          scripts: document.scripts.length
        };
        """

    /// `frames a-b  source` lines of `retake`'s text report, as (source, a, b).
    static func reportedRuns(_ lines: [String]) -> [[String]] {
        lines.compactMap { line -> [String]? in
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3, words[0] == "frames" else { return nil }
            let ends = words[1].split(separator: "-").map(String.init)
            return ends.count == 2 ? [words[2], ends[0], ends[1]] : nil
        }
    }

    static func runs(_ page: [String: Any]) -> [[String]] {
        (page["runs"] as? [[Any]] ?? []).map { $0.map { "\($0)" } }
    }

    @Test func retakePageAndReviewFromFilesAndFromJournal() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = TemporaryDirectory.make("edit-review")
        // A name cannot hold "/": this one is the file "b>.mp4" in the folder "<b>clip<".
        try FileManager.default.createDirectory(atPath: "\(dir)/<b>clip<", withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_heaac.mp4"), toPath: "\(dir)/\(Self.htmlName)")

        let r = try await BinaryRunner.run(["retake", Self.htmlName, "--start", "1", "--duration", "2", "--prompt", "the light flickers",
                                            "-o", "retake.mp4", "--yes", "--review", "retake.html"], environment: sandbox.environment, in: dir)
        try #require(r.status == 0, "\(r.stderr)")
        let reported = Self.reportedRuns(r.stdoutLines)
        // The README example's runs: copied, re-encoded, answer, re-encoded.
        #expect(reported.map(\.[0]) == ["copied", "reencoded", "answer", "reencoded"], "\(r.stdout)")

        // From the files alone: another journal folder, with no journal in it.
        let alone = try await BinaryRunner.run(["review", Self.htmlName, "retake.mp4", "-o", "alone.html"],
                                               environment: ["XDG_STATE_HOME": "\(dir)/no-state"], in: dir)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.stdout == "alone.html\n")
        let journaled = try await BinaryRunner.run(["review", Self.htmlName, "retake.mp4", "-o", "journal.html"], environment: sandbox.environment, in: dir)
        #expect(journaled.status == 0, "\(journaled.stderr)")
        let journal = try await Journal.open(sandbox.journal)
        let entries = try await journal.all()
        await journal.close()
        let entry = try #require(entries.first)
        #expect(entries.count == 1)

        try await HeadlessBrowser.session(log: "\(dir)/chromedriver.log") { browser in
            try await browser.open(file: "\(dir)/retake.html")
            let page = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect(Self.runs(page) == reported)
            #expect(page["bars"] as? Int == reported.count)
            // Each seam: the last frame before and the first after, original and output; one to three frames
            // strictly inside the answer run (InsideFrames picks them), both files.
            let images = page["images"] as? [[Int]] ?? []
            let inside = page["inside"] as? [Int] ?? []
            let answer = try #require(reported.first { $0[0] == "answer" }.flatMap { r in Int(r[1]).flatMap { a in Int(r[2]).map { a...$0 } } })
            #expect((1...3).contains(inside.count) && inside.allSatisfy { $0 > answer.lowerBound && $0 < answer.upperBound }, "\(inside) in \(answer)")
            let seamPictures = 3 * 4
            #expect(images.count == seamPictures + 2 * inside.count)
            #expect(images.allSatisfy { $0[0] == 1 && $0[1] > 0 && $0[2] > 0 }, "\(images)")
            #expect(page["seams"] as? Int == 3)
            let strips = 3 * 2
            #expect(page["sounds"] as? Int == strips)
            // Shown literally: no element made of the name, and it is in the page's words.
            #expect((page["summary"] as? String ?? "").contains("ltx-prep retake of \(Self.htmlName) into retake.mp4"))
            #expect(page["bold"] as? Int == 0)
            #expect(page["scripts"] as? Int == 0)
            #expect(page["job"] as? [String] == [entry.jobID ?? "?"])
            let severe = try await browser.consoleLog().filter { $0.level == "SEVERE" }
            #expect(severe.isEmpty, "\(severe)")
            let png = try await browser.keepScreenshot("retake-review.png", in: dir, width: 1200, height: 1500)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            // The same boundaries from the two files, said to be inferred; no call known.
            try await browser.open(file: "\(dir)/alone.html")
            let fromFiles = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect(Self.runs(fromFiles) == reported)
            #expect((fromFiles["note"] as? String ?? "").hasPrefix("The runs were inferred from the two files"))
            #expect(fromFiles["job"] as? [String] == [])

            // With the journal: the call's job id and the cost it recorded.
            try await browser.open(file: "\(dir)/journal.html")
            let fromJournal = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect(Self.runs(fromJournal) == reported)
            let cost = try #require(entry.estimatedCost)
            #expect(fromJournal["job"] as? [String] == [try #require(entry.jobID)])
            #expect(fromJournal["cost"] as? [String] == ["$" + String(format: "%.2f", cost)])
            #expect(r.stdout.contains("estimated cost: $" + String(format: "%.2f", cost)))
            let severeLater = try await browser.consoleLog().filter { $0.level == "SEVERE" }
            #expect(severeLater.isEmpty, "\(severeLater)")
        }
    }

    /// The other kinds of edit page: an extend (a seam at the end, the
    /// added frames from the answer) and a reframe (the whole output from the
    /// answer, shown beside the input). Each opens without a console error,
    /// with every picture loaded, and the extend's runs are its report's.
    @Test func extendAndReframePagesOpenWithEveryPicture() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = TemporaryDirectory.make("edit-review-kinds")
        let extend = try await BinaryRunner.run(["extend", Fixtures.path("h264_aac_sine_6s.mp4"), "--duration", "2", "-o", "extended.mp4",
                                                 "--yes", "--review", "extend.html"], environment: sandbox.environment, in: dir)
        try #require(extend.status == 0, "\(extend.stderr)")
        let reported = Self.reportedRuns(extend.stdoutLines)
        #expect(reported.map(\.[0]).last == "answer", "\(extend.stdout)")
        let reframe = try await BinaryRunner.run(["reframe", Fixtures.path("h264_aac_sine_6s.mp4"), "--to", "9:16", "-o", "vertical.mp4",
                                                  "--yes", "--review", "reframe.html"], environment: sandbox.environment, in: dir)
        try #require(reframe.status == 0, "\(reframe.stderr)")

        try await HeadlessBrowser.session(log: "\(dir)/chromedriver.log") { browser in
            try await browser.open(file: "\(dir)/extend.html")
            let page = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect(Self.runs(page) == reported)
            #expect((page["seams"] as? Int ?? 0) >= 1)
            let images = page["images"] as? [[Int]] ?? []
            #expect(!images.isEmpty && images.allSatisfy { $0[0] == 1 && $0[1] > 0 && $0[2] > 0 }, "\(images)")

            try await browser.open(file: "\(dir)/reframe.html")
            let reframed = try #require(try await browser.run(Self.pageScript) as? [String: Any])
            #expect((reframed["summary"] as? String ?? "").contains("reframe"), "\(reframed)")
            let pictures = reframed["images"] as? [[Int]] ?? []
            #expect(!pictures.isEmpty && pictures.allSatisfy { $0[0] == 1 && $0[1] > 0 && $0[2] > 0 }, "\(pictures)")
            let severe = try await browser.consoleLog().filter { $0.level == "SEVERE" }
            #expect(severe.isEmpty, "\(severe)")
        }
    }

    @Test func reviewPageThatCannotBeWrittenIsRefusedBeforeAnyCall() async throws {
        let dir = TemporaryDirectory.make("edit-review-refused")
        let input = "\(dir)/clip.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_heaac.mp4"), toPath: input)
        // No key and no sandbox: a call would fail otherwise; the refusal comes first.
        let missing = try await BinaryRunner.run(["retake", input, "--start", "1", "--duration", "2", "-o", "\(dir)/out.mp4", "--yes",
                                                  "--review", "/nonexistent-ltx/r.html"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--review /nonexistent-ltx/r.html: cannot write in /nonexistent-ltx (no such file or directory)"), "\(missing.stderr)")
        let overInput = try await BinaryRunner.run(["splice", input, input, "--window-start", "0", "--start", "1", "--duration", "1",
                                                    "-o", "\(dir)/out.mp4", "--review", input])
        #expect(overInput.status == 2)
        #expect(overInput.stderr.contains("--review \(input) is \(input), a file of this edit"), "\(overInput.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.mp4"))
    }

    @Test func reviewOfAMissingFileIsOneLine() async throws {
        let dir = TemporaryDirectory.make("edit-review-missing")
        let r = try await BinaryRunner.run(["review", Fixtures.path("h264_heaac.mp4"), "\(dir)/gone.mp4", "-o", "\(dir)/r.html"],
                                           environment: ["XDG_STATE_HOME": "\(dir)/state"])
        #expect(r.status == 2)
        #expect(r.stderrLines == ["ltx-prep: \(dir)/gone.mp4: no such file"], "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/r.html"))
    }
}
