import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Synchronization
import Testing

@Suite("Document safe: the citizen's pages")
struct SafePagesTests {
    @Test("« Mon coffre-fort »: deposit by form (CSRF checked), sheet, verification, download, deletion; over quota a French page")
    func pages() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("boves", "jo@boves.fr", roles: [])
            try await platform.test { client in
                let citizen = try await client.signIn("boves.localhost", "jo@boves.fr")
                let token = try #require(signedInTokens.withLock { $0[citizen] })
                func upload(_ bytes: [UInt8], csrf: String) async throws -> TestResponse {
                    let boundary = "frontiere-coffre"
                    let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"livret de famille.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
                        + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
                    return try await client.execute(uri: "/compte/coffre-fort", method: .post, headers: [
                        HTTPField.Name("Host")!: "boves.localhost", .cookie: "__Host-mutualis=\(citizen)", .contentType: "multipart/form-data; boundary=\(boundary)",
                    ], body: ByteBuffer(bytes: body))
                }
                let pdf = SafeSamples.pdf("livret")
                #expect(try await upload(pdf, csrf: "faux").status == .forbidden)
                let deposited = try await upload(pdf, csrf: token)
                #expect(deposited.status == .seeOther || deposited.status == .found, "\(deposited.status) \(deposited.text)")
                #expect(deposited.headers[.location] == "/compte/coffre-fort?message=depose")
                let page = try await client.send(.get, "/compte/coffre-fort?message=depose", host: "boves.localhost", cookie: citizen)
                #expect(page.text.contains("Le document est chiffré et déposé") && page.text.contains("livret de famille.pdf"))
                let id = try #require(try await client.send(.get, "/api/v1/me/safe/documents", host: "boves.localhost", cookie: citizen)
                    .json()["data"].flatMap { ($0 as? [[String: Any]])?.first?["id"] as? String })
                let sheet = try await client.send(.get, "/compte/coffre-fort/documents/\(id)/fiche", host: "boves.localhost", cookie: citizen)
                #expect(sheet.text.contains("Empreinte (SHA-256)") && sheet.text.contains("pas encore vérifié"))
                let verify = try await client.send(.post, "/compte/coffre-fort/documents/\(id)/verification", host: "boves.localhost", cookie: citizen,
                                                   body: form(["csrf": token]))
                #expect(verify.headers[.location] == "/compte/coffre-fort/documents/\(id)/fiche?message=intact")
                let download = try await client.send(.get, "/compte/coffre-fort/documents/\(id)", host: "boves.localhost", cookie: citizen)
                #expect(Array(download.body.readableBytesView) == pdf)
                let deleted = try await client.send(.post, "/compte/coffre-fort/documents/\(id)/suppression", host: "boves.localhost", cookie: citizen,
                                                    body: form(["csrf": token]))
                #expect(deleted.headers[.location] == "/compte/coffre-fort?message=supprime")
                _ = try await platform.count("WITH u AS (UPDATE tenant_boves.safe_settings SET quota_bytes = 1000 RETURNING 1) SELECT count(*) FROM u")
                let over = try await upload(pdf, csrf: token)
                #expect(over.status == .contentTooLarge)
                #expect(over.headers[.contentType]?.hasPrefix("text/html") == true && over.text.contains("espace qui vous reste") && over.text.contains("Espace du coffre-fort insuffisant"))
            }
        }
    }
}
