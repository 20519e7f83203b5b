import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import TestSupport
import Testing

/// The partners' requests API: the procedures offered, filing (JSON and multipart with files),
/// reading and following, messages and transitions, and the webhook of a status change.
@Suite("Requests API: types, filing, follow-up, processing")
struct RequestsAPITests {
    static let host = "boves.localhost"
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
    nonisolated(unsafe) static let dumping: [String: Any] = [
        "type": "depots-sauvages",
        "answers": ["nature": "gravats", "adresse": "2 rue Florimond Leroux, Boves", "adresse.latitude": "49.846", "adresse.longitude": "2.392",
                    "description": "Des gravats sur le trottoir.", "date_constat": "2026-11-30", "recontact": "non"],
        "contact": ["email": "Riverain@Example.org", "name": "Un riverain"],
    ]

    static func multipart(_ request: [String: Any], files: [(String, [UInt8])]) throws -> MultipartBody {
        var body = MultipartBody()
        body.field("request", String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self), contentType: "application/json")
        for (name, bytes) in files { body.file(name, fileName: "\(name).bin", bytes) }
        return body
    }

    @Test("types offered, filing by JSON and multipart, every bad input a 4xx with per-field errors; reading and listing")
    func filing() async throws {
        try await TestPlatform.with { platform in
            let token = try await platform.clientToken("boves", scopes: ["requests.file", "requests.read"])
            let reader = try await platform.clientToken("boves", scopes: ["requests.read"])
            let metropole = try await platform.clientToken("amiens-metropole", scopes: ["requests.read"])
            try await platform.test { client in
                let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
                let types = try await client.send(.get, "/api/v1/request-types", host: Self.host, headers: bearer)
                #expect(types.status == .ok)
                let data = try #require(try types.json()["data"] as? [[String: Any]])
                #expect(Set(data.compactMap { $0["slug"] as? String }) == ["abonnement-eau", "depots-sauvages", "eclairage-public"])
                let dumping = try #require(data.first { $0["slug"] as? String == "depots-sauvages" })
                #expect((dumping["owner"] as? [String: Any])?["slug"] as? String == "amiens-metropole")
                #expect(dumping["located"] as? Bool == true && dumping["allows_anonymous"] as? Bool == true)
                let fields = ((dumping["form"] as? [String: Any])?["pages"] as? [[String: Any]] ?? []).flatMap { $0["fields"] as? [[String: Any]] ?? [] }
                #expect(fields.contains { $0["key"] as? String == "nature_autre" && ($0["condition"] as? [String: Any])?["value"] as? String == "autre" })
                #expect((dumping["statuses"] as? [[String: Any]])?.count == 6)

                // JSON: filed with the intercommunality, 201 with its Location.
                let filed = try await client.send(.post, "/api/v1/requests", host: Self.host, json: Self.dumping, headers: bearer)
                #expect(filed.status == .created, "\(filed.text)")
                let number = try #require(try filed.json()["number"] as? String)
                #expect(number.hasPrefix("DEPOTS-SAUVAGES-"))
                #expect(filed.headers[.location] == "/api/v1/requests/\(number)")
                #expect(try filed.json()["filing_member"] as? String == "boves")
                #expect(try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.requests WHERE number = '\(number)' AND channel = 'api' AND contact_email = 'Riverain@example.org'") == 1)
                let answers = try #require(try filed.json()["answers"] as? [[String: Any]])
                #expect(answers.contains { $0["key"] as? String == "date_constat" && $0["display"] as? String == "30/11/2026" })

                // Bad answers: every problem by field, nothing filed.
                let before = try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.requests")
                var bad = Self.dumping
                bad["answers"] = ["nature": "piano", "adresse": "1 rue X", "adresse.latitude": "200", "adresse.longitude": "2", "inconnu": "x", "recontact": "peut-être"]
                let refused = try await client.send(.post, "/api/v1/requests", host: Self.host, json: bad, headers: bearer)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.headers[.contentType] == "application/problem+json")
                let errors = try #require(try refused.json()["errors"] as? [[String: Any]])
                let refusedFields = Set(errors.compactMap { $0["field"] as? String })
                #expect(refusedFields == ["nature", "adresse", "description", "recontact", "inconnu"], "\(errors)")
                #expect(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
                var unknownType = Self.dumping
                unknownType["type"] = "piscine"
                let unknown = try await client.send(.post, "/api/v1/requests", host: Self.host, json: unknownType, headers: bearer)
                #expect(unknown.status == .unprocessableContent && unknown.text.contains("\"field\":\"type\""))
                var badContact = Self.dumping
                badContact["contact"] = ["email": "pas une adresse"]
                #expect(try await client.send(.post, "/api/v1/requests", host: Self.host, json: badContact, headers: bearer).text.contains("contact.email"))
                var wrongType = Self.dumping
                wrongType["answers"] = ["nature": 3]
                #expect(try await client.send(.post, "/api/v1/requests", host: Self.host, json: wrongType, headers: bearer).status == .badRequest)
                #expect(try await client.send(.post, "/api/v1/requests", host: Self.host, headers: bearer, body: "type=x").status == .unsupportedMediaType)
                #expect(try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.requests") == before)

                // Multipart: the photo stored with the processing member; a PDF or a too large file refused.
                let withPhoto = try Self.multipart(Self.dumping, files: [("photo", Self.png)])
                let photoFiled = try await client.sendBytes(.post, "/api/v1/requests", host: Self.host, body: withPhoto.finished(),
                                                            contentType: withPhoto.contentType, bearer: token)
                #expect(photoFiled.status == .created, "\(photoFiled.text)")
                let documents = try #require(try photoFiled.json()["documents"] as? [String])
                #expect(documents.count == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_amiens_metropole.documents WHERE id = '\(documents[0])' AND added_by LIKE 'client:c_%'") == 1)
                for (files, field) in [([("photo", SamplePDF.arrete)], "photo"), ([("photo", Self.png + Array(repeating: 0, count: 10 * 1024 * 1024))], "photo"),
                                       ([("description", Self.png)], "description"), ([("piece", Self.png)], "piece")] {
                    let body = try Self.multipart(Self.dumping, files: files)
                    let response = try await client.sendBytes(.post, "/api/v1/requests", host: Self.host, body: body.finished(),
                                                              contentType: body.contentType, bearer: token)
                    #expect(response.status == .unprocessableContent || response.status == .contentTooLarge, "\(field): \(response.status)")
                    if response.status == .unprocessableContent { #expect(response.text.contains("\"field\":\"\(field)\""), "\(response.text)") }
                }
                let noRequest = MultipartBody()
                #expect(try await client.sendBytes(.post, "/api/v1/requests", host: Self.host, body: noRequest.finished(),
                                                   contentType: noRequest.contentType, bearer: token).status == .badRequest)

                // Without requests.file: 403. Read and list at the processing member.
                #expect(try await client.send(.post, "/api/v1/requests", host: Self.host, json: Self.dumping,
                                              headers: [.authorization: "Bearer \(reader)"]).status == .forbidden)
                let read = try await client.send(.get, "/api/v1/requests/\(number)", host: "amiens-metropole.localhost",
                                                 headers: [.authorization: "Bearer \(metropole)"])
                #expect(read.status == .ok)
                #expect(try read.json()["status"] as? String == "recue" && (try read.json()["status_label"] as? String) == "Reçue")
                #expect(try await client.send(.get, "/api/v1/requests/\(number)", host: Self.host, headers: bearer).status == .notFound)
                #expect(try await client.send(.get, "/api/v1/requests/pas-un-numero", host: Self.host, headers: bearer).status == .notFound)
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let page = try await client.send(.get, "/api/v1/requests?type=depots-sauvages&limit=1" + (cursor.map { "&after=\($0)" } ?? ""),
                                                     host: "amiens-metropole.localhost", headers: [.authorization: "Bearer \(metropole)"]).json()
                    seen += (page["data"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
                    cursor = page["next_cursor"] as? String
                } while cursor != nil && seen.count < 20
                #expect(seen.count == Set(seen).count && seen.contains(number) && seen.count >= 3, "\(seen)")
                #expect(try await client.send(.get, "/api/v1/requests?after=%%%", host: Self.host, headers: bearer).status == .badRequest)
                #expect(try await client.send(.get, "/api/v1/requests?status=Pas%20un%20statut", host: Self.host, headers: bearer).status == .badRequest)
            }
        }
    }

    @Test("messages and transitions: 201/200, refusals as problems (409, 422, 403 without the scope), a webhook on status change")
    func processing() async throws {
        try await WebhookReceiver.with { receiver in
            try await TestPlatform.with(environment: ["MUTUALIS_WEBHOOKS_ALLOW_PRIVATE": "1"]) { platform in
                try await platform.account("camon", "admin@camon.fr", roles: [.tenantAdmin])
                let filer = try await platform.clientToken("camon", scopes: ["requests.file", "requests.read"])
                let processor = try await platform.clientToken("camon", scopes: ["requests.process", "requests.read"])
                try await platform.test { client in
                    let admin = try await client.signIn("camon.localhost", "admin@camon.fr")
                    _ = try await WebhooksTests.subscribe(client, admin, host: "camon.localhost", url: receiver.url("/ok"),
                                                          types: ["requests.request.status_changed"])
                    let filed = try await client.send(.post, "/api/v1/requests", host: "camon.localhost", json: [
                        "type": "eclairage-public", "answers": ["adresse": "Rue de Rivery, Camon", "panne": "clignote", "danger": "non"],
                        "contact": ["email": "habitant@example.org"],
                    ], headers: [.authorization: "Bearer \(filer)"])
                    #expect(filed.status == .created, "\(filed.text)")
                    let number = try #require(try filed.json()["number"] as? String)
                    let path = "/api/v1/requests/\(number)"
                    let process: HTTPFields = [.authorization: "Bearer \(processor)"]

                    #expect(try await client.send(.post, path + "/transitions", host: "camon.localhost", json: ["transition": "prendre-en-charge"],
                                                  headers: [.authorization: "Bearer \(filer)"]).status == .forbidden)
                    let taken = try await client.send(.post, path + "/transitions", host: "camon.localhost", json: ["transition": "prendre-en-charge"], headers: process)
                    #expect(taken.status == .ok, "\(taken.text)")
                    #expect(try taken.json()["status"] as? String == "instruction")
                    let again = try await client.send(.post, path + "/transitions", host: "camon.localhost", json: ["transition": "prendre-en-charge"], headers: process)
                    #expect(again.status == .conflict && again.headers[.contentType] == "application/problem+json")
                    #expect(try await client.send(.post, path + "/transitions", host: "camon.localhost", json: ["transition": "envoler"],
                                                  headers: process).status == .unprocessableContent)
                    #expect(try await client.send(.post, path + "/transitions", host: "camon.localhost", json: ["transition": "accepter", "revision": 1],
                                                  headers: process).status == .conflict)

                    let message = try await client.send(.post, path + "/messages", host: "camon.localhost",
                                                        json: ["message": "Le lampadaire sera réparé jeudi."], headers: process)
                    #expect(message.status == .created, "\(message.text)")
                    #expect(try await client.send(.post, path + "/messages", host: "camon.localhost", json: ["message": "  "], headers: process).status == .unprocessableContent)
                    let history = try #require(try message.json()["history"] as? [[String: Any]])
                    #expect(history.map { $0["event"] as? String ?? "" } == ["filed", "transition", "agent_message"])

                    #expect(try await platform.withWorker { try await receiver.waitFor(1) })
                    let delivery = try #require(receiver.requests.first)
                    let payload = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                    #expect(payload["type"] as? String == "requests.request.status_changed")
                    #expect(((payload["data"] as? [String: Any])?["number"] as? String) == number, "\(payload)")
                }
            }
        }
    }
}
