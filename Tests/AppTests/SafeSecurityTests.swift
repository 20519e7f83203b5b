import Identity
import TenantStore
import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Jobs
import Postgres
import Tenancy
import Testing

@Suite("Document safe: encryption at rest, integrity, quotas, key rotation, isolation, purge")
struct SafeSecurityTests {
    /// Rows of every table of `schema` whose text contains `needle` (bytea shows as hex: looked for too).
    func rows(in platform: TestPlatform, schema: String, containing needle: String) async throws -> [String] {
        let tables = try await platform.services.postgres.query(.init(unsafeSQL: "SELECT table_name FROM information_schema.tables WHERE table_schema = '\(schema)' AND table_type = 'BASE TABLE'"))
            .map { try $0.decode(String.self, at: 0) }
        var found: [String] = []
        for table in tables {
            let sql = "SELECT count(*) FROM \(schema).\"\(table)\" t WHERE t::text ILIKE '%\(needle)%' OR t::text ILIKE '%\(SafeSamples.hex(needle))%'"
            if try await platform.count(sql) > 0 { found.append("\(schema).\(table)") }
        }
        return found
    }

    @Test("neither the database nor the blob files hold the plaintext or the file name; a byte flipped on disk is reported « altéré » (409), never served")
    func atRestAndTampering() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("camon", "alix@camon.fr", roles: [])
            let marker = "ZORGLUB-SECRET-7781"
            let pdf = SafeSamples.pdf(marker, padding: 20_000)
            let id = try await platform.test { client in
                let citizen = try await client.signIn("camon.localhost", "alix@camon.fr")
                let created = try await client.deposit("camon.localhost", cookie: citizen, bytes: pdf, name: "bulletin-\(marker).pdf")
                #expect(created.status == .created)
                return try #require(try created.json()["id"] as? String)
            }
            for schema in ["tenant_camon", "platform"] {
                #expect(try await rows(in: platform, schema: schema, containing: marker).isEmpty)
            }
            let blobRoot = platform.services.configuration.blobRoot
            #expect(SafeSamples.files(under: blobRoot, containing: Array(marker.utf8)).isEmpty)

