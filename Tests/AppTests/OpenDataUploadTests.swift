import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Synchronization
import TestSupport
import Testing

/// Uploads to a dataset by the API and the agents' page: a conforming CSV replaces the rows and
/// publishes; every bad file is a 4xx with its reasons, and changes nothing.
@Suite("Open data uploads: schema checks, encodings, ragged rows, size limit, entry form", .serialized,
       .enabled(if: FileManager.default.fileExists(atPath: TestEnvironment.repositoryRoot.appendingPathComponent("../shared/specs/scdl").path),
                "../shared/specs (the SCDL schemas) is absent"))
struct OpenDataUploadTests {
    static let host = "boves.localhost"
    static let header = "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide"

    static func row(_ beneficiary: String = "Club de judo", amount: String = "1500.00", date: String = "2026-04-02") -> String {
        "Boves,21800124600013,\(date),2026-DEL-020,\(beneficiary),,W802001111,Tatamis neufs,\(amount),aide en numéraire,unique,2026-05-01,,non,0.2,"
    }

    @Test("the API takes a conforming CSV and refuses bad ones by row and column; nothing changes on refusal")
    func apiUploads() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_OPENDATA_UPLOAD_LIMIT": "65536"]) { platform in
            let token = try await platform.clientToken("boves", scopes: ["opendata.publish"])
            let versions = "SELECT count(*) FROM tenant_boves.opendata_versions WHERE dataset_id = 'subventions'"
            let rows = "SELECT count(*) FROM tenant_boves.opendata_records WHERE dataset_id = 'subventions'"
            try await platform.test { client in
                func upload(_ text: String, query: String = "", bytes: [UInt8]? = nil, contentType: String = "text/csv", bearer: String? = nil) async throws -> TestResponse {
                    try await client.sendBytes(.post, "/api/v1/datasets/subventions/resources\(query)", host: Self.host,
                                               body: bytes ?? Array(text.utf8), contentType: contentType, bearer: bearer ?? token)
                }
                let (beforeVersions, beforeRows) = (try await platform.count(versions), try await platform.count(rows))

                let wrongAmount = try await upload([Self.header, Self.row(), Self.row("Club de tir", amount: "mille")].joined(separator: "\n") + "\n")
                #expect(wrongAmount.status == .unprocessableContent)
                #expect(wrongAmount.headers[.contentType] == "application/problem+json")
                let errors = try #require(try wrongAmount.json()["errors"] as? [[String: Any]])
                #expect(errors.contains { $0["row"] as? Int == 3 && $0["field"] as? String == "montant" }, "\(errors)")
                #expect(wrongAmount.text.contains("Ligne 3"))

                let ragged = try await upload([Self.header, Self.row() + ",en trop"].joined(separator: "\n") + "\n")
                #expect(ragged.status == .unprocessableContent && ragged.text.contains("extra-cell"))
                let missingColumn = try await upload("nomAttribuant,idAttribuant\nBoves,21800124600013\n")
                #expect(missingColumn.status == .unprocessableContent)

                let latin1 = Array([Self.header, Self.row("Société de musique")].joined(separator: "\n").data(using: .isoLatin1)!) + [10]
                let refusedLatin1 = try await upload("", bytes: latin1)
                #expect(refusedLatin1.status == .unprocessableContent && refusedLatin1.text.contains("UTF-8"))
                let (afterVersions, afterRows) = (try await platform.count(versions), try await platform.count(rows))
                #expect(afterVersions == beforeVersions && afterRows == beforeRows, "refusals change nothing")

                let huge = Array(repeating: UInt8(ascii: "a"), count: 70_000)
                #expect(try await upload("", bytes: huge).status == .contentTooLarge)
                #expect(try await upload("", query: "?encodage=ebcdic", bytes: latin1).status == .badRequest)
                #expect(try await client.sendBytes(.post, "/api/v1/datasets/inconnu/resources", host: Self.host, body: [1], contentType: "text/csv",
                                                   bearer: token).status == .notFound)
                #expect(try await upload("[1, 2]", contentType: "application/json").status == .unprocessableContent)
                #expect(try await upload(Self.header + "\n" + Self.row() + "\n", bearer: "pas-un-jeton").status == .unauthorized)

                let converted = try await upload("", query: "?encodage=latin1", bytes: latin1)
                #expect(converted.status == .created, "\(converted.text)")
                #expect(try await platform.count(rows) == 1)
                let csv = try await client.send(.get, "/donnees/subventions/csv", host: Self.host)
                #expect(csv.text.contains("Société de musique"), "converted to UTF-8")

                let again = try await upload("", query: "?encodage=latin1", bytes: latin1)
                #expect(try again.status == .created && (again.json()["outcome"] as? String) == "unchanged")
            }
        }
    }

    @Test("an agent enters a row through the form its schema gives; a bad one is shown back with its reasons")
    func entryForm() async throws {
        try await TestPlatform.with { platform in
            _ = try await platform.account("boves", "agent.donnees@boves.fr", roles: [.agent])
            try await platform.test { client in
                let agent = try await client.signIn(Self.host, "agent.donnees@boves.fr")
                let csrf = try #require(signedInTokens.withLock { $0[agent] })
                #expect(try await client.send(.get, "/donnees", host: Self.host, cookie: agent).text.contains("/administration/donnees"))
                #expect(try await client.send(.get, "/donnees/budget", host: Self.host, cookie: agent).text.contains("/administration/donnees/budget"))
                #expect(!(try await client.send(.get, "/donnees", host: Self.host).text.contains("/administration/donnees")))
                let list = try await client.send(.get, "/administration/donnees", host: Self.host, cookie: agent)
                #expect(list.status == .ok && list.text.contains("Actualiser maintenant"))
                let page = try await client.send(.get, "/administration/donnees/subventions", host: Self.host, cookie: agent)
                #expect(page.status == .ok && page.text.contains("name=\"montant\"") && page.text.contains("21800124600013"))
                var fields = ["csrf": csrf, "nomAttribuant": "Boves", "idAttribuant": "21800124600013", "dateConvention": "2026-11-02",
                              "nomBeneficiaire": "Chorale de Boves", "rnaBeneficiaire": "W802003333", "objet": "Concert de Noël", "montant": "800",
                              "nature": "aide en numéraire", "conditionsVersement": "unique", "datesPeriodeVersement": "2026-12-01",
                              "notificationUE": "non", "pourcentageSubvention": "0.5"]
                let rows = try await platform.count("SELECT count(*) FROM tenant_boves.opendata_records WHERE dataset_id = 'subventions'")
                fields["pourcentageSubvention"] = "3"
                let bad = try await client.send(.post, "/administration/donnees/subventions/lignes", host: Self.host, cookie: agent, body: form(fields))
                #expect(bad.status == .unprocessableContent && bad.text.contains("pourcentageSubvention") && bad.text.contains("Chorale de Boves"))
                fields["pourcentageSubvention"] = "0.5"
                let good = try await client.send(.post, "/administration/donnees/subventions/lignes", host: Self.host, cookie: agent, body: form(fields))
                #expect(good.status == .seeOther)
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.opendata_records WHERE dataset_id = 'subventions'") == rows + 1)
                #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind = 'opendata.refresh' AND tenant_slug = 'boves'") >= 1)
                let status = try await client.send(.get, "/administration/donnees/subventions", host: Self.host, cookie: agent)
                #expect(status.text.contains("en attente"))
                // The multipart upload from the page, without its token: refused, nothing changes.
                var upload = MultipartBody()
                upload.file("fichier", fileName: "subventions.csv", Array((Self.header + "\n" + Self.row() + "\n").utf8), contentType: "text/csv")
                let forged = try await client.sendBytes(.post, "/administration/donnees/subventions/fichier", host: Self.host, body: upload.finished(),
                                                        contentType: upload.contentType, cookie: agent)
                #expect(forged.status == .forbidden)
                var ragged = MultipartBody()
                ragged.field("csrf", csrf)
                ragged.file("fichier", fileName: "subventions.csv", Array((Self.header + "\n" + Self.row() + ",de trop\n").utf8), contentType: "text/csv")
                let refused = try await client.sendBytes(.post, "/administration/donnees/subventions/fichier", host: Self.host, body: ragged.finished(),
                                                         contentType: ragged.contentType, cookie: agent)
                #expect(refused.status == .unprocessableContent && refused.text.contains("rien n'a été publié"))
                #expect(try await platform.count("SELECT count(*) FROM tenant_boves.opendata_records WHERE dataset_id = 'subventions'") == rows + 1)
            }
        }
    }

    @Test("the consortium's catalogue searches every member and consolidates one schema")
    func consortium() async throws {
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let search = try await client.send(.get, "/console/donnees?q=subventions", host: "admin.localhost")
                #expect(search.status == .ok && search.text.contains("Boves") && search.text.contains("Salouël"))
                let table = try await client.send(.get, "/console/donnees/schemas/subventions", host: "admin.localhost")
                #expect(table.status == .ok && table.text.contains("Union sportive de Camon") && table.text.contains("Union sportive de Rivery"))
                let csv = try await client.send(.get, "/console/donnees/schemas/subventions/consolide.csv", host: "admin.localhost")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(lines.first == Self.header && lines.count == 1 + 9 * 5, "\(lines.count)")
                #expect(try await client.send(.get, "/console/donnees/schemas/inconnu", host: "admin.localhost").status == .notFound)
            }
        }
    }
}
