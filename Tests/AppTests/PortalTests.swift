import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Member portals and the news API")
struct PortalTests {
    @Test("every shipped member's home page is branded, in French, with its news")
    func brandedHomePages() async throws {
        try await TestPlatform.with { platform in
            let manifests = try Fixtures.shippedManifests()
            try await platform.test { client in
                for manifest in manifests {
                    let tenant = manifest.tenant
                    let page = try await client.get("/", host: "\(tenant.slug).localhost:8080")
                    #expect(page.status == .ok)
                    #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                    let html = page.text
                    #expect(html.contains("<html lang=\"fr\">"))
                    #expect(html.contains("<span class=\"nom\">\(tenant.name)</span>"))
                    #expect(html.contains("--primary: \(tenant.branding.primaryColor)"))
                    #expect(html.contains("--accent: \(tenant.branding.accentColor)"))
                    #expect(html.contains("<img src=\"/assets/logo\""))
                    #expect(html.contains("Actualités"))
                    struct Item: Decodable { var title: String }
                    for item in try manifest.demo.section("news", as: [Item].self) ?? [] {
                        #expect(html.contains(item.title.replacingOccurrences(of: "'", with: "&#39;")), "\(tenant.slug): \(item.title)")
                    }
                    let logo = try await client.get("/assets/logo", host: "\(tenant.slug).localhost")
                    #expect(logo.status == .ok)
                    #expect(logo.headers[.contentType] == "image/svg+xml")
                    #expect(logo.text.contains(tenant.name))
                }
            }
        }
    }

    @Test("declared host names serve their member too")
    func declaredHosts() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let page = try await client.get("/", host: "portail.pont-de-metz.localhost")
                #expect(page.status == .ok)
                #expect(page.text.contains("Pont-de-Metz"))
            }
        }
    }

    @Test("a news item has its own page, and an unknown one a French 404 page")
    func itemPage() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let page = try await client.get("/actualites/1", host: "boves.localhost")
                #expect(page.status == .ok)
                #expect(page.text.contains("Publié le"))
                let missing = try await client.get("/actualites/4242", host: "boves.localhost")
                #expect(missing.status == .notFound)
                #expect(missing.text.contains("Cette actualité n&#39;existe pas"))
                #expect(missing.text.contains("Boves"))
                let bad = try await client.get("/actualites/x", host: "boves.localhost")
                #expect(bad.status == .badRequest)
                #expect(bad.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    @Test("the news list is paginated with meta and Link headers")
    func listPagination() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let first = try await client.get("/api/v1/news?per_page=2", host: "camon.localhost")
                #expect(first.status == .ok)
                let body = try first.json()
                let meta = try #require(body["meta"] as? [String: Any])
                #expect(meta["total"] as? Int == 3)
                #expect(meta["page_count"] as? Int == 2)
                #expect((body["data"] as? [[String: Any]])?.count == 2)
                #expect((body["data"] as? [[String: Any]])?.first?["body"] == nil)
                #expect(first.headers[HTTPField.Name("Link")!]?.contains("rel=\"next\"") == true)
                let second = try await client.get("/api/v1/news?per_page=2&page=2", host: "camon.localhost")
                #expect((try second.json()["data"] as? [[String: Any]])?.count == 1)
                let beyond = try await client.get("/api/v1/news?page=9", host: "camon.localhost")
                #expect(beyond.status == .ok)
                #expect((try beyond.json()["data"] as? [[String: Any]])?.isEmpty == true)
            }
        }
    }

    @Test("bad parameters are 400 problem documents naming the parameter", arguments: [
        "/api/v1/news?per_page=0", "/api/v1/news?per_page=101", "/api/v1/news?page=abc", "/api/v1/news?page=-1",
        "/api/v1/news?page=99999999999999999999", "/api/v1/news/abc", "/api/v1/news/0", "/api/v1/news/-3",
        "/api/v1/news/1.5", "/api/v1/news/99999999999999999999", "/api/v1/news/%FF", "/api/v1/news/1%27%20OR%201=1",
    ])
    func badParameters(_ uri: String) async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let response = try await client.get(uri, host: "amiens.localhost")
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.json()
                #expect(problem["status"] as? Int == 400)
                #expect(problem["type"] as? String == "/problems/invalid-parameter")
                #expect(problem["parameter"] != nil)
                #expect((problem["request_id"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("a missing item is a 404 problem document")
    func missingItem() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let response = try await client.get("/api/v1/news/9999", host: "rivery.localhost")
                #expect(response.status == .notFound)
                #expect(try response.json()["detail"] as? String == "Aucune actualité 9999 pour Rivery.")
            }
        }
    }
}

