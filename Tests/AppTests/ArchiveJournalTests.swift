import Archiving
import Composition
import Foundation
import Postgres
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Archive journal: days sealed by a Merkle root and a timestamp, entries proved, tampering found", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveJournalTests {
    @Test("today's entries sealed (openssl ts -verify accepts the token); an entry proved; an edited entry breaks the seal and archive verify says so")
    func sealing() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "camon")
            _ = try await ArchiveIntegrityTests.ingest(fixture)
            let trust = try #require(platform.services.trust)
            let seals = JournalSeals(member: fixture.member, trust: trust)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            #expect(try await seals.seal(day: today))
            #expect(try await seals.seal(day: today) == false, "a day is sealed once")
            #expect(try await seals.verify() == [])

            // The stamped root, checked by OpenSSL itself.
            let row = try #require(try await fixture.member.read("SELECT root, token, entries FROM archive_journal_seals").first)
            let root = try row.decode([UInt8].self, at: 0), token = try row.decode([UInt8].self, at: 1)
            #expect(try row.decode(Int.self, at: 2) >= 2)
            let folder = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(token).write(to: folder.appendingPathComponent("token.der"))
            let digest = root.map { String(format: "%02x", $0) }.joined()
            let openssl = try await ChildProcess.run([
                "openssl", "ts", "-verify", "-token_in", "-in", folder.appendingPathComponent("token.der").path, "-digest", digest,
                "-CAfile", testPKI.directory.appendingPathComponent("anchors.pem").path,
            ])
            #expect(openssl.output.contains("Verification: OK"), "\(openssl.output)")

            // An entry is proved by its path; the operator's command says the same.
            let entry = try #require(try await fixture.member.read("SELECT id FROM audit_journal WHERE action = 'archive.transfer.accept'").first?.decode(Int.self, at: 0))
            let proof = try #require(try await seals.proof(entry: entry))
            #expect(proof.valid && proof.root == root)
            let lines = Mutex<[String]>([])
            let operations = Operations(configuration: platform.services.configuration, output: { line in lines.withLock { $0.append(line) } })
            #expect(try await operations.proveJournalEntry(entry, tenant: try TenantSlug("camon")))

            // Edited in SQL: the chain, the seal and the proof all disagree.
            _ = try await platform.services.postgres.query(.init(unsafeSQL: "UPDATE tenant_camon.audit_journal SET hash = sha256(hash) WHERE id = \(entry)"))
            let problems = try await seals.verify()
            #expect(problems.contains { $0.contains("no longer give the sealed Merkle root") }, "\(problems)")
            #expect(try await seals.proof(entry: entry)?.valid == false)
            lines.withLock { $0 = [] }
            #expect(try await operations.verifyArchive(tenant: try TenantSlug("camon")) == false)
            #expect(lines.withLock { $0 }.contains { $0.contains("Merkle root") })
        }
    }
}
