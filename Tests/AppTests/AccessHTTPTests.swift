import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Modules
import News
import TestSupport
import Testing
import Web

@Suite("Permissions and partner clients over HTTP")
struct AccessHTTPTests {
    /// (method, path, body) of routes guarded by a permission, with what they require.
    nonisolated(unsafe) static let sample: [(HTTPRequest.Method, String, [String: Any]?, Permission?)] = [
        (.get, "/api/v1/agents", nil, .usersManage),
        (.get, "/api/v1/clients", nil, .clientsManage),
        (.post, "/api/v1/news", ["title": "Travaux rue de la République"], .newsPublish),
        (.get, "/api/v1/sessions", nil, nil),
        (.get, "/administration/agents", nil, .usersManage),
    ]

    @Test("the permission matrix: each role against a sample of routes, allowed or 403; anonymous 401")
    func matrix() async throws {
        try await TestPlatform.with { platform in
            let roles: [(String, Set<Role>)] = [
                ("citizen", []), ("agent", [.agent]), ("signatory", [.signatory]), ("buyer", [.buyer]),
                ("archivist", [.archivist]), ("admin", [.tenantAdmin]),
            ]
            for (name, set) in roles { try await platform.account("longueau", "\(name)@longueau.fr", roles: set) }
            try await platform.test { client in
                for (name, set) in roles {
                    let cookie = try await client.signIn("longueau.localhost", "\(name)@longueau.fr")
                    let granted = platform.services.modules.catalog.permissions(of: set)
                    for (method, path, body, permission) in Self.sample {
                        let response = try await client.send(method, path, host: "longueau.localhost", json: body, cookie: cookie)
                        let allowed = permission.map(granted.contains) ?? true
                        if allowed {
                            #expect((200..<300).contains(Int(response.status.code)), "\(name) \(method) \(path) → \(response.status)")
                        } else {
                            #expect(response.status == .forbidden, "\(name) \(method) \(path) → \(response.status)")
                        }
                    }
                }
                for (method, path, body, _) in Self.sample where path.hasPrefix("/api/") {
                    #expect(try await client.send(method, path, host: "longueau.localhost", json: body).status == .unauthorized, "\(path)")
                }
                let page = try await client.send(.get, "/administration/agents", host: "longueau.localhost")
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == "/compte/connexion?retour=/administration/agents")
            }
        }
    }

    @Test("deny by default: every declared route that is not public refuses an anonymous caller")
    func denyByDefault() async throws {
        try await TestPlatform.with { platform in
            let guarded = platform.routes.all.filter { $0.access != RouteAccess.public }
            #expect(guarded.count >= 15)
            try await platform.test { client in
                for route in guarded {
                    let path = route.path.replacingOccurrences(of: ":id", with: "00000000-0000-0000-0000-000000000000")
                        .replacingOccurrences(of: ":client_id", with: "c_0000")
                    let host = route.scope == .console ? "admin.localhost" : "amiens.localhost"  // every module enabled
                    let response = try await client.send(route.method, path, host: host, json: route.method == .get ? nil : [:])
                    #expect([.unauthorized, .seeOther].contains(response.status), "\(route.method) \(route.path) → \(response.status)")
                }
            }
        }
    }

    @Test("client credentials: token, scoped access, refused on another member, dead at once when the client is revoked")
    func clientCredentials() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "admin@amiens.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let admin = try await client.signIn("amiens.localhost", "admin@amiens.fr")
                let created = try await client.send(.post, "/api/v1/clients", host: "amiens.localhost",
                                                    json: ["name": "Logiciel de gestion", "scopes": ["news.read", "news.publish"]], cookie: admin)
                #expect(created.status == .created)
                let clientID = try #require(try created.json()["client_id"] as? String)
                let secret = try #require(try created.json()["client_secret"] as? String)
                let basic = Data("\(clientID):\(secret)".utf8).base64EncodedString()

                let wrong = try await client.send(.post, "/oauth/token", host: "amiens.localhost",
                                                  body: form(["grant_type": "client_credentials", "client_id": clientID, "client_secret": "nope"]))
                #expect(wrong.status == .unauthorized)
                #expect(try wrong.json()["error"] as? String == "invalid_client")
                let badGrant = try await client.send(.post, "/oauth/token", host: "amiens.localhost", body: form(["grant_type": "password"]))
                #expect(try badGrant.json()["error"] as? String == "unsupported_grant_type")
                let tooWide = try await client.send(.post, "/oauth/token", host: "amiens.localhost",
                                                    headers: [.authorization: "Basic \(basic)"], body: form(["grant_type": "client_credentials", "scope": "users.manage"]))
                #expect(try tooWide.json()["error"] as? String == "invalid_scope")

                let issued = try await client.send(.post, "/oauth/token", host: "amiens.localhost",
                                                   headers: [.authorization: "Basic \(basic)"], body: form(["grant_type": "client_credentials"]))
                #expect(issued.status == .ok)
                let body = try issued.json()
                let token = try #require(body["access_token"] as? String)
                #expect(body["token_type"] as? String == "Bearer")
                #expect((body["expires_in"] as? Int).map { $0 <= 900 } == true)
                let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

                let me = try await client.send(.get, "/api/v1/me", host: "amiens.localhost", headers: bearer)
                #expect(try me.json()["kind"] as? String == "client")
                let published = try await client.send(.post, "/api/v1/news", host: "amiens.localhost", json: ["title": "Publié par un partenaire"], headers: bearer)
                #expect(published.status == .created)
                #expect(try await client.send(.get, "/api/v1/agents", host: "amiens.localhost", headers: bearer).status == .forbidden)
                #expect(try await client.send(.get, "/api/v1/me", host: "boves.localhost", headers: bearer).status == .unauthorized)
                // A partner system is not a signed-in person.
                #expect(try await client.send(.get, "/api/v1/sessions", host: "amiens.localhost", headers: bearer).status == .unauthorized)

                #expect(try await client.send(.delete, "/api/v1/clients/\(clientID)", host: "amiens.localhost", cookie: admin).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "amiens.localhost", headers: bearer).status == .unauthorized)
                let afterRevocation = try await client.send(.post, "/oauth/token", host: "amiens.localhost",
                                                            headers: [.authorization: "Basic \(basic)"], body: form(["grant_type": "client_credentials"]))
                #expect(afterRevocation.status == .unauthorized)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_amiens.audit_journal WHERE action IN ('client.create', 'client.revoke')") == 2)
            #expect(try await platform.count("SELECT count(*) FROM tenant_amiens.audit_journal WHERE action = 'news.publish' AND actor_kind = 'client'") == 1)
        }
    }

    @Test("bad input gets a 4xx and writes nothing", arguments: [
        ("/api/v1/accounts", "application/json", #"{"email": "x@y.fr"}"#, 400),
        ("/api/v1/accounts", "application/json", #"{"email": "x@y.fr", "password": 12}"#, 400),
        ("/api/v1/accounts", "application/json", "{\"email\": \"x@y.fr\", \"password\": \"\u{FFFD}\(String(repeating: "p", count: 20))\", \"display_name\": \"\(String(repeating: "n", count: 500))\"}", 422),
        ("/api/v1/accounts", "application/json", #"{"email": "not-an-address", "password": "une phrase de passe assez longue"}"#, 422),
        ("/api/v1/accounts", "application/json", "{\"email\": \"\(String(repeating: "a", count: 300))@y.fr\", \"password\": \"une phrase de passe assez longue\"}", 422),
        ("/api/v1/accounts", "text/plain", #"{"email": "x@y.fr", "password": "une phrase de passe assez longue"}"#, 415),
        ("/api/v1/accounts", "application/json", "{\"email\": \"x@y.fr\", \"password\": \"\(String(repeating: "x", count: 70_000))\"}", 413),
        ("/api/v1/session", "application/json", "not json at all", 400),
        ("/api/v1/password-resets/confirmation", "application/json", #"{"token": "forged", "password": "une phrase de passe assez longue"}"#, 400),
    ])
    func badInput(_ path: String, _ contentType: String, _ body: String, _ status: Int) async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let response = try await client.send(.post, path, host: "salouel.localhost", body: body, contentType: contentType)
                #expect(Int(response.status.code) == status, "\(response.text.prefix(300))")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_salouel.accounts") == 0)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs") == 0)
        }
    }

    @Test("invalid UTF-8 in a form is a 400")
    func invalidUTF8() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                var headers: HTTPFields = [HTTPField.Name("Host")!: "salouel.localhost", .contentType: "application/x-www-form-urlencoded"]
                headers[.cookie] = "__Host-mutualis-csrf=abc"
                let response = try await client.execute(uri: "/compte/connexion", method: .post, headers: headers,
                                                        body: ByteBuffer(bytes: Array("csrf=abc&email=".utf8) + [0xC3, 0x28, 0xFF]))
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("an administrator cannot disable their own account (422), another's yes")
    func noSelfDisable() async throws {
        try await TestPlatform.with { platform in
            let admin = try await platform.account("camon", "admin@camon.fr", roles: [.tenantAdmin])
            let other = try await platform.account("camon", "agent@camon.fr", roles: [.agent])
            try await platform.test { client in
                let cookie = try await client.signIn("camon.localhost", "admin@camon.fr")
                let own = try await client.send(.post, "/api/v1/agents/\(admin.id.uuidString.lowercased())/disable", host: "camon.localhost", cookie: cookie)
                #expect(own.status == .unprocessableContent)
                #expect(try await client.send(.get, "/api/v1/me", host: "camon.localhost", cookie: cookie).json()["kind"] as? String == "agent")
                let theirs = try await client.send(.post, "/api/v1/agents/\(other.id.uuidString.lowercased())/disable", host: "camon.localhost", cookie: cookie)
                #expect(theirs.status == .noContent)
            }
        }
    }
}
