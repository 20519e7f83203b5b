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

/// The CSRF token of a session opened by `signIn`.
func csrf(of cookie: String) throws -> String {
    guard let token = signedInTokens.withLock({ $0[cookie] }) else { throw TestFailure("no token for this session") }
    return token
}
