import Archiving
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Synchronization
import TestSupport
import Testing

@Suite("Archive pages: referentials kept by the archivist, a SIP uploaded from the page, search", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchivePagesTests {
    @Test("an archivist keeps the referentials (bad input shown, nothing written), uploads a SIP, reads its result and finds its units")
    func pages() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("camon", "archiviste@camon.fr", roles: [.tenantAdmin])
            _ = try await platform.account("camon", "agent@camon.fr", roles: [.agent])
            let fixture = ArchiveFixture(platform: platform, slug: "camon")
            let host = fixture.host
            try await platform.test { client in
                let admin = try await client.signIn(host, "archiviste@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[admin] })
                func post(_ path: String, _ fields: [String: String]) async throws -> TestResponse {
                    try await client.send(.post, path, host: host, cookie: admin, body: form(fields.merging(["csrf": csrf]) { $1 }))
                }
                #expect(try await post("/archives/referentiels/services", ["identifier": "dgs", "name": "Direction générale"]).status == .seeOther)
                #expect(try await post("/archives/referentiels/conventions", ["identifier": "CONV-1", "name": "Convention", "agencies": "dgs"]).status == .seeOther)
                #expect(try await post("/archives/referentiels/regles", ["identifier": "APP-10", "kind": "AppraisalRule", "name": "Dix ans",
                                                                         "duration": "10", "measurement": "year", "finalAction": "Keep"]).status == .seeOther)
                let agreements = try await platform.count("SELECT count(*) FROM tenant_camon.archive_agreements")
                let badIdentifier = try await post("/archives/referentiels/conventions", ["identifier": "../x", "name": "Mauvaise"])
                #expect(badIdentifier.status == .unprocessableContent)
                #expect(badIdentifier.text.contains("doit comporter de 1 à 100 caractères"))
                let badRule = try await post("/archives/referentiels/regles", ["identifier": "ACC", "kind": "AccessRule", "name": "Accès", "finalAction": "Destroy"])
                #expect(badRule.status == .unprocessableContent)
                let badKind = try await post("/archives/referentiels/regles", ["identifier": "X", "kind": "Danse", "name": "Danse"])
                #expect(badKind.status == .unprocessableContent)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.archive_agreements") == agreements)
                let referentials = try await client.send(.get, "/archives/referentiels", host: host, cookie: admin)
                #expect(referentials.status == .ok && referentials.text.contains("CONV-1") && referentials.text.contains("Dix ans"))

                // A SIP from the page: redirected to its result.
                var upload = MultipartBody()
                upload.field("csrf", csrf)
                upload.file("sip", fileName: "versement.zip", try ArchiveFixture.storedSIP(fixture.builder(.v23, message: "PAGE-1")), contentType: "application/zip")
                let sent = try await client.sendBytes(.post, "/archives/versements", host: host, body: upload.finished(), contentType: upload.contentType, cookie: admin)
                #expect(sent.status == .seeOther)
                let location = try #require(sent.headers[.location])
                let result = try await client.send(.get, location, host: host, cookie: admin)
                #expect(result.status == .ok)
                #expect(result.text.contains("Accepté"))
                #expect(result.text.contains("Arrêté de circulation"))
                #expect(result.text.contains("ArchiveTransferReply"))
                #expect(result.text.contains("Transfert accepté"), "the unit's life starts in the journal")
                // A refused one shows its reasons.
                var foreign = fixture.builder(.v21, message: "PAGE-2")
                foreign.archivalAgreement = "INCONNUE"
                var refused = MultipartBody()
                refused.field("csrf", csrf)
                refused.file("sip", fileName: "versement.zip", try ArchiveFixture.sip(foreign), contentType: "application/zip")
                let second = try await client.sendBytes(.post, "/archives/versements", host: host, body: refused.finished(), contentType: refused.contentType, cookie: admin)
                let refusal = try await client.send(.get, try #require(second.headers[.location]), host: host, cookie: admin)
                #expect(refusal.text.contains("Refusé") && refusal.text.contains("agreement.unknown"))

                let search = try await client.send(.get, "/archives?q=arretes", host: host, cookie: admin)
                #expect(search.status == .ok)
                #expect(search.text.contains("Arrêtés du maire 2026"))
                let none = try await client.send(.get, "/archives?q=zzzzzz", host: host, cookie: admin)
                #expect(none.text.contains("Aucune unité"))
                // By agency, level and dates (the group unit covers 2026).
                let filtered = try await client.send(.get, "/archives?service=dgs&niveau=RecordGrp&du=2026-06-01&au=2026-06-30", host: host, cookie: admin)
                #expect(filtered.text.contains("Arrêtés du maire 2026") && !filtered.text.contains("Arrêté de circulation"))
                let later = try await client.send(.get, "/archives?service=dgs&du=2030-01-01", host: host, cookie: admin)
                #expect(later.text.contains("Aucune unité"))
                #expect(try await client.send(.get, "/archives?du=hier", host: host, cookie: admin).status == .badRequest)

                // An agent without the archive's permissions sees none of it.
                let agent = try await client.signIn(host, "agent@camon.fr")
                #expect(try await client.send(.get, "/archives", host: host, cookie: agent).status == .forbidden)
                #expect(try await client.send(.get, "/archives/referentiels", host: host, cookie: agent).status == .forbidden)
            }
        }
    }
}
