import Archiving
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOFoundationEssentialsCompat
import Postgres
import TenantStore
import TestSupport
import Testing

@Suite("Archive reads: the unit page, search, transfer page and downloads obey communicability (own or inherited access rule)", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveAccessTests {
    @Test("a reader sees a closed unit exists and when it opens, nothing of it; an archivist reads it all, journaled; an open unit is read by both")
    func communicability() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "salouel")
            try await fixture.referentials()
            let referentials = ArchiveReferentials(member: fixture.member)
            try await referentials.save(ArchiveRule(identifier: "ACC-25", kind: "AccessRule", name: "Vie privée", duration: 25, measurement: "year", finalAction: nil))
            try await referentials.save(ArchiveRule(identifier: "ACC-0", kind: "AccessRule", name: "Immédiat", duration: 0, measurement: "year", finalAction: nil))
            try await referentials.save(ArchiveRule(identifier: "APP-50", kind: "AppraisalRule", name: "Cinquante ans", duration: 50, measurement: "year", finalAction: "Destroy"))
            let secret = Array("Dossier de Jean Secret \(UUID())\n".utf8), open = Array("Délibération publique \(UUID())\n".utf8)
            let sip = try ArchiveFixture.sip(SIPBuilder(
                version: .v22, messageIdentifier: "ACCESS-1", archivalAgreement: "CONV-1", archivalAgency: "salouel", transferringAgency: "dgs",
                originatingAgency: "dgs", units: [
                    SIPBuilder.Unit(title: "Dossiers du personnel", description: "Carrières des agents", level: "RecordGrp", keywords: ["carrière"],
                                    startDate: "2019-01-01", endDate: "2020-12-31", appraisal: ("APP-50", "2020-01-01", "Destroy"),
                                    access: ("ACC-25", "2020-01-01"), children: [
                                        SIPBuilder.Unit(title: "Dossier de Jean Secret", keywords: ["secret"],
                                                        files: [SIPBuilder.File(name: "secret.txt", bytes: secret, mimeType: "text/plain")]),
                                    ]),
                    SIPBuilder.Unit(title: "Délibération publique", keywords: ["budget"], access: ("ACC-0", "2026-01-01"),
                                    files: [SIPBuilder.File(name: "deliberation.txt", bytes: open, mimeType: "text/plain")]),
                ]))
            let partner = try await platform.clientToken("salouel")
            let reader = try await platform.clientToken("salouel", scopes: ["archive.read"])
            _ = try await platform.account("salouel", "archiviste@salouel.fr", roles: [.tenantAdmin])
            try await platform.test { client in
                let ingested = try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: partner)
                #expect(ingested.status == .created, "\(ingested.text)")
                func unit(_ title: String) async throws -> String {
                    try #require(try await fixture.member.read("SELECT id FROM archive_units WHERE title = \(title)").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                }
                func object(_ name: String) async throws -> String {
                    try #require(try await fixture.member.read("SELECT id FROM archive_objects WHERE file_name = \(name)").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                }
                let folder = try await unit("Dossiers du personnel"), file = try await unit("Dossier de Jean Secret"), public_ = try await unit("Délibération publique")
                let secretObject = try await object("secret.txt"), openObject = try await object("deliberation.txt")
                let transfer = try #require(try await fixture.member.read("SELECT id FROM archive_transfers WHERE message_identifier = 'ACCESS-1'").first?.decode(UUID.self, at: 0)).uuidString.lowercased()
                func asReader(_ path: String) async throws -> TestResponse {
                    try await client.send(.get, path, host: fixture.host, headers: [.authorization: "Bearer \(reader)"])
                }
                let closed = "non communicable avant le 01/01/2045"

                // The reader: the closed folder and its file (inheriting its rule) exist, nothing more.
                let byText = try await asReader("/archives?q=personnel")
                #expect(byText.status == .ok && byText.text.contains("Aucune unité") && !byText.text.contains("Dossiers du personnel"))
                #expect(try await asReader("/archives?q=secret").text.contains("Aucune unité"), "a hidden keyword finds nothing")
                let byAgency = try await asReader("/archives?service=dgs")
                #expect(byAgency.text.contains(closed) && byAgency.text.contains("Délibération publique") && byAgency.text.contains("/archives/unites/\(file)"))
                #expect(!byAgency.text.contains("Dossiers du personnel") && !byAgency.text.contains("Jean Secret"))
                let folderPage = try await asReader("/archives/unites/\(folder)")
                #expect(folderPage.status == .ok && folderPage.text.contains(closed) && folderPage.text.contains("RecordGrp"))
                for hidden in ["Dossiers du personnel", "Carrières des agents", "carrière", "Jean Secret", "secret.txt"] {
                    #expect(!folderPage.text.contains(hidden), "the reader's unit page shows « \(hidden) »")
                }
                let filePage = try await asReader("/archives/unites/\(file)")
                #expect(filePage.status == .ok && filePage.text.contains(closed) && filePage.text.contains("héritée de"))
                #expect(!filePage.text.contains("Jean Secret") && !filePage.text.contains("secret.txt") && !filePage.text.contains("/objets/"))
                let refused = try await asReader("/archives/unites/\(file)/objets/\(secretObject)")
                #expect(refused.status == .forbidden && refused.text.contains(closed), "\(refused.status) \(refused.text)")
                #expect(!Data(buffer: refused.body).elementsEqual(secret))
                let transferPage = try await asReader("/archives/transferts/\(transfer)")
                #expect(transferPage.status == .ok && transferPage.text.contains(closed) && transferPage.text.contains("Délibération publique"),
                        "\(transferPage.status) \(transferPage.text)")
                #expect(!transferPage.text.contains("Jean Secret") && !transferPage.text.contains("secret.txt"))
                // Deliveries obey the inherited rule too.
                let dip = try await client.sendBytes(.post, "/api/v1/archive/deliveries", host: fixture.host,
                                                     body: Array(try JSONSerialization.data(withJSONObject: ["units": [file]])), contentType: "application/json", bearer: reader)
                #expect(dip.status == .forbidden && dip.text.contains("2045"))
                // The open unit is the reader's.
                let publicPage = try await asReader("/archives/unites/\(public_)")
                #expect(publicPage.text.contains("Délibération publique") && publicPage.text.contains("deliberation.txt") && publicPage.text.contains("budget"))
                let download = try await asReader("/archives/unites/\(public_)/objets/\(openObject)")
                #expect(download.status == .ok && Array(Data(buffer: download.body)) == open)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_salouel.audit_journal WHERE action IN ('archive.unit.read', 'archive.search')
                    """) == 0, "nothing privileged was read")
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_salouel.audit_journal WHERE action = 'archive.object.download' AND details LIKE '%"privileged":"false"%'
                    """) == 1)
                // Bad addresses are 4xx.
                #expect(try await asReader("/archives/unites/pas-un-uuid").status == .badRequest)
                #expect(try await asReader("/archives/unites/\(UUID().uuidString)").status == .notFound)
                #expect(try await asReader("/archives/unites/\(public_)/objets/\(secretObject)").status == .notFound, "an object of another unit")
                #expect(try await asReader("/archives/unites/\(public_)/objets/nul").status == .badRequest)

                // The archivist reads everything; the journal keeps each privileged read.
                let archivist = try await client.signIn(fixture.host, "archiviste@salouel.fr")
                let found = try await client.send(.get, "/archives?q=personnel", host: fixture.host, cookie: archivist)
                #expect(found.text.contains("Dossiers du personnel"))
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_salouel.audit_journal WHERE action = 'archive.search' AND details LIKE '%\(folder)%'
                    """) == 1)
                let full = try await client.send(.get, "/archives/unites/\(file)", host: fixture.host, cookie: archivist)
                #expect(full.status == .ok && full.text.contains("Dossier de Jean Secret") && full.text.contains("secret.txt"))
                #expect(full.text.contains("inscrite au journal") && full.text.contains(SHA.hex(.sha512, secret)))
                #expect(full.text.contains("Dossiers du personnel"), "its parent in the tree")
                let parent = try await client.send(.get, "/archives/unites/\(folder)", host: fixture.host, cookie: archivist)
                #expect(parent.text.contains("Carrières des agents") && parent.text.contains("01/01/2070") && parent.text.contains("Détruire"),
                        "the appraisal rule with its end and final action")
                let privileged = try await client.send(.get, "/archives/unites/\(file)/objets/\(secretObject)", host: fixture.host, cookie: archivist)
                #expect(privileged.status == .ok && Array(Data(buffer: privileged.body)) == secret)
                _ = try await client.send(.get, "/archives/unites/\(public_)", host: fixture.host, cookie: archivist)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_salouel.audit_journal WHERE action = 'archive.unit.read' AND details LIKE '%"privileged":"true"%'
                    """) == 2, "the two closed units read, not the open one")
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_salouel.audit_journal WHERE action = 'archive.object.download' AND object_id = '\(secretObject)'
                      AND details LIKE '%"privileged":"true"%'
                    """) == 1)
                let life = try await client.send(.get, "/archives/unites/\(file)", host: fixture.host, cookie: archivist)
                #expect(life.text.contains("Transfert accepté") && life.text.contains("archive.object.download") && life.text.contains("Consultation avant le délai"))
            }
        }
    }
}
