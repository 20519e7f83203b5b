import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Synchronization
import TestSupport
import Testing
import ZIPFoundation

/// Invoices: imports checked whole and applied once, by page and API; citizens link their bills
/// with the paper bill's key (throttled) and see only theirs.
@Suite("Billing: invoice imports and « Mes factures »", .serialized)
struct BillingInvoicesTests {
    static let host = "camon.localhost"
    static let header = "reference,debiteur,adresse,montant_centimes,date_emission,date_echeance,regie,cle_paiement,pdf"
    static let invoices = "SELECT count(*) FROM tenant_camon.billing_invoices"

    static func zip(_ files: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (name, bytes) in files {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return Array(try #require(archive.data))
    }

    @Test("imports: refused whole with errors by line, applied once, with the bills' PDFs in a ZIP, by page and API")
    func imports() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("camon", "regie@camon.fr", roles: [.agent])
            let token = try await platform.clientToken("camon", scopes: ["billing.import"])
            try await platform.test { client in
                let agent = try await client.signIn(Self.host, "regie@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[agent] })
                let page = try await client.send(.get, "/administration/factures", host: Self.host, cookie: agent)
                #expect(page.status == .ok && page.text.contains("Crèche municipale"))
                let before = try await platform.count(Self.invoices)
                func upload(_ bytes: [UInt8], name: String) async throws -> TestResponse {
                    var form = MultipartBody()
                    form.field("csrf", csrf)
                    form.file("fichier", fileName: name, bytes, contentType: "text/csv")
                    return try await client.sendBytes(.post, "/administration/factures/imports", host: Self.host, body: form.finished(),
                                                      contentType: form.contentType, cookie: agent)
                }
                let bad = [Self.header, "CRE-2026-0100,Alex Petit,,9900,2026-11-02,2026-12-15,creche,ABCDEF12,",
                           "CRE-2026-0101,Alex Petit,,dix euros,2026-11-02,2026-12-15,creche,ABCDEF13,",
                           "CRE-2026-0102,Alex Petit,,1000,2026-11-02,2026-10-15,inconnue,ABCDEF14,"].joined(separator: "\n") + "\n"
                let refused = try await upload(Array(bad.utf8), name: "factures.csv")
                #expect(refused.status == .unprocessableContent && refused.text.contains("Ligne 3, montant_centimes"), "\(refused.text.suffix(3000))")
                #expect(try await platform.count(Self.invoices) == before, "nothing of a refused file is imported")
                let business = [Self.header, "CRE-2026-0100,Alex Petit,,9900,2026-11-02,2026-12-15,creche,ABCDEF12,",
                                "CRE-2026-0102,Alex Petit,,1000,2026-11-02,2026-10-15,inconnue,ABCDEF14,",
                                "CRE-2026-0011,Doublon,,1000,2026-11-02,2026-12-15,creche,ABCDEF15,"].joined(separator: "\n") + "\n"
                let refusedAgain = try await upload(Array(business.utf8), name: "factures.csv")
                #expect(refusedAgain.status == .unprocessableContent && refusedAgain.text.contains("la régie « inconnue » n&#39;existe pas")
                        && refusedAgain.text.contains("l&#39;échéance précède") && refusedAgain.text.contains("déjà importée"))
                #expect(try await platform.count(Self.invoices) == before)
                let good = [Self.header, "CRE-2026-0100,Alex Petit,\"2 rue Haute, Camon\",9900,2026-11-02,2026-12-15,creche,ABCDEF12,",
                            "ALSH-2026-0100,Alex Petit,,1250,2026-11-02,2026-12-15,loisirs,ABCDEF13,"].joined(separator: "\n") + "\n"
                #expect(try await upload(Array(good.utf8), name: "factures.csv").headers[.location] == "/administration/factures?message=import")
                #expect(try await platform.count(Self.invoices) == before + 2)
                #expect(try await upload(Array(good.utf8), name: "factures.csv").headers[.location] == "/administration/factures?message=inchange")
                #expect(try await platform.count(Self.invoices) == before + 2, "the same file again changes nothing")

                // The API: a ZIP with the bill's PDF; its errors as problem+json.
                let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
                let csv = Array((Self.header + "\nCRE-2026-0200,Sam Roux,,4500,2026-11-10,2026-12-31,creche,QWERTY12,cre-0200.pdf\n").utf8)
                let bundle = try Self.zip([("factures.csv", csv), ("cre-0200.pdf", pdf)])
                let created = try await client.sendBytes(.post, "/api/v1/invoices/imports", host: Self.host, body: bundle, contentType: "application/zip", bearer: token)
                #expect(created.status == .created, "\(created.text)")
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.billing_invoices WHERE reference = 'CRE-2026-0200' AND document_id IS NOT NULL") == 1)
                let again = try await client.sendBytes(.post, "/api/v1/invoices/imports", host: Self.host, body: bundle, contentType: "application/zip", bearer: token)
                #expect(again.status == .ok && again.text.contains("unchanged"))
                let missing = try Self.zip([("factures.csv", Array((Self.header + "\nCRE-2026-0201,Sam Roux,,4500,2026-11-10,2026-12-31,creche,QWERTY13,absent.pdf\n").utf8))])
                let problem = try await client.sendBytes(.post, "/api/v1/invoices/imports", host: Self.host, body: missing, contentType: "application/zip", bearer: token)
                #expect(problem.status == .unprocessableContent && problem.headers[.contentType] == "application/problem+json" && problem.text.contains("absent.pdf"))
                #expect(try await client.sendBytes(.post, "/api/v1/invoices/imports", host: Self.host, body: [1, 2], contentType: "application/zip", bearer: token).status == .unprocessableContent)
                #expect(try await client.sendBytes(.post, "/api/v1/invoices/imports", host: Self.host, body: csv, contentType: "text/plain", bearer: token).status == .unsupportedMediaType)
                #expect(try await client.send(.get, "/administration/factures/regies/creche?etat=paid", host: Self.host, cookie: agent).status == .ok)
                #expect(try await client.send(.get, "/administration/factures/regies/creche?etat=tout", host: Self.host, cookie: agent).status == .badRequest)
            }
        }
    }

