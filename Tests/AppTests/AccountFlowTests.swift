import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Sign-up, verification, reset and the console over HTTP")
struct AccountFlowTests {
    /// The link in the last mail queued for `recipient` (the mail job's payload).
    func link(_ platform: TestPlatform, to recipient: String, containing path: String) async throws -> String? {
        let rows = try await platform.services.postgres.query("""
            SELECT payload->>'body' FROM platform.jobs WHERE kind = 'mail.send' AND payload->>'to' = \(recipient) ORDER BY id DESC
            """)
        for row in rows {
            let body = try row.decode(String.self, at: 0)
            if let line = body.split(separator: "\n").first(where: { $0.contains(path) }) {
                return line.trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    func token(in link: String) -> String {
        String(link.split(separator: "jeton=").last ?? "")
    }

    @Test("sign-up mails a verification link; the account works once verified; the address is not disclosed")
    func signUp() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let body: [String: Any] = ["email": "nina@amiens.fr", "password": "le beffroi domine la place", "display_name": "Nina"]
                let accepted = try await client.send(.post, "/api/v1/accounts", host: "amiens.localhost", json: body)
                #expect(accepted.status == .accepted)
                let pending = try await client.send(.post, "/api/v1/session", host: "amiens.localhost",
                                                    json: ["email": "nina@amiens.fr", "password": "le beffroi domine la place"])
                // The right password before the address is confirmed: told to confirm it, not « incorrect ».
                #expect(pending.status == .forbidden)
                #expect(try pending.json()["type"] as? String == "/problems/email-not-verified")
                let wrong = try await client.send(.post, "/api/v1/session", host: "amiens.localhost", json: ["email": "nina@amiens.fr", "password": "pas le bon mot de passe"])
                #expect(wrong.status == .unauthorized)
                let verification = try #require(try await link(platform, to: "nina@amiens.fr", containing: "/compte/verification"))
                #expect(verification.hasPrefix("https://amiens.localhost/compte/verification?jeton="))
                let verified = try await client.send(.post, "/api/v1/accounts/verification", host: "amiens.localhost", json: ["token": token(in: verification)])
                #expect(verified.status == .noContent)
                let reused = try await client.send(.post, "/api/v1/accounts/verification", host: "amiens.localhost", json: ["token": token(in: verification)])
                #expect(reused.status == .badRequest)
                _ = try await client.signIn("amiens.localhost", "nina@amiens.fr", "le beffroi domine la place")

                // Signing up again with the same address looks the same, and mails the owner instead.
                let again = try await client.send(.post, "/api/v1/accounts", host: "amiens.localhost", json: body)
                #expect(again.status == .accepted)
                #expect(try again.json()["message"] as? String == (try accepted.json()["message"] as? String))
                #expect(try await link(platform, to: "nina@amiens.fr", containing: "/compte/mot-de-passe-oublie") != nil)
                // A common password is refused with a clear message.
                let common = try await client.send(.post, "/api/v1/accounts", host: "amiens.localhost",
                                                   json: ["email": "leo@amiens.fr", "password": "motdepasse123"])
                #expect(common.status == .unprocessableContent)
                #expect(try common.json()["detail"] as? String == "Ce mot de passe est trop courant : choisissez-en un autre.")
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_amiens.accounts") == 1)
        }
    }

    @Test("password reset: single-use link, the new password works, the old sessions end")
    func reset() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("camon", "jules@camon.fr", roles: [])
            try await platform.test { client in
                let old = try await client.signIn("camon.localhost", "jules@camon.fr")
                let unknown = try await client.send(.post, "/api/v1/password-resets", host: "camon.localhost", json: ["email": "nobody@camon.fr"])
                let known = try await client.send(.post, "/api/v1/password-resets", host: "camon.localhost", json: ["email": "jules@camon.fr"])
                #expect(unknown.status == .accepted)
                #expect(known.status == .accepted)
                #expect(try unknown.json()["message"] as? String == (try known.json()["message"] as? String))
                let link = try #require(try await link(platform, to: "jules@camon.fr", containing: "/compte/nouveau-mot-de-passe"))
                let weak = try await client.send(.post, "/api/v1/password-resets/confirmation", host: "camon.localhost",
                                                 json: ["token": token(in: link), "password": "court"])
                #expect(weak.status == .unprocessableContent)
                let done = try await client.send(.post, "/api/v1/password-resets/confirmation", host: "camon.localhost",
                                                 json: ["token": token(in: link), "password": "la citadelle veille sur la somme"])
                #expect(done.status == .noContent)
                let reused = try await client.send(.post, "/api/v1/password-resets/confirmation", host: "camon.localhost",
                                                   json: ["token": token(in: link), "password": "encore une autre phrase longue"])
                #expect(reused.status == .badRequest)
                #expect(try await client.send(.get, "/api/v1/me", host: "camon.localhost", cookie: old).status == .unauthorized)
                _ = try await client.signIn("camon.localhost", "jules@camon.fr", "la citadelle veille sur la somme")
            }
        }
    }

    @Test("operators: console sign-in, a journaled time-limited grant, then admin rights inside that member only")
    func operatorGrant() async throws {
        try await TestPlatform.with { platform in
            try await OperatorConsole(context: platform.services.identity).createOperator(
                email: "ops@consortium.fr", displayName: "Ops", password: TestPlatform.password
            )
            try await platform.test { client in
                let page = try await client.send(.get, "/console/connexion", host: "admin.localhost")
                let csrf = try #require(page.cookie("__Host-mutualis-csrf"))
                let signedIn = try await client.send(.post, "/console/connexion", host: "admin.localhost", cookie: "__Host-mutualis-csrf=\(csrf)",
                                                     body: form(["csrf": csrf, "email": "ops@consortium.fr", "password": TestPlatform.password]))
                #expect(signedIn.status == .seeOther)
                let console = try #require(signedIn.cookie("__Host-mutualis"))
                // The console session gives nothing inside a member.
                #expect(try await client.send(.get, "/api/v1/agents", host: "boves.localhost", cookie: console).status == .unauthorized)
                let home = try await client.send(.get, "/console/", host: "admin.localhost", cookie: console)
                #expect(home.text.contains("Boves"))
                let sessionCSRF = try #require(home.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix(32))
                let granted = try await client.send(.post, "/console/acces", host: "admin.localhost", cookie: console,
                                                    body: form(["csrf": String(sessionCSRF), "tenant": "boves", "reason": "ticket 4242", "minutes": "30"]))
                // A page with a link to the member's host (a redirect would be stopped by the
                // console page's form-action CSP in a browser).
                #expect(granted.status == .ok)
                #expect(granted.text.contains("Accès accordé à Boves"))
                let location = try #require(granted.text.components(separatedBy: "href=\"").first { $0.hasPrefix("https://boves.localhost/console-acces?jeton=") }?
                    .split(separator: "\"").first.map(String.init))
                let handoff = String(location.split(separator: "jeton=").last ?? "")
                let entered = try await client.send(.get, "/console-acces?jeton=\(handoff)", host: "boves.localhost")
                #expect(entered.status == .seeOther)
                let inside = try #require(entered.cookie("__Host-mutualis"))
                #expect(try await client.send(.get, "/api/v1/agents", host: "boves.localhost", cookie: inside).status == .ok)
                #expect(try await client.send(.get, "/api/v1/agents", host: "camon.localhost", cookie: inside).status == .unauthorized)
                // The handoff is single use.
                #expect(try await client.send(.get, "/console-acces?jeton=\(handoff)", host: "boves.localhost").status == .badRequest)
            }
            #expect(try await platform.count("SELECT count(*) FROM platform.operator_grants WHERE tenant_slug = 'boves' AND expires_at <= now() + interval '30 minutes'") == 1)
            #expect(try await platform.count("SELECT count(*) FROM platform.audit_journal WHERE action = 'grant.create'") == 1)
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.audit_journal WHERE action = 'grant.create'") == 1)
            #expect(try await Operations(configuration: platform.services.configuration, output: { _ in }).verifyAudit(tenant: nil))
        }
    }

    @Test("`mutualis mail outbox` shows the outbox's mail, filtered by recipient")
    func outboxCommand() async throws {
        try await TestPlatform.with(syncing: false) { platform in
            try await platform.services.postgres.query("""
                INSERT INTO platform.mail_outbox (recipient, subject, body) VALUES
                ('nina@amiens.fr', 'Vérifiez votre adresse', 'https://amiens.localhost/compte/verification?jeton=abc'),
                ('leo@camon.fr', 'Autre', 'autre lien')
                """)
            let lines = Mutex<[String]>([])
            let operations = Operations(configuration: platform.services.configuration, output: { line in lines.withLock { $0.append(line) } })
            try await operations.mailOutbox(recipient: "Nina@Amiens.fr", limit: 10)
            let shown = lines.withLock { $0.joined(separator: "\n") }
            #expect(shown.contains("Subject: Vérifiez votre adresse"))
            #expect(shown.contains("verification?jeton=abc"))
            #expect(!shown.contains("autre lien"))
            lines.withLock { $0 = [] }
            try await operations.mailOutbox(recipient: "personne@amiens.fr", limit: 10)
            #expect(lines.withLock { $0 } == ["No mail for personne@amiens.fr in the outbox."])
        }
    }
}
