import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Synchronization
import TestSupport
import Testing

/// Two-tier routing: a citizen of Camon files a water subscription (Amiens Métropole's
/// competence) on Camon's portal; Amiens Métropole's agents process it in their own schema; the
/// citizen follows and answers it from Camon's portal. Each side sees only what it must.
@Suite("Requests: two-tier routing between a commune and the intercommunality, and who sees what", .serialized)
struct RequestsRoutingTests {
    @Test("filed on Camon, processed by Amiens Métropole, followed and answered on Camon; nobody else sees it")
    func waterSubscription() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("camon", "camille@camon.fr", roles: [])
            _ = try await platform.account("camon", "voisin@camon.fr", roles: [])
            _ = try await platform.account("camon", "agent@camon.fr", roles: [.agent])
            _ = try await platform.account("amiens-metropole", "eau@amiens-metropole.fr", roles: [.agent])
            _ = try await platform.account("amiens", "camille@amiens.fr", roles: [])
            try await platform.test { client in
                let camille = try await client.signIn("camon.localhost", "camille@camon.fr")
                var portal = PortalForm(host: "camon.localhost", path: "/demarches/abonnement-eau", session: camille)
                #expect(try await portal.start(client).status == .ok)
                let holder = try await portal.post(client, [("type_titulaire", "entreprise"), ("raison_sociale", "Boulangerie Martin"),
                                                          ("siret", "73282932000075"), ("nom", "Camille Martin"), ("email", "camille@camon.fr"),
                                                          ("telephone", "06 12 34 56 78")])
                #expect(holder.status == .unprocessableContent && holder.text.contains("champ-siret-erreurs"), "the SIRET's key is wrong")
                let dwelling = try await portal.post(client, [("type_titulaire", "entreprise"), ("raison_sociale", "Boulangerie Martin"),
                                                            ("siret", "73282932000074"), ("nom", "Camille Martin"), ("email", "camille@camon.fr"),
                                                            ("telephone", "06 12 34 56 78")])
                #expect(dwelling.status == .ok && dwelling.text.contains("Le logement"), "\(dwelling.text.prefix(1500))")
                // The draft: leaving and coming back resumes at the second page.
                var again = PortalForm(host: "camon.localhost", path: "/demarches/abonnement-eau", session: camille)
                let resumed = try await again.start(client)
                #expect(resumed.text.contains("Votre brouillon a été repris") && resumed.text.contains("Étape 2 sur 3"))
                _ = try await portal.post(client, [("adresse", "3 rue de la République, Camon"), ("date_entree", "15/11/2026")])
                let summary = try await portal.post(client, [("prelevement", "oui"), ("iban", "FR76 3000 6000 0112 3456 7890 189"),
                                                           ("services", "facture_electronique"), ("services", "alerte_fuite")])
                #expect(summary.status == .ok && summary.text.contains("FR76 3000 6000 0112 3456 7890 189") && !summary.text.contains("_email"))
                let sent = try await portal.post(client, [], action: "envoyer")
                #expect(sent.status == .seeOther, "\(sent.text.prefix(1500))")
                let location = try #require(sent.headers[.location])
                let number = try #require(location.firstMatch(of: #/ABONNEMENT-EAU-\d{4}-\d{6}/#).map { String($0.0) })

                // Stored in Amiens Métropole's schema only; Camon keeps the link for « Mes demandes ».
                #expect(try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.requests WHERE number = '\(number)' AND filing_member = 'camon'") == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.requests WHERE number = '\(number)'") == 0)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.request_links WHERE number = '\(number)' AND owner_member = 'amiens-metropole'") == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.request_drafts") == 0)
                let mine = try await client.send(.get, "/mes-demandes", host: "camon.localhost", cookie: camille)
                #expect(mine.status == .ok && mine.text.contains(number) && mine.text.contains("Amiens Métropole"))
                #expect(try await client.send(.get, location, host: "camon.localhost", cookie: camille).text.contains("Reçue"))

                // Another citizen of Camon, a citizen of Amiens, Camon's agent: nothing.
                let neighbour = try await client.signIn("camon.localhost", "voisin@camon.fr")
                #expect(try await client.send(.get, "/mes-demandes/\(number)", host: "camon.localhost", cookie: neighbour).status == .notFound)
                #expect(!(try await client.send(.get, "/mes-demandes", host: "camon.localhost", cookie: neighbour).text.contains(number)))
                let amiens = try await client.signIn("amiens.localhost", "camille@amiens.fr")
                #expect(try await client.send(.get, "/mes-demandes/\(number)", host: "amiens.localhost", cookie: amiens).status == .notFound)
                let camonAgent = try await client.signIn("camon.localhost", "agent@camon.fr")
                #expect(!(try await client.send(.get, "/administration/demandes", host: "camon.localhost", cookie: camonAgent).text.contains(number)))
                #expect(try await client.send(.get, "/administration/demandes/\(number)", host: "camon.localhost", cookie: camonAgent).status == .notFound)

                // Amiens Métropole's agent: the request with its contact, not Camon's own requests.
                let agent = try await client.signIn("amiens-metropole.localhost", "eau@amiens-metropole.fr")
                let csrf = try #require(signedInTokens.withLock { $0[agent] })
                let queue = try await client.send(.get, "/administration/demandes", host: "amiens-metropole.localhost", cookie: agent)
                #expect(queue.status == .ok && queue.text.contains(number) && queue.text.contains("déposée sur le portail de Camon"))
                #expect(!queue.text.contains("ECLAIRAGE-PUBLIC-"), "Camon's own requests stay in Camon's schema")
                let page = try await client.send(.get, "/administration/demandes/\(number)", host: "amiens-metropole.localhost", cookie: agent)
                #expect(page.status == .ok && page.text.contains("camille@camon.fr") && page.text.contains("Boulangerie Martin"))
                func act(_ path: String, _ fields: [String: String]) async throws -> TestResponse {
                    try await client.send(.post, "/administration/demandes/\(number)/\(path)", host: "amiens-metropole.localhost", cookie: agent,
                                          body: form(fields.merging(["csrf": csrf]) { a, _ in a }))
                }
                #expect(try await act("action", ["transition": "prendre-en-charge", "revision": "1"]).status == .seeOther)
                let stale = try await act("action", ["transition": "demander-pieces", "revision": "1"])
                #expect(stale.status == .conflict, "the page showed revision 1; the request has moved since")
                #expect(try await act("action", ["transition": "accepter-tout", "revision": "2"]).status == .conflict)
                #expect(try await act("note", ["text": "Compteur à vérifier sur place."]).status == .seeOther)
                #expect(try await act("action", ["transition": "demander-pieces", "comment": "Merci de joindre le mandat SEPA signé.", "revision": "3"]).status == .seeOther)

                // The mirror on Camon follows (a job of Camon's), and the citizen is told there.
                try await platform.withWorker {
                    let synced = try await platform.eventually {
                        try await platform.count("""
                            SELECT count(*) FROM tenant_camon.request_links WHERE number = '\(number)' AND status_label = 'En attente de pièces'
                            """) == 1
                    }
                    #expect(synced)
                }
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_camon.notifications n JOIN tenant_camon.accounts a ON a.id = n.account_id
                    WHERE a.email = 'camille@camon.fr' AND n.body LIKE '%mandat SEPA%'
                    """) == 1)
                let followed = try await client.send(.get, "/mes-demandes/\(number)", host: "camon.localhost", cookie: camille)
                #expect(followed.text.contains("En attente de pièces") && followed.text.contains("Répondre au service") && followed.text.contains("mandat SEPA"))
                #expect(!followed.text.contains("Compteur à vérifier"), "internal notes are not shown to the citizen")

                // The citizen answers from Camon's portal with a document; it lands in Amiens Métropole's request.
                var reply = MultipartBody()
                reply.field("csrf", try #require(signedInTokens.withLock { $0[camille] }))
                reply.field("message", "Voici le mandat signé.")
                reply.file("piece", fileName: "mandat.pdf", Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8), contentType: "application/pdf")
                let answered = try await client.sendBytes(.post, "/mes-demandes/\(number)/reponse", host: "camon.localhost", body: reply.finished(),
                                                          contentType: reply.contentType, cookie: camille)
                #expect(answered.status == .seeOther, "\(answered.text.prefix(1000))")
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.events WHERE type = 'requests.request.message_added' AND data ->> 'number' = '\(number)'
                    """) == 1)
                let processed = try await client.send(.get, "/administration/demandes/\(number)", host: "amiens-metropole.localhost", cookie: agent)
                #expect(processed.text.contains("Voici le mandat signé.") && processed.text.contains("Réponse du demandeur"))
                // The neighbour cannot answer it.
                var forged = MultipartBody()
                forged.field("csrf", try #require(signedInTokens.withLock { $0[neighbour] }))
                forged.field("message", "Je réponds à sa place.")
                #expect(try await client.sendBytes(.post, "/mes-demandes/\(number)/reponse", host: "camon.localhost", body: forged.finished(),
                                                   contentType: forged.contentType, cookie: neighbour).status == .notFound)
            }
        }
    }
}
