import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Jobs
import Postgres
import Synchronization
import Tenancy
import TestSupport
import Testing

/// The member's administrators build a procedure (settings, fields, workflow; each change a new
/// version that filed requests do not take), and agents work the queue (filters, search, late
/// flags and digest, bulk transitions).
@Suite("Requests: designer and back office", .serialized)
struct RequestsBackOfficeTests {
    static let host = "boves.localhost"

    @Test("an administrator builds a procedure without a developer; filed requests keep their version")
    func designer() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("boves", "admin@boves.fr", roles: [.tenantAdmin, .agent])
            _ = try await platform.account("boves", "agent@boves.fr", roles: [.agent])
            try await platform.test { client in
                let admin = try await client.signIn(Self.host, "admin@boves.fr")
                let csrf = try #require(signedInTokens.withLock { $0[admin] })
                func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
                    let body = (fields + [("csrf", csrf)]).map { "\(PortalForm.encode($0.0))=\(PortalForm.encode($0.1))" }.joined(separator: "&")
                    return try await client.send(.post, path, host: Self.host, cookie: admin, body: body)
                }
                let agent = try await client.signIn(Self.host, "agent@boves.fr")
                #expect(try await client.send(.get, "/administration/demarches", host: Self.host, cookie: agent).status == .forbidden)
                #expect(try await client.send(.get, "/administration/demarches", host: Self.host, cookie: admin).text.contains("Éclairage public en panne"))

                #expect(try await post("/administration/demarches", [("title", "")]).status == .unprocessableContent)
                let created = try await post("/administration/demarches", [("title", "Réservation d'une salle"), ("description", "Réserver une salle communale.")])
                #expect(created.headers[.location] == "/administration/demarches/reservation-d-une-salle?message=creee")
                let base = "/administration/demarches/reservation-d-une-salle"
                #expect(try await post("/administration/demarches", [("title", "Autre"), ("slug", "reservation-d-une-salle")]).status == .unprocessableContent)
                #expect(try await client.send(.get, "/demarches/reservation-d-une-salle", host: Self.host).status == .notFound, "a draft is not offered")

                let number = try await post("\(base)/champs", [("version", "1"), ("label", "Nombre de personnes"), ("kind", "number"), ("minimum", "1"),
                                                               ("maximum", "300"), ("integer", "1"), ("required", "1"), ("page", "0")])
                #expect(number.status == .seeOther)
                let noChoice = try await post("\(base)/champs", [("version", "2"), ("label", "Salle"), ("kind", "single"), ("page", "0")])
                #expect(noChoice.status == .unprocessableContent && noChoice.text.contains("au moins une option"))
                #expect(try await post("\(base)/champs", [("version", "1"), ("label", "Salle"), ("kind", "yesno"), ("page", "0")]).status == .conflict)
                let settings = try await post("\(base)/reglages", [("title", "Réservation d'une salle"), ("description", "Réserver une salle communale."),
                                                                    ("delay", "5"), ("group", ""), ("anonymous", "1"), ("published", "1")])
                #expect(settings.status == .seeOther)
                #expect(try await post("\(base)/reglages", [("title", "X"), ("delay", "0")]).status == .unprocessableContent)

