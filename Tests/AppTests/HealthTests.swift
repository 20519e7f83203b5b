import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite("Health, readiness and metrics")
struct HealthTests {
    @Test("the internal listener answers livez and readyz; readyz names the failing check, not its details")
    func probes() async throws {
        try await TestPlatform.with { platform in
            try await platform.testInternal { client in
                #expect(try await client.get("/livez", host: "10.0.0.7:8090").status == .ok)
                let ready = try await client.get("/readyz", host: "10.0.0.7")
                #expect(ready.status == .ok)
                #expect(try ready.json()["status"] as? String == "ready")
            }
            // A member left behind by the migrations makes the instance not ready.
            try await platform.services.postgres.query("UPDATE platform.tenants SET schema_version = 0 WHERE slug = 'rivery'")
            try await platform.testInternal { client in
                let notReady = try await client.get("/readyz", host: "localhost")
                #expect(notReady.status == .serviceUnavailable)
                let checks = try #require(try notReady.json()["checks"] as? [String: String])
                #expect(checks == ["migrations": "failing", "postgres": "ok", "redis": "ok"])
            }
        }
    }

    @Test("the public listener answers livez whatever the Host, and never readyz or metrics, whatever the Host")
    func publicListener() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                #expect(try await client.get("/livez", host: "amiens.localhost").status == .ok)
                for host in ["amiens.localhost", "admin.localhost", "nosuch.localhost", "amiens.localhost:99999", "amiens.localhost..",
                             "amiens_localhost", "10.0.0.7", "localhost", "127.0.0.1:8080"] {
                    for path in ["/metrics", "/readyz"] {
                        let response = try await client.get(path, host: host)
                        #expect([400, 404].contains(response.status.code), "\(path) on \(host) → \(response.status)")
                        #expect(!response.text.contains("hb_requests") && !response.text.contains("checks"))
                    }
                }
            }
        }
    }

    @Test("metrics count requests by route and status and show pool usage")
    func metrics() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                _ = try await client.get("/api/v1/news/1", host: "amiens.localhost")
                _ = try await client.get("/api/v1/news/abc", host: "amiens.localhost")
            }
            try await platform.testInternal { client in
                let text = try await client.get("/metrics", host: "10.1.2.3:8090").text
                #expect(text.contains("hb_requests{http_route=\"/api/v1/news/{id}\",http_request_method=\"GET\",http_response_status_code=\"200\"}"))
                #expect(text.contains("http_response_status_code=\"400\""))
                #expect(text.contains("http_server_request_duration_bucket{http_route=\"/api/v1/news/{id}\""))
                #expect(text.contains("http_server_active_requests{http_request_method=\"GET\"}"))
                #expect(text.contains("postgres_pool_connections{state=\"idle\"}"))
                #expect(text.contains("postgres_pool_capacity"))
                // Member slugs are not metric labels.
                #expect(!text.contains("amiens"))
            }
        }
    }

    @Test("when the database is unreachable, requests get a 503, not a 500")
    func databaseDown() async throws {
        try await TestPlatform.with { platform in
            await platform.services.postgres.shutdown()
            try await platform.test { client in
                let api = try await client.get("/api/v1/news/1", host: "amiens.localhost")
                #expect(api.status == .serviceUnavailable)
                #expect(try api.json()["type"] as? String == "/problems/service-unavailable")
                #expect(api.headers[.retryAfter] == "5")
                let page = try await client.get("/", host: "amiens.localhost")
                #expect(page.status == .serviceUnavailable)
                #expect(page.text.contains("La base de données ne répond pas"))
            }
            try await platform.testInternal { client in
                let ready = try await client.get("/readyz", host: "localhost")
                #expect(ready.status == .serviceUnavailable)
                // The dependency's own error text is logged, not shown.
                #expect(try ready.json()["checks"] as? [String: String] == ["migrations": "failing", "postgres": "failing", "redis": "ok"])
                #expect(!ready.text.contains("PostgreSQL"))
            }
        }
    }
}
