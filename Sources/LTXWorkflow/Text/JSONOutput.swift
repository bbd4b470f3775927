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
///
/// Keys are sorted, so a line is the same from run to run, except that an
/// object's `file` comes first: it says what the rest is about (a reader
/// scanning lines, `head -c`, a truncated log), as the README shows it.
public enum JSONOutput {
    public static func line<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Unsorted keys come in hash order, different from run to run.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: fileFirst(Array(data)), as: UTF8.self)
    }

    /// `json` (one compact object) with its top-level `"file"` member moved
    /// to the front; anything else as it is. JSONEncoder has no order but
    /// sorted or hashed, so the member is moved in the encoded bytes.
    static func fileFirst(_ json: [UInt8]) -> [UInt8] {
        guard json.first == UInt8(ascii: "{"), let member = topLevelMember(#""file":"#, in: json), member.lowerBound > 1 else { return json }
        // The member and the comma after it (or, when it is last, the comma before it).
        var cut = member
        if json[cut.upperBound] == UInt8(ascii: ",") { cut = cut.lowerBound..<(cut.upperBound + 1) } else { cut = (cut.lowerBound - 1)..<cut.upperBound }
        var rest = json
        rest.removeSubrange(cut)
        return [UInt8(ascii: "{")] + json[member] + [UInt8(ascii: ",")] + rest.dropFirst()
    }

    /// Where the member starting with `key` (quoted, with its colon) is at
    /// the outermost level of `json`: from the key to the end of its value.
    private static func topLevelMember(_ key: String, in json: [UInt8]) -> Range<Int>? {
        let key = Array(key.utf8)
        var depth = 0, inString = false, escaped = false
        var start: Int?
        for (i, byte) in json.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                // A key at depth 1 follows "{" or ",".
                if start == nil, depth == 1, i > 0, json[i - 1] == UInt8(ascii: "{") || json[i - 1] == UInt8(ascii: ","),
                   json[i...].starts(with: key) {
                    start = i
                }
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 1, let start { return start..<i }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1, let start { return start..<i }
            default: break
            }
        }
        return nil
    }
}
