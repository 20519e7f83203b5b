import Composition
import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
@testable import Parapheur
import Tenancy
import TestSupport
import Testing
import Trust
import ZIPFoundation

@Suite("Parapheur: circuits, signatures, notifications and the partner API", .serialized)
struct ParapheurHTTPTests {
    static let pin = "482913"

    /// Submits a folder through the partner API; returns its JSON.
    static func submit(_ client: any TestClientProtocol, host: String, token: String, title: String, type: String, subtype: String,
                       document: [UInt8] = SamplePDF.arrete, annex: Bool = true) async throws -> [String: Any] {
        var form = MultipartBody()
        form.field("folder", #"{"title": "\#(title)", "type": "\#(type)", "subtype": "\#(subtype)", "due_date": "2026-12-31", "metadata": {"numero": "2026-118"}}"#,
                   contentType: "application/json")
        form.file("document", fileName: "arrete.pdf", document, contentType: "application/pdf")
        if annex { form.file("annex", fileName: "plan.csv", Array("rue;longueur\nTrois-Cailloux;320\n".utf8), contentType: "text/csv") }
        let response = try await client.sendBytes(.post, "/api/v1/parapheur/folders", host: host, body: form.finished(), contentType: form.contentType, bearer: token)
        guard response.status == .created else { throw TestFailure("submission answered \(response.status): \(response.text)") }
        return try response.json()
    }

    static func act(_ client: any TestClientProtocol, host: String, cookie: String, id: String, _ body: [String: Any]) async throws -> TestResponse {
        try await client.send(.post, "/api/v1/parapheur/folders/\(id)/actions", host: host, json: body, cookie: cookie)
    }

