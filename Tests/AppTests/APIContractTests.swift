import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Modules
import Tenancy
import TestSupport
import Testing
import Web

@Suite("The partner API contract: OpenAPI document, idempotency keys, rate limits")
struct APIContractTests {
    /// The document's operations as "METHOD /path/{param}".
    static func operations(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test("every declared /api/v1 route has its operation in the document, and the document names no other route")
    func documentMatchesRoutes() async throws {
        try await TestPlatform.with { platform in
            // `/api/3/action/…` is CKAN's API for harvesters (open data), not the partner API.
            let api = platform.routes.all.filter { $0.scope == .member && $0.path.hasPrefix("/api/v1/") }
            #expect(api.count >= 25)
            for route in api { #expect(route.operation != nil, "\(route.method) \(route.path) has no API operation") }
            let declared = Set(api.map { "\($0.method.rawValue) \(OpenAPIDocument.openAPIPath($0.path))" })
            try await platform.test { client in
                let response = try await client.send(.get, "/api/v1/openapi.json", host: "amiens.localhost")
                #expect(response.status == .ok)
                let document = try response.json()
                #expect(document["openapi"] as? String == "3.1.0")
                #expect((document["servers"] as? [[String: String]])?.first?["url"] == "http://amiens.localhost:8080"
                    || (document["servers"] as? [[String: String]])?.first?["url"] == "https://amiens.localhost")
                let documented = Self.operations(document)
                #expect(declared.subtracting(documented).isEmpty, "declared but not documented: \(declared.subtracting(documented).sorted())")
                #expect(documented.subtracting(declared).isEmpty, "documented but not declared: \(documented.subtracting(declared).sorted())")
                // Every path parameter is described, and every described one is in the path.
                let paths = document["paths"] as? [String: [String: [String: Any]]] ?? [:]
                for (path, methods) in paths {
                    let inPath = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                    for (method, operation) in methods {
                        let parameters = operation["parameters"] as? [[String: Any]] ?? []
                        let described = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                        #expect(inPath == described, "\(method) \(path): path \(inPath.sorted()), described \(described.sorted())")
                        if method == "post" {
                            #expect(parameters.contains { $0["name"] as? String == "Idempotency-Key" }, "\(path)")
                        }
                        #expect((operation["responses"] as? [String: Any])?["429"] != nil, "\(method) \(path)")
                    }
                }
                // A partner's token names the document's scopes.
                let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
                let partner = schemes?["partner"] as? [String: Any]
                let flows = partner?["flows"] as? [String: [String: Any]]
                let scopes = flows?["clientCredentials"]?["scopes"] as? [String: String] ?? [:]
                #expect(Set(scopes.keys) == Set(platform.services.modules.catalog.delegable.map(\.rawValue)))
            }
        }
    }

    @Test("a module a member has not enabled is not in its document")
    func documentFollowsModules() async throws {
        try await TestPlatform.with { platform in
            let all = OpenAPIDocument.documented(platform.routes.all)
            let withoutNews = OpenAPIDocument.documented(platform.routes.all, enabled: { $0 != .news })
            #expect(all.contains { $0.path == "/api/v1/news" })
            #expect(!withoutNews.contains { $0.path.hasPrefix("/api/v1/news") })
            #expect(withoutNews.contains { $0.path == "/api/v1/documents" })
        }
    }

    @Test("openapi-spec-validator accepts the document, and its examples match their schemas")
    func validator() async throws {
        try await TestPlatform.with { platform in
            let text = try await platform.test { client in
                try await client.send(.get, "/api/v1/openapi.json", host: "amiens.localhost").text
            }
            let file = try Fixtures.temporaryDirectory().appendingPathComponent("openapi.json")
            try Data(text.utf8).write(to: file)
            let run = try await ChildProcess.run([TestEnvironment.python, "-m", "openapi_spec_validator", file.path])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("OK"), "\(run.output)")
            // Its examples (requests, answers, every problem) match their schemas.
            let examples = try await ChildProcess.run([TestEnvironment.python, "Tests/API/check_examples.py", file.path], directory: TestEnvironment.repositoryRoot)
            #expect(examples.status == 0, "\(examples.output)")
            #expect(examples.output.contains("examples ok"), "\(examples.output)")
        }
    }

