import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import TestSupport

/// Debian's headless Chromium driven by its chromedriver over WebDriver HTTP
/// on 127.0.0.1: opens a page as a person's browser would, runs a script in
/// it, reads the browser's console log and takes screenshots. One session per
/// instance; `close()` ends it and the driver, `session` does both for a test.
final class HeadlessBrowser {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    private let driver = Process()
    private let base: String
    private let session: String

    struct WebDriverFailed: Error, CustomStringConvertible { var description: String }

    /// `log`: where chromedriver writes its log, to read after a failure.
    init(log: String) async throws {
        let port = try Self.freeLoopbackPort()
        base = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: Self.chromedriver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1", "--log-path=\(log)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        // Bounded wait for the driver to answer; each try short, as the client
        // retries a refused connection until the request's deadline.
        var ready = false
        for _ in 0..<100 where !ready {
            if let status = try? await Self.call("GET", base + "/status", nil, timeout: .milliseconds(300)) as? [String: Any],
               status["ready"] as? Bool == true { ready = true } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        guard ready else {
            kill(driver.processIdentifier, SIGKILL)
            throw WebDriverFailed(description: "chromedriver did not start on port \(port)")
        }
        // Chromium refuses to start its sandbox as root.
        var args = ["--headless=new", "--disable-gpu", "--window-size=1280,800", "--hide-scrollbars"]
        if getuid() == 0 { args.append("--no-sandbox") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": Self.chromium, "args": args],
            "goog:loggingPrefs": ["browser": "ALL"],
        ] as [String: Any]]]
        do {
            let created = try await Self.call("POST", base + "/session", capabilities) as? [String: Any]
            guard let id = created?["sessionId"] as? String else { throw WebDriverFailed(description: "no session: \(String(describing: created))") }
            session = id
        } catch {
            kill(driver.processIdentifier, SIGKILL)
            throw error
        }
    }

    /// Opens `path` as a file:// URL and waits for it to load.
    func open(file path: String) async throws {
        var url = URLComponents()
        url.scheme = "file"
        url.path = path
        _ = try await command("POST", "/url", ["url": url.url!.absoluteString])
    }

    /// Runs `script` (a function body that `return`s) in the page; its result.
    func run(_ script: String) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": script, "args": [] as [Any]])
    }

    /// Clicks the first element `css` selects, as a person's click would
    /// (WebDriver scrolls it into view and sends the mouse events).
    func click(_ css: String) async throws {
        let found = try await command("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any]
        guard let id = found?["element-6066-11e4-a52e-4f735466cecf"] as? String else { throw WebDriverFailed(description: "nothing matches \(css)") }
        _ = try await command("POST", "/element/\(id)/click", [:])
    }

    /// A browser for `body`, closed after it whether it returns or throws.
    static func session<T>(log: String, _ body: (HeadlessBrowser) async throws -> T) async throws -> T {
        let browser = try await HeadlessBrowser(log: log)
        do {
            let result = try await body(browser)
            await browser.close()
            return result
        } catch {
            await browser.close()
            throw error
        }
    }

    /// The console's SEVERE entries (errors: a picture or script that failed) since the last read.
    func severeConsoleEntries() async throws -> [(level: String, message: String)] {
        try await consoleLog().filter { $0.level == "SEVERE" }
    }

    /// The browser console's entries since the last call: (level, message).
    func consoleLog() async throws -> [(level: String, message: String)] {
        let entries = try await command("POST", "/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.map { ($0["level"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    /// The visible page as PNG bytes.
    func screenshot() async throws -> Data {
        let text = try await command("GET", "/screenshot", nil) as? String ?? ""
        guard let data = Data(base64Encoded: text) else { throw WebDriverFailed(description: "the screenshot is not base64") }
        return data
    }

    /// A screenshot of the page at `width` x `height` kept as the test's
    /// artifact `dir/name`, and as the README's `docs/name` when
    /// LTX_PREP_WRITE_DOCS=1 asks (so that a test run leaves the work tree as
    /// it was); its PNG bytes.
    func keepScreenshot(_ name: String, in dir: String, width: Int, height: Int) async throws -> Data {
        try await resize(width: width, height: height)
        let png = try await screenshot()
        try png.write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
        if ProcessInfo.processInfo.environment["LTX_PREP_WRITE_DOCS"] == "1" {
            try png.write(to: URL(fileURLWithPath: Fixtures.repositoryRoot + "/docs/\(name)"))
        }
        return png
    }

    /// Sets the window's size, so that a screenshot holds what matters.
    func resize(width: Int, height: Int) async throws {
        _ = try await command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// Quits the browser, then the driver: SIGKILL, because chromedriver
    /// started from the test process was seen to outlive SIGTERM (the test
    /// then waited for it forever), and after Quit it holds nothing.
    func close() async {
        _ = try? await Self.call("DELETE", base + "/session/\(session)", nil)
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    private func command(_ method: String, _ route: String, _ body: [String: Any]?) async throws -> Any? {
        try await Self.call(method, base + "/session/\(session)" + route, body)
    }

    /// One WebDriver call: the answer's `value`, or the driver's error as thrown.
    private static func call(_ method: String, _ url: String, _ body: [String: Any]?, timeout: TimeAmount = .seconds(60)) async throws -> Any? {
        var request = HTTPClientRequest(url: url)
        request.method = switch method { case "POST": .POST; case "DELETE": .DELETE; default: .GET }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:]
        guard response.status.code == 200 else { throw WebDriverFailed(description: "\(method) \(url): \(response.status.code) \(json)") }
        return json["value"] ?? nil
    }

    /// A port nothing listens on now: bound to 0, read back, released.
    private static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriverFailed(description: "socket: \(errno)") }
        defer { Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WebDriverFailed(description: "bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
