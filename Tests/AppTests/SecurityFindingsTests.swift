import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Synchronization
import TestSupport
import Testing

/// The findings of the outside probe and code review (issue 9), each with the request that
/// showed it.
@Suite("Security findings")
struct SecurityFindingsTests {
    @Test("a session can be ended only by its owner: another account's or member's hash is the same 404 as an unknown one")
    func sessionOwnership() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "claire@amiens.fr", roles: [])
            try await platform.account("amiens", "paul@amiens.fr", roles: [])
            try await platform.account("boves", "eve@boves.fr", roles: [])
            try await platform.test { client in
                let claire = try await client.signIn("amiens.localhost", "claire@amiens.fr")
                let paul = try await client.signIn("amiens.localhost", "paul@amiens.fr")
                let eve = try await client.signIn("boves.localhost", "eve@boves.fr")
                let sessions = try await client.send(.get, "/api/v1/sessions", host: "amiens.localhost", cookie: claire)
                let hash = try #require((try sessions.json()["data"] as? [[String: Any]])?.first?["id"] as? String)
                let unknown = String(repeating: "ab", count: 32)
                // From another member, from another account of the same member, and unknown: 404 alike.
                for (host, cookie) in [("boves.localhost", eve), ("amiens.localhost", paul)] {
                    let refused = try await client.send(.delete, "/api/v1/sessions/\(hash)", host: host, cookie: cookie)
                    #expect(refused.status == .notFound, "\(host)")
                    let none = try await client.send(.delete, "/api/v1/sessions/\(unknown)", host: host, cookie: cookie)
                    #expect(none.status == .notFound)
                    #expect(try refused.json()["detail"] as? String == (try none.json()["detail"] as? String))
                }
                // The page form too.
                let page = try await client.send(.post, "/compte/sessions/\(hash)/fin", host: "amiens.localhost", cookie: paul,
                                                 body: "csrf=\(try csrf(of: paul))")
                #expect(page.status == .notFound)
                #expect(try await client.send(.get, "/api/v1/me", host: "amiens.localhost", cookie: claire).status == .ok)
                // Its owner can.
                #expect(try await client.send(.delete, "/api/v1/sessions/\(hash)", host: "amiens.localhost", cookie: claire).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "amiens.localhost", cookie: claire).status == .unauthorized)
            }
        }
    }
}

@Suite("Security findings over a real socket")
struct WireFindingsTests {
    @Test("a request body trickled a byte at a time is closed after the grace, whatever the route and framing")
    func slowBodies() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_HTTP_BODY_GRACE_SECONDS": "2"]) { platform in
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                let json = Array(#"{"email":"a@b.fr","password":"une phrase assez longue pour passer"}"#.utf8)
                let chunked = Array("10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n".utf8)
                let cases: [(String, String, [UInt8])] = [
                    ("JSON POST", "POST /api/v1/session HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/json\r\nContent-Length: \(json.count)\r\n\r\n", json),
                    ("chunked POST", "POST /api/v1/session HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunked),
                    ("token form", "POST /oauth/token HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60\r\n\r\n", Array(repeating: UInt8(ascii: "a"), count: 60)),
                    ("GET with a body", "GET /api/v1/news HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Length: 60\r\n\r\n", Array(repeating: UInt8(ascii: "a"), count: 60)),
                ]
                try await withThrowingTaskGroup(of: (String, Double?).self) { group in
                    for (name, head, body) in cases {
                        group.addTask {
                            (name, try RawHTTP.secondsUntilClosed(port: port, head: head, body: body, interval: .milliseconds(500), limit: .seconds(15)))
                        }
                    }
                    for try await (name, closedAfter) in group {
                        let seconds = try #require(closedAfter, "\(name): still open after 15 s")
                        #expect(seconds >= 1.5, "\(name) closed after \(seconds) s, before its grace")
                    }
                }
            }
        }
    }

    @Test("an absolute-form request target is served for the host it names (RFC 9112 §3.2.2), not the Host header's")
    func absoluteForm() async throws {
        try await TestPlatform.with { platform in
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                let request = "GET http://boves.localhost:\(port)/api/v1/news/1 HTTP/1.1\r\nHost: amiens.localhost\r\nConnection: close\r\n\r\n"
                let response = try RawHTTP.exchange(port: port, request: Array(request.utf8))
                #expect(response.status == 200)
                #expect(response.body.contains("Boves"))
                #expect(!response.body.contains("Amiens"))
                let unknown = "GET http://nosuch.localhost/api/v1/news/1 HTTP/1.1\r\nHost: amiens.localhost\r\nConnection: close\r\n\r\n"
                #expect(try RawHTTP.exchange(port: port, request: Array(unknown.utf8)).status == 404)
            }
        }
    }

    @Test("a malformed chunked body is a 400, not a 413")
    func malformedChunks() async throws {
        try await TestPlatform.with { platform in
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                let head = "POST /api/v1/session HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                for (framing, body) in [
                    ("Transfer-Encoding: chunked", "zz\r\nabc\r\n0\r\n\r\n"),
                    ("Transfer-Encoding: chunked", "-5\r\nabcde\r\n0\r\n\r\n"),
                    ("Transfer-Encoding: xchunked", "5\r\nabcde\r\n0\r\n\r\n"),
                ] {
                    let response = try RawHTTP.exchange(port: port, request: Array((head + framing + "\r\n\r\n" + body).utf8))
                    #expect(response.status == 400, "\(framing) \(body.prefix(3).debugDescription) → \(response.status)")
                }
            }
        }
    }
}

/// The CSRF token of a session opened by `signIn`.
func csrf(of cookie: String) throws -> String {
    guard let token = signedInTokens.withLock({ $0[cookie] }) else { throw TestFailure("no token for this session") }
    return token
}