    @Test("Idempotency-Key: the same request is answered once and replayed; another body is a 422; each client has its own keys")
    func idempotency() async throws {
        try await TestPlatform.with { platform in
            let token = try await platform.clientToken("camon", scopes: ["news.publish"])
            let other = try await platform.clientToken("camon", scopes: ["news.publish"])
            let before = try await platform.count("SELECT count(*) FROM tenant_camon.news")
            try await platform.test { client in
                func publish(_ title: String, key: String, token: String) async throws -> TestResponse {
                    try await client.send(.post, "/api/v1/news", host: "camon.localhost", json: ["title": title],
                                          headers: [.authorization: "Bearer \(token)", HTTPField.Name("Idempotency-Key")!: key])
                }
                let first = try await publish("Fermeture de la piscine", key: "cle-1", token: token)
                #expect(first.status == .created)
                #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
                let again = try await publish("Fermeture de la piscine", key: "cle-1", token: token)
                #expect(again.status == .created)
                #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                #expect(again.text == first.text)
                #expect(again.headers[.location] == first.headers[.location])
                let reused = try await publish("Réouverture de la piscine", key: "cle-1", token: token)
                #expect(reused.status == .unprocessableContent)
                #expect(reused.headers[.contentType] == "application/problem+json")
                // Another client's key of the same name is its own.
                #expect(try await publish("Fermeture de la piscine", key: "cle-1", token: other).status == .created)
                // A refused request does not keep the key: fixed, it goes through.
                let refused = try await client.send(.post, "/api/v1/news", host: "camon.localhost", json: ["title": ""],
                                                    headers: [.authorization: "Bearer \(token)", HTTPField.Name("Idempotency-Key")!: "cle-2"])
                #expect(refused.status.code / 100 == 4)
                let badKey = try await publish("Marché de Noël", key: String(repeating: "k", count: 300), token: token)
                #expect(badKey.status == .badRequest)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_camon.news") == before + 2)
        }
    }

    @Test("rate limits: headers on every API answer, 429 with Retry-After beyond, per caller and per address")
    func rateLimits() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_API_RATE_PER_MINUTE": "5", "MUTUALIS_API_ADDRESS_RATE_PER_MINUTE": "8"]) { platform in
            let token = try await platform.clientToken("rivery", scopes: ["news.read"])
            try await platform.test { client in
                let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
                for index in 0..<5 {
                    let response = try await client.send(.get, "/api/v1/news", host: "rivery.localhost", headers: bearer)
                    #expect(response.status == .ok)
                    #expect(response.headers[HTTPField.Name("RateLimit-Policy")!] == "\"caller\";q=5;w=60, \"address\";q=8;w=60")
                    #expect(response.headers[HTTPField.Name("RateLimit")!]?.hasPrefix("\"caller\";r=\(4 - index);") == true,
                            "\(response.headers[HTTPField.Name("RateLimit")!] ?? "none")")
                }
                let limited = try await client.send(.get, "/api/v1/news", host: "rivery.localhost", headers: bearer)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers[.contentType] == "application/problem+json")
                #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
                // Anonymous callers share their address's bucket (8): 5 taken above, 3 left.
                for _ in 0..<2 { #expect(try await client.send(.get, "/api/v1/news", host: "rivery.localhost").status == .ok) }
                #expect(try await client.send(.get, "/api/v1/news", host: "rivery.localhost").status == .ok)
                #expect(try await client.send(.get, "/api/v1/news", host: "rivery.localhost").status == .tooManyRequests)
                // Pages are not the API's business.
                #expect(try await client.send(.get, "/actualites", host: "rivery.localhost").status == .ok)
            }
        }
    }

    @Test("a member's token is refused on another member's host, on every API route that requires someone")
    func foreignTokens() async throws {
        try await TestPlatform.with { platform in
            let token = try await platform.clientToken("amiens")
            let guarded = platform.routes.all.filter { $0.scope == .member && $0.path.hasPrefix("/api/") && $0.access != .public }
            try await platform.test { client in
                for route in guarded {
                    let path = route.path.split(separator: "/").map { $0.hasPrefix(":") ? "00000000-0000-0000-0000-000000000001" : String($0) }
                        .joined(separator: "/")
                    let response = try await client.send(route.method, "/" + path, host: "boves.localhost", json: route.method == .get ? nil : [:],
                                                         headers: [.authorization: "Bearer \(token)"])
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path) → \(response.status)")
                    let home = try await client.send(route.method, "/" + path, host: "amiens.localhost", json: route.method == .get ? nil : [:],
                                                     headers: [.authorization: "Bearer \(token)"])
                    // At home, the same token passes the access check of every route its scopes cover.
                    if case .permission(let permission) = route.access, platform.services.modules.catalog.delegable.contains(permission) {
                        #expect(![.unauthorized, .forbidden].contains(home.status), "at home: \(route.method) \(route.path) → \(home.status)")
                    }
                }
            }
        }
    }
}
