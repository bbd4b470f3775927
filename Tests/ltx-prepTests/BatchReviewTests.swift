import Foundation
import LTXContract
import Testing
import TestSupport

/// `batch --review`: the page opened in headless Chromium says what the
/// text and JSON reports say, item by item and in total.
@Suite(.serialized) struct BatchReviewTests {
    /// A name that is HTML: the file "b>.mp4" in the folder "<b>clip<".
    static let htmlName = "<b>clip</b>.mp4"

    /// What the page shows of each row, read in the browser.
    static let rowsScript = """
        return Array.from(document.querySelectorAll('tbody tr')).map(tr => ({
          index: tr.querySelector('td.index').textContent,
          file: tr.querySelector('td.item span.file').textContent,
          fileElements: tr.querySelector('td.item span.file').children.length,
          status: tr.querySelector('td.status').textContent,
          cost: tr.querySelector('td.cost').textContent,
          time: tr.querySelector('td.time').textContent,
          link: Array.from(tr.querySelectorAll('td.review a')).map(a => [a.textContent, a.getAttribute('href')]),
          images: Array.from(tr.querySelectorAll('img')).map(i => [i.complete ? 1 : 0, i.naturalWidth, i.naturalHeight])
        }));
        """

    /// Three lines: a retake written, one of a file whose name is HTML
    /// written, one the sandbox refuses (422, as unsafe content).
    @Test func pageInChromiumShowsWhatTheReportsSay() async throws {
        let dir = TemporaryDirectory.make("batch-review")
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        try FileManager.default.createDirectory(atPath: "\(dir)/<b>clip<", withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: "\(dir)/\(Self.htmlName)")
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: "\(dir)/clip.mp4")
        let lines = [
            #"{"command":"retake","input":"clip.mp4","start":1,"duration":2,"prompt":"a red cup","output":"out/clip.mp4"}"#,
            #"{"command":"retake","input":"\#(Self.htmlName)","start":1,"duration":2,"prompt":"a blue cup","output":"out/\#(Self.htmlName)"}"#,
            #"{"command":"retake","input":"clip.mp4","start":1,"duration":2,"prompt":"FILTERED","output":"out/filtered.mp4"}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: "\(dir)/batch.jsonl", atomically: true, encoding: .utf8)

        let r = try await BinaryRunner.run(["batch", "batch.jsonl", "--report", "report.jsonl", "--review", "batch.html", "--yes"],
                                           environment: sandbox.environment, in: dir)
        #expect(r.status == 1, "\(r.stderr)")  // one item is not done
        let report = try String(contentsOfFile: "\(dir)/report.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        try #require(report.map { $0["status"] as? String } == ["written", "written", "failed"])
        let summary = try #require(r.stderrLines.last)

        try await HeadlessBrowser.session(log: "\(dir)/chromedriver.log") { browser in
            try await browser.open(file: "\(dir)/batch.html")
            let rows = try #require(try await browser.run(Self.rowsScript) as? [[String: Any]])
            try #require(rows.count == 3)
            for (line, (item, row)) in zip(report, rows).enumerated() {
                #expect(row["index"] as? String == "\(line)")
                #expect(row["status"] as? String == item["status"] as? String)
                // The cost as the text line gives it.
                let dollars = try #require(item["estimated_dollars"] as? Double)
                #expect(row["cost"] as? String == "$\(Pricing.format(dollars))")
                #expect(r.stdoutLines.contains { $0.hasPrefix("#\(line) ") && $0.contains("($\(Pricing.format(dollars)))") })
                let seconds = try #require(item["seconds"] as? Double)
                #expect(seconds > 0)
                #expect((row["time"] as? String)?.hasSuffix(" s") == true)
                // Shown literally: the name is one text node, no element made of it.
                #expect(row["file"] as? String == item["output"] as? String)
                #expect(row["fileElements"] as? Int == 0)
                // The output's picture, or the input's when there is none: decoded by the browser, with a size.
                let images = row["images"] as? [[Int]] ?? []
                #expect(images.count == 1 && images.allSatisfy { $0[0] == 1 && $0[1] > 0 && $0[2] > 0 }, "\(line): \(images)")
            }
            #expect(rows[1]["file"] as? String == "out/\(Self.htmlName)")
            // The two written items link to their own review pages, beside the batch's; the refused one to nothing.
            for row in rows.prefix(2) {
                let link = try #require((row["link"] as? [[String]])?.first)
                #expect(link[0] == "review")
                let page = try #require(link[1].removingPercentEncoding)
                #expect(page.hasPrefix("batch.review/"))
                #expect(try String(contentsOfFile: "\(dir)/\(page)", encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
            }
            #expect((rows[2]["link"] as? [[String]])?.isEmpty == true)
            // The totals: the text report's last line, and the items per status.
            #expect(try await browser.run("return document.querySelector('p.summary').textContent") as? String == summary)
            let counts = try await browser.run("return Array.from(document.querySelectorAll('ul.counts li')).map(li => li.textContent)") as? [String]
            #expect(counts == ["written 2", "failed 1"])
            #expect(try await browser.run("return document.getElementsByTagName('b').length") as? Int == 0)

            // As it opens, in the batch's order.
            let png = try await browser.keepScreenshot("batch-review.png", in: dir, width: 1000, height: 620)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            // A click on the status header sorts by it: "failed" first; again, back the other way.
            try await browser.click("th[data-sort=status]")
            let order = "return Array.from(document.querySelectorAll('tbody tr')).map(tr => tr.querySelector('td.index').textContent)"
            #expect(try await browser.run(order) as? [String] == ["2", "0", "1"])
            try await browser.click("th[data-sort=status]")
            #expect(try await browser.run(order) as? [String] == ["0", "1", "2"])
            let severe = try await browser.consoleLog().filter { $0.level == "SEVERE" }
            #expect(severe.isEmpty, "\(severe)")
        }
    }

    @Test func pageInAMissingFolderIsRefusedBeforeAnyCall() async throws {
        let dir = TemporaryDirectory.make("batch-review-refused")
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let line = #"{"command":"retake","input":"\#(Fixtures.path("conformant_h264_aac.mp4"))","start":1,"duration":2,"output":"\#(dir)/out.mp4"}"#
        try line.write(toFile: "\(dir)/batch.jsonl", atomically: true, encoding: .utf8)
        let r = try await BinaryRunner.run(["batch", "\(dir)/batch.jsonl", "--review", "/nonexistent-ltx/batch.html", "--yes"], environment: sandbox.environment)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--review /nonexistent-ltx/batch.html: cannot write in /nonexistent-ltx (no such file or directory)"))
        #expect(try await sandbox.paidFor().jobs == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out.mp4"))
    }
}
