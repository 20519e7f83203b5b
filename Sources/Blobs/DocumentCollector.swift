import Foundation
import Postgres
import TenantStore

/// Removes what nobody needs any more, for one member: documents no service references, older
/// than the grace period (their blob too, unless another document has the same bytes), and
/// staged blobs an interrupted upload left behind. A referenced document is never removed.
public struct DocumentCollector: Sendable {
    public let documents: DocumentStore
    public let grace: Duration

    public init(documents: DocumentStore, grace: Duration = .seconds(86_400)) {
        self.documents = documents
        self.grace = grace
    }

    public struct Report: Sendable, Equatable {
        public var documents = 0
        public var blobs = 0
        public var staged = 0
    }

    public func collect() async throws -> Report {
        var report = Report()
        let member = documents.member
        let orphans = try await member.read("""
            SELECT d.id, d.sha256 FROM documents d
            WHERE d.added_at < now() - \(grace.components.seconds) * interval '1 second'
              AND NOT EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id)
            ORDER BY d.added_at LIMIT 10000
            """).map { try $0.decode((UUID, String).self) }
        for (id, sha256) in orphans {
            guard let key = BlobKey(sha256) else { continue }
            let blobGone = try await member.transaction { connection -> Bool in
                try await DocumentStore.lock(key, on: connection)
                // Referenced since the scan: keep it.
                let removed = try await connection.execute("""
                    DELETE FROM documents d WHERE d.id = \(id)
                      AND NOT EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id)
                    """)
                guard removed == 1 else { return false }
                report.documents += 1
                let others = try await connection.query("SELECT count(*) FROM documents WHERE sha256 = \(sha256)").single()?.decode(Int.self, at: 0) ?? 0
                guard others == 0 else { return false }
                // Under the lock, before the commit: an upload of the same bytes waits for us.
                try await documents.blobs.delete(member: member.slug, key: key)
                return true
            }
            if blobGone { report.blobs += 1 }
        }
        // Blobs whose row was never written (its transaction failed after the blob was made visible).
        for key in try await documents.blobs.keys(member: member.slug, olderThan: grace) {
            let removed = try await member.transaction { connection -> Bool in
                try await DocumentStore.lock(key, on: connection)
                let rows = try await connection.query("SELECT count(*) FROM documents WHERE sha256 = \(key.sha256)").single()?.decode(Int.self, at: 0) ?? 0
                guard rows == 0 else { return false }
                try await documents.blobs.delete(member: member.slug, key: key)
                return true
            }
            if removed { report.blobs += 1 }
        }
        report.staged = try await documents.blobs.sweepStaged(member: member.slug, olderThan: grace)
        return report
    }
}
