import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Synchronization
import TestSupport
import Testing

/// A citizen of Camon attaches a document of their safe to Amiens Métropole's water subscription:
/// a checked copy goes with the request (Amiens Métropole's agents see it only there), the safe
/// keeps its own and journals the loan.
@Suite("Requests: a document of the citizen's safe attached to a démarche", .serialized)
struct RequestsSafeAttachmentTests {
    @Test("chosen in the form, copied to the request of the processing member, journaled in the safe")
    func attachFromSafe() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("camon", "camille@camon.fr", roles: [])
            _ = try await platform.account("amiens-metropole", "eau@amiens-metropole.fr", roles: [.agent])
            try await platform.test { client in
                let camille = try await client.signIn("camon.localhost", "camille@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[camille] })
                let mandate = Array("%PDF-1.4\n% mandat SEPA signé\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
                let deposit = try await client.execute(uri: "/api/v1/me/safe/documents", method: .post, headers: [
                    HTTPField.Name("Host")!: "camon.localhost", .cookie: "__Host-mutualis=\(camille)", HTTPField.Name("X-CSRF-Token")!: csrf,
                    .contentType: "application/pdf", .contentDisposition: "attachment; filename=\"mandat.pdf\"",
                ], body: ByteBuffer(bytes: mandate))
                #expect(deposit.status == .created, "\(String(buffer: deposit.body))")
                let safeID = try #require(String(buffer: deposit.body).firstMatch(of: #/"id"\s*:\s*"([0-9a-f-]{36})"/#).map { String($0.1) })

                var portal = PortalForm(host: "camon.localhost", path: "/demarches/abonnement-eau", session: camille)
                _ = try await portal.start(client)
                _ = try await portal.post(client, [("type_titulaire", "particulier"), ("nom", "Camille Martin"), ("email", "camille@camon.fr"),
                                                   ("telephone", "0612345678")])
                let payment = try await portal.post(client, [("adresse", "3 rue de la République, Camon"), ("date_entree", "2026-11-15")])
                #expect(payment.text.contains("Ou joindre un document de mon coffre-fort") && payment.text.contains("mandat.pdf"), "\(payment.text.prefix(300))")
                let wrong = try await portal.post(client, [("prelevement", "oui"), ("iban", "FR7630006000011234567890189"), ("_coffre_mandat", UUID().uuidString)])
                #expect(wrong.status == .unprocessableContent && wrong.text.contains("n&#39;est plus dans votre coffre-fort"))
                let summary = try await portal.post(client, [("prelevement", "oui"), ("iban", "FR7630006000011234567890189"), ("_coffre_mandat", safeID)])
                #expect(summary.status == .ok && summary.text.contains("Récapitulatif"), "\(summary.status) \(summary.text.components(separatedBy: "<main").last?.prefix(2500) ?? "")")
                let sent = try await portal.post(client, [], action: "envoyer")
                let number = try #require(sent.headers[.location]?.firstMatch(of: #/ABONNEMENT-EAU-\d{4}-\d{6}/#).map { String($0.0) })

                // The copy belongs to the request, in Amiens Métropole's schema; the safe keeps its own and journals the loan.
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.document_references WHERE holder LIKE 'requests.request:%'
                    """) == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.safe_documents") == 1)
                let journal = try await client.send(.get, "/api/v1/me/safe/journal", host: "camon.localhost", cookie: camille)
                #expect(journal.text.contains("share") && journal.text.contains("abonnement"), "\(journal.text.prefix(800))")
                let agent = try await client.signIn("amiens-metropole.localhost", "eau@amiens-metropole.fr")
                let page = try await client.send(.get, "/administration/demandes/\(number)", host: "amiens-metropole.localhost", cookie: agent)
                let link = try #require(page.text.firstMatch(of: #/href="(/administration/demandes/[^"]+/documents/[0-9a-f-]+)"/#).map { String($0.1) })
                let copy = try await client.send(.get, link, host: "amiens-metropole.localhost", cookie: agent)
                #expect(copy.status == .ok && Array(copy.body.readableBytesView) == mandate)
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/\(safeID)", host: "camon.localhost", cookie: agent).status != .ok,
                        "the agent has no way into the safe itself")
            }
        }
    }
}
