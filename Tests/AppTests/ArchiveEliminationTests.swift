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
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@testable import Archiving

@Suite("Archive eliminations: due units, a request and a second archivist's approval, both copies deleted, a signed and valid proof, holds", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveEliminationTests {
    @Test("elimination end to end from the pages; a held unit is never eliminated; shared bytes stay")
    func endToEnd() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "rivery")
            try await fixture.referentials()
            let referentials = ArchiveReferentials(member: fixture.member)
            try await referentials.save(ArchiveRule(identifier: "APP-COURRIER", kind: "AppraisalRule", name: "Courrier", duration: 2, measurement: "year", finalAction: "Destroy"))
            let unique = Array("Courrier ordinaire \(UUID())\n".utf8)
            let sip = try ArchiveFixture.sip(SIPBuilder(
                version: .v22, messageIdentifier: "ELIM-1", archivalAgreement: "CONV-1", archivalAgency: "rivery", transferringAgency: "dgs",
                originatingAgency: "dgs", units: [
                    SIPBuilder.Unit(title: "Courrier de 2020", appraisal: ("APP-COURRIER", "2020-01-01", "Destroy"), files: [
                        SIPBuilder.File(name: "courrier.txt", bytes: unique, mimeType: "text/plain"),
                        SIPBuilder.File(name: "arrete.pdf", bytes: SamplePDF.arrete, mimeType: "application/pdf"),
                    ]),
                    SIPBuilder.Unit(title: "Courrier contentieux", appraisal: ("APP-COURRIER", "2020-01-01", "Destroy"), files: [
                        SIPBuilder.File(name: "contentieux.txt", bytes: Array("Litige \(UUID())".utf8), mimeType: "text/plain"),
                    ]),
                    SIPBuilder.Unit(title: "Courrier récent", appraisal: ("APP-COURRIER", "2026-01-01", "Destroy"), files: []),
                ]))
            let token = try await platform.clientToken("rivery")
            _ = try await platform.account("rivery", "anne@rivery.fr", roles: [.tenantAdmin])
            _ = try await platform.account("rivery", "bruno@rivery.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let ingested = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
                #expect(ingested.status == .created, "\(ingested.text)")
                func unit(_ title: String) async throws -> String {
                    try #require(try await fixture.member.read("SELECT id FROM archive_units WHERE title = \(title)").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                }
                let old = try await unit("Courrier de 2020"), disputed = try await unit("Courrier contentieux"), recent = try await unit("Courrier récent")
                let anne = try await client.signIn(fixture.host, "anne@rivery.fr"), bruno = try await client.signIn(fixture.host, "bruno@rivery.fr")
                func post(_ cookie: String, _ path: String, _ fields: [String: String]) async throws -> TestResponse {
                    let csrf = try #require(signedInTokens.withLock { $0[cookie] })
                    return try await client.send(.post, path, host: fixture.host, cookie: cookie, body: form(fields.merging(["csrf": csrf]) { $1 }))
                }
                // A legal hold takes the disputed unit out of the due list, and out of any request.
                #expect(try await post(anne, "/archives/unites/\(disputed)/gel", ["hold": "oui"]).status == .seeOther)
                // The morning job lists what is due: one unit (the held and the recent one are not).
                _ = try await platform.services.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(ArchiveRetentionJob.self, .init(), tenant: try TenantSlug("rivery")), on: connection)
                }
                #expect(try await platform.withWorker { try await platform.eventually {
                    try await platform.count("SELECT count(*) FROM tenant_rivery.events WHERE type = 'archive.units.due' AND (data ->> 'count')::int = 1") == 1
                } })
                let page = try await client.send(.get, "/archives/eliminations", host: fixture.host, cookie: anne)
                #expect(page.status == .ok && page.text.contains("Courrier de 2020") && !page.text.contains("Courrier récent"))
                #expect(page.text.contains("Courrier contentieux"), "listed among the held units")
                let held = try await post(anne, "/archives/eliminations", ["units": disputed])
                #expect(held.status == .unprocessableContent && held.text.contains("gel"))
                let early = try await post(anne, "/archives/eliminations", ["units": recent])
                #expect(early.status == .unprocessableContent && early.text.contains("court jusqu"))
                #expect(try await post(anne, "/archives/eliminations", ["units": old]).status == .seeOther)
                let id = try #require(try await fixture.member.read("SELECT id FROM archive_eliminations WHERE state = 'requested'").first?.decode(UUID.self, at: 0))
                    .uuidString.lowercased()
                // The requester cannot approve; a second archivist does, and that executes it.
                let own = try await post(anne, "/archives/eliminations/\(id)/decision", ["decision": "approuver"])
                #expect(own.status == .unprocessableContent && own.text.contains("second archiviste"))
                #expect(try await post(bruno, "/archives/eliminations/\(id)/decision", ["decision": "approuver"]).status == .seeOther)
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.archive_eliminations WHERE state = 'executed' AND approved_by = 'bruno@rivery.fr'") == 1)

                // The proof: a valid SEDA notification, signed by the member's seal.
                let notification = try await client.send(.get, "/archives/eliminations/\(id)/notification", host: fixture.host, cookie: bruno)
                #expect(notification.status == .ok && notification.text.contains(old))
                let lint = try await ArchiveFixture.xmllint(notification.text, version: "2.2")
                #expect(lint.status == 0, "\(lint.output)")
                let signature = try await client.send(.get, "/archives/eliminations/\(id)/signature", host: fixture.host, cookie: bruno)
                #expect(signature.status == .ok && signature.body.readableBytes > 1000)
                // The transfer's page tells the units' life: accepted, held, elimination asked and executed.
                let transfer = try #require(try await fixture.member.read("SELECT id FROM archive_transfers WHERE message_identifier = 'ELIM-1'").first?.decode(UUID.self, at: 0))
                let life = try await client.send(.get, "/archives/transferts/\(transfer.uuidString.lowercased())", host: fixture.host, cookie: bruno)
                for step in ["Transfert accepté", "Gel", "Élimination demandée", "Élimination exécutée"] {
                    #expect(life.text.contains(step), "\(step)")
                }
            }
            // Tombstones stay; the unique bytes left both locations; the PDF, also held by the
            // member's demo transfer, stays where that transfer needs it.
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.archive_units WHERE title = 'Courrier de 2020' AND eliminated_at IS NOT NULL") == 1)
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.archive_objects WHERE eliminated_at IS NOT NULL AND document_id IS NULL") == 2)
            let boves = try TenantSlug("rivery")
            let uniqueKey = try #require(BlobKey(SHA.hex(.sha256, unique)))
            let pdfKey = try #require(BlobKey(SHA.hex(.sha256, SamplePDF.arrete)))
            #expect(try await platform.services.blobs.size(member: boves, key: uniqueKey) == nil)
            #expect(try await platform.services.replicaBlobs.size(member: boves, key: uniqueKey) == nil)
            let demoHoldsPDF = try await platform.count("SELECT count(*) FROM tenant_rivery.archive_objects WHERE sha256 = '\(pdfKey.sha256)' AND eliminated_at IS NULL") > 0
            #expect(try await platform.services.blobs.size(member: boves, key: pdfKey) != nil || !demoHoldsPDF)
            #expect(try await platform.services.replicaBlobs.size(member: boves, key: pdfKey) != nil || !demoHoldsPDF)
            // The disputed unit is intact; eliminated units leave the search and the integrity checks.
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.archive_units WHERE title = 'Courrier contentieux' AND eliminated_at IS NULL") == 1)
            let lines = Mutex<[String]>([])
            let operations = Operations(configuration: platform.services.configuration, output: { line in lines.withLock { $0.append(line) } })
            #expect(try await operations.verifyArchive(tenant: boves), "\(lines.withLock { $0 })")
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.audit_journal WHERE action LIKE 'archive.elimination.%'") == 2)
        }
    }
}
