import Composition
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import HummingbirdTesting
import Identity
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

/// The open-data service against the real servers: the demo's datasets published (checked by
/// their schema), pages and downloads with conditional GET, refresh idempotence, a failed refresh
/// keeping the last good version, the parapheur's deliberations, uploads good and bad, and the
/// consortium's catalogue.
@Suite("Open data: catalogue, downloads, refresh, uploads, consortium", .serialized,
       .enabled(if: FileManager.default.fileExists(atPath: TestEnvironment.repositoryRoot.appendingPathComponent("../shared/specs/scdl").path),
                "../shared/specs (the SCDL schemas) is absent"))
struct OpenDataTests {
    static let host = "rivery.localhost"

    func member(_ platform: TestPlatform) -> MemberStore { platform.services.tenantStore.member(try! TenantSlug("rivery")) }

    func refresh(_ platform: TestPlatform, _ dataset: String? = nil) async throws -> [String] {
        let lines = LinesCollector()
        let operations = Operations(configuration: platform.services.configuration, output: { lines.append($0) })
        _ = try await operations.refreshOpenData(tenant: try TenantSlug("rivery"), dataset: dataset)
        return lines.all
    }

    @Test("the demo's datasets are published; pages, downloads with ETag, Last-Modified and 304")
    func pagesAndDownloads() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let catalogue = try await client.send(.get, "/donnees", host: Self.host)
                #expect(catalogue.status == .ok)
                for title in ["Délibérations du conseil", "Subventions aux associations", "Budget primitif 2026", "Équipements publics", "Catalogue des données ouvertes"] {
                    #expect(catalogue.text.contains(title), "\(title)")
                }
                let searched = try await client.send(.get, "/donnees?q=subvention", host: Self.host)
                #expect(searched.text.contains("Subventions aux associations") && !searched.text.contains("Équipements publics"))
                let bySchema = try await client.send(.get, "/donnees?schema=equipements", host: Self.host)
                #expect(bySchema.text.contains("Équipements publics") && !bySchema.text.contains("Budget primitif"))

                let page = try await client.send(.get, "/donnees/subventions", host: Self.host)
                #expect(page.status == .ok)
                #expect(page.text.contains("Union sportive de Rivery"), "preview of the first rows")
                #expect(page.text.contains("nomBeneficiaire") && page.text.contains("schema.data.gouv.fr"))
                #expect(page.text.contains("/donnees/subventions/csv/versions/1"))
                #expect(try await client.send(.get, "/donnees/inconnu", host: Self.host).status == .notFound)
                #expect(try await client.send(.get, "/donnees/..%2Fetc", host: Self.host).status == .notFound)