    static func pending(_ json: [String: Any]) -> [String] {
        ((json["pending_desks"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.sorted()
    }

    @Test("a three-step circuit with a delegation, a rejection, a second opinion and a PAdES signature; notified by mail and webhook; pyHanko validates the result")
    func endToEnd() async throws {
        try await WebhookReceiver.with { receiver in
            try await TestPlatform.with(environment: ["MUTUALIS_WEBHOOKS_ALLOW_PRIVATE": "1"]) { platform in
                let fixture = ParapheurFixture(platform: platform, slug: "boves")
                let host = fixture.host
                let secretariat = try await fixture.agentWithDesk("secretariat@boves.fr", desk: "Secrétariat", name: "Sophie Secrétaire")
                let dgs = try await fixture.agentWithDesk("dgs@boves.fr", desk: "DGS", name: "Denis Général")
                let finances = try await fixture.agentWithDesk("finances@boves.fr", desk: "Finances", name: "Fanny Finances")
                let juridique = try await fixture.agentWithDesk("juriste@boves.fr", desk: "Juridique", name: "Jules Juriste")
                let maire = try await fixture.agentWithDesk("maire@boves.fr", desk: "Maire", roles: [.signatory, .agent], name: "Marie Maire")
                let adjoint = try await fixture.agentWithDesk("adjoint@boves.fr", desk: "Adjoint", roles: [.signatory, .agent], name: "Adam Adjoint")
                _ = (secretariat, dgs, finances, juridique)
                try await fixture.enrol("adjoint@boves.fr", pin: Self.pin)
                try await fixture.store.createType(type: "Délibération", subtype: "Conseil municipal", circuit: CircuitTemplate(steps: [
                    .visa(.desk(secretariat.desk)), .visa(.allOf([dgs.desk, finances.desk])), .signature(.desk(maire.desk), format: .pades),
                ]))
                // The mayor is away: the deputy's desk acts for the mayor's today.
                try await fixture.store.delegate(from: maire.desk, to: adjoint.desk, startsAt: Date().addingTimeInterval(-60), endsAt: Date().addingTimeInterval(86400), by: nil)
                let admin = try await platform.account("boves", "admin@boves.fr", roles: [.tenantAdmin])
                _ = admin
                try await platform.test { client in
                    let adminCookie = try await client.signIn(host, "admin@boves.fr")
                    _ = try await WebhooksTests.subscribe(client, adminCookie, host: host, url: receiver.url("/ok"),
                                                          types: ["parapheur.folder.rejected", "parapheur.folder.completed"])
                    let token = try await platform.clientToken("boves")
                    let created = try await Self.submit(client, host: host, token: token, title: "Délibération budget 2027", type: "Délibération", subtype: "Conseil municipal")
                    let id = try #require(created["id"] as? String)
                    #expect(created["status"] as? String == "in_progress")
                    #expect(Self.pending(created) == ["Secrétariat"])
                    #expect((created["documents"] as? [[String: Any]])?.count == 2)

                    let cookies = (
                        secretariat: try await client.signIn(host, "secretariat@boves.fr"), dgs: try await client.signIn(host, "dgs@boves.fr"),
                        finances: try await client.signIn(host, "finances@boves.fr"), juridique: try await client.signIn(host, "juriste@boves.fr"),
                        adjoint: try await client.signIn(host, "adjoint@boves.fr")
                    )
                    // Not their turn: refused, nothing changes.
                    let early = try await Self.act(client, host: host, cookie: cookies.dgs, id: id, ["action": "visa"])
                    #expect(early.status == .forbidden)
                    #expect(try await fixture.version(id) == 1)

                    var step = try await Self.act(client, host: host, cookie: cookies.secretariat, id: id, ["action": "visa", "comment": "Conforme."])
                    #expect(step.status == .ok)
                    #expect(Self.pending(try step.json()) == ["DGS", "Finances"])
                    // DGS asks the legal desk's opinion; the folder comes back to DGS.
                    step = try await Self.act(client, host: host, cookie: cookies.dgs, id: id, ["action": "second_opinion", "desk": "Juridique", "comment": "Base légale ?"])
                    #expect(Self.pending(try step.json()) == ["Juridique"])
                    step = try await Self.act(client, host: host, cookie: cookies.juridique, id: id, ["action": "opinion", "comment": "Article L2121-29 du CGCT."])
                    #expect(Self.pending(try step.json()) == ["DGS", "Finances"])
                    step = try await Self.act(client, host: host, cookie: cookies.dgs, id: id, ["action": "visa"])
                    #expect(Self.pending(try step.json()) == ["Finances"])
                    // Finances rejects; a rejection needs its reason.
                    let noReason = try await Self.act(client, host: host, cookie: cookies.finances, id: id, ["action": "reject"])
                    #expect(noReason.status == .unprocessableContent)
                    #expect(try noReason.json()["detail"] as? String == "Le motif du rejet est obligatoire.")
                    step = try await Self.act(client, host: host, cookie: cookies.finances, id: id, ["action": "reject", "comment": "Montant à corriger."])
                    #expect(try step.json()["status"] as? String == "rejected")
                    // The emitter desk (the first step's, for a partner's folder) sends it again.
                    step = try await Self.act(client, host: host, cookie: cookies.secretariat, id: id, ["action": "resubmit", "comment": "Montant corrigé."])
                    #expect(Self.pending(try step.json()) == ["Secrétariat"])
                    for cookie in [cookies.secretariat, cookies.dgs, cookies.finances] {
                        #expect(try await Self.act(client, host: host, cookie: cookie, id: id, ["action": "visa"]).status == .ok)
                    }
                    // The deputy signs for the mayor: a wrong PIN changes nothing.
                    let version = try await fixture.version(id)
                    let wrongPIN = try await Self.act(client, host: host, cookie: cookies.adjoint, id: id, ["action": "sign", "pin": "000000"])
                    #expect(wrongPIN.status == .forbidden)
                    #expect(try wrongPIN.json()["detail"] as? String == "Code PIN incorrect.")
                    #expect(try await fixture.version(id) == version)
                    step = try await Self.act(client, host: host, cookie: cookies.adjoint, id: id, ["action": "sign", "pin": Self.pin, "comment": "Signé pour le maire."])
                    #expect(step.status == .ok, "\(step.text)")
                    let done = try step.json()
                    #expect(done["status"] as? String == "completed")
                    let history = try #require(done["history"] as? [[String: Any]])
                    #expect(history.last?["by"] as? String == "Adjoint pour Maire")
                    #expect(history.map { $0["action"] as? String ?? "" } == [
                        "visa", "second_opinion", "opinion", "visa", "reject", "resubmit", "visa", "visa", "visa", "sign",
                    ])

                    // The signed PDF: an incremental update of the original, validated by pyHanko.
                    let documents = try #require(done["documents"] as? [[String: Any]])
                    let signed = try #require(documents.first { $0["role"] as? String == "main" })
                    #expect(signed["version"] as? Int == 2)
                    let pdf = try await client.get(try #require(signed["content"] as? String), host: host, headers: [.authorization: "Bearer \(token)"])
                    let bytes = Array(buffer: pdf.body)
                    #expect(bytes.starts(with: SamplePDF.arrete))
                    try PAdESCheck.validate(bytes, anchors: fixture.trust.directory, expected: 1)

                    // The bundle.
                    let bundle = try await client.get("/api/v1/parapheur/folders/\(id)/bundle", host: host, headers: [.authorization: "Bearer \(token)"])
                    #expect(bundle.status == .ok)
                    let archive = try Archive(data: Data(Array(buffer: bundle.body)), accessMode: .read)
                    let paths = archive.map(\.path).sorted()
                    #expect(paths.contains("bordereau.html") && paths.contains("historique.json") && paths.contains("annexes/plan.csv"))
                    #expect(paths.contains { $0.hasPrefix("documents/") } && paths.contains { $0.hasPrefix("horodatages/") })

                    // Desks were notified (in-app; the mail of those who chose it) and the partner's webhook heard of the rejection and completion.
                    #expect(try await platform.withWorker { try await receiver.waitFor(2) })
                    let types = receiver.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }.compactMap { $0["type"] as? String }
                    #expect(types.sorted() == ["parapheur.folder.completed", "parapheur.folder.rejected"])
                    #expect(try await platform.withWorker {
                        try await platform.eventually {
                            try await platform.count("SELECT count(*) FROM tenant_boves.notifications WHERE account_id = '\(adjoint.account.uuidString.lowercased())' AND title LIKE 'Dossier à traiter%'") >= 1
                        }
                    })
                    #expect(try await platform.count("SELECT count(*) FROM tenant_boves.notifications WHERE account_id = '\(juridique.account.uuidString.lowercased())' AND title LIKE 'Avis demandé%'") == 1)
                    #expect(try await platform.count("SELECT count(*) FROM tenant_boves.notifications WHERE account_id = '\(secretariat.account.uuidString.lowercased())' AND title LIKE 'Dossier rejeté%'") == 1)
                }
            }
        }
    }
}

/// pyHanko's verdict on a signed PDF (Tests/PDF/validate_pades.py in the test venv).
enum PAdESCheck {
    static func validate(_ pdf: [UInt8], anchors directory: PKIDirectory, expected: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pades-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("signed.pdf")
        try Data(pdf).write(to: file)
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/PDF/validate_pades.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.python)
        process.arguments = [script, file.path, directory.root.appendingPathComponent("anchors.pem").path, String(expected)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("pyHanko refused the PDF: \(output)") }
    }
}
