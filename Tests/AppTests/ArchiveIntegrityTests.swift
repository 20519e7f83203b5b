import Archiving
import Blobs
import Composition
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Archive integrity: corruption and tampering detected by archive verify, damaged copies repaired by the worker", .serialized,
       .enabled(if: ArchiveFixture.specsPresent, "../shared/specs (the SEDA XSDs) is absent"))
struct ArchiveIntegrityTests {
    /// Ingests the fixture's SIP; returns the stored arrêté's key and SHA-512.
    static func ingest(_ fixture: ArchiveFixture) async throws -> (BlobKey, String) {
        try await fixture.referentials()
        let token = try await fixture.platform.clientToken(fixture.slug)
        let sip = try ArchiveFixture.sip(fixture.builder(.v22, message: "INTEGRITE-1"))
        let response = try await fixture.platform.test { client in
            try await client.sendBytes(.post, "/api/v1/archive/transfers", host: fixture.host, body: sip, contentType: "application/zip", bearer: token)
        }
        guard response.status == .created else { throw TestFailure("ingest answered \(response.status): \(response.text)") }
        let row = try #require(try await fixture.member.read("""
            SELECT o.sha256, o.sha512 FROM archive_objects o JOIN archive_transfers t ON t.id = o.transfer_id
            WHERE t.message_identifier = 'INTEGRITE-1' AND o.file_name = 'arrete.pdf'
            """).first)
        return (try #require(BlobKey(try row.decode(String.self, at: 0))), try row.decode(String.self, at: 1))
    }

    /// The file of a blob under a filesystem root (`<root>/<member>/<aa>/<bb>/<sha256>`).
    static func file(_ root: URL, _ slug: String, _ key: BlobKey) -> URL {
        root.appendingPathComponent(slug).appendingPathComponent(String(key.sha256.prefix(2)))
            .appendingPathComponent(String(key.sha256.dropFirst(2).prefix(2))).appendingPathComponent(key.sha256)
    }

    static func flipByte(_ file: URL, at offset: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[offset] ^= 0xFF
        try Data(bytes).write(to: file)
    }

    @Test("archive verify names a corrupted byte of a stored object and an edited journal row, and fails")
    func verify() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            let (key, _) = try await Self.ingest(fixture)
            let lines = Mutex<[String]>([])
            let operations = Operations(configuration: platform.services.configuration, output: { line in lines.withLock { $0.append(line) } })
            #expect(try await operations.verifyArchive(tenant: try TenantSlug("boves")), "\(lines.withLock { $0 })")

            try Self.flipByte(Self.file(platform.services.configuration.blobRoot, "boves", key), at: 200)
            _ = try await platform.services.postgres.query(.init(unsafeSQL: """
                UPDATE tenant_boves.audit_journal SET actor_label = 'quelqu''un d''autre' WHERE action = 'archive.transfer.accept'
                """))
            lines.withLock { $0 = [] }
            #expect(try await operations.verifyArchive(tenant: try TenantSlug("boves")) == false)
            let output = lines.withLock { $0 }.joined(separator: "\n")
            #expect(output.contains("journal BROKEN"), "\(output)")
            #expect(output.contains("arrete.pdf): damaged — first copy"), "\(output)")
        }
    }

    @Test("the integrity worker repairs a damaged or missing copy from the intact one, journals it, and flags what it cannot repair")
    func repair() async throws {
        try await TestPlatform.with { platform in
            let fixture = ArchiveFixture(platform: platform, slug: "boves")
            let (key, sha512) = try await Self.ingest(fixture)
            let configuration = platform.services.configuration
            let copies = ArchiveCopies(first: platform.services.blobs, second: platform.services.replicaBlobs)
            let checker = IntegrityChecker(member: fixture.member, copies: copies, logger: TestEnvironment.logger)
            let boves = try TenantSlug("boves")

            try Self.flipByte(Self.file(configuration.archiveSecondRoot, "boves", key), at: 10)
            var findings = try await checker.run(limit: nil, repair: true)
            #expect(findings.filter { $0.outcome == .repaired }.map(\.locations) == [["second"]])
            #expect(try await ArchiveCopies.sha512(of: key, in: copies.second, member: boves) == sha512)
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.archive_objects WHERE integrity = 'repaired'") == 1)
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.audit_journal WHERE action = 'archive.object.check'") == findings.count)

            try FileManager.default.removeItem(at: Self.file(configuration.blobRoot, "boves", key))
            findings = try await checker.run(limit: nil, repair: true)
            #expect(findings.filter { $0.outcome == .repaired }.map(\.locations) == [["first"]])
            #expect(try await ArchiveCopies.sha512(of: key, in: copies.first, member: boves) == sha512)

            // Both copies damaged: nothing to repair from; flagged and journaled as a failure (for each
            // object of these bytes: the demo transfer archived the same arrêté, content addressed).
            let sharing = try await platform.count("SELECT count(*) FROM tenant_boves.archive_objects WHERE sha256 = '\(key.sha256)'")
            #expect(sharing >= 1)
            try Self.flipByte(Self.file(configuration.blobRoot, "boves", key), at: 10)
            try Self.flipByte(Self.file(configuration.archiveSecondRoot, "boves", key), at: 10)
            findings = try await checker.run(limit: nil, repair: true)
            #expect(findings.filter { $0.outcome == .damaged }.map(\.locations) == Array(repeating: ["first", "second"], count: sharing))
            #expect(try await platform.count("SELECT count(*) FROM tenant_boves.archive_objects WHERE integrity = 'damaged'") == sharing)
            #expect(try await platform.count("""
                SELECT count(*) FROM tenant_boves.audit_journal WHERE action = 'archive.object.check' AND outcome = 'failure'
                """) == sharing)

            // A daily run checks the member's share: every object at least once in the period.
            let total = try await platform.count("SELECT count(*) FROM tenant_boves.archive_objects")
            #expect(try await checker.dailyBatch(periodDays: 30) == max(1, (total + 29) / 30))
            #expect(try await checker.dailyBatch(periodDays: 1) == total)
        }
    }
}