                let csv = try await client.send(.get, "/donnees/subventions/csv", host: Self.host)
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition]?.contains("subventions.csv") == true)
                #expect(csv.text.hasPrefix("nomAttribuant,idAttribuant,dateConvention"))
                let etag = try #require(csv.headers[.eTag])
                let modified = try #require(csv.headers[.lastModified])
                #expect(try await client.send(.get, "/donnees/subventions/csv", host: Self.host, headers: [.ifNoneMatch: etag]).status == .notModified)
                #expect(try await client.send(.get, "/donnees/subventions/csv", host: Self.host, headers: [.ifModifiedSince: modified]).status == .notModified)
                #expect(try await client.send(.get, "/donnees/subventions/csv", host: Self.host,
                                              headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]).status == .ok)
                let geo = try await client.send(.get, "/donnees/equipements/geojson", host: Self.host)
                #expect(geo.headers[.contentType] == "application/geo+json")
                #expect(try geo.json()["type"] as? String == "FeatureCollection")
                #expect(try await client.send(.get, "/donnees/subventions/xls", host: Self.host).status == .notFound)
                #expect(try await client.send(.get, "/donnees/subventions/csv/versions/0", host: Self.host).status == .badRequest)
                #expect(try await client.send(.get, "/donnees/subventions/csv/versions/9", host: Self.host).status == .notFound)

                let api = try await client.send(.get, "/api/v1/datasets/subventions", host: Self.host)
                let json = try api.json()
                #expect(json["schema_url"] as? String == "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json")
                #expect(try await client.send(.get, "/api/v1/datasets?schema=inconnu", host: Self.host).status == .badRequest)
                let list = try await client.send(.get, "/api/v1/datasets?q=budget", host: Self.host)
                #expect((try list.json()["data"] as? [Any])?.count == 1)

                // The member's catalogue lists the four produced datasets, in SCDL form.
                let scdl = try await client.send(.get, "/donnees/catalogue/csv", host: Self.host)
                #expect(scdl.text.hasPrefix("COLL_NOM,COLL_SIRET,ID,TITRE"))
                #expect(scdl.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 5)
            }
        }
    }

    @Test("a refresh without change publishes nothing; a change publishes v2; a failing one keeps the last good version")
    func refreshes() async throws {
        try await TestPlatform.with { platform in
            let member = member(platform)
            let unchanged = try await refresh(platform, "subventions")
            #expect(unchanged.contains { $0.contains("rivery/subventions: unchanged") }, "\(unchanged)")
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_rivery.opendata_refreshes WHERE dataset_id = 'subventions' AND source_hash LIKE '1|subventions@%|5|%'
                """) == 1, "the source's fingerprint is kept: an unchanged source ends the refresh at once")
            let versions = try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_versions WHERE dataset_id = 'subventions'")
            try await platform.test { client in
                let before = try await client.send(.get, "/donnees/subventions/csv", host: Self.host)
                try await member.transaction { connection in
                    try await connection.query("""
                        INSERT INTO opendata_records (dataset_id, fields, origin) SELECT 'subventions', fields || '{"objet": "=HYPERLINK(\\"http://x\\")", "montant": "99.5"}', 'entry'
                        FROM opendata_records WHERE dataset_id = 'subventions' ORDER BY id LIMIT 1
                        """)
                }
                let changed = try await refresh(platform, "subventions")
                #expect(changed.contains { $0.contains("published") && $0.contains("csv v2") }, "\(changed)")
                let after = try await client.send(.get, "/donnees/subventions/csv", host: Self.host)
                #expect(after.headers[.eTag] != before.headers[.eTag])
                #expect(after.text.contains("'=HYPERLINK"), "formula-like cells are neutralised")
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_rivery.events WHERE type = 'opendata.resource.published' AND data->>'dataset' = 'subventions'
                    """) == 2, "a new version is an event (CSV and JSON), for webhook subscribers")
                let first = try await client.send(.get, "/donnees/subventions/csv/versions/1", host: Self.host)
                #expect(first.headers[.eTag] == before.headers[.eTag], "every version stays downloadable")

                try await member.transaction { connection in
                    try await connection.query("""
                        INSERT INTO opendata_records (dataset_id, fields, origin) SELECT 'subventions', fields || '{"montant": "beaucoup"}', 'entry'
                        FROM opendata_records WHERE dataset_id = 'subventions' ORDER BY id LIMIT 1
                        """)
                }
                let failed = try await refresh(platform, "subventions")
                #expect(failed.contains { $0.contains("failed") && $0.contains("montant") }, "\(failed)")
                let kept = try await client.send(.get, "/donnees/subventions/csv", host: Self.host)
                #expect(kept.headers[.eTag] == after.headers[.eTag], "the last good version stays published")
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_refreshes WHERE dataset_id = 'subventions' AND state = 'failed'") == 1)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_versions WHERE dataset_id = 'subventions'") == versions + 2)
        }
    }

    @Test("a completed parapheur deliberation becomes a row of the deliberations dataset (event consumer, then refresh)")
    func deliberationFromParapheur() async throws {
        try await TestPlatform.with { platform in
            let member = member(platform)
            let folder = UUID().uuidString.lowercased()
            try await member.transaction { connection in
                try await platform.services.events.record(try NewEvent(
                    type: "parapheur.folder.completed", subject: "parapheur/folders/\(folder)",
                    data: ["id": folder, "title": "Budget supplémentaire 2026 de Rivery", "type": "Délibération", "subtype": "7.1 Décisions budgétaires",
                           "status": "completed", "step_count": "2", "link": "/parapheur/dossiers/\(folder)"] as [String: String],
                    actor: .system
                ), tenant: member.slug, on: connection)
            }
            try await platform.withWorker {
                let published = try await platform.eventually {
                    try await platform.count("""
                        SELECT count(*) FROM tenant_rivery.opendata_versions v JOIN tenant_rivery.opendata_refreshes r USING (dataset_id)
                        WHERE v.dataset_id = 'deliberations' AND v.resource_id = 'csv' AND r.state = 'done'
                        """) == 2
                }
                #expect(published)
            }
            try await platform.test { client in
                let csv = try await client.send(.get, "/donnees/deliberations/csv", host: Self.host)
                #expect(csv.text.contains("Budget supplémentaire 2026 de Rivery") && csv.text.contains(",7.1,Décisions budgétaires,"))
            }
        }
    }
}

extension OpenDataTests {
    @Test("the nightly refresh of a member fans out one job per produced dataset, catalogue included; unchanged data gives no version")
    func nightlyFanOut() async throws {
        try await TestPlatform.with { platform in
            let versions = try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_versions")
            try await platform.services.tenantStore.withTenant(try TenantSlug("rivery")) { connection in
                try await JobEnqueuer.enqueue(NewJob(queue: "opendata", kind: "opendata.refresh", tenant: try TenantSlug("rivery"),
                                                     payload: PostgresJSON(text: #"{"requested_by": "test"}"#)), on: connection)
            }
            try await platform.withWorker {
                let refreshed = try await platform.eventually {
                    try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_refreshes WHERE state = 'done' AND outcome = 'unchanged'") == 5
                }
                #expect(refreshed, "every produced dataset refreshed by its own job")
            }
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'opendata.refresh' AND tenant_slug = 'rivery'") == 6)
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.opendata_versions") == versions)
        }
    }
}

/// Output lines of an operation, collected across tasks.
final class LinesCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
