import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing

@Suite("Sessions over HTTP")
struct SessionHTTPTests {
    @Test("sign-in sets a __Host- cookie (Secure, HttpOnly, SameSite=Lax, Path=/); /me answers; sign-out ends it")
    func cookieLifecycle() async throws {
        try await TestPlatform.with { platform in
            let account = try await platform.account("amiens", "claire@amiens.fr", roles: [.agent])
            try await platform.test { client in
                let response = try await client.send(.post, "/api/v1/session", host: "amiens.localhost",
                                                     json: ["email": "Claire@Amiens.fr", "password": TestPlatform.password])
                #expect(response.status == .ok)
                let line = try #require(response.setCookieLine("__Host-mutualis"))
                for attribute in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] { #expect(line.contains(attribute), "\(line)") }
                #expect(!line.contains("Domain"))
                let cookie = try #require(response.cookie("__Host-mutualis"))
                let me = try await client.send(.get, "/api/v1/me", host: "amiens.localhost", cookie: cookie)
                #expect(me.status == .ok)
                #expect(try me.json()["id"] as? String == account.id.uuidString.lowercased())
                #expect(try me.json()["roles"] as? [String] == ["agent"])
                let token = try #require(try response.json()["csrf_token"] as? String)
                #expect(try me.json()["csrf_token"] as? String == token)
                let out = try await client.send(.delete, "/api/v1/session", host: "amiens.localhost", cookie: cookie,
                                                headers: [HTTPField.Name("X-CSRF-Token")!: token])
                #expect(out.status == .noContent)
                #expect(out.setCookieLine("__Host-mutualis")?.contains("Max-Age=0") == true)
                #expect(try await client.send(.get, "/api/v1/me", host: "amiens.localhost", cookie: cookie).status == .unauthorized)
            }
        }
    }

