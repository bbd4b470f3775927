// FoundationEssentials has JSONEncoder without ICU, whose load alone is a
// measurable share of a probe's wall time.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--json`: snake_case keys as ffprobe's, one compact object per line per
/// file (JSON Lines), in the order the files were given. Here rather than in
/// the CLI so that a Swift program writes what the CLI writes (a batch's
/// report file is written by `BatchSource.writeReport`).
public enum JSONOutput {
    public static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
