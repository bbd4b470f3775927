// FoundationEssentials has JSONEncoder without ICU, whose load alone is a
// measurable share of a probe's wall time.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LTXMedia

/// `--json`: snake_case keys as ffprobe's, one compact object per line per
/// file (JSON Lines), in the order the files were given.
enum JSONOutput {
    static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The object printed for a file that could not be read.
    struct Failure: Encodable {
        var file: String
        var error: MediaError.Body

        init(_ file: String, _ error: MediaError) {
            self.file = file
            self.error = MediaError.Body(error)
        }
    }
}

extension MediaError {
    struct Body: Encodable {
        var kind: MediaError.Kind
        var message: String
        var operation: String?
        var code: Int32?

        init(_ e: MediaError) {
            kind = e.kind
            message = e.message
            operation = e.operation
            code = e.code
        }
    }
}