    @Test("a session of one member is refused on another member's host and on the console")
    func crossMember() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "claire@amiens.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let cookie = try await client.signIn("amiens.localhost", "claire@amiens.fr")
                #expect(try await client.send(.get, "/api/v1/me", host: "amiens.localhost", cookie: cookie).status == .ok)
                #expect(try await client.send(.get, "/api/v1/me", host: "boves.localhost", cookie: cookie).status == .unauthorized)
                #expect(try await client.send(.get, "/api/v1/agents", host: "boves.localhost", cookie: cookie).status == .unauthorized)
                let console = try await client.send(.get, "/console/", host: "admin.localhost", cookie: cookie)
                #expect(console.status == .seeOther)
                #expect(console.headers[.location] == "/console/connexion?retour=/console/")
            }
        }
    }

    @Test("each sign-in gets a new session id; sign-out everywhere ends them all")
    func rotationAndEverywhere() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("camon", "paul@camon.fr", roles: [])
            try await platform.test { client in
                let first = try await client.signIn("camon.localhost", "paul@camon.fr")
                let second = try await client.signIn("camon.localhost", "paul@camon.fr")
                #expect(first != second)
                let list = try await client.send(.get, "/api/v1/sessions", host: "camon.localhost", cookie: second)
                #expect((try list.json()["data"] as? [[String: Any]])?.count == 2)
                #expect(try await client.send(.delete, "/api/v1/sessions", host: "camon.localhost", cookie: second).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "camon.localhost", cookie: first).status == .unauthorized)
                #expect(try await client.send(.get, "/api/v1/me", host: "camon.localhost", cookie: second).status == .unauthorized)
            }
        }
    }

    @Test("disabling an account or changing its roles ends its sessions at once")
    func privilegeChanges() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("rivery", "admin@rivery.fr", roles: [.tenantAdmin])
            let agent = try await platform.account("rivery", "agent@rivery.fr", roles: [.agent])
            try await platform.test { client in
                let admin = try await client.signIn("rivery.localhost", "admin@rivery.fr")
                var session = try await client.signIn("rivery.localhost", "agent@rivery.fr")
                let id = agent.id.uuidString.lowercased()
                let roles = try await client.send(.put, "/api/v1/agents/\(id)/roles", host: "rivery.localhost",
                                                  json: ["roles": ["agent", "signatory"]], cookie: admin)
                #expect(roles.status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "rivery.localhost", cookie: session).status == .unauthorized)
                session = try await client.signIn("rivery.localhost", "agent@rivery.fr")
                #expect(try await client.send(.get, "/api/v1/me", host: "rivery.localhost", cookie: session).json()["roles"] as? [String] == ["agent", "signatory"])
                #expect(try await client.send(.post, "/api/v1/agents/\(id)/disable", host: "rivery.localhost", json: [:], cookie: admin).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "rivery.localhost", cookie: session).status == .unauthorized)
                let again = try await client.send(.post, "/api/v1/session", host: "rivery.localhost",
                                                  json: ["email": "agent@rivery.fr", "password": TestPlatform.password])
                #expect(again.status == .unauthorized)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.audit_journal WHERE action IN ('roles.change', 'account.disable', 'session.revoke')") == 3)
        }
    }

    @Test("failed sign-ins: the same answer for a wrong password and an unknown account, then 429")
    func throttling() async throws {
        try await TestPlatform.with { platform in
            // Throttling counters live in Redis, which outlives this test's database: fresh addresses.
            let run = UUID().uuidString.prefix(8).lowercased()
            let (marie, nobody) = ("marie.\(run)@saleux.fr", "nobody.\(run)@saleux.fr")
            try await platform.account("saleux", marie, roles: [])
            try await platform.test { client in
                let unknown = try await client.send(.post, "/api/v1/session", host: "saleux.localhost", json: ["email": nobody, "password": "x"])
                let wrong = try await client.send(.post, "/api/v1/session", host: "saleux.localhost", json: ["email": marie, "password": "x"])
                #expect(unknown.status == .unauthorized)
                #expect(wrong.status == .unauthorized)
                #expect(try unknown.json()["detail"] as? String == (try wrong.json()["detail"] as? String))
                for _ in 0..<4 {
                    _ = try await client.send(.post, "/api/v1/session", host: "saleux.localhost", json: ["email": marie, "password": "x"])
                }
                let throttled = try await client.send(.post, "/api/v1/session", host: "saleux.localhost",
                                                      json: ["email": marie, "password": TestPlatform.password])
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] != nil)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.audit_journal WHERE action = 'session.login' AND outcome = 'failure'") == 6)
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.audit_journal WHERE action = 'session.login' AND outcome = 'denied'") == 1)
        }
    }

    @Test("forms without the right CSRF token are refused; with it they work")
    func csrf() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("boves", "luc@boves.fr", roles: [])
            try await platform.test { client in
                // Sign-in form: the page sets an anonymous CSRF cookie and embeds the token.
                let page = try await client.send(.get, "/compte/connexion", host: "boves.localhost")
                let anonymous = try #require(page.cookie("__Host-mutualis-csrf"))
                let fields = ["email": "luc@boves.fr", "password": TestPlatform.password]
                let forged = try await client.send(.post, "/compte/connexion", host: "boves.localhost", body: form(fields))
                #expect(forged.status == .forbidden)
                let mismatched = try await client.send(.post, "/compte/connexion", host: "boves.localhost",
                                                       cookie: "__Host-mutualis-csrf=\(anonymous)", body: form(fields.merging(["csrf": "nope"]) { $1 }))
                #expect(mismatched.status == .forbidden)
                let signedIn = try await client.send(.post, "/compte/connexion", host: "boves.localhost",
                                                     cookie: "__Host-mutualis-csrf=\(anonymous)", body: form(fields.merging(["csrf": anonymous]) { $1 }))
                #expect(signedIn.status == .seeOther)
                let session = try #require(signedIn.cookie("__Host-mutualis"))
                let me = try await client.send(.get, "/api/v1/me", host: "boves.localhost", cookie: session)
                let token = try #require(try me.json()["csrf_token"] as? String)
                let noToken = try await client.send(.post, "/compte/deconnexion", host: "boves.localhost", cookie: session, body: "")
                #expect(noToken.status == .forbidden)
                #expect(try await client.send(.get, "/api/v1/me", host: "boves.localhost", cookie: session).status == .ok)
                let out = try await client.send(.post, "/compte/deconnexion", host: "boves.localhost", cookie: session, body: form(["csrf": token]))
                #expect(out.status == .seeOther)
                #expect(try await client.send(.get, "/api/v1/me", host: "boves.localhost", cookie: session).status == .unauthorized)
                // The JSON API takes cookie-authenticated writes only as JSON.
                let asForm = try await client.send(.post, "/api/v1/session", host: "boves.localhost", body: form(fields))
                #expect(asForm.status == .unsupportedMediaType)
            }
        }
    }

    @Test("a cookie-authenticated API write without the session's X-CSRF-Token is refused and changes nothing")
    func apiCSRF() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("rivery", "admin@rivery.fr", roles: [.tenantAdmin])
            let agent = try await platform.account("rivery", "agent@rivery.fr", roles: [.agent])
            try await platform.test { client in
                let cookie = try await client.signIn("rivery.localhost", "admin@rivery.fr")
                // A form can post without a body; a doubled slash still reaches the API route.
                for path in ["/api/v1/agents/\(agent.id)/disable", "//api/v1/agents/\(agent.id)/disable"] {
                    let forgedForm = try await client.send(.post, path, host: "rivery.localhost", cookie: cookie, body: "", csrf: false)
                    #expect(forgedForm.status == .forbidden, "\(path)")
                }
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.accounts WHERE status = 'active'") == 2)
                let before = try await platform.count("SELECT count(*) FROM tenant_rivery.news")
                let forged = try await client.send(.post, "/api/v1/news", host: "rivery.localhost", json: ["title": "Forgé"], cookie: cookie, csrf: false)
                #expect(forged.status == .forbidden)
                #expect(forged.headers[.contentType] == "application/problem+json")
                let wrong = try await client.send(.post, "/api/v1/news", host: "rivery.localhost", json: ["title": "Forgé"], cookie: cookie,
                                                  headers: [HTTPField.Name("X-CSRF-Token")!: String(repeating: "A", count: 32)], csrf: false)
                #expect(wrong.status == .forbidden)
                let signOut = try await client.send(.delete, "/api/v1/session", host: "rivery.localhost", cookie: cookie, csrf: false)
                #expect(signOut.status == .forbidden)
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.news") == before)
                #expect(try await client.send(.get, "/api/v1/me", host: "rivery.localhost", cookie: cookie).status == .ok, "reads need no token")
                let published = try await client.send(.post, "/api/v1/news", host: "rivery.localhost", json: ["title": "Publié"], cookie: cookie)
                #expect(published.status == .created)
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.news") == before + 1)
            }
        }
    }
}
