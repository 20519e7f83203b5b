import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Host resolution")
struct HostTests {
    @Test("unknown hosts are 404 (page or problem), malformed ones 400")
    func unknownAndMalformed() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let unknown = try await client.get("/", host: "nowhere.localhost")
                #expect(unknown.status == .notFound)
                #expect(unknown.text.contains("Aucune commune n&#39;est servie à l&#39;adresse nowhere.localhost"))
                let unknownAPI = try await client.get("/api/v1/news", host: "amiens.example.org")
                #expect(unknownAPI.status == .notFound)
                #expect(try unknownAPI.json()["type"] as? String == "/problems/unknown-host")
                let malformed = try await client.get("/api/v1/news", host: "amiens'.localhost")
                #expect(malformed.status == .badRequest)
                #expect(try malformed.json()["type"] as? String == "/problems/invalid-host")
            }
        }
    }

    @Test("a suspended member's portal says it is suspended (503), and comes back when resumed")
    func suspended() async throws {
        try await TestPlatform.with { platform in
            let slug = try TenantSlug("longueau")
            try await platform.services.registry.setStatus(slug, .suspended, reason: .operatorDecision)
            try await platform.services.directory.refresh()
            try await platform.test { client in
                let page = try await client.get("/", host: "longueau.localhost")
                #expect(page.status == .serviceUnavailable)
                #expect(page.text.contains("Les services en ligne de Longueau sont momentanément suspendus"))
                let api = try await client.get("/api/v1/news/1", host: "longueau.localhost")
                #expect(api.status == .serviceUnavailable)
                #expect(try api.json()["type"] as? String == "/problems/tenant-suspended")
            }
            try await platform.services.registry.setStatus(slug, .active)
            try await platform.services.directory.refresh()
            let status = try await platform.test { client in try await client.get("/", host: "longueau.localhost").status }
            #expect(status == .ok)
        }
    }

    static let hostileHosts: [(host: String, status: Int)] = [
        ("amiens.localhost'; DROP SCHEMA tenant_boves CASCADE; --", 400),
        ("tenant_boves.localhost", 400),
        ("amiens.localhost\"", 400),
        ("boves.localhost:8080:80", 400),
        ("..localhost", 400),
        ("amiens.localhost/../boves", 400),
        ("platform.localhost", 404),
        ("schema_migrations.localhost", 400),
        ("public.localhost", 404),
        ("amiens.boves.localhost", 404),
        ("pg_catalog.localhost", 400),
        ("", 400),
    ]

    @Test("over a real socket, Host headers that try to inject SQL or reach another schema are refused")
    func hostileHosts() async throws {
        try await TestPlatform.with { platform in
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                for (host, status) in Self.hostileHosts {
                    let response = try await RawHTTP.get(port: port, host: host, path: "/api/v1/news/1")
                    #expect(response.status == status, "\(host) → \(response.status) \(response.body)")
                    #expect(response.body.contains("Inscriptions") == false)
                }
                // Nothing was dropped or changed.
                let boves = try await RawHTTP.get(port: port, host: "boves.localhost", path: "/api/v1/news/1")
                #expect(boves.status == 200)
                #expect(boves.body.contains("Boves"))
            }
        }
    }

    @Test("a request id is echoed when sane and replaced otherwise")
    func requestID() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let kept = try await client.get("/api/v1/news/1", host: "amiens.localhost", headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
                #expect(kept.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
                let replaced = try await client.get("/api/v1/news/1", host: "amiens.localhost", headers: [HTTPField.Name("X-Request-Id")!: "bad id\" with junk"])
                #expect(replaced.headers[HTTPField.Name("X-Request-Id")!] != "bad id\" with junk")
                #expect(replaced.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }
}
