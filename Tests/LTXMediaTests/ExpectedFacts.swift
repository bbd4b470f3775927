import Foundation
import Testing
import TestSupport

/// One row of `fixtures/expected.tsv`: what ffprobe (an independent tool)
/// reports for a fixture; `nb_read_frames` is `ffprobe -count_frames`,
/// the frames a decoder outputs. `-` means not applicable.
struct ExpectedFacts: Sendable, CustomTestStringConvertible {
    var file: String
    var fields: [String: String]

    var testDescription: String { file }

    func string(_ key: String) -> String? {
        guard let v = fields[key], v != "-", !v.isEmpty else { return nil }
        return v
    }

    func int(_ key: String) -> Int? { string(key).flatMap { Int($0) } }
    func double(_ key: String) -> Double? { string(key).flatMap { Double($0) } }

    static let all: [ExpectedFacts] = {
        guard let text = try? String(contentsOfFile: Fixtures.path("expected.tsv"), encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().compactMap { row in
            guard row.count == header.count else { return nil }
            return ExpectedFacts(file: row[0], fields: Dictionary(uniqueKeysWithValues: zip(header, row)))
        }
    }()

    /// Rows for files the probe reads: the damaged ones, and the one with no
    /// audio or video stream, have their own tests.
    static let readable: [ExpectedFacts] = all.filter {
        $0.string("format_name") != nil && !$0.file.hasPrefix("truncated") && ($0.string("vcodec") ?? $0.string("acodec")) != nil
    }
}
