import Archiving
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Parapheur
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("The archiving worker: a completed parapheur folder becomes a transfer under its archival profile", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveWorkerTests {
    @Test("a folder's completion is archived once with its bundle; a type without a profile is not archived")
    func completedFolder() async throws {
        try await TestPlatform.with { platform in
            let archive = ArchiveFixture(platform: platform, slug: "longueau")
            try await archive.referentials()
            try await ArchiveReferentials(member: archive.member).save(ArchiveProfile(
                documentType: "parapheur:Délibération/Conseil municipal", archivalAgreement: "CONV-1", originatingAgency: "dgs",
                appraisalRule: "APP-10", finalAction: "Keep"))
            let parapheur = ParapheurFixture(platform: platform, slug: "longueau")
            let secretariat = try await parapheur.agentWithDesk("secretariat@longueau.fr", desk: "Secrétariat", name: "Sophie Secrétaire")
            try await parapheur.store.createType(type: "Délibération", subtype: "Conseil municipal", circuit: CircuitTemplate(steps: [.visa(.desk(secretariat.desk))]))
            try await parapheur.store.createType(type: "Note", subtype: "Interne", circuit: CircuitTemplate(steps: [.visa(.desk(secretariat.desk))]))
            let token = try await platform.clientToken("longueau")
            let (archived, skipped, found, ran) = try await platform.withWorker {
                let (archived, skipped) = try await platform.test { client in
                    let cookie = try await client.signIn(parapheur.host, "secretariat@longueau.fr")
                    var ids: [String] = []
                    for (type, subtype) in [("Délibération", "Conseil municipal"), ("Note", "Interne")] {
                        let folder = try await ParapheurHTTPTests.submit(client, host: parapheur.host, token: token, title: "\(type) du 3 décembre",
                                                                         type: type, subtype: subtype)
                        let id = try #require(folder["id"] as? String)
                        let done = try await ParapheurHTTPTests.act(client, host: parapheur.host, cookie: cookie, id: id, ["action": "visa", "comment": "Vu."])
                        #expect(done.status == .ok, "\(done.text)")
                        #expect(try done.json()["status"] as? String == "completed")
                        ids.append(id)
                    }
                    return (ids[0], ids[1])
                }
                // The worker archives the first (it has a profile); the second's job ends without a transfer.
                let found = try await platform.eventually {
                    try await platform.count("SELECT count(*) FROM tenant_longueau.archive_transfers WHERE message_identifier = 'parapheur-\(archived)'") == 1
                }
                let ran = try await platform.eventually {
                    try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'archive.from-event' AND tenant_slug = 'longueau' AND state = 'succeeded'") == 2
                }
                return (archived, skipped, found, ran)
            }
            #expect(found)
            #expect(ran)
            let status = try await archive.member.read("""
                SELECT t.status, t.seda_version, t.archival_agreement, t.originating_agency, t.object_count FROM archive_transfers t
                JOIN archive_event_transfers e ON e.transfer_id = t.id WHERE t.message_identifier = \("parapheur-\(archived)")
                """).first
            let row = try #require(status)
            #expect(try row.decode(String.self, at: 0) == "accepted")
            #expect(try row.decode(String.self, at: 2) == "CONV-1")
            #expect(try row.decode(String.self, at: 3) == "dgs")
            let names = try await archive.member.read("""
                SELECT o.file_name FROM archive_objects o JOIN archive_transfers t ON t.id = o.transfer_id
                WHERE t.message_identifier = \("parapheur-\(archived)") ORDER BY o.file_name
                """).map { try $0.decode(String.self, at: 0) }
            #expect(names.contains { $0.hasSuffix(".pdf") }, "\(names)")
            #expect(names.contains("bordereau.html"), "\(names)")
            #expect(names.contains("historique.json"), "\(names)")
            let unit = try await archive.member.read("""
                SELECT u.title, u.appraisal_rule, u.final_action FROM archive_units u JOIN archive_transfers t ON t.id = u.transfer_id
                WHERE t.message_identifier = \("parapheur-\(archived)")
                """).first
            #expect(try unit?.decode(String.self, at: 0) == "Délibération du 3 décembre")
            #expect(try unit?.decode(String.self, at: 1) == "APP-10")
            // The note's job ran to completion without archiving anything.
            #expect(try await platform.count("SELECT count(*) FROM tenant_longueau.archive_transfers WHERE message_identifier = 'parapheur-\(skipped)'") == 0)
            // Only archivable events reach the archive's queue: one job per completion, none for the submissions and visas.
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'archive.from-event' AND tenant_slug = 'longueau'") == 2)
        }
    }
}
