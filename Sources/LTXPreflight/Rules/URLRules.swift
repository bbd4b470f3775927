import LTXContract
import LTXMedia

/// The documented rules for a file the API fetches by URL ("HTTPS only,
/// domain names (no IPs), publicly accessible, no redirects") and the size
/// limit, when the server says the size.
public enum URLRules {
    static let required = "an https URL with a public domain name"

    /// The address alone, before anything is sent.
    public static func address(_ url: String) -> Finding {
        let fail = { (actual: String) in
            Finding(rule: .deliveryURL, severity: .error, actual: actual, required: required,
                    fix: "host the file on an https server with a domain name, or deliver by upload", fixAction: .changeRequest)
        }
        guard url.lowercased().hasPrefix("https://") else {
            return fail("\(url.prefix { $0 != ":" }) URL, not https")
        }
        let authority = url.dropFirst("https://".count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        if hostAndPort.hasPrefix("[") { return fail("an IPv6 address") }
        let host = hostAndPort.prefix { $0 != ":" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if host.isEmpty { return fail("no host") }
        if labels.count == 4 && labels.allSatisfy({ UInt8($0) != nil }) { return fail("an IP address (\(host))") }
        if labels.count < 2 || labels.contains(where: \.isEmpty) { return fail("\(host): not a public domain name") }
        return .pass(.deliveryURL, actual: "https, host \(host)", required: required)
    }

    /// The server's answer: fetchable without a redirect, and within the
    /// size limit for the file's kind. `localSize` is the file that was
    /// checked; a URL serving another size serves another file.
    public static func remote(_ answer: RemoteFile, kind: MediaInfo.Kind, localSize: Int64?) -> [Finding] {
        switch answer.status {
        case 200..<300:
            break
        case 300..<400:
            return [Finding(rule: .deliveryURL, severity: .error,
                            actual: "HTTP \(answer.status) redirect" + (answer.location.map { " to \($0)" } ?? ""),
                            required: "no redirects", fix: "give the URL the redirect points to", fixAction: .changeRequest)]
        case 405, 501:
            return [Finding(rule: .deliveryURL, severity: .warning, actual: "HTTP \(answer.status) to HEAD",
                            required: "a server that says the file's size", fix: "size not checked: the API will find out",
                            fixAction: .changeRequest)]
        default:
            return [Finding(rule: .deliveryURL, severity: .error, actual: "HTTP \(answer.status)",
                            required: "publicly accessible (HTTP 200 without credentials)",
                            fix: "make the file public, or deliver by upload", fixAction: .changeRequest)]
        }
        let reachable = Finding.pass(.deliveryURL, actual: "HTTP \(answer.status)", required: "publicly accessible, no redirects")
        guard let length = answer.contentLength else {
            return [reachable, Finding(rule: .deliverySize, severity: .warning, actual: "no Content-Length",
                                       required: "a size the server states", fix: "size not checked: the API will find out",
                                       fixAction: .changeRequest)]
        }
        let limit = Delivery.url.limit(for: kind).bytes
        let required = "at most \(Format.bytes(limit)) for url"
        var findings = [reachable]
        if length <= limit {
            findings.append(.pass(.deliverySize, actual: Format.bytes(length), required: required))
        } else {
            findings.append(Finding(rule: .deliverySize, severity: .error, actual: Format.bytes(length), required: required,
                                    fix: "deliver by upload (200 MB limit, images 15 MB) instead, or recompress", fixAction: .changeRequest))
        }
        if let localSize, localSize != length {
            findings.append(Finding(rule: .deliveryURL, severity: .warning,
                                    actual: "the URL serves \(length) bytes, the checked file has \(localSize)",
                                    required: "the URL serves the checked file",
                                    fix: "the API gets what the URL serves, which was not checked", fixAction: .changeRequest))
        }
        return findings
    }
}
