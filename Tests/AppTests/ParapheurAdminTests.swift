import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Jobs
@testable import Parapheur
import Postgres
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Parapheur: administration pages and the late-folder reminders", .serialized)
struct ParapheurAdminTests {
    @Test("an administrator creates desks, a delegation and a type from the pages; bad input is shown on the page and writes nothing")
    func administration() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("saleux", "admin@saleux.fr", roles: [.tenantAdmin])
            _ = try await platform.account("saleux", "sophie@saleux.fr", roles: [.agent])
            _ = try await platform.account("saleux", "marie@saleux.fr", roles: [.signatory, .agent])
            let host = "saleux.localhost"
            try await platform.test { client in
                let admin = try await client.signIn(host, "admin@saleux.fr")
                let csrf = try #require(signedInTokens.withLock { $0[admin] })
                func post(_ path: String, _ fields: [String: String]) async throws -> TestResponse {
                    try await client.send(.post, path, host: host, cookie: admin, body: form(fields.merging(["csrf": csrf]) { $1 }))
                }
                #expect(try await post("/administration/parapheur/bureaux", ["name": "Secrétariat", "holders": "sophie@saleux.fr"]).status == .seeOther)
                #expect(try await post("/administration/parapheur/bureaux", ["name": "Maire", "holders": "marie@saleux.fr"]).status == .seeOther)
                #expect(try await post("/administration/parapheur/bureaux", ["name": "Adjoint", "holders": "sophie@saleux.fr"]).status == .seeOther)
                let unknown = try await post("/administration/parapheur/bureaux", ["name": "Finances", "holders": "personne@saleux.fr"])
                #expect(unknown.status == .badRequest && unknown.text.contains("Aucun agent"))
                let twice = try await post("/administration/parapheur/bureaux", ["name": "Maire", "holders": ""])
                #expect(twice.status == .badRequest)
                #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.parapheur_desks") == 3)

                let type = try await post("/administration/parapheur/types", ["type": "Arrêté", "subtype": "Voirie", "steps": "visa : Secrétariat\nsignature : Maire", "days": "2"])
                #expect(type.status == .seeOther)
                let badSteps = try await post("/administration/parapheur/types", ["type": "Arrêté", "subtype": "Police", "steps": "danse : Maire"])
                #expect(badSteps.status == .badRequest && badSteps.text.contains("Ligne 1"))
                let noDesk = try await post("/administration/parapheur/types", ["type": "Arrêté", "subtype": "Police", "steps": "visa : Nulle part"])
                #expect(noDesk.status == .unprocessableContent)
                #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.parapheur_types") == 1)

                let desks = try await ParapheurStore(platform.services.tenantStore.member(try TenantSlug("saleux"))).desks()
                let maire = try #require(desks.first { $0.name == "Maire" }), adjoint = try #require(desks.first { $0.name == "Adjoint" })
                #expect(try await post("/administration/parapheur/delegations", ["from": maire.id.uuidString, "to": adjoint.id.uuidString,
                                                                                  "start": "2026-12-01", "end": "2026-12-20"]).status == .seeOther)
                let reversed = try await post("/administration/parapheur/delegations", ["from": maire.id.uuidString, "to": adjoint.id.uuidString,
                                                                                        "start": "2026-12-20", "end": "2026-12-01"])
                #expect(reversed.status == .badRequest)
                let page = try await client.send(.get, "/administration/parapheur", host: host, cookie: admin)
                #expect(page.status == .ok)
                #expect(page.text.contains("Visa — Secrétariat → Signature (PAdES) — Maire"))
                #expect(page.text.contains("marie@saleux.fr"))
                // An agent without the permission gets no administration page.
                let agent = try await client.signIn(host, "sophie@saleux.fr")
                #expect(try await client.send(.get, "/administration/parapheur", host: host, cookie: agent).status == .forbidden)
            }
        }
    }

    @Test("a folder waiting longer than its type allows reminds its desk once, by notification")
    func reminders() async throws {
        try await TestPlatform.with { platform in
            let fixture = ParapheurFixture(platform: platform, slug: "salouel")
            let secretariat = try await fixture.agentWithDesk("secretariat@salouel.fr", desk: "Secrétariat")
            try await fixture.store.createType(type: "Arrêté", subtype: "Voirie", circuit: CircuitTemplate(steps: [.visa(.desk(secretariat.desk))]), stepDays: 2)
            try await platform.test { client in
                _ = try await ParapheurHTTPTests.submit(client, host: fixture.host, token: try await platform.clientToken("salouel"), title: "Arrêté en retard",
                                                        type: "Arrêté", subtype: "Voirie", annex: false)
                _ = try await ParapheurHTTPTests.submit(client, host: fixture.host, token: try await platform.clientToken("salouel"), title: "Arrêté à l'heure",
                                                        type: "Arrêté", subtype: "Voirie", annex: false)
            }
            try await platform.services.postgres.query("""
                UPDATE tenant_salouel.parapheur_folders SET waiting_since = now() - interval '3 days',
                    circuit = jsonb_set(circuit, '{waitingSince}', to_jsonb(to_char((now() - interval '3 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
                WHERE title = 'Arrêté en retard'
                """)
            for _ in 0..<2 {
                _ = try await platform.services.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(RemindLateFoldersJob.self, .init(), tenant: try TenantSlug("salouel")), on: connection)
                }
            }
            let notified = """
                SELECT count(*) FROM tenant_salouel.notifications WHERE account_id = '\(secretariat.account.uuidString.lowercased())' AND title LIKE 'Dossier en retard%'
                """
            #expect(try await platform.withWorker { try await platform.eventually {
                let jobs = try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'parapheur.remind' AND state = 'succeeded'")
                let notices = try await platform.count(notified)
                return jobs == 2 && notices == 1
            } })
            #expect(try await platform.count("SELECT count(*) FROM tenant_salouel.events WHERE type = 'parapheur.folder.reminder'") == 1)
        }
    }
}
