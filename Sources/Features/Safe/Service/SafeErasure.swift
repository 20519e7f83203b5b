import Blobs
import Foundation
import HTTPTypes
import Logging
import Postgres
import Tenancy
import TenantStore

/// Removing ciphertext for good: a safe's document (on deletion) or a whole safe (the purge of
/// a closed account, which also forgets the data key: what might remain cannot be opened).
enum SafeErasure {
    /// Releases the ciphertext's document and removes it and its blob now, under the blob's lock
    /// (a safe's ciphertext is never shared: its nonce is random).
    static func eraseDocument(_ documentID: UUID, holder: String, blobs: any BlobStore, member: TenantSlug, on connection: PostgresConnection) async throws {
        guard let sha256 = try await connection.query("SELECT sha256 FROM documents WHERE id = \(documentID)").single()?.decode(String.self, at: 0),
              let key = BlobKey(sha256)
        else { return }
        try await DocumentStore.lock(key, on: connection)
        try await DocumentStore.release(documentID, holder: holder, on: connection)
        let removed = try await connection.execute("""
            DELETE FROM documents d WHERE d.id = \(documentID)
              AND NOT EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id)
            """)
        guard removed == 1 else { return }
        let others = try await connection.query("SELECT count(*) FROM documents WHERE sha256 = \(sha256)").single()?.decode(Int.self, at: 0) ?? 0
        if others == 0 { try await blobs.delete(member: member, key: key) }
    }

    /// Removes a whole safe: documents, ciphertext, journal and data key. Returns how many documents.
    static func eraseSafe(_ account: UUID, blobs: any BlobStore, member: TenantSlug, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("SELECT id, document_id FROM safe_documents WHERE account_id = \(account)")
            .map { (try $0.decode(UUID.self, at: 0), try $0.decode(UUID.self, at: 1)) }
        try await connection.query("DELETE FROM safe_documents WHERE account_id = \(account)")
        for (id, documentID) in rows {
            try await eraseDocument(documentID, holder: SafeDocument.holder(id), blobs: blobs, member: member, on: connection)
        }
        try await connection.query("DELETE FROM safe_journal WHERE account_id = \(account)")
        try await connection.query("DELETE FROM safe_keys WHERE account_id = \(account)")
        return rows.count
    }
}
