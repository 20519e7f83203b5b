import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing
@testable import Web

/// Inputs found by fuzzing the running server: each once crashed it, answered 500, or was
/// accepted when it should not have been.
@Suite("Hostile input over HTTP")
struct HardeningTests {
    @Test("news dates: ISO 8601 only, in the past; an absurd number is a 400, not a crash")
    func newsDates() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("boves", "agent@boves.fr", roles: [.agent])
            try await platform.test { client in
                let cookie = try await client.signIn("boves.localhost", "agent@boves.fr")
                let before = try await platform.count("SELECT count(*) FROM tenant_boves.news")
                for date: Any in [1e308, 1e15, -9.0e12, "2999-01-01T00:00:00Z", "1850-01-01T00:00:00Z", "hier"] {
                    let response = try await client.send(.post, "/api/v1/news", host: "boves.localhost", json: ["title": "t", "published_at": date], cookie: cookie)
                    #expect(response.status == .badRequest, "\(date) → \(response.status)")
                }
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.news") == before)
                let dated = try await client.send(.post, "/api/v1/news", host: "boves.localhost",
                                                  json: ["title": "Conseil municipal", "published_at": "2026-11-02T18:30:00Z"], cookie: cookie)
                #expect(dated.status == .created)
                #expect(try dated.json()["published_at"] as? String == "2026-11-02T18:30:00Z")
            }
        }
    }

    @Test("NUL characters, control characters and oversized names are refused with 4xx, nothing written")
    func textFields() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("camon", "admin@camon.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let cookie = try await client.signIn("camon.localhost", "admin@camon.fr")
                let accounts = try await platform.count("SELECT count(*) FROM tenant_camon.accounts")
                let news = try await platform.count("SELECT count(*) FROM tenant_camon.news")
                let nul = try await client.send(.post, "/api/v1/news", host: "camon.localhost", json: ["title": "a\u{0}b"], cookie: cookie)
                #expect(nul.status == .badRequest)
                for name in ["x\u{0}", String(repeating: "n", count: 60_000), "Jean\u{202E}niaJ", "a\u{7}b"] {
                    let agent = try await client.send(.post, "/api/v1/agents", host: "camon.localhost",
                                                      json: ["email": "new@camon.fr", "display_name": name, "roles": ["agent"]], cookie: cookie)
                    #expect((400..<500).contains(Int(agent.status.code)), "\(name.prefix(8).debugDescription) → \(agent.status)")
                    let client = try await client.send(.post, "/api/v1/clients", host: "camon.localhost", json: ["name": name, "scopes": ["news.read"]], cookie: cookie)
                    #expect((400..<500).contains(Int(client.status.code)))
                }
                let signUp = try await client.send(.post, "/compte/inscription", host: "camon.localhost",
                                                   body: "csrf=x&email=a%40camon.fr&password=une+phrase+assez+longue&display_name=a%00")
                #expect((400..<500).contains(Int(signUp.status.code)))
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.accounts") == accounts)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.news") == news)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.api_clients") == 0)
                // Not JSON, though it starts like it.
                let jsonx = try await client.send(.post, "/api/v1/news", host: "camon.localhost", cookie: cookie,
                                                  headers: [.contentType: "application/jsonx"], body: #"{"title":"x"}"#, contentType: "application/jsonx")
                #expect(jsonx.status == .unsupportedMediaType)
            }
        }
    }

    @Test("the token endpoint answers invalid_client to any client id it never issued, NUL included")
    func tokenEndpoint() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                for id in [String(repeating: "c", count: 60), "c_0123456789abcdef0123", "c_0123456789ABCDEF0123"] {
                    let response = try await client.send(.post, "/oauth/token", host: "rivery.localhost",
                                                         body: "grant_type=client_credentials&client_id=\(id)&client_secret=x")
                    #expect(response.status == .unauthorized, "\(id) → \(response.status)")
                }
                // A NUL in the form is refused as a bad request; in HTTP Basic, as an unknown client.
                let nul = try await client.send(.post, "/oauth/token", host: "rivery.localhost", body: "grant_type=client_credentials&client_id=%00&client_secret=x")
                #expect(nul.status == .badRequest)
                let basic = try await client.send(.post, "/oauth/token", host: "rivery.localhost",
                                                  headers: [.authorization: "Basic " + Data("%00:x".utf8).base64EncodedString()], body: "grant_type=client_credentials")
                #expect(basic.status == .unauthorized)
                let huge = try await client.send(.post, "/oauth/token", host: "rivery.localhost", body: String(repeating: "a", count: 100_000))
                #expect(huge.status == .contentTooLarge)
            }
        }
    }

    @Test("two Host headers that disagree are refused")
    func ambiguousHost() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                var headers = HTTPFields()
                headers.append(HTTPField(name: HTTPField.Name("Host")!, value: "amiens.localhost"))
                headers.append(HTTPField(name: HTTPField.Name("Host")!, value: "boves.localhost"))
                let response = try await client.execute(uri: "/api/v1/news", method: .get, headers: headers)
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("after signing in, only a path of this portal is followed (no //host hidden behind a tab)")
    func returnTarget() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("saleux", "eve@saleux.fr", roles: [])
            try await platform.test { client in
                for (target, expected) in [("/\t/evil.example", "/"), ("//evil.example", "/"), ("/actualites?page=2", "/actualites?page=2")] {
                    let page = try await client.send(.get, "/compte/connexion", host: "saleux.localhost")
                    let csrf = try #require(page.cookie("__Host-mutualis-csrf"))
                    let signedIn = try await client.send(.post, "/compte/connexion", host: "saleux.localhost", cookie: "__Host-mutualis-csrf=\(csrf)",
                                                         body: form(["csrf": csrf, "email": "eve@saleux.fr", "password": TestPlatform.password, "retour": target]))
                    #expect(signedIn.status == .seeOther)
                    #expect(signedIn.headers[.location] == expected, "\(target.debugDescription)")
                }
            }
        }
    }
}

