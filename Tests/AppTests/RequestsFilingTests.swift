import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing

/// Citizens file procedures on a portal: page by page with errors next to each field, a summary,
/// anonymous filing with a tracking link, and the intercommunality's procedures stored by the
/// member that processes them.
@Suite("Requests: filing on the portal (multi-step forms, errors, attachments, anonymous tracking)", .serialized)
struct RequestsFilingTests {
    @Test("an anonymous citizen of Camon reports illegal dumping, processed by Amiens Métropole, and follows it by its link")
    func anonymousAcrossMembers() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let list = try await client.send(.get, "/demarches", host: "camon.localhost")
                #expect(list.status == .ok)
                #expect(list.text.contains("Signalement d&#39;un dépôt sauvage") && list.text.contains("Éclairage public en panne"))
                #expect(list.text.contains("compétences intercommunales"))

                var form = PortalForm(host: "camon.localhost", path: "/demarches/depots-sauvages")
                let first = try await form.start(client)
                #expect(first.status == .ok && first.text.contains("multipart/form-data") && first.text.contains("Traitée par Amiens Métropole"))

                // Errors, each next to its field; nothing stored.
                let bad = try await form.post(client, [("nature", "autre"), ("adresse", ""), ("description", "x")])
                #expect(bad.status == .unprocessableContent)
                #expect(bad.text.contains("champ-nature_autre-erreurs") && bad.text.contains("champ-adresse-erreurs") && bad.text.contains("Ce champ est obligatoire."))
                let wrongType = try await form.post(client, [("nature", "encombrants"), ("adresse", "5 rue Jean Jaurès, Camon"), ("description", "frigo")],
                                                    files: [("photo", "photo.png", Array("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n%%EOF\n".utf8))])
                #expect(wrongType.status == .unprocessableContent && wrongType.text.contains("sont acceptés"))
                let unknown = try await form.post(client, [("nature", "encombrants"), ("inconnu", "1")])
                #expect(unknown.status == .badRequest)

                // Page 1 with a photo, then page 2, then the summary.
                let second = try await form.post(client, [
                    ("nature", "encombrants"), ("adresse", "5 rue Jean Jaurès, Camon"), ("adresse.latitude", "49,9071"), ("adresse.longitude", "2.3440"),
                    ("description", "<script>alert(1)</script> Un réfrigérateur abandonné"),
                ], files: [("photo", "photo.png", PortalForm.png)])
                #expect(second.status == .ok, "\(second.text.prefix(2000))")
                #expect(second.text.contains("Vos coordonnées"))
                let summary = try await form.post(client, [("recontact", "non")])
                #expect(summary.status == .ok && summary.text.contains("Récapitulatif avant envoi"))
                #expect(summary.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Un réfrigérateur") && !summary.text.contains("<script>alert(1)"))
                #expect(try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.requests WHERE filing_member = 'camon'") == 0)

                let noEmail = try await form.post(client, [], action: "envoyer")
                #expect(noEmail.status == .unprocessableContent && noEmail.text.contains("adresse électronique"))
                let receipt = try await form.post(client, [("_email", "Riverain@Example.ORG")], action: "envoyer")
                #expect(receipt.status == .created, "\(receipt.text.prefix(2000))")
                let number = try #require(receipt.requestNumber)
                #expect(number.hasPrefix("DEPOTS-SAUVAGES-"))
                let link = try #require(receipt.text.firstMatch(of: #/https?://camon\.localhost[^"<]*/demarches/suivi/([A-Za-z0-9_-]+)/#))
                let token = String(link.1)

                // Stored by the member that processes it, with the portal it was filed on; nothing in Camon's requests.
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.requests WHERE number = '\(number)' AND filing_member = 'camon'
                      AND requester IS NULL AND contact_email = 'Riverain@example.org' AND latitude BETWEEN 49.90 AND 49.91
                    """) == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.requests WHERE number = '\(number)'") == 0)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.document_references WHERE holder LIKE 'requests.request:%'
                    """) == 1)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_amiens_metropole.events WHERE type = 'requests.request.filed' AND data ->> 'number' = '\(number)'
                    """) == 1)
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'requests.link-sync' AND tenant_slug = 'camon'") >= 1)

                // The tracking link works on Camon's portal only, and shows no internal note.
                let tracked = try await client.send(.get, "/demarches/suivi/\(token)", host: "camon.localhost")
                #expect(tracked.status == .ok && tracked.text.contains(number) && tracked.text.contains("Reçue") && tracked.text.contains("Amiens Métropole"))
                #expect(try await client.send(.get, "/demarches/suivi/\(token)", host: "amiens-metropole.localhost").status == .notFound)
                #expect(try await client.send(.get, "/demarches/suivi/\(token)x", host: "camon.localhost").status == .notFound)
                let photo = try #require(tracked.text.firstMatch(of: #/href="(/demarches/suivi/[^"]+/documents/[0-9a-f-]+)"/#))
                let download = try await client.send(.get, String(photo.1), host: "camon.localhost")
                #expect(download.status == .ok && Array(download.body.readableBytesView) == PortalForm.png)
            }
        }
    }

    @Test("a procedure that needs an account sends anonymous people to sign in; a forged form is refused")
    func accountsAndForgery() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let page = try await client.send(.get, "/demarches/abonnement-eau", host: "camon.localhost")
                #expect(page.status == .seeOther && (page.headers[.location] ?? "").hasPrefix("/compte/connexion"))
                #expect(try await client.send(.get, "/demarches/inconnue", host: "camon.localhost").status == .notFound)
                var form = PortalForm(host: "camon.localhost", path: "/demarches/eclairage-public")
                _ = try await form.start(client)
                form.cookies = ""
                #expect(try await form.post(client, [("adresse", "Rue X"), ("panne", "eteint"), ("danger", "non")]).status == .forbidden)
                // A form without file fields takes no large body (a multipart form is read whole first).
                var big = MultipartBody()
                big.file("adresse", fileName: "x.bin", Array(repeating: 0x41, count: 400_000))
                #expect(try await client.sendBytes(.post, "/demarches/eclairage-public", host: "camon.localhost", body: big.finished(),
                                                   contentType: big.contentType).status == .contentTooLarge)
                // Another commune's own procedure is not offered here.
                #expect(try await client.send(.get, "/demarches/eclairage-public", host: "amiens-metropole.localhost").status == .notFound)
            }
        }
    }
}
