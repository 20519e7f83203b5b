import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import Trust
import Cryptography

@Suite("POST /tsa: the platform's RFC 3161 timestamping unit")
struct TimestampHTTPTests {
    @Test("a query written by openssl ts -query gets a reply that openssl ts -verify accepts against the anchors")
    func openSSLRoundTrip() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("arrete.pdf")
        try Data("%PDF-1.7 arrêté de voirie".utf8).write(to: data)
        let queryFile = directory.appendingPathComponent("q.tsq")
        let made = try await ChildProcess.run(["openssl", "ts", "-query", "-data", data.path, "-sha256", "-cert", "-out", queryFile.path])
        #expect(made.status == 0)
        let query = try Data(contentsOf: queryFile)
        try await TestPlatform.with { platform in
            try await platform.test { client in
                let reply = try await client.execute(uri: "/tsa", method: .post,
                                                     headers: [HTTPField.Name("Host")!: "amiens.localhost", .contentType: "application/timestamp-query"],
                                                     body: ByteBuffer(bytes: query))
                #expect(reply.status == .ok)
                #expect(reply.headers[.contentType] == "application/timestamp-reply")
                let replyFile = directory.appendingPathComponent("r.tsr")
                try Data(Array(buffer: reply.body)).write(to: replyFile)
                let verify = try await ChildProcess.run(["openssl", "ts", "-verify", "-queryfile", queryFile.path, "-in", replyFile.path,
                                                         "-CAfile", testPKI.directory.appendingPathComponent("anchors.pem").path])
                #expect(verify.status == 0, "\(verify.output)")
                #expect(verify.output.contains("Verification: OK"))

                // The same on the console's host and on an unknown host: the unit is the platform's.
                let console = try await client.execute(uri: "/tsa", method: .post,
                                                       headers: [HTTPField.Name("Host")!: "admin.localhost", .contentType: "application/timestamp-query"],
                                                       body: ByteBuffer(bytes: query))
                #expect(console.status == .ok)

                let wrongType = try await client.send(.post, "/tsa", host: "amiens.localhost", body: "abc", contentType: "text/plain")
                #expect(wrongType.status == .unsupportedMediaType)
                #expect(wrongType.headers[.contentType] == "application/problem+json")
                let garbage = try await client.send(.post, "/tsa", host: "amiens.localhost", body: "pas une requête", contentType: "application/timestamp-query")
                #expect(garbage.status == .badRequest)
                #expect(try garbage.json()["detail"] as? String == "Le corps n'est pas une requête d'horodatage RFC 3161 (TimeStampReq DER) lisible.")
                let huge = try await client.send(.post, "/tsa", host: "amiens.localhost", body: String(repeating: "x", count: 20_000), contentType: "application/timestamp-query")
                #expect(huge.status == .contentTooLarge)
                let get = try await client.get("/tsa", host: "amiens.localhost")
                let getStatus = get.status
                #expect([HTTPResponse.Status.methodNotAllowed, .notFound].contains(getStatus))
            }
        }
    }

    @Test("with MUTUALIS_TSA_URL the platform timestamps through that service (here, a served platform's own /tsa); a service that is not a TSA is an error")
    func externalAuthority() async throws {
        let port = try FreePort.find()
        try await TestPlatform.with(environment: ["MUTUALIS_HTTP_PORT": String(port)]) { platform in
            try await platform.serve {
                let directory = PKIDirectory(root: testPKI.directory)
                let external = try #require(try TrustServices.load(directory: directory, kekFile: testPKI.kekFile,
                                                                   externalAuthority: URL(string: "http://127.0.0.1:\(port)/tsa")!))
                let digest = try Digest.sha256(Array("délibération".utf8))
                let token = try await external.timestamp(digest: digest)
                let time = try TimestampToken.verify(token, digest: digest, trust: external.trustStore(member: "amiens"))
                #expect(abs(time.timeIntervalSinceNow) < 60)
                let wrong = try #require(try TrustServices.load(directory: directory, kekFile: testPKI.kekFile,
                                                                externalAuthority: URL(string: "http://127.0.0.1:\(port)/livez")!))
                await #expect(throws: TrustError.self) { try await wrong.timestamp(digest: digest) }
            }
        }
    }
}