                // A citizen files it (version 2); the form changes (version 3); the request keeps version 2.
                var form = PortalForm(host: Self.host, path: "/demarches/reservation-d-une-salle")
                #expect(try await form.start(client).text.contains("Nombre de personnes"))
                #expect(try await form.post(client, [("objet", "Fête des voisins"), ("nombre_de_personnes", "12,5")]).status == .unprocessableContent)
                _ = try await form.post(client, [("objet", "Fête des voisins"), ("nombre_de_personnes", "40")])
                let receipt = try await form.post(client, [("_email", "voisins@example.org")], action: "envoyer")
                let filed = try #require(receipt.requestNumber)
                #expect(filed.hasPrefix("RESERVATION-D-UNE-SALLE-"))
                #expect(try await post("\(base)/champs", [("version", "2"), ("label", "Date souhaitée"), ("kind", "date"), ("page", "1"),
                                                         ("page_title", "Date")]).status == .seeOther)
                #expect(try await platform.count("SELECT current_version FROM tenant_boves.request_types WHERE slug = 'reservation-d-une-salle'") == 3)
                #expect(try await platform.count("SELECT type_version FROM tenant_boves.requests WHERE number = '\(filed)'") == 2)
                let page = try await client.send(.get, "/administration/demandes/\(filed)", host: Self.host, cookie: admin)
                #expect(page.status == .ok && page.text.contains("Fête des voisins") && !page.text.contains("Date souhaitée"))
                #expect(try await form.start(client).text.contains("Étape 1 sur 2"))

                // The workflow's rows: a status and an action added; a circuit without a way out is refused.
                var rows: [(String, String)] = [("version", "3"), ("statut_initial", "recue")]
                for (id, label) in [("recue", "Reçue"), ("traitee", "Traitée"), ("", "")] { rows += [("statut_id", id), ("statut_libelle", label)] }
                rows += [("statut_final", "1")]
                for (id, label, to) in [("traiter", "Traiter", "traitee"), ("", "", "")] {
                    rows += [("t_id", id), ("t_libelle", label), ("t_vers", to), ("t_permission", "requests.process"), ("t_message", "Demande {{numero}} traitée.")]
                }
                rows += [("t_depuis_0", "recue"), ("t_lot", "0")]
                #expect(try await post("\(base)/circuit", rows).status == .seeOther)
                let designed = try await client.send(.get, base, host: Self.host, cookie: admin)
                #expect(designed.text.contains("Version 4") && designed.text.contains("value=\"Traitée\""))
                let stuck = rows.map { $0.0 == "statut_final" ? ("statut_final", "9") : $0 }.map { $0.0 == "version" ? ("version", "4") : $0 }
                let refused = try await post("\(base)/circuit", stuck)
                #expect(refused.status == .unprocessableContent && refused.text.contains("La modification n'est pas enregistrée"))
                #expect(try await post("\(base)/json", [("version", "4"), ("form", "{"), ("workflow", "{}")]).status == .unprocessableContent)
                #expect(try await post("\(base)/champs/objet/supprimer", [("version", "4")]).status == .seeOther)
                #expect(try await platform.count("SELECT current_version FROM tenant_boves.request_types WHERE slug = 'reservation-d-une-salle'") == 5)
            }
        }
    }

    @Test("the queue: filters, search, late flags and the morning digest, bulk transitions")
    func queue() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("boves", "agent@boves.fr", roles: [.agent])
            try await platform.test { client in
                let agent = try await client.signIn(Self.host, "agent@boves.fr")
                let csrf = try #require(signedInTokens.withLock { $0[agent] })
                let all = try await client.send(.get, "/administration/demandes", host: Self.host, cookie: agent)
                let number = try #require(all.requestNumber)
                #expect(number.hasPrefix("ECLAIRAGE-PUBLIC-"))
                #expect(try await client.send(.get, "/administration/demandes?q=Mairie", host: Self.host, cookie: agent).text.contains(number))
                #expect(!(try await client.send(.get, "/administration/demandes?q=introuvable", host: Self.host, cookie: agent).text.contains(number)))
                #expect(try await client.send(.get, "/administration/demandes?q=\(number)", host: Self.host, cookie: agent).text.contains(number))
                #expect(try await client.send(.get, "/administration/demandes?type=inconnu", host: Self.host, cookie: agent).status == .badRequest)
                #expect(try await client.send(.get, "/administration/demandes?du=hier", host: Self.host, cookie: agent).status == .badRequest)
                #expect(try await client.send(.get, "/administration/demandes?apres=x", host: Self.host, cookie: agent).status == .badRequest)
                #expect(!(try await client.send(.get, "/administration/demandes?retard=1", host: Self.host, cookie: agent).text.contains(number)))
                _ = try await platform.services.postgres.query(.init(unsafeSQL: "UPDATE tenant_boves.requests SET late_from = now() - interval '1 day' WHERE number = '\(number)'"))
                let late = try await client.send(.get, "/administration/demandes?retard=1", host: Self.host, cookie: agent)
                #expect(late.text.contains(number) && late.text.contains("en retard"))

                _ = try await platform.services.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(NewJob(queue: "requests", kind: "requests.late-digest", tenant: try TenantSlug("boves"),
                                                         payload: PostgresJSON(text: "{}")), on: connection)
                }
                try await platform.withWorker {
                    let digested = try await platform.eventually {
                        try await platform.count("""
                            SELECT count(*) FROM tenant_boves.notifications n JOIN tenant_boves.accounts a ON a.id = n.account_id
                            WHERE a.email = 'agent@boves.fr' AND n.title = '1 demande(s) en retard'
                            """) == 1
                    }
                    #expect(digested)
                }

                let filtered = try await client.send(.get, "/administration/demandes?type=eclairage-public&statut=recue", host: Self.host, cookie: agent)
                #expect(filtered.text.contains("Prendre en charge"), "bulk actions of the chosen status")
                let id = try #require(filtered.text.firstMatch(of: #/name="demande" value="([0-9a-f-]+)"/#).map { String($0.1) })
                let bulk = try await client.send(.post, "/administration/demandes/lot", host: Self.host, cookie: agent,
                                                  body: "csrf=\(csrf)&transition=prendre-en-charge&demande=\(id)&demande=\(UUID().uuidString)")
                #expect(bulk.headers[.location] == "/administration/demandes?lot=1-1")
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.requests WHERE number = '\(number)' AND status = 'instruction'") == 1)
                let notBulk = try await client.send(.post, "/administration/demandes/lot", host: Self.host, cookie: agent,
                                                     body: "csrf=\(csrf)&transition=accepter&demande=\(id)")
                #expect(notBulk.headers[.location] == "/administration/demandes?lot=0-1", "« Accepter » is not a bulk action")
                #expect(try await client.send(.post, "/administration/demandes/lot", host: Self.host, cookie: agent,
                                              body: "transition=cloturer&demande=\(id)").status == .forbidden)
            }
        }
    }
}
