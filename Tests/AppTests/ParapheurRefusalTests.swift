import Composition
import Cryptography
import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
@testable import Parapheur
import Postgres
import Tenancy
import TestSupport
import Testing
import Trust

@Suite("Parapheur: detached signatures from elsewhere, and bad input refused with nothing changed", .serialized)
struct ParapheurRefusalTests {
    @Test("a .p7s made with openssl over the document is accepted; over another document, from an untrusted CA, or tampered, it is refused in French")
    func detachedSignatures() async throws {
        try await TestPlatform.with { platform in
            let fixture = ParapheurFixture(platform: platform, slug: "camon")
            let host = fixture.host
            let secretariat = try await fixture.agentWithDesk("secretariat@camon.fr", desk: "Secrétariat")
            let maire = try await fixture.agentWithDesk("maire@camon.fr", desk: "Maire", roles: [.signatory, .agent], name: "Marie Maire")
            try await fixture.store.createType(type: "Bon de commande", subtype: "Fournitures", circuit: CircuitTemplate(steps: [
                .visa(.desk(secretariat.desk)), .signature(.desk(maire.desk), format: .cades),
            ]))
            // The mayor's card: a certificate of the member's CA, its key on the card (here, files).
            let identity = try fixture.trust.issuer.issueSignatory(name: "Marie Maire", email: "maire@camon.fr", organisation: "Camon")
            let folder = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let certificate = folder.appendingPathComponent("card.pem"), key = folder.appendingPathComponent("card.key")
            try Data(identity.certificate.pem.utf8).write(to: certificate)
            try Data(try identity.key.pem()).write(to: key)
            @Sendable func sign(_ content: [UInt8], name: String, signer: URL = certificate, key signerKey: URL? = nil) async throws -> [UInt8] {
                let input = folder.appendingPathComponent("\(name).bin"), output = folder.appendingPathComponent("\(name).p7s")
                try Data(content).write(to: input)
                let run = try await ChildProcess.run(["openssl", "cms", "-sign", "-binary", "-in", input.path, "-signer", signer.path,
                                                      "-inkey", (signerKey ?? key).path, "-md", "sha256", "-cades", "-outform", "DER", "-out", output.path])
                guard run.status == 0 else { throw TestFailure("openssl cms -sign: \(run.output)") }
                return Array(try Data(contentsOf: output))
            }
            try await platform.test { client in
                let token = try await platform.clientToken("camon")
                let created = try await ParapheurHTTPTests.submit(client, host: host, token: token, title: "Bon de commande n° 42", type: "Bon de commande",
                                                                  subtype: "Fournitures", annex: false)
                let id = try #require(created["id"] as? String)
                let secretary = try await client.signIn(host, "secretariat@camon.fr")
                let mayor = try await client.signIn(host, "maire@camon.fr")
                #expect(try await ParapheurHTTPTests.act(client, host: host, cookie: secretary, id: id, ["action": "visa"]).status == .ok)
                let path = "/api/v1/parapheur/folders/\(id)/signatures"
                func upload(_ p7s: [UInt8]) async throws -> TestResponse {
                    try await client.sendBytes(.post, path, host: host, body: p7s, contentType: "application/pkcs7-signature", cookie: mayor)
                }
                let version = try await fixture.version(id)
                let other = try await upload(try await sign(Array("un autre document".utf8), name: "other"))
                #expect(other.status == .unprocessableContent)
                #expect((try other.json()["detail"] as? String)?.contains("ne correspond pas à ce document") == true)
                // A CA nobody trusts here.
                let strangerKey = folder.appendingPathComponent("stranger.key"), stranger = folder.appendingPathComponent("stranger.pem")
                _ = try await ChildProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", strangerKey.path, "-out", stranger.path,
                                                "-days", "30", "-subj", "/CN=Faux maire"])
                let untrusted = try await upload(try await sign(SamplePDF.arrete, name: "untrusted", signer: stranger, key: strangerKey))
                #expect((try untrusted.json()["detail"] as? String)?.contains("autorité de confiance") == true)
                var tampered = try await sign(SamplePDF.arrete, name: "good")
                tampered[tampered.count - 3] ^= 1
                let altered = try await upload(tampered)
                #expect(altered.status == .unprocessableContent)
                #expect(try await upload(Array("pas une signature".utf8)).status == .unprocessableContent)
                #expect(try await fixture.version(id) == version)

                let accepted = try await upload(try await sign(SamplePDF.arrete, name: "good"))
                #expect(accepted.status == .ok, "\(accepted.text)")
                let json = try accepted.json()
                #expect(json["status"] as? String == "completed")
                let signature = try #require((json["documents"] as? [[String: Any]])?.first { $0["role"] as? String == "signature" })
                #expect(signature["file_name"] as? String == "arrete.p7s")
            }
        }
    }

    @Test("not a PDF, an encrypted PDF, an unknown type, an oversized form, another desk's folder, another member's folder: refused, nothing written")
    func badInput() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_UPLOAD_MAX_MB": "1"]) { platform in
            let fixture = ParapheurFixture(platform: platform, slug: "rivery")
            let host = fixture.host
            let secretariat = try await fixture.agentWithDesk("secretariat@rivery.fr", desk: "Secrétariat")
            _ = try await fixture.agentWithDesk("voirie@rivery.fr", desk: "Voirie")
            try await fixture.store.createType(type: "Arrêté", subtype: "Voirie", circuit: CircuitTemplate(steps: [.visa(.desk(secretariat.desk))]))
            try await platform.test { client in
                let token = try await platform.clientToken("rivery")
                func submit(_ document: [UInt8], type: String = "Arrêté", json: String? = nil) async throws -> TestResponse {
                    var form = MultipartBody()
                    form.field("folder", json ?? #"{"title": "Essai", "type": "\#(type)", "subtype": "Voirie"}"#)
                    form.file("document", fileName: "doc.pdf", document, contentType: "application/pdf")
                    return try await client.sendBytes(.post, "/api/v1/parapheur/folders", host: host, body: form.finished(), contentType: form.contentType, bearer: token)
                }
                let notPDF = try await submit(Array("Bonjour".utf8))
                #expect(notPDF.status == .unsupportedMediaType)
                #expect(notPDF.headers[.contentType] == "application/problem+json")
                let encrypted = try await submit(SamplePDF.encrypted)
                #expect(encrypted.status == .unprocessableContent)
                #expect((try encrypted.json()["detail"] as? String)?.contains("protégé") == true)
                #expect(try await submit(SamplePDF.arrete, type: "Inconnu").status == .unprocessableContent)
                #expect(try await submit(SamplePDF.arrete, json: #"{"title": "", "type": "Arrêté", "subtype": "Voirie"}"#).status == .badRequest)
                #expect(try await submit(SamplePDF.arrete, json: #"{"title": "x", "type": "Arrêté", "subtype": "Voirie", "due_date": "demain"}"#).status == .badRequest)
                #expect(try await submit(SamplePDF.arrete, json: "pas du json").status == .badRequest)
                #expect(try await submit(SamplePDF.arrete + [UInt8](repeating: 32, count: 1_200_000)).status == .contentTooLarge)
                let noForm = try await client.send(.post, "/api/v1/parapheur/folders", host: host, json: ["title": "x"], headers: [.authorization: "Bearer \(token)"])
                #expect(noForm.status == .unsupportedMediaType)
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.parapheur_folders") == 0)
                #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.document_references WHERE holder LIKE 'parapheur.%'") == 0)

                let created = try await submit(SamplePDF.arrete)
                #expect(created.status == .created)
                let id = try #require(try created.json()["id"] as? String)
                // An agent of another desk neither sees nor acts on it; a partner may not act.
                let voirie = try await client.signIn(host, "voirie@rivery.fr")
                #expect(try await client.send(.get, "/api/v1/parapheur/folders/\(id)", host: host, cookie: voirie).status == .notFound)
                #expect(try await ParapheurHTTPTests.act(client, host: host, cookie: voirie, id: id, ["action": "visa"]).status == .notFound)
                let partner = try await client.send(.post, "/api/v1/parapheur/folders/\(id)/actions", host: host, json: ["action": "visa"],
                                                    headers: [.authorization: "Bearer \(token)"])
                #expect(partner.status == .forbidden)
                let secretary = try await client.signIn(host, "secretariat@rivery.fr")
                #expect(try await ParapheurHTTPTests.act(client, host: host, cookie: secretary, id: id, ["action": "danse"]).status == .badRequest)
                #expect(try await ParapheurHTTPTests.act(client, host: host, cookie: secretary, id: id, ["action": "transfer", "desk": "Nulle part"]).status == .unprocessableContent)
                #expect(try await ParapheurHTTPTests.act(client, host: host, cookie: secretary, id: id, ["action": "sign", "pin": "1234"]).status == .conflict)
                #expect(try await fixture.version(id) == 1)
                // Another member's folder id is unknown here.
                #expect(try await client.get("/api/v1/parapheur/folders/\(id)", host: "boves.localhost", headers: [.authorization: "Bearer \(try await platform.clientToken("boves"))"]).status == .notFound)
                #expect(try await client.get("/api/v1/parapheur/folders/pas-un-uuid", host: host, headers: [.authorization: "Bearer \(token)"]).status == .badRequest)
                #expect(try await client.get("/api/v1/parapheur/folders/\(id)/bundle", host: host, headers: [.authorization: "Bearer \(token)"]).status == .conflict)
                // The pages: the desk, the folder with its actions, a refused action shown on the page.
                let desk = try await client.send(.get, "/parapheur", host: host, cookie: secretary)
                #expect(desk.status == .ok && desk.text.contains("Essai"))
                let page = try await client.send(.get, "/parapheur/dossiers/\(id)", host: host, cookie: secretary)
                #expect(page.text.contains("Viser") && page.text.contains("Rejeter"))
                let csrf = try #require(signedInTokens.withLock { $0[secretary] })
                let refused = try await client.send(.post, "/parapheur/dossiers/\(id)/action", host: host, cookie: secretary,
                                                    body: form(["csrf": csrf, "action": "reject", "comment": ""]))
                #expect(refused.status == .unprocessableContent && refused.text.contains("Le motif du rejet est obligatoire."))
                let visa = try await client.send(.post, "/parapheur/dossiers/\(id)/action", host: host, cookie: secretary,
                                                 body: form(["csrf": csrf, "action": "visa", "comment": "Vu"]))
                #expect(visa.status == .seeOther)
                #expect(try await fixture.version(id) == 2)
            }
        }
    }
}