            // Flip one byte of the ciphertext on disk.
            let key = try #require(try await platform.services.postgres.query(.init(unsafeSQL: """
                SELECT d.sha256 FROM tenant_camon.documents d JOIN tenant_camon.safe_documents s ON s.document_id = d.id WHERE s.id = '\(id)'
                """)).single()?.decode(String.self, at: 0))
            let path = blobRoot.appendingPathComponent("camon/\(key.prefix(2))/\(key.dropFirst(2).prefix(2))/\(key)")
            var bytes = try Data(contentsOf: path)
            #expect(bytes.range(of: Data("%PDF".utf8)) == nil, "not even the PDF header")
            #expect(bytes.count == pdf.count + 28, "nonce, ciphertext, tag")
            bytes[bytes.count / 2] ^= 0x01
            try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path.path)
            try bytes.write(to: path)
            try await platform.test { client in
                let citizen = try await client.signIn("camon.localhost", "alix@camon.fr")
                let verify = try await client.send(.post, "/api/v1/me/safe/documents/\(id)/verify", host: "camon.localhost", cookie: citizen)
                #expect(verify.status == .conflict)
                #expect(verify.headers[.contentType] == "application/problem+json")
                #expect((try verify.json()["detail"] as? String)?.contains("altéré") == true)
                let read = try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "camon.localhost", cookie: citizen)
                #expect(read.status == .conflict)
                let metadata = try await client.send(.get, "/api/v1/me/safe/documents/\(id)/metadata", host: "camon.localhost", cookie: citizen)
                #expect(try metadata.json()["verification"] as? String == "altered")
                let page = try await client.send(.get, "/compte/coffre-fort/documents/\(id)/fiche", host: "camon.localhost", cookie: citizen)
                #expect(page.status == .ok && page.text.contains("Ce document est altéré"))
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_camon.safe_journal WHERE outcome = 'failure' AND detail LIKE 'altéré%'") == 2)
        }
    }

    @Test("quota per citizen (the member's setting): over it a French 413, usage on the page; the default quota otherwise")
    func quotas() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("rivery", "sam@rivery.fr", roles: [])
            try await Operations(configuration: platform.services.configuration, output: { _ in }).setSafeQuota(tenant: try TenantSlug("rivery"), megabytes: 1)
            try await platform.test { client in
                let citizen = try await client.signIn("rivery.localhost", "sam@rivery.fr")
                #expect(try await client.deposit("rivery.localhost", cookie: citizen, bytes: SafeSamples.pdf("un", padding: 600_000)).status == .created)
                let over = try await client.deposit("rivery.localhost", cookie: citizen, bytes: SafeSamples.pdf("deux", padding: 600_000))
                #expect(over.status == .contentTooLarge)
                #expect(over.headers[.contentType] == "application/problem+json")
                #expect((try over.json()["detail"] as? String)?.contains("dépasse l'espace qui vous reste") == true)
                #expect(try await client.deposit("rivery.localhost", cookie: citizen, bytes: SafeSamples.pdf("trois", padding: 300_000)).status == .created)
                let page = try await client.send(.get, "/compte/coffre-fort", host: "rivery.localhost", cookie: citizen)
                #expect(page.text.contains("sur 1,0 Mo (2 document(s))"))
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_rivery.safe_documents") == 2)
        }
    }

    @Test("rotating the member key re-wraps the data keys without re-encrypting: the same ciphertext, new wrapped keys, documents still read")
    func rotation() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("saleux", "noa@saleux.fr", roles: [])
            try await platform.account("saleux", "eli@saleux.fr", roles: [])
            let pdf = SafeSamples.pdf("rotation")
            let ids = try await platform.test { client in
                var ids: [(String, String)] = []
                for email in ["noa@saleux.fr", "eli@saleux.fr"] {
                    let citizen = try await client.signIn("saleux.localhost", email)
                    ids.append((email, try #require(try await client.deposit("saleux.localhost", cookie: citizen, bytes: pdf).json()["id"] as? String)))
                }
                return ids
            }
            func snapshot() async throws -> (keys: [String], blobs: [String]) {
                let keys = try await platform.services.postgres.query(.init(unsafeSQL: "SELECT encode(wrapped_key, 'hex') FROM tenant_saleux.safe_keys ORDER BY account_id"))
                    .map { try $0.decode(String.self, at: 0) }
                let blobs = try await platform.services.postgres.query(.init(unsafeSQL: "SELECT d.sha256 FROM tenant_saleux.documents d JOIN tenant_saleux.safe_documents s ON s.document_id = d.id ORDER BY s.id"))
                    .map { try $0.decode(String.self, at: 0) }
                return (keys, blobs)
            }
            let before = try await snapshot()
            let lines = LinesCollector()
            try await Operations(configuration: platform.services.configuration, output: { lines.append($0) }).rotateSafeKey(tenant: try TenantSlug("saleux"))
            #expect(lines.all.contains("saleux: safe key v2, 2 data key(s) re-wrapped"))
            let after = try await snapshot()
            #expect(after.blobs == before.blobs, "documents are not re-encrypted")
            #expect(Set(after.keys).isDisjoint(with: before.keys), "every data key is re-wrapped")
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.safe_keys WHERE key_version = 2") == 2)
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.safe_journal WHERE action = 'rotate' AND actor_kind = 'system'") == 2,
                    "each safe's journal says its key was re-wrapped")
            try await platform.test { client in
                for (email, id) in ids {
                    let citizen = try await client.signIn("saleux.localhost", email)
                    let read = try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "saleux.localhost", cookie: citizen)
                    #expect(Array(read.body.readableBytesView) == pdf)
                    #expect(try await client.send(.post, "/api/v1/me/safe/documents/\(id)/verify", host: "saleux.localhost", cookie: citizen).status == .ok)
                }
                // A citizen whose safe is made after the rotation gets a key of the new version.
                try await platform.account("saleux", "new@saleux.fr", roles: [])
                let newcomer = try await client.signIn("saleux.localhost", "new@saleux.fr")
                #expect(try await client.deposit("saleux.localhost", cookie: newcomer, bytes: pdf).status == .created)
            }
            #expect(try await platform.count("SELECT count(*) FROM tenant_saleux.safe_keys WHERE key_version = 2") == 3)
        }
    }

    @Test("a citizen never sees another's documents; agents (even administrators) and partners read no safe; another member's host knows no one")
    func isolation() async throws {
        try await TestPlatform.with { platform in
            try await platform.account("longueau", "a@longueau.fr", roles: [])
            try await platform.account("longueau", "b@longueau.fr", roles: [])
            try await platform.account("longueau", "admin@longueau.fr", roles: [.agent, .tenantAdmin])
            try await platform.account("salouel", "a@salouel.fr", roles: [])
            let token = try await platform.clientToken("longueau")
            try await platform.test { client in
                let a = try await client.signIn("longueau.localhost", "a@longueau.fr")
                let b = try await client.signIn("longueau.localhost", "b@longueau.fr")
                let id = try #require(try await client.deposit("longueau.localhost", cookie: a, bytes: SafeSamples.pdf("privé")).json()["id"] as? String)
                for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/me/safe/documents/\(id)"), (.get, "/api/v1/me/safe/documents/\(id)/metadata"),
                                      (.post, "/api/v1/me/safe/documents/\(id)/verify"), (.delete, "/api/v1/me/safe/documents/\(id)"),
                                      (.get, "/compte/coffre-fort/documents/\(id)")] {
                    #expect(try await client.send(method, uri, host: "longueau.localhost", cookie: b).status == .notFound, "\(method) \(uri)")
                }
                #expect(try await client.send(.get, "/api/v1/me/safe/documents", host: "longueau.localhost", cookie: b).json()["count"] as? Int == 0)
                #expect(!(try await client.send(.get, "/api/v1/me/safe/journal", host: "longueau.localhost", cookie: b).text.contains(id)))

                let admin = try await client.signIn("longueau.localhost", "admin@longueau.fr")
                #expect(try await client.send(.get, "/api/v1/me/safe/documents", host: "longueau.localhost", cookie: admin).status == .forbidden)
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "longueau.localhost", cookie: admin).status == .forbidden)
                #expect(try await client.send(.get, "/compte/coffre-fort", host: "longueau.localhost", cookie: admin).status == .forbidden)
                #expect(!(try await client.send(.get, "/compte", host: "longueau.localhost", cookie: admin).text.contains("/compte/coffre-fort")))
                let partner = try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "longueau.localhost", headers: [.authorization: "Bearer \(token)"])
                #expect(partner.status == .unauthorized || partner.status == .forbidden)

                // Another member: its host does not know the session, its own citizen has no such document.
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "salouel.localhost", cookie: a).status == .unauthorized)
                let other = try await client.signIn("salouel.localhost", "a@salouel.fr")
                #expect(try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "salouel.localhost", cookie: other).status == .notFound)
                #expect(Array(try await client.send(.get, "/api/v1/me/safe/documents/\(id)", host: "longueau.localhost", cookie: a).body.readableBytesView)
                        == SafeSamples.pdf("privé"))
            }
        }
    }

    @Test("the nightly purge erases the safe of an account closed for longer than the notice period, and only that one")
    func purge() async throws {
        try await TestPlatform.with { platform in
            let closed = try await platform.account("pont-de-metz", "old@pont-de-metz.fr", roles: [])
            let recent = try await platform.account("pont-de-metz", "recent@pont-de-metz.fr", roles: [])
            try await platform.test { client in
                for email in ["old@pont-de-metz.fr", "recent@pont-de-metz.fr"] {
                    let citizen = try await client.signIn("pont-de-metz.localhost", email)
                    #expect(try await client.deposit("pont-de-metz.localhost", cookie: citizen, bytes: SafeSamples.pdf(email)).status == .created)
                }
            }
            let schema = "tenant_pont_de_metz"
            _ = try await platform.count("WITH u AS (UPDATE \(schema).accounts SET status = 'disabled', updated_at = now() - interval '40 days' WHERE id = '\(closed.id.uuidString.lowercased())' RETURNING 1) SELECT count(*) FROM u")
            _ = try await platform.count("WITH u AS (UPDATE \(schema).accounts SET status = 'disabled', updated_at = now() - interval '5 days' WHERE id = '\(recent.id.uuidString.lowercased())' RETURNING 1) SELECT count(*) FROM u")
            let slug = try TenantSlug("pont-de-metz")
            _ = try await platform.services.tenantStore.withTenant(slug) { connection in
                try await JobEnqueuer.enqueue(NewJob(queue: "safe", kind: "safe.purge", tenant: slug, payload: PostgresJSON(text: #"{"noticeDays": 30}"#)), on: connection)
            }
            let purged = try await platform.withWorker {
                try await platform.eventually { try await platform.count("SELECT count(*) FROM \(schema).safe_keys") == 1 }
            }
            #expect(purged)
            #expect(try await platform.count("SELECT count(*) FROM \(schema).safe_documents WHERE account_id = '\(closed.id.uuidString.lowercased())'") == 0)
            #expect(try await platform.count("SELECT count(*) FROM \(schema).safe_journal WHERE account_id = '\(closed.id.uuidString.lowercased())'") == 0)
            #expect(try await platform.count("SELECT count(*) FROM \(schema).safe_documents WHERE account_id = '\(recent.id.uuidString.lowercased())'") == 1)
            #expect(try await platform.count("SELECT count(*) FROM \(schema).documents WHERE file_name LIKE 'coffre-%'") == 1)
        }
    }
}
