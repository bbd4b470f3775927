import LTXWorkflow
import Testing

/// `--json` lines put an object's `file` first and sort the other keys:
/// the README shows `file` first, and JSONEncoder alone sorts it among the rest.
@Suite struct JSONFileFirstTests {
    struct Report: Encodable {
        var conformant = true
        var endpoint = "retake"
        var file: String
        var findings = [Nested(file: "inner", rule: "r")]
        var zone: String? = "z"
    }

    struct Nested: Encodable {
        var file: String
        var rule: String
    }

    struct Alone: Encodable { var file: String }
    struct NoFile: Encodable { var path = "p"; var codec = "h264" }

    @Test func fileComesFirstAndTheRestStaySorted() {
        // Quotes, commas and braces inside the file's name do not move the cut.
        let name = #"a, "b" {c}: [d] \e.mp4"#
        #expect(JSONOutput.line(Report(file: name))
                == #"{"file":"a, \"b\" {c}: [d] \\e.mp4","conformant":true,"endpoint":"retake","findings":[{"file":"inner","rule":"r"}],"zone":"z"}"#)
        // Last among the keys: the comma before it goes with it.
        #expect(JSONOutput.line(Report(file: "x.mp4", zone: nil)).hasPrefix(#"{"file":"x.mp4","conformant":true,"#))
        #expect(JSONOutput.line(Alone(file: "x")) == #"{"file":"x"}"#)
        // No top-level file (a nested one does not count): sorted as before.
        #expect(JSONOutput.line(NoFile()) == #"{"codec":"h264","path":"p"}"#)
        #expect(JSONOutput.line([Nested(file: "f", rule: "r")]) == #"[{"file":"f","rule":"r"}]"#)
    }
}
