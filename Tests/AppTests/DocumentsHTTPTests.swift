import Blobs
import Cryptography
import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Documents over HTTP")
struct DocumentsHTTPTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 5_000)

    func upload(_ client: any TestClientProtocol, host: String, cookie: String, bytes: [UInt8], contentType: String = "application/pdf",
                headers extra: HTTPFields = [:], query: String = "?nom=d%C3%A9lib%C3%A9ration%2012.pdf") async throws -> TestResponse {
        var headers = extra
        headers[HTTPField.Name("Host")!] = host
        headers[.cookie] = "__Host-mutualis=\(cookie)"
        headers[.contentType] = contentType
        headers[HTTPField.Name("X-CSRF-Token")!] = try csrf(of: cookie)
        return try await client.execute(uri: "/api/v1/documents" + query, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    @Test("upload, metadata, download whole, by range, conditionally; the same bytes from another member stay in its own namespace")
    func roundTrip() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("amiens", "agent@amiens.fr", roles: [.agent])
            try await platform.test { client in
                let agent = try await client.signIn("amiens.localhost", "agent@amiens.fr")
                let created = try await upload(client, host: "amiens.localhost", cookie: agent, bytes: Self.pdf)
                #expect(created.status == .created)
                let json = try created.json()
                let id = try #require(json["id"] as? String)
                #expect(json["file_name"] as? String == "délibération 12.pdf")
                #expect(json["media_type"] as? String == "application/pdf")
                #expect(json["size"] as? Int == Self.pdf.count)
                #expect(json["sha256"] as? String == SHA.hex(.sha256, Self.pdf))
                #expect(created.headers[.location] == "/api/v1/documents/\(id)")
                let whole = try await client.send(.get, "/api/v1/documents/\(id)/content", host: "amiens.localhost", cookie: agent)
                #expect(whole.status == .ok)
                #expect(Array(whole.body.readableBytesView) == Self.pdf)
                #expect(whole.headers[.contentType] == "application/pdf")
                #expect(whole.headers[.contentDisposition] == "attachment; filename=\"d_lib_ration 12.pdf\"; filename*=UTF-8''d%C3%A9lib%C3%A9ration%2012.pdf")
                let etag = try #require(whole.headers[.eTag])
                let part = try await client.send(.get, "/api/v1/documents/\(id)/content", host: "amiens.localhost", cookie: agent, headers: [.range: "bytes=5-9"])
                #expect(part.status == .partialContent)
                #expect(String(buffer: part.body) == "1.4\n1")
                #expect(part.headers[.contentRange] == "bytes 5-9/\(Self.pdf.count)")
                let tail = try await client.send(.get, "/api/v1/documents/\(id)/content", host: "amiens.localhost", cookie: agent, headers: [.range: "bytes=-3"])
                #expect(Array(tail.body.readableBytesView) == Array(Self.pdf.suffix(3)))
                let outside = try await client.send(.get, "/api/v1/documents/\(id)/content", host: "amiens.localhost", cookie: agent,
                                                    headers: [.range: "bytes=\(Self.pdf.count)-"])
                #expect(outside.status == .rangeNotSatisfiable)
                #expect(outside.headers[.contentRange] == "bytes */\(Self.pdf.count)")
                let unchanged = try await client.send(.get, "/api/v1/documents/\(id)/content", host: "amiens.localhost", cookie: agent,
                                                      headers: [.ifNoneMatch: etag])
                #expect(unchanged.status == .notModified)
                let list = try await client.send(.get, "/api/v1/documents?limit=1", host: "amiens.localhost", cookie: agent)
                #expect(((try list.json()["data"] as? [[String: Any]])?.first?["id"] as? String) != nil)
                // Not visible on another member's host, and not there either.
                #expect(try await client.send(.get, "/api/v1/documents/\(id)", host: "boves.localhost", cookie: agent).status == .unauthorized)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.documents WHERE file_name LIKE 'délib%'") == 0)
            #expect(try await platform.count("SELECT count(*) FROM tenant_amiens.audit_journal WHERE action = 'document.add'") == 1)
        }
    }

    @Test("a multipart form's file field is stored; a type the route does not accept is a French 415; too large a 413; empty a 400; nothing stays")
    func refusals() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_UPLOAD_MAX_MB": "1"]) { platform in
            try await platform.account("camon", "agent@camon.fr", roles: [.agent])
            let before = try await platform.count("SELECT count(*) FROM tenant_camon.documents")
            try await platform.test { client in
                let agent = try await client.signIn("camon.localhost", "agent@camon.fr")
                let boundary = "XyZ-frontiere-42"
                let form = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"titre\"\r\n\r\nPlan\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"plan.csv\"\r\nContent-Type: text/csv\r\n\r\nrue;numéro\r\nhaute;3\r\nbasse;5\r\n\r\n--\(boundary)--\r\n".utf8)
                let multipart = try await upload(client, host: "camon.localhost", cookie: agent, bytes: form, contentType: "multipart/form-data; boundary=\(boundary)", query: "")
                #expect(multipart.status == .created, "\(multipart.text)")
                #expect(try multipart.json()["media_type"] as? String == "text/csv")
                #expect(try multipart.json()["file_name"] as? String == "plan.csv")
                #expect(try multipart.json()["size"] as? Int == Array("rue;numéro\r\nhaute;3\r\nbasse;5\r\n".utf8).count)

                let random = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 ^ 0xA5) }
                let unknown = try await upload(client, host: "camon.localhost", cookie: agent, bytes: random, contentType: "application/pdf")
                #expect(unknown.status == .unsupportedMediaType)
                #expect(try unknown.json()["detail"] as? String == "Le fichier envoyé est un fichier d'un type non reconnu ; ici, seul un classeur Excel, un classeur OpenDocument, un document JSON, un document PDF, un document Word, un document XML, un tableau CSV, un texte, un texte OpenDocument, une archive ZIP, une image JPEG, une image PNG, une image TIFF, une présentation OpenDocument ou une présentation PowerPoint est accepté.")
                let big = try await upload(client, host: "camon.localhost", cookie: agent, bytes: Self.pdf + Array(repeating: 32, count: 2_000_000))
                #expect(big.status == .contentTooLarge)
                let empty = try await upload(client, host: "camon.localhost", cookie: agent, bytes: [])
                #expect(empty.status == .badRequest)
                let noFile = try await upload(client, host: "camon.localhost", cookie: agent,
                                              bytes: Array("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--b--\r\n".utf8),
                                              contentType: "multipart/form-data; boundary=b", query: "")
                #expect(noFile.status == .badRequest)
                let broken = try await upload(client, host: "camon.localhost", cookie: agent,
                                              bytes: Array("--b\r\nContent-Disposition: form-data; name=\"fichier\"\r\n\r\nabc".utf8),
                                              contentType: "multipart/form-data; boundary=b", query: "")
                #expect(broken.status == .badRequest)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_camon.documents") == before + 1)
            let staged = FileManager.default.enumerator(atPath: platform.services.configuration.blobRoot.appendingPathComponent("camon/.staging").path)?.allObjects ?? []
            #expect(staged.isEmpty)
        }
    }

    @Test("over a real socket: a body larger than the limit is refused from its Content-Length, before it is read; a cut upload leaves nothing")
    func wire() async throws {
        try await TestPlatform.with(environment: ["MUTUALIS_UPLOAD_MAX_MB": "1"]) { platform in
            try await platform.account("boves", "agent@boves.fr", roles: [.agent])
            let (cookie, token) = try await platform.test { client in
                let cookie = try await client.signIn("boves.localhost", "agent@boves.fr")
                return (cookie, try csrf(of: cookie))
            }
            try await platform.application.test(.live) { client in
                let port = try #require(client.port)
                let head = "POST /api/v1/documents HTTP/1.1\r\nHost: boves.localhost\r\nCookie: __Host-mutualis=\(cookie)\r\nX-CSRF-Token: \(token)\r\nContent-Type: application/pdf\r\n"
                // 50 MB announced, none sent: the answer comes at once.
                let refused = try await RawHTTP.exchange(port: port, request: Array((head + "Content-Length: 52428800\r\nConnection: close\r\n\r\n").utf8))
                #expect(refused.status == 413)
                // Cut in the middle: the server waits for the rest, then the connection drops.
                _ = try await RawHTTP.onThread {
                    try RawHTTP.secondsUntilClosed(port: port, head: head + "Content-Length: 500000\r\n\r\n" + String(repeating: "%PDF-1.4 ", count: 20_000),
                                                   body: [], interval: .milliseconds(100), limit: .milliseconds(300))
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.documents WHERE added_by_kind = 'agent'") == 0)
            let staged = FileManager.default.enumerator(atPath: platform.services.configuration.blobRoot.appendingPathComponent("boves/.staging").path)?.allObjects ?? []
            #expect(staged.isEmpty)
        }
    }

    @Test("the collector removes documents nobody holds after the grace period, keeps held ones and shared bytes")
    func collector() async throws {
        try await TestPlatform.with { platform in
            let member = platform.services.tenantStore.member(try TenantSlug("rivery"))
            let documents = DocumentStore(member: member, blobs: platform.services.blobs)
            let author = DocumentAuthor(kind: "agent", id: nil, label: nil)
            func add(_ bytes: [UInt8], holder: String?) async throws -> Document {
                try await documents.add(try await platform.services.blobs.stage(member: member.slug, from: Chunks(parts: [bytes]), limit: 1 << 20),
                                        fileName: "f.txt", by: author, holder: holder)
            }
            let held = try await add(Array("gardé\n".utf8), holder: "tests.keep:1")
            let dropped = try await add(Array("jeté\n".utf8), holder: nil)
            let twin = try await add(Array("partagé\n".utf8), holder: nil)
            _ = try await add(Array("partagé\n".utf8), holder: "tests.keep:2")
            let fresh = try await add(Array("trop récent\n".utf8), holder: nil)
            try await platform.services.postgres.query("UPDATE tenant_rivery.documents SET added_at = now() - interval '2 days' WHERE id <> \(fresh.id)")
            let report = try await DocumentCollector(documents: documents, grace: .seconds(86_400)).collect()
            #expect(report.documents == 2 && report.blobs == 1)
            #expect(try await documents.document(held.id) != nil)
            #expect(try await documents.document(dropped.id) == nil)
            #expect(try await documents.document(twin.id) == nil)
            #expect(try await documents.document(fresh.id) != nil)
            #expect(try await platform.services.blobs.size(member: member.slug, key: BlobKey(dropped.sha256)!) == nil)
            #expect(try await platform.services.blobs.size(member: member.slug, key: BlobKey(twin.sha256)!) != nil)
        }
    }
}
