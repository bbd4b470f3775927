import Testing

@testable import LTXMedia

/// The wording findings are built from: `Format.join` stands in for the
/// standard library's `joined(separator:)` on the check path, so it must
/// give exactly what that gives.
@Suite struct FormatTests {
    @Test(arguments: [[], ["a"], ["a", "b"], ["a", "", "c"], ["MP4", "MOV", "MKV", "WebM"]])
    func joinMatchesTheStandardLibrary(_ items: [String]) {
        #expect(Format.join(items, ", ") == items.joined(separator: ", "))
        #expect(Format.join(items, "\n") == items.joined(separator: "\n"))
    }

    @Test func listReadsAsEnglish() {
        #expect(Format.list([]) == "")
        #expect(Format.list(["MP4"]) == "MP4")
        #expect(Format.list(["MP4", "MOV"]) == "MP4 or MOV")
        #expect(Format.list(["MP4", "MOV", "MKV"]) == "MP4, MOV or MKV")
    }
}
