import Blobs
import Composition
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Jobs
import Postgres
import Tenancy
import Synchronization
import TenantStore
import TestSupport
import Testing

@testable import Archiving

@Suite("Archive eliminations by inherited rules: a unit without its own appraisal rule follows its nearest ancestor's; a hold freezes the subtree",
       .serialized, .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveInheritedEliminationTests {
    @Test("children of an ended Destroy unit are due and eliminated with it; children of a Keep unit never are; a held parent protects its children")
    func inherited() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "saleux")
            try await fixture.referentials()
            let referentials = ArchiveReferentials(member: fixture.member)
            try await referentials.save(ArchiveRule(identifier: "APP-MARCHE", kind: "AppraisalRule", name: "Marchés", duration: 5, measurement: "year", finalAction: "Destroy"))
            try await referentials.save(ArchiveRule(identifier: "APP-DELIB", kind: "AppraisalRule", name: "Délibérations", duration: 1, measurement: "year", finalAction: "Keep"))
            let parentBytes = Array("Cahier des charges \(UUID())\n".utf8), childBytes = Array("Offre retenue \(UUID())\n".utf8)
            let sip = try ArchiveFixture.sip(SIPBuilder(
                version: .v22, messageIdentifier: "ELIM-INHERIT-1", archivalAgreement: "CONV-1", archivalAgency: "saleux", transferringAgency: "dgs",
                originatingAgency: "dgs", units: [
                    SIPBuilder.Unit(title: "Marché de voirie 2015", level: "RecordGrp", appraisal: ("APP-MARCHE", "2015-01-01", "Destroy"),
                                    files: [SIPBuilder.File(name: "cahier.txt", bytes: parentBytes, mimeType: "text/plain")], children: [
                                        SIPBuilder.Unit(title: "Offre de l'entreprise retenue",
                                                        files: [SIPBuilder.File(name: "offre.txt", bytes: childBytes, mimeType: "text/plain")]),
                                    ]),
                    SIPBuilder.Unit(title: "Registre des délibérations 2010", level: "RecordGrp", appraisal: ("APP-DELIB", "2010-01-01", "Keep"), children: [
                        SIPBuilder.Unit(title: "Délibération sur le budget 2010",
                                        files: [SIPBuilder.File(name: "budget.txt", bytes: Array("Budget \(UUID())".utf8), mimeType: "text/plain")]),
                    ]),
                    SIPBuilder.Unit(title: "Marché contesté 2015", level: "RecordGrp", appraisal: ("APP-MARCHE", "2015-01-01", "Destroy"), children: [
                        SIPBuilder.Unit(title: "Mémoire en défense",
                                        files: [SIPBuilder.File(name: "memoire.txt", bytes: Array("Mémoire \(UUID())".utf8), mimeType: "text/plain")]),
                    ]),
                ]))
            let token = try await platform.clientToken("saleux")
            _ = try await platform.account("saleux", "anne@saleux.fr", roles: [.tenantAdmin])
            _ = try await platform.account("saleux", "bruno@saleux.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let ingested = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                #expect(ingested.status == .created, "\(ingested.text)")
                func unit(_ title: String) async throws -> String {
                    try #require(try await fixture.member.read("SELECT id FROM archive_units WHERE title = \(title)").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                }
                let market = try await unit("Marché de voirie 2015"), offer = try await unit("Offre de l'entreprise retenue")
                let register = try await unit("Registre des délibérations 2010"), budget = try await unit("Délibération sur le budget 2010")
                let disputed = try await unit("Marché contesté 2015"), defence = try await unit("Mémoire en défense")
                let anne = try await client.signIn(fixture.host, "anne@saleux.fr"), bruno = try await client.signIn(fixture.host, "bruno@saleux.fr")
                func post(_ cookie: String, _ path: String, _ fields: [String: String]) async throws -> TestResponse {
                    let csrf = try #require(signedInTokens.withLock { $0[cookie] })
                    return try await client.send(.post, path, host: fixture.host, cookie: cookie, body: form(fields.merging(["csrf": csrf]) { $1 }))
                }
                // Before any hold, the child of the disputed market is due by its parent's rule: asked for now, approved later.
                #expect(try await post(anne, "/archives/eliminations", ["units": defence]).status == .seeOther)
                let pending = try #require(try await fixture.member.read("SELECT id FROM archive_eliminations WHERE state = 'requested'").first?.decode(UUID.self, at: 0))
                    .uuidString.lowercased()
                // A hold on the parent freezes its subtree: the child leaves the due list, a new request and the pending approval are refused.
                #expect(try await post(anne, "/archives/unites/\(disputed)/gel", ["hold": "oui"]).status == .seeOther)
                let child = try await post(anne, "/archives/eliminations", ["units": defence])
                #expect(child.status == .unprocessableContent && child.text.contains("gel couvre ses descendants"), "\(child.text)")
                let approval = try await post(bruno, "/archives/eliminations/\(pending)/decision", ["decision": "approuver"])
                #expect(approval.status == .unprocessableContent && approval.text.contains("gel"), "\(approval.text)")
                #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.archive_eliminations WHERE state = 'requested'") == 1)
                let defencePage = try await client.send(.get, "/archives/unites/\(defence)", host: fixture.host, cookie: anne)
                #expect(defencePage.status == .ok && defencePage.text.contains("par le gel de <a href=\"/archives/unites/\(disputed)\">Marché contesté 2015</a>"),
                        "the unit page tells the inherited hold")

                // The morning job lists the ended Destroy market and its child (its rule inherited); neither Keep units nor held ones.
                _ = try await platform.services.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(ArchiveRetentionJob.self, .init(), tenant: try TenantSlug("saleux")), on: connection)
                }
                #expect(try await platform.withWorker { try await platform.eventually {
                    try await platform.count("""
                        SELECT count(*) FROM tenant_saleux.events WHERE type = 'archive.units.due' AND (data ->> 'count')::int = 2
                          AND data::text LIKE '%\(market)%' AND data::text LIKE '%\(offer)%'
                        """) == 1
                } })
                let page = try await client.send(.get, "/archives/eliminations", host: fixture.host, cookie: anne)
                #expect(page.status == .ok && page.text.contains("Marché de voirie 2015") && page.text.contains("APP-MARCHE (héritée)"))
                for absent in ["Registre des délibérations 2010", "Délibération sur le budget 2010", "Mémoire en défense"] {
                    #expect(!page.text.contains(absent), "\(absent)")
                }
                // A Keep parent: its child is never due.
                let kept = try await post(anne, "/archives/eliminations", ["units": budget])
                #expect(kept.status == .unprocessableContent && kept.text.contains("conservation"), "\(kept.text)")
                #expect(try await post(anne, "/archives/eliminations", ["units": register]).status == .unprocessableContent)

                // The market and its child: asked by one archivist, approved (and executed) by another.
                #expect(try await post(anne, "/archives/eliminations", ["units": "\(market),\(offer)"]).status == .seeOther)
                let id = try #require(try await fixture.member.read("""
                    SELECT id FROM archive_eliminations WHERE state = 'requested' AND \(UUID(uuidString: offer)!) = ANY(units)
                    """).first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                #expect(try await post(bruno, "/archives/eliminations/\(id)/decision", ["decision": "approuver"]).status == .seeOther)
                let notification = try await client.send(.get, "/archives/eliminations/\(id)/notification", host: fixture.host, cookie: bruno)
                #expect(notification.status == .ok && notification.text.contains(market) && notification.text.contains(offer))
                let again = try await post(anne, "/archives/eliminations", ["units": offer])
                #expect(again.status == .unprocessableContent && again.text.contains("déjà éliminée"))
            }
            // Tombstones for both units; their bytes left both locations; the held subtree and the kept one are intact.
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_saleux.archive_units WHERE title IN ('Marché de voirie 2015', 'Offre de l''entreprise retenue') AND eliminated_at IS NOT NULL
                """) == 2)
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_saleux.archive_objects WHERE file_name IN ('cahier.txt', 'offre.txt') AND eliminated_at IS NOT NULL AND document_id IS NULL
                """) == 2)
            let saleux = try TenantSlug("saleux")
            for bytes in [parentBytes, childBytes] {
                let key = try #require(BlobKey(SHA.hex(.sha256, bytes)))
                #expect(try await platform.services.blobs.size(member: saleux, key: key) == nil)
                #expect(try await platform.services.replicaBlobs.size(member: saleux, key: key) == nil)
            }
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_saleux.archive_units WHERE eliminated_at IS NULL
                  AND title IN ('Marché contesté 2015', 'Mémoire en défense', 'Registre des délibérations 2010', 'Délibération sur le budget 2010')
                """) == 4)
        }
    }
}
