import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
import Tenancy
import TenantStore
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

extension SecurityFindingsTests {
    @Test("sign-up is throttled per address; a sign-up flood leaves sign-in working")
    func signUpThrottle() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "claire@amiens.fr", roles: [])
            try await platform.test { client in
                var statuses: [HTTPResponse.Status] = []
                for index in 0..<7 {
                    let response = try await client.send(.post, "/api/v1/accounts", host: "boves.localhost",
                                                         json: ["email": "robot\(index)@exemple.fr", "password": "une phrase assez longue \(index)"])
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
                        #expect(try response.json()["type"] as? String == "/problems/too-many-requests")
                    }
                }
                #expect(statuses.prefix(5).allSatisfy { $0 == .accepted })
                #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
                // Nothing of the refused ones was written.
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.accounts WHERE email LIKE 'robot%'") == 5)
                // Sign-in is another bucket, on another member as on this one.
                _ = try await client.signIn("amiens.localhost", "claire@amiens.fr")
            }
        }
    }

    @Test("reset and verification mails to one recipient are throttled whatever the address and the member")
    func mailBombing() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("camon", "cible@exemple.fr", roles: [])
            let lifecycle = AccountLifecycle(context: platform.services.identity)
            let camon = try #require(platform.services.directory.current.tenant(try TenantSlug("camon")))
            let rivery = try #require(platform.services.directory.current.tenant(try TenantSlug("rivery")))
            for index in 0..<3 {
                try await lifecycle.requestReset(tenant: index == 1 ? rivery : camon, email: "cible@exemple.fr",
                                                 origin: RequestOrigin(ip: "198.51.100.\(index)", userAgent: nil, portal: ""))
            }
            await #expect(throws: IdentityError.tooManyRequests(retryAfter: 600)) {
                try await lifecycle.requestReset(tenant: camon, email: "cible@exemple.fr", origin: RequestOrigin(ip: "198.51.100.9", userAgent: nil, portal: ""))
            }
            await #expect(throws: IdentityError.self) {
                try await lifecycle.resendVerification(tenant: camon, email: "CIBLE@exemple.fr", origin: RequestOrigin(ip: "198.51.100.10", userAgent: nil, portal: ""))
            }
            // Another recipient is not affected.
            try await lifecycle.requestReset(tenant: camon, email: "autre@exemple.fr", origin: RequestOrigin(ip: "198.51.100.9", userAgent: nil, portal: ""))
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'mail.send' AND payload->>'to' = 'cible@exemple.fr'") == 2)
        }
    }

    @Test("links in mail use the configured scheme, host and port, never the request's Host")
    func linksFromConfiguration() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_PUBLIC_PORT": "8443"]) { platform in
            try await platform.account("amiens", "paul@amiens.fr", roles: [])
            try await platform.test { client in
                let response = try await client.send(.post, "/api/v1/password-resets", host: "AMIENS.localhost.:31337", json: ["email": "paul@amiens.fr"])
                #expect(response.status == .accepted)
            }
            let body = try #require(try await platform.services.postgres.query(
                "SELECT payload->>'body' FROM platform.jobs WHERE kind = 'mail.send' AND payload->>'to' = 'paul@amiens.fr'"
            ).single()?.decode(String.self, at: 0))
            #expect(body.contains("https://amiens.localhost:8443/compte/nouveau-mot-de-passe?jeton="))
            #expect(!body.contains("31337"))
            #expect(!body.contains("AMIENS"))
        }
    }

    @Test("an API client's scopes are delegable permissions its creator holds")
    func clientScopes() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("saleux", "admin@saleux.fr", roles: [.tenantAdmin])
            try await platform.account("saleux", "chef@saleux.fr", roles: [.tenantAdmin, .archivist, .signatory, .agent])
            try await platform.test { client in
                let admin = try await client.signIn("saleux.localhost", "admin@saleux.fr")
                let chef = try await client.signIn("saleux.localhost", "chef@saleux.fr")
                // Not delegable, whoever asks: managing people, credentials, signing, eliminating.
                for scope in ["users.manage", "clients.manage", "sessions.manage", "parapheur.sign", "archive.eliminate", "console.grants"] {
                    let refused = try await client.send(.post, "/api/v1/clients", host: "saleux.localhost", json: ["name": "ERP", "scopes": [scope]], cookie: chef)
                    #expect(refused.status == .unprocessableContent, "\(scope) → \(refused.status)")
                }
                let held = try await client.send(.post, "/api/v1/clients", host: "saleux.localhost", json: ["name": "GED", "scopes": ["news.publish", "audit.read"]], cookie: admin)
                #expect(held.status == .created)
                #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.api_clients") == 1)
            }
            // Delegable, but not held by whoever creates the client.
            let administration = MemberAdministration(context: platform.services.identity)
            let holder = Principal(kind: .agent, id: "x", label: "x", tenant: try TenantSlug("saleux"), roles: [], permissions: [.clientsManage, .auditRead])
            await #expect(throws: IdentityError.invalidScope("news.publish")) {
                _ = try await administration.createClient(tenant: try TenantSlug("saleux"), name: "GED", scopes: ["news.publish"], by: holder, origin: nil)
            }
            _ = try await administration.createClient(tenant: try TenantSlug("saleux"), name: "SIEM", scopes: ["audit.read"], by: holder, origin: nil)
            try await platform.test { _ in
            }
        }
    }

    @Test("HSTS is sent on every answer of an HTTPS deployment, and not in plain-HTTP development")
    func strictTransportSecurity() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_HSTS_SECONDS": "86400"]) { platform in
            try await platform.test { client in
                for path in ["/", "/api/v1/news", "/nulle-part"] {
                    let response = try await client.get(path, host: "longueau.localhost")
                    #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=86400", "\(path)")
                }
            }
        }
        try await TestPlatform.with(environment: ["MUTUALIS_INSECURE_COOKIES": "1"]) { platform in
            try await platform.test { client in
                let response = try await client.get("/", host: "longueau.localhost")
                #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            }
        }
    }

    @Test("every console form answers bad input with a French 4xx, never a 500, and keeps the server up")
    func consoleForms() async throws {
        try await TestPlatform.with { platform in
            try await OperatorConsole(context: platform.services.identity).createOperator(email: "ops@consortium.fr", displayName: "Ops", password: TestPlatform.password)
            try await platform.account("camon", "agent@camon.fr", roles: [.agent])
            try await platform.test { client in
                let page = try await client.send(.get, "/console/connexion", host: "admin.localhost")
                let anonymous = try #require(page.cookie("__Host-mutualis-csrf"))
                let signedIn = try await client.send(.post, "/console/connexion", host: "admin.localhost", cookie: "__Host-mutualis-csrf=\(anonymous)",
                                                     body: form(["csrf": anonymous, "email": "ops@consortium.fr", "password": TestPlatform.password]))
                let session = try #require(signedIn.cookie("__Host-mutualis"))
                let home = try await client.send(.get, "/console/", host: "admin.localhost", cookie: session)
                let token = try #require(home.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix(32)).description
                let cases: [(String, [String: String], Int)] = [
                    ("/console/acces", ["tenant": "boves", "reason": "ticket 1", "minutes": "9223372036854775807"], 400),
                    ("/console/acces", ["tenant": "boves", "reason": "ticket 1", "minutes": "0"], 400),
                    ("/console/acces", ["tenant": "boves", "reason": "ticket 1", "minutes": "-30"], 400),
                    ("/console/acces", ["tenant": "boves", "reason": "ticket 1", "minutes": "beaucoup"], 400),
                    ("/console/acces", ["tenant": "Boves", "reason": "ticket 1", "minutes": "30"], 400),
                    ("/console/acces", ["tenant": "inconnue", "reason": "ticket 1", "minutes": "30"], 404),
                    ("/console/acces", ["tenant": "boves", "reason": "x", "minutes": "30"], 422),
                    ("/console/acces", ["tenant": "boves", "minutes": "30"], 400),
                    ("/console/sessions/fin", ["tenant": "Camon", "account": "agent@camon.fr"], 400),
                    ("/console/sessions/fin", ["tenant": "camon ", "account": "agent@camon.fr"], 400),
                    ("/console/sessions/fin", ["tenant": "tenant_camon", "account": "agent@camon.fr"], 400),
                    ("/console/sessions/fin", ["tenant": "nulle-part", "account": "agent@camon.fr"], 404),
                    ("/console/sessions/fin", ["tenant": "camon", "account": "personne@camon.fr"], 404),
                    ("/console/sessions/fin", ["tenant": "camon", "account": "n'importe quoi"], 422),
                    ("/console/sessions/fin", ["tenant": "camon", "account": ""], 400),
                    ("/console/sessions/fin", ["tenant": "camon"], 400),
                    ("/console/connexion", ["email": "ops@consortium.fr"], 400),
                ]
                for (path, fields, status) in cases {
                    let response = try await client.send(.post, path, host: "admin.localhost", cookie: session, body: form(fields.merging(["csrf": token]) { a, _ in a }))
                    #expect(Int(response.status.code) == status, "\(path) \(fields) → \(response.status)")
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(response.text.contains("lang=\"fr\""))
                }
                // By e-mail address, the operator finds the account and ends its sessions.
                _ = try await client.signIn("camon.localhost", "agent@camon.fr")
                let ended = try await client.send(.post, "/console/sessions/fin", host: "admin.localhost", cookie: session,
                                                  body: form(["csrf": token, "tenant": "camon", "account": "Agent@Camon.fr"]))
                #expect(ended.status == .ok)
                #expect(ended.text.contains("1 session(s) de Agent@Camon.fr fermée(s)"))
                #expect(try await client.get("/console/", host: "admin.localhost", headers: [.cookie: "__Host-mutualis=\(session)"]).status == .ok)
            }
        }
    }

    @Test("pages: a signed-in person's error page shows them signed in, a 403 says what is missing in French, one's own role change says so")
    func pagesForPeople() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("pont-de-metz", "admin@pdm.fr", roles: [.tenantAdmin, .agent])
            try await platform.account("pont-de-metz", "agent@pdm.fr", roles: [.agent])
            try await platform.test { client in
                let agent = try await client.signIn("pont-de-metz.localhost", "agent@pdm.fr")
                let missing = try await client.send(.get, "/actualites/999999", host: "pont-de-metz.localhost", cookie: agent)
                #expect(missing.status == .notFound)
                #expect(missing.text.contains("agent@pdm.fr"))
                #expect(missing.text.contains("Se déconnecter"))
                #expect(!missing.text.contains("Se connecter<"))
                let forbidden = try await client.send(.get, "/administration/agents", host: "pont-de-metz.localhost", cookie: agent)
                #expect(forbidden.status == .forbidden)
                #expect(forbidden.text.contains("gérer les agents et leurs rôles"))
                #expect(!forbidden.text.contains("users.manage"))

                let admin = try await client.signIn("pont-de-metz.localhost", "admin@pdm.fr")
                let me = try await client.send(.get, "/api/v1/me", host: "pont-de-metz.localhost", cookie: admin)
                let id = try #require(try me.json()["id"] as? String)
                let csrf = try csrf(of: admin)
                // Removing one's own administrator role asks for a confirmation first.
                let unconfirmed = try await client.send(.post, "/administration/agents/\(id)/roles", host: "pont-de-metz.localhost", cookie: admin,
                                                        body: "csrf=\(csrf)&roles%5B%5D=agent")
                #expect(unconfirmed.status == .unprocessableContent)
                #expect(unconfirmed.text.contains("votre propre rôle d&#39;administrateur") || unconfirmed.text.contains("votre propre rôle d'administrateur"))
                #expect(try await client.send(.get, "/api/v1/me", host: "pont-de-metz.localhost", cookie: admin).status == .ok)
                let confirmed = try await client.send(.post, "/administration/agents/\(id)/roles", host: "pont-de-metz.localhost", cookie: admin,
                                                      body: "csrf=\(csrf)&roles%5B%5D=agent&confirmer=oui")
                #expect(confirmed.status == .seeOther)
                #expect(confirmed.headers[.location] == "/compte/connexion?message=roles")
                let login = try await client.send(.get, "/compte/connexion?message=roles", host: "pont-de-metz.localhost")
                #expect(login.text.contains("Vos rôles ont été modifiés"))
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
                // Bodies long enough to trickle for 50 s; closed after the 2 s grace. The 40 s bound
                // leaves room for a machine loaded by the rest of the suite.
                let cases: [(String, String, [UInt8])] = [
                    ("JSON POST", "POST /api/v1/session HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/json\r\nContent-Length: \(json.count)\r\n\r\n", json),
                    ("chunked POST", "POST /api/v1/session HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunked),
                    ("token form", "POST /oauth/token HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n", Array(repeating: UInt8(ascii: "a"), count: 100)),
                    ("GET with a body", "GET /api/v1/news HTTP/1.1\r\nHost: amiens.localhost\r\nContent-Length: 100\r\n\r\n", Array(repeating: UInt8(ascii: "a"), count: 100)),
                ]
                try await withThrowingTaskGroup(of: (String, Double?).self) { group in
                    for (name, head, body) in cases {
                        group.addTask {
                            (name, try await RawHTTP.secondsUntilClosed(port: port, head: head, body: body, interval: .milliseconds(500), limit: .seconds(40)))
                        }
                    }
                    for try await (name, closedAfter) in group {
                        let seconds = try #require(closedAfter, "\(name): still open after 40 s")
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
                let response = try await RawHTTP.exchange(port: port, request: Array(request.utf8))
                #expect(response.status == 200)
                #expect(response.body.contains("Boves"))
                #expect(!response.body.contains("Amiens"))
                let unknown = "GET http://nosuch.localhost/api/v1/news/1 HTTP/1.1\r\nHost: amiens.localhost\r\nConnection: close\r\n\r\n"
                let unknownResponse = try await RawHTTP.exchange(port: port, request: Array(unknown.utf8))
                #expect(unknownResponse.status == 404)
            }
        }
    }

    @Test("behind a trusted proxy the journal and throttle see the forwarded client; untrusted peers' headers are ignored")
    func trustedProxies() async throws {
        for (trusted, expected) in [("127.0.0.0/8", "203.0.113.9"), ("", "127.0.0.1")] {
            try await TestPlatform.with(environment: ["MUTUALIS_TRUSTED_PROXIES": trusted]) { platform in
                try await platform.application.test(.live) { client in
                    let port = try #require(client.port)
                    let body = #"{"email":"x@rivery.fr","password":"pas le bon"}"#
                    let request = "POST /api/v1/session HTTP/1.1\r\nHost: rivery.localhost\r\nContent-Type: application/json\r\n"
                        + "X-Forwarded-For: 6.6.6.6, 203.0.113.9\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                    let response = try await RawHTTP.exchange(port: port, request: Array(request.utf8))
                    #expect(response.status == 401)
                }
                let ip = try await platform.services.postgres.query("SELECT ip FROM tenant_rivery.audit_journal WHERE action = 'session.login'").single()?.decode(String.self, at: 0)
                #expect(ip == expected, "trusted: \(trusted.isEmpty ? "none" : trusted)")
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
                    let response = try await RawHTTP.exchange(port: port, request: Array((head + framing + "\r\n\r\n" + body).utf8))
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