@Suite("Methods")
struct MethodTests {
    @Test("a declared path asked with another method is a 405 with Allow; HEAD is answered like GET; unknown paths stay 404")
    func methodNotAllowed() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let host: HTTPFields = [HTTPField.Name("Host")!: "amiens.localhost"]
                let put = try await client.execute(uri: "/api/v1/news/1", method: .put, headers: host)
                #expect(put.status == .methodNotAllowed)
                #expect(put.headers[.allow] == "GET, HEAD")
                #expect(put.headers[.contentType] == "application/problem+json")
                #expect(try put.json()["type"] as? String == "/problems/method-not-allowed")

                let page = try await client.execute(uri: "/actualites/1", method: .delete, headers: host)
                #expect(page.status == .methodNotAllowed)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.text.contains("Méthode non autorisée"))

                let news = try await client.execute(uri: "/api/v1/news", method: .patch, headers: host)
                #expect(news.status == .methodNotAllowed)
                #expect(news.headers[.allow] == "GET, HEAD, POST")

                let head = try await client.execute(uri: "/api/v1/news/1", method: .head, headers: host)
                let get = try await client.get("/api/v1/news/1", host: "amiens.localhost")
                #expect(head.status == .ok && get.status == .ok)
                #expect(head.body.readableBytes == 0)
                #expect(head.headers[.contentType] == get.headers[.contentType])

                #expect(try await client.execute(uri: "/api/v1/nothing", method: .put, headers: host).status == .notFound)
                #expect(try await client.get("/api/v1/nothing", host: "amiens.localhost").status == .notFound)
            }
        }
    }

    @Test("route patterns match segments as the router does")
    func patterns() {
        let match = { (pattern: String, path: String) in
            RouteTable.pattern(pattern, matches: path.split(separator: "/", omittingEmptySubsequences: true))
        }
        #expect(match("/api/v1/news/:id", "/api/v1/news/12"))
        #expect(match("/api/v1/news/:id", "//api/v1/news/12/"))
        #expect(!match("/api/v1/news/:id", "/api/v1/news"))
        #expect(!match("/api/v1/news/:id", "/api/v1/news/12/x"))
        #expect(match("/assets/**", "/assets/a/b"))
        #expect(match("/", "/"))
        #expect(!match("/", "/x"))
    }
}

@Suite("Duplicate JSON names")
struct DuplicateJSONNameTests {
    @Test("a name given twice in one object is found, after unescaping; the same name in different objects is not")
    func scanner() {
        let first = { (text: String) in JSONDuplicateKeys.first(in: Array(text.utf8)) }
        #expect(first(#"{"title":"a","title":"b"}"#) == "title")
        #expect(first(#"{"title":"a","\u0074itle":"b"}"#) == "title")
        #expect(first(#"{"a":{"x":1},"b":{"x":2}}"#) == nil)
        #expect(first(#"{"a":{"x":1,"y":[{"x":1},{"x":2}]},"x":3}"#) == nil)
        #expect(first(#"[{"a":1},{"a":2}]"#) == nil)
        #expect(first(#"{"a":"title","title":"a"}"#) == nil)
        #expect(first(#"{"k\"ey":1,"k\u0022ey":2}"#) == "k\"ey")
        #expect(first(#"{"\ud83d\ude00":1,"😀":2}"#) == "😀")
        #expect(first(#"{"a":[1,{"b":2,"b":3}]}"#) == "b")
        // Canonically equivalent names are one name to Swift's String, hence to the decoder.
        #expect(first(#"{"é":1,"e\u0301":2}"#) == "é")
    }

    @Test("the API refuses a body with a duplicated name: 400, nothing written")
    func refused() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("boves", "agent@boves.fr", roles: [.agent])
            try await platform.test { client in
                let cookie = try await client.signIn("boves.localhost", "agent@boves.fr")
                let before = try await platform.count("SELECT count(*) FROM tenant_boves.news")
                let response = try await client.send(
                    .post, "/api/v1/news", host: "boves.localhost", cookie: cookie,
                    body: #"{"title":"Conseil municipal","title":"Autre chose"}"#, contentType: "application/json"
                )
                #expect(response.status == .badRequest)
                #expect(try response.json()["detail"] as? String == "Corps JSON invalide : le champ « title » apparaît deux fois dans un même objet.")
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.news") == before)
            }
        }
    }
}
