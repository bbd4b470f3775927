import Foundation
import Testing
import TestSupport

/// `check --html`: the page opened in headless Chromium says what the text
/// report says, shows every picture, and shows file names as written.
@Suite struct CheckHTMLTests {
    /// A file that plays upright (stored 128x64 with a rotation), one `check`
    /// refuses, one it cannot read, a sound with no picture, an image, and a
    /// conformant clip whose name is HTML.
    static let fixtures = ["h264_rotated.mp4", "h264_heaac.mp4", "garbage.mp4", "aac_lc_5s.m4a", "image.png"]
    static let htmlName = "<b>clip</b>.mp4"

    /// What the page shows of each row, read in the browser.
    static let rowsScript = """
        return Array.from(document.querySelectorAll('tbody tr')).map(tr => ({
          file: tr.querySelector('td.file').textContent,
          fileElements: tr.querySelector('td.file').children.length,
          verdict: tr.querySelector('td.verdict').textContent,
          rules: Array.from(tr.querySelectorAll('div.rule')).map(d => d.textContent.replace(/\\s+/g, ' ').trim()),
          error: (tr.querySelector('div.error-line') || {}).textContent || '',
          plan: (tr.querySelector('td.plan pre') || {}).textContent || '',
          note: (tr.querySelector('td.picture .none') || {}).textContent || '',
          images: Array.from(tr.querySelectorAll('img')).map(i => [i.complete ? 1 : 0, i.naturalWidth, i.naturalHeight])
        }));
        """

    @Test func pageInChromiumShowsWhatCheckAndFixPlanSay() async throws {
        let dir = TemporaryDirectory.make("check-html")
        for name in Self.fixtures { try FileManager.default.copyItem(atPath: Fixtures.path(name), toPath: "\(dir)/\(name)") }
        // A name cannot hold "/": this one is the file "b>.mp4" in the folder "<b>clip<".
        try FileManager.default.createDirectory(atPath: "\(dir)/<b>clip<", withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: "\(dir)/\(Self.htmlName)")
        let files = [Self.htmlName] + Self.fixtures

        let text = try await BinaryRunner.run(["check", "--quiet"] + files, in: dir)
        let paged = try await BinaryRunner.run(["check", "--quiet", "--html", "check.html"] + files, in: dir)
        // The page changes nothing else: same report, same status (2: a file cannot be read).
        #expect(paged.status == 2)
        #expect(paged.status == text.status)
        #expect(paged.stdout == text.stdout)
        #expect(paged.stderr == text.stderr)

        try await HeadlessBrowser.session(log: "\(dir)/chromedriver.log") { browser in
            try await browser.open(file: "\(dir)/check.html")
            let rows = try #require(try await browser.run(Self.rowsScript) as? [[String: Any]])
            try #require(rows.count == files.count)
            for (file, row) in zip(files, rows) {
                // Shown literally: the name is one text node, no element made of it.
                #expect(row["file"] as? String == file)
                #expect(row["fileElements"] as? Int == 0)
                let images = row["images"] as? [[Int]] ?? []
                if file == "garbage.mp4" {
                    // The line `check` prints, without the program's name.
                    let line = try #require(text.stderrLines.first { $0.contains(file) })
                    #expect("ltx-prep: " + (row["error"] as? String ?? "") == line)
                    #expect(images.isEmpty)
                    continue
                }
                let block = Self.reportBlock(of: file, in: text.stdoutLines)
                #expect(row["verdict"] as? String == block.verdict, "\(file)")
                #expect(row["rules"] as? [String] == block.rules, "\(file)")
                let plan = try await BinaryRunner.run(["fix", file, "--plan"], in: dir)
                #expect(row["plan"] as? String == (plan.status == 0 ? plan.stdout : plan.stderr).trimmingCharacters(in: .newlines), "\(file)")
                if file == "aac_lc_5s.m4a" {
                    #expect(images.isEmpty)
                    #expect(row["note"] as? String == "no picture")
                    continue
                }
                // Every picture decoded by the browser, with a size.
                let image = try #require(images.first, "\(file) has no picture")
                #expect(images.count == 1)
                #expect(image[0] == 1 && image[1] > 0 && image[2] > 0, "\(file): \(image)")
                // Stored 128x64 and turned a quarter for display: shown upright, 64x128.
                if file == "h264_rotated.mp4" { #expect(image[1] == 64 && image[2] == 128) }
            }
            #expect(try await browser.run("return document.getElementsByTagName('b').length") as? Int == 0)
            #expect(try await browser.run("return document.scripts.length") as? Int == 0)
            let severe = try await browser.consoleLog().filter { $0.level == "SEVERE" }
            #expect(severe.isEmpty, "\(severe)")

            let png = try await browser.keepScreenshot("check-html.png", in: dir, width: 1200, height: 760)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    /// The verdict (after `file: `) and the rules' lines, spaces collapsed, of
    /// one file's block in `check --quiet`'s text.
    static func reportBlock(of file: String, in lines: [String]) -> (verdict: String, rules: [String]) {
        guard let start = lines.firstIndex(where: { $0.hasPrefix(file + ": ") }) else { return ("", []) }
        let verdict = String(lines[start].dropFirst(file.count + 2))
        let rules = lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
            .filter { $0.hasPrefix("  FAIL") || $0.hasPrefix("  WARN") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        return (verdict, Array(rules))
    }

    @Test func pageInAMissingFolderIsRefusedBeforeAnyCheck() async throws {
        let r = try await BinaryRunner.run(["check", "--html", "/nonexistent-ltx/check.html", Fixtures.path("conformant_h264_aac.mp4")])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--html /nonexistent-ltx/check.html: cannot write in /nonexistent-ltx (no such file or directory)"))
    }

    @Test func pageOverAnInputIsRefused() async throws {
        let dir = TemporaryDirectory.make("check-html-input")
        let input = "\(dir)/clip.mp4"
        try FileManager.default.copyItem(atPath: Fixtures.path("conformant_h264_aac.mp4"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let r = try await BinaryRunner.run(["check", "--html", input, input])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--html \(input) is the input \(input)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }
}
