#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A manifest's text as items: one JSON object a line.
extension Batch {
    /// The manifest's lines: each an item, or why that line is not one
    /// (blank lines and `#` comments are skipped, but keep their numbers).
    public static func parse(_ text: String) -> [(line: Int, item: Result<BatchItem, WorkflowError>)] {
        var items: [(Int, Result<BatchItem, WorkflowError>)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpacesAndNewlines
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                items.append((n + 1, .success(try JSONDecoder().decode(BatchItem.self, from: Data(line.utf8)))))
            } catch {
                items.append((n + 1, .failure(.badManifestItem("line \(n + 1): \(Self.explain(error))"))))
            }
        }
        return items
    }

    /// A manifest line's problem in a person's words, not the decoder's.
    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing the field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "the field \"\(c.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        // A field's own rule, said by the item's decoder ("duration is a number of seconds or \"auto\"...").
        case DecodingError.dataCorrupted(let c) where !c.codingPath.isEmpty: c.debugDescription
        default: "not a JSON object of a manifest item"
        }
    }
}