@Suite("Modules per member")
struct ModuleGateTests {
    @Test("a module a member has not enabled answers 404 there, pages and API alike, and leaves the home page; other members keep it")
    func gate() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("rivery", "agent@rivery.fr", roles: [.agent])
            try await platform.services.postgres.query("UPDATE platform.tenants SET modules = array_remove(modules, 'news') WHERE slug = 'rivery'")
            try await platform.services.directory.refresh()
            try await platform.test { client in
                let agent = try await client.signIn("rivery.localhost", "agent@rivery.fr")
                for path in ["/actualites", "/actualites/1", "/api/v1/news", "/api/v1/news/1"] {
                    #expect(try await client.get(path, host: "rivery.localhost").status == .notFound, "\(path)")
                    #expect(try await client.get(path, host: "camon.localhost").status == .ok, "\(path) elsewhere")
                }
                // Before authorisation: even someone allowed to publish gets the 404.
                let publish = try await client.send(.post, "/api/v1/news", host: "rivery.localhost", json: ["title": "x"], cookie: agent)
                #expect(publish.status == .notFound)
                let home = try await client.get("/", host: "rivery.localhost")
                #expect(home.status == .ok)
                #expect(!home.text.contains("Actualités"))
                #expect(try await client.get("/", host: "camon.localhost").text.contains("Actualités"))
            }
        }
    }

    @Test("demo content: every module's section is seeded once; the inbox's reaches agents created afterwards, at the next sync")
    func demoContentOfEveryModule() async throws {
        try await TestPlatform.with { platform in
            for file in try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.repositoryRoot.appendingPathComponent("Tenants").path)
            where file.hasSuffix(".yaml") {
                let schema = "tenant_" + file.dropLast(5).replacingOccurrences(of: "-", with: "_")
                #expect(try await platform.count("SELECT count(*) FROM \(schema).news") >= 1, "\(file)")
                // The documents module's two; the archive's demo transfer and the open-data versions hold their own.
                #expect(try await platform.count("""
                    SELECT count(*) FROM \(schema).documents d
                    WHERE NOT EXISTS (SELECT 1 FROM \(schema).document_references r WHERE r.document_id = d.id
                                      AND (r.holder LIKE 'archive.%' OR r.holder LIKE 'opendata.%'))
                    """) == 2, "\(file)")
                #expect(try await platform.count("SELECT count(*) FROM \(schema).opendata_versions WHERE version = 1") == 11, "\(file)")
                #expect(try await platform.count("SELECT count(*) FROM \(schema).archive_agreements") == 1, "\(file)")
                if FileManager.default.fileExists(atPath: platform.services.configuration.specificationsDirectory.appendingPathComponent("seda-2.2").path) {
                    #expect(try await platform.count("SELECT count(*) FROM \(schema).archive_transfers WHERE status = 'accepted'") == 1, "\(file)")
                }
                #expect(try await platform.count("SELECT count(*) FROM \(schema).webhook_subscriptions WHERE NOT enabled") == 1, "\(file)")
            }
            try await platform.account("saleux", "agent@saleux.fr", roles: [.agent])
            let operations = Operations(configuration: platform.services.configuration, output: { _ in })
            try await operations.syncTenants(demoContent: true)
            try await operations.syncTenants(demoContent: true)
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.notifications") == 2)
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.archive_transfers") == 1, "seeded once")
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.webhook_subscriptions") == 1)
            try await platform.test { client in
                let cookie = try await client.signIn("saleux.localhost", "agent@saleux.fr")
                let page = try await client.send(.get, "/compte/notifications", host: "saleux.localhost", cookie: cookie)
                #expect(page.status == .ok)
                #expect(page.text.contains("Bienvenue dans vos notifications"))
            }
        }
    }
}
