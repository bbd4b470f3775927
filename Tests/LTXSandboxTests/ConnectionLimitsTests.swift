import Foundation
import Testing
import TestSupport

/// What the sandbox does with clients no HTTP library would be: slow ones,
/// ones that declare too much and wait, ones whose body cannot be framed.
/// Spoken to over raw sockets on 127.0.0.1.
@Suite struct ConnectionLimitsTests {
    let dir = TemporaryDirectory.make("ltx-sandbox-conn")
    static let bearer = "Authorization: Bearer \(SandboxInProcess.key)\r\n"

    /// One upload URL's path and query, from a raw `POST /v1/upload`.
    func uploadPath(_ port: Int) async throws -> String {
        let answer = try await RawConnection.offPool { () throws -> RawAnswer? in
            let c = try RawConnection(port: port)
            try c.write("POST /v1/upload HTTP/1.1\r\nHost: x\r\n\(Self.bearer)Content-Length: 0\r\n\r\n")
            return c.readAnswer()
        }
        let body = try #require(answer).body
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let url = try #require((json["upload_url"] as? String).flatMap(URL.init(string:)))
        return url.path + "?" + (url.query ?? "")
    }

    /// A declared length over the route's limit with `Expect: 100-continue`
    /// is refused before any body is sent (none ever is here), and the
    /// connection closes: neither side waits for the other.
    @Test func expectContinueOverTheLimitIs413AtOnce() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let upload = try await uploadPath(port)
        for head in [
            "POST /v1/retake HTTP/1.1\r\nHost: x\r\n\(Self.bearer)Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 300000000\r\n\r\n",
            "PUT \(upload) HTTP/1.1\r\nHost: x\r\nx-goog-content-length-range: 0,200000000\r\nExpect: 100-continue\r\nContent-Length: 300000000\r\n\r\n",
        ] {
            let (answer, closed) = try await RawConnection.offPool { () throws -> (RawAnswer?, Bool) in
                let c = try RawConnection(port: port)
                try c.write(head)
                let answer = c.readAnswer()
                c.read()  // to the close
                return (answer, c.closed)
            }
            let a = try #require(answer, "no answer to \(head)")
            #expect(a.status == 413, "\(a.text)")
            #expect(a.text.contains("request_too_large"))
            #expect(a.headers["connection"] == "close")
            #expect(closed)
        }
    }

    /// Within the limit, `Expect: 100-continue` gets `100 Continue` before
    /// the body is sent, then the answer to the whole request.
    @Test func expectContinueWithinTheLimitIsInvitedIn() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let upload = try await uploadPath(port)
        let (interim, final) = try await RawConnection.offPool { () throws -> (RawAnswer?, RawAnswer?) in
            let c = try RawConnection(port: port)
            try c.write("PUT \(upload) HTTP/1.1\r\nHost: x\r\nx-goog-content-length-range: 0,200000000\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = c.readAnswer()
            try c.write("hello")
            return (interim, c.readAnswer())
        }
        #expect(interim?.status == 100)
        #expect(final?.status == 200, "\(final?.text ?? "no answer")")
    }

    /// A chunked body that cannot be framed is the client's error, 400, on
    /// the API routes and on the upload URL alike; never 413 or 500.
    @Test func aBrokenChunkIs400() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir)
        defer { server.cancel() }
        let upload = try await uploadPath(port)
        for head in [
            "POST /v1/retake HTTP/1.1\r\nHost: x\r\n\(Self.bearer)Content-Type: application/json\r\n",
            "PUT \(upload) HTTP/1.1\r\nHost: x\r\nx-goog-content-length-range: 0,200000000\r\n",
        ] {
            let answer = try await RawConnection.offPool { () throws -> RawAnswer? in
                let c = try RawConnection(port: port)
                try c.write(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
                return c.readAnswer()
            }
            let a = try #require(answer, "no answer to \(head)")
            #expect(a.status == 400, "\(a.text)")
            #expect(a.text.contains("invalid_request_error"))
        }
    }

    /// A client that trickles its head, or stops sending a body, loses the
    /// connection: the server closes it (the sockets' bound is only a net).
    @Test func slowClientsAreClosed() async throws {
        let (port, server) = try await SandboxInProcess.start(storage: dir) {
            $0.headerTimeout = .milliseconds(300)
            $0.idleTimeout = .milliseconds(600)
        }
        defer { server.cancel() }
        let upload = try await uploadPath(port)
        let (headRead, headClosed) = try await RawConnection.offPool { () throws -> ([UInt8], Bool) in
            let c = try RawConnection(port: port)
            try c.write("POST /v1/retake HTTP/1.1\r\nHost: x\r\nAuthori")
            return (c.read(), c.closed)
        }
        #expect(headClosed)
        #expect(headRead.isEmpty)  // closed, not answered

        let bodyClosed = try await RawConnection.offPool { () throws -> Bool in
            let c = try RawConnection(port: port)
            try c.write("PUT \(upload) HTTP/1.1\r\nHost: x\r\nx-goog-content-length-range: 0,200000000\r\nContent-Length: 100\r\n\r\n0123456789")
            c.read()
            return c.closed
        }
        #expect(bodyClosed)
    }
}
