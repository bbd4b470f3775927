import LTXContract
import Testing
import LTXMedia
@testable import LTXPreflight

/// The documented URL rules: https, domain names, publicly accessible, no
/// redirects, 32 MB video and audio / 15 MB images.
@Suite struct URLRulesTests {
    let mb = APILimits.megabyte

    @Test(arguments: ["https://cdn.example.com/clip.mp4", "https://media.example.co.uk:8443/a/b.mp4?sig=x",
                      "HTTPS://Example.com/x.mp4", "https://user@files.example.com/x.mp4"])
    func acceptedAddresses(_ url: String) {
        #expect(URLRules.address(url).severity == .pass)
    }

    @Test(arguments: [("http://cdn.example.com/clip.mp4", "not https"), ("https://203.0.113.7/clip.mp4", "IP address"),
                      ("https://[2001:db8::1]/clip.mp4", "IPv6"), ("https:///clip.mp4", "no host"),
                      ("https://localhost/clip.mp4", "not a public domain name"), ("ftp://example.com/x", "not https"),
                      ("https://example..com/x", "not a public domain name")])
    func refusedAddresses(_ url: String, _ why: String) {
        let f = URLRules.address(url)
        #expect(f.severity == .error && f.rule == .deliveryURL)
        #expect(f.actual.contains(why), "\(f.actual)")
    }

    @Test func sizeLimitsByKind() {
        let atLimit = URLRules.remote(RemoteFile(status: 200, contentLength: 32 * mb), kind: .video, localSize: 32 * mb)
        #expect(atLimit.allSatisfy { $0.severity == .pass })
        let over = URLRules.remote(RemoteFile(status: 200, contentLength: 32 * mb + 1), kind: .audio, localSize: 32 * mb + 1)
        #expect(over.first { $0.rule == .deliverySize }?.severity == .error)
        let image = URLRules.remote(RemoteFile(status: 200, contentLength: 15 * mb + 1), kind: .image, localSize: nil)
        #expect(image.first { $0.rule == .deliverySize }?.severity == .error)
        #expect(URLRules.remote(RemoteFile(status: 200, contentLength: 15 * mb), kind: .image, localSize: nil)
            .allSatisfy { $0.severity == .pass })
    }

    @Test func redirectsAndPrivateFilesAreErrors() {
        let moved = URLRules.remote(RemoteFile(status: 301, location: "https://other.example.com/x.mp4"), kind: .video, localSize: 10)
        #expect(moved.count == 1 && moved[0].severity == .error && moved[0].actual.contains("other.example.com"))
        for status in [401, 403, 404, 500] {
            #expect(URLRules.remote(RemoteFile(status: status), kind: .video, localSize: 10).first?.severity == .error)
        }
    }

    @Test func unknownSizeOrAnotherFileWarns() {
        let noLength = URLRules.remote(RemoteFile(status: 200), kind: .video, localSize: 10)
        #expect(noLength.contains { $0.rule == .deliverySize && $0.severity == .warning })
        #expect(!noLength.contains { $0.severity == .error })
        let noHead = URLRules.remote(RemoteFile(status: 405), kind: .video, localSize: 10)
        #expect(noHead.count == 1 && noHead[0].severity == .warning)
        let other = URLRules.remote(RemoteFile(status: 200, contentLength: 11), kind: .video, localSize: 10)
        #expect(other.contains { $0.rule == .deliveryURL && $0.severity == .warning && $0.actual.contains("11 bytes") })
    }
}
