import Foundation
import LTXJournal
import Testing
@testable import LTXWorkflow

/// The fix's window mapping carries the journal's `SentWindowSpan`; its JSON
/// (`fix --json`, a batch's report) is the flat object it always was.
@Suite struct SentWindowSpanTests {
    @Test func aWindowMappingWritesTheSpanFlatBesideTheSection() {
        let mapping = FixOutcome.WindowMapping(SentWindowSpan(inputStart: 18, duration: 21), sectionOnInput: 28, frameRate: 24)
        #expect(mapping.sectionStart == 10 && mapping.sectionStartFrame == 240)
        #expect(JSONOutput.line(mapping) == #"{"duration":21,"input_start":18,"section_start":10,"section_start_frame":240}"#)
    }

    /// What the old shape (`inputStart` and `duration` as the mapping's own fields) wrote reads back the same.
    @Test func theOldShapesJSONReadsBack() throws {
        let old = #"{"inputStart":8.5,"duration":14,"sectionStart":1.5}"#
        let mapping = try JSONDecoder().decode(FixOutcome.WindowMapping.self, from: Data(old.utf8))
        #expect(mapping.span == SentWindowSpan(inputStart: 8.5, duration: 14))
        #expect(mapping.sectionStart == 1.5 && mapping.sectionStartFrame == nil)
        #expect(String(decoding: try JSONEncoder.sorted.encode(mapping), as: UTF8.self) == #"{"duration":14,"inputStart":8.5,"sectionStart":1.5}"#)
    }

    @Test func aSpanSaysWhereOnTheInput() {
        #expect(SentWindowSpan(inputStart: 8, duration: 14).inputEnd == 22)
        #expect(SentWindowSpan(inputStart: 8, duration: 14).text == "8 s to 22 s")
    }
}

extension JSONEncoder {
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