    @Test("a citizen links a bill with its key (wrong keys throttled) and sees only their own")
    func linking() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("camon", "parent@camon.fr", roles: [])
            _ = try await platform.account("camon", "autre@camon.fr", roles: [])
            try await platform.test { client in
                let parent = try await client.signIn(Self.host, "parent@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[parent] })
                func link(_ reference: String, _ key: String, as cookie: String, token: String) async throws -> TestResponse {
                    try await client.send(.post, "/factures/lier", host: Self.host, cookie: cookie, body: form(["csrf": token, "reference": reference, "cle": key]))
                }
                let empty = try await client.send(.get, "/factures", host: Self.host, cookie: parent)
                #expect(empty.text.contains("Aucune facture à payer") && empty.text.contains("amiens-metropole.localhost/factures"),
                        "the intercommunality's bills are paid on its portal")
                #expect(try await link("CRE-2026-0012", "C2DAB1E3", as: parent, token: csrf).headers[.location] == "/factures?message=liee")
                let mine = try await client.send(.get, "/factures", host: Self.host, cookie: parent)
                #expect(mine.text.contains("CRE-2026-0012") && mine.text.contains("210,00"))
                let page = try await client.send(.get, "/factures/CRE-2026-0012", host: Self.host, cookie: parent)
                #expect(page.status == .ok && page.text.contains("Payer 210,00") && page.text.contains("Sacha Bernard"))

                let other = try await client.signIn(Self.host, "autre@camon.fr")
                let otherToken = try #require(signedInTokens.withLock { $0[other] })
                #expect(try await client.send(.get, "/factures/CRE-2026-0012", host: Self.host, cookie: other).status == .notFound)
                #expect(try await link("CRE-2026-0012", "C2DAB1E3", as: other, token: otherToken).status == .unprocessableContent,
                        "a bill already in someone's space cannot be taken")
                var statuses: [HTTPResponse.Status] = []
                for attempt in 0..<8 { statuses.append(try await link("CRE-2026-0011", "FAUX\(attempt)", as: other, token: otherToken).status) }
                #expect(statuses.prefix(4).allSatisfy { $0 == .unprocessableContent }, "five free failures, one spent above")
                #expect(statuses.contains(.tooManyRequests), "\(statuses)")
                #expect(try await link("CRE-2026-0011", "2F55D614", as: other, token: otherToken).status == .tooManyRequests, "even the right key waits")
            }
        }
    }
}
