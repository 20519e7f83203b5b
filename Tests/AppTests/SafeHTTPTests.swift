import Composition
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Testing
import ZIPFoundation

@Suite("Document safe over HTTP")
struct SafeHTTPTests {
    @Test("deposit, list and count, metadata, content, verify, journal, ZIP export with its manifest, delete; the page and the account's link")
    func functions() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "camille@amiens.fr", roles: [])
            try await platform.test { client in
                let citizen = try await client.signIn("amiens.localhost", "camille@amiens.fr")
                let pdf = SafeSamples.pdf("avis d'imposition 2026")
                let created = try await client.deposit("amiens.localhost", cookie: citizen, bytes: pdf, name: "avis d'imposition 2026.pdf")
                #expect(created.status == .created, "\(created.text)")
                let json = try created.json()
                let id = try #require(json["id"] as? String)
                #expect(json["file_name"] as? String == "avis d'imposition 2026.pdf")
                #expect(json["media_type"] as? String == "application/pdf")
                #expect(json["size"] as? Int == pdf.count)
                #expect(json["hash_algorithm"] as? String == "SHA-256")
                #expect(json["sha256"] as? String == Hex.encode(try Digest.sha256(pdf)))
                #expect((json["deposited_by"] as? [String: Any])?["kind"] as? String == "citizen")
                #expect(created.headers[.location] == "/api/v1/me/safe/documents/\(id)/metadata")
                let second = try await client.deposit("amiens.localhost", cookie: citizen, bytes: Array("Quittance de loyer\n".utf8), name: "quittance.txt",
                                                      contentType: "text/plain")
                #expect(try second.json()["media_type"] as? String == "text/plain")

                let list = try await client.send(.get, "/api/v1/me/safe/documents?limit=1", host: "amiens.localhost", cookie: citizen)
                let listed = try list.json()
                #expect(listed["count"] as? Int == 2)
                #expect((listed["data"] as? [[String: Any]])?.count == 1 && listed["next_cursor"] as? String != nil)
                #expect((listed["usage"] as? [String: Any])?["bytes"] as? Int == pdf.count + 19)
                let content = try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "amiens.localhost", cookie: citizen)
                #expect(content.status == .ok)
                #expect(Array(content.body.readableBytesView) == pdf)
                #expect(content.headers[.contentType] == "application/pdf")
                #expect(content.headers[.contentDisposition]?.contains("filename*=UTF-8''avis%20d%27imposition%202026.pdf") == true)
                let metadata = try await client.send(.get, "/api/v1/me/safe/documents/\(id)/metadata", host: "amiens.localhost", cookie: citizen)
                #expect(try metadata.json()["sha256"] as? String == json["sha256"] as? String)
                let verified = try await client.send(.post, "/api/v1/me/safe/documents/\(id)/verify", host: "amiens.localhost", cookie: citizen)
                #expect(verified.status == .ok)
                #expect(try verified.json()["verification"] as? String == "intact")

                let export = try await client.send(.get, "/api/v1/me/safe/export", host: "amiens.localhost", cookie: citizen)
                #expect(export.headers[.contentType] == "application/zip")
                let archive = try Archive(data: Data(Array(buffer: export.body)), accessMode: .read)
                var files: [String: Data] = [:]
                for entry in archive {
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    files[entry.path] = data
                }
                #expect(files["documents/avis d'imposition 2026.pdf"].map(Array.init) == pdf)
                let manifestData = try #require(files["manifeste.json"])
                let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
                let entries = try #require(manifest["documents"] as? [[String: Any]])
                #expect(entries.count == 2 && entries.allSatisfy { $0["status"] as? String == "intact" })
                let sums = String(decoding: files["SHA256SUMS"] ?? Data(), as: UTF8.self)
                #expect(sums.contains("\(json["sha256"] as! String)  documents/avis d'imposition 2026.pdf"))

                #expect(try await client.send(.delete, "/api/v1/me/safe/documents/\(id)", host: "amiens.localhost", cookie: citizen).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "amiens.localhost", cookie: citizen).status == .notFound)
                #expect(try await client.send(.delete, "/api/v1/me/safe/documents/\(id)", host: "amiens.localhost", cookie: citizen).status == .notFound)

                let journal = try await client.send(.get, "/api/v1/me/safe/journal", host: "amiens.localhost", cookie: citizen)
                let actions = (try journal.json()["data"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
                #expect(actions == ["delete", "export", "verify", "metadata", "read", "list", "deposit", "deposit"])
                let deleted = try #require((try journal.json()["data"] as? [[String: Any]])?.first)
                #expect(deleted["document_id"] as? String == id && deleted["sha256"] as? String == json["sha256"] as? String)

                let page = try await client.send(.get, "/compte/coffre-fort", host: "amiens.localhost", cookie: citizen)
                #expect(page.status == .ok)
                #expect(page.text.contains("Mon coffre-fort") && page.text.contains("quittance.txt") && page.text.contains("Espace utilisé : 19 o sur 100,0 Mo"))
                #expect(try await client.send(.get, "/compte", host: "amiens.localhost", cookie: citizen).text.contains("href=\"/compte/coffre-fort\""))
                let journalPage = try await client.send(.get, "/compte/coffre-fort/journal", host: "amiens.localhost", cookie: citizen)
                #expect(journalPage.text.contains("Suppression") && journalPage.text.contains("Dépôt"))
            }
            // The ciphertext of the deleted document is gone with its row.
            #expect(try await platform.count("SELECT count(*) FROM tenant_amiens.documents WHERE file_name LIKE 'coffre-%'") == 1)
        }
    }

    @Test("bad input: empty body, a form on the API, a CSRF-less write, an unknown id — clear 4xx, never a 500")
    func refusals() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("boves", "lou@boves.fr", roles: [])
            try await platform.test { client in
                let citizen = try await client.signIn("boves.localhost", "lou@boves.fr")
                #expect(try await client.deposit("boves.localhost", cookie: citizen, bytes: []).status == .badRequest)
                let form = try await client.deposit("boves.localhost", cookie: citizen, bytes: Array("a=b".utf8), contentType: "application/x-www-form-urlencoded")
                #expect(form.status == .unsupportedMediaType && form.headers[.contentType] == "application/problem+json")
                let noToken = try await client.send(.post, "/api/v1/me/safe/documents", host: "boves.localhost", cookie: citizen, body: "x", csrf: false)
                #expect(noToken.status == .forbidden)
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/pas-un-uuid", host: "boves.localhost", cookie: citizen).status == .badRequest)
                #expect(try await client.send(.post, "/api/v1/me/safe/documents/\(UUID())/verify", host: "boves.localhost", cookie: citizen).status == .notFound)
                #expect(try await client.send(.get, "/api/v1/me/safe/documents", host: "boves.localhost").status == .unauthorized)
            }
        }
    }

    @Test("demo content: the demo citizen's safe gets its document once the account exists, once only")
    func demo() async throws {
        try await TestPlatform.with { platform in
            #expect(try await platform.count("SELECT count(*) FROM tenant_camon.safe_documents") == 0, "no citizen yet: skipped quietly")
            try await platform.account("camon", "citoyen@camon.localhost", roles: [])
            let operations = Operations(configuration: platform.services.configuration, output: { _ in })
            try await operations.syncTenants(demoContent: true)
            try await operations.syncTenants(demoContent: true)
            #expect(try await platform.count("SELECT count(*) FROM tenant_camon.safe_documents") == 1)
            try await platform.test { client in
                let citizen = try await client.signIn("camon.localhost", "citoyen@camon.localhost")
                let list = try await client.send(.get, "/api/v1/me/safe/documents", host: "camon.localhost", cookie: citizen)
                let first = try #require((try list.json()["data"] as? [[String: Any]])?.first)
                #expect(first["file_name"] as? String == "attestation-de-domicile-demonstration.txt")
                let id = try #require(first["id"] as? String)
                let content = try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "camon.localhost", cookie: citizen)
                #expect(content.text.contains("Camille Martin réside au 3 rue de la République (Camon)"))
            }
        }
    }
}
