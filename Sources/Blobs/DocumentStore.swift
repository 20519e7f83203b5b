import Foundation
import Postgres
import Tenancy
import TenantStore

/// A member's documents: rows in `documents` over blobs in the `BlobStore`. A document is kept
/// while a service holds a reference to it (`document_references`); one nobody holds is removed
/// after a grace period (`DocumentCollector`).
public struct DocumentStore: Sendable {
    public let member: MemberStore
    public let blobs: any BlobStore

    public init(member: MemberStore, blobs: any BlobStore) {
        self.member = member
        self.blobs = blobs
    }

    static let columns: StaticString = "id, sha256, sha512, size, media_type, file_name, added_by_kind, added_by, added_by_label, added_at"

    /// Makes a staged blob a document of the member: in one transaction, under a lock on its
    /// key (so that the collector cannot remove the blob meanwhile), the blob becomes visible
    /// and its row is written, with a reference by `holder` if given. `body` runs in the same
    /// transaction (the service's own rows, its journal entry, its event).
    public func add(
        _ staged: StagedBlob, fileName: String?, by author: DocumentAuthor, holder: String?,
        _ body: (PostgresConnection, Document) async throws -> Void = { _, _ in }
    ) async throws -> Document {
        let document = Document(
            id: UUID(), sha256: staged.key.sha256, sha512: staged.sha512, size: staged.size,
            mediaType: (staged.mediaType ?? .binary).rawValue,
            fileName: DocumentName.sanitized(fileName, fallbackExtension: (staged.mediaType ?? .binary).fileExtension),
            addedByKind: author.kind, addedBy: author.id, addedByLabel: author.label, addedAt: Date()
        )
        do {
            return try await member.transaction { connection in
                try await Self.lock(staged.key, on: connection)
                try await blobs.commit(staged)
                try await connection.query("""
                    INSERT INTO documents (id, sha256, sha512, size, media_type, file_name, added_by_kind, added_by, added_by_label)
                    VALUES (\(document.id), \(document.sha256), \(document.sha512), \(Int64(document.size)), \(document.mediaType),
                            \(document.fileName), \(document.addedByKind), \(document.addedBy), \(document.addedByLabel))
                    """)
                if let holder { try await Self.reference(document.id, holder: holder, on: connection) }
                try await body(connection, document)
                return document
            }
        } catch {
            // Visible or still staged, a blob without its row is removed by the collector; a
            // staged one is removed now.
            await blobs.discard(staged)
            throw error
        }
    }

    public func document(_ id: UUID) async throws -> Document? {
        try await member.read("SELECT \(literal: Self.columns) FROM documents WHERE id = \(id)").first.map(Self.decode)
    }

    /// A document `holder` holds (a service sees its own documents only: another's — a citizen's
    /// safe, a request's attachments — stay out of its listing and downloads).
    public func document(_ id: UUID, heldBy holder: String) async throws -> Document? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM documents d
            WHERE d.id = \(id) AND EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id AND r.holder = \(holder))
            """).first.map(Self.decode)
    }

    /// The documents `holder` holds, newest first, added before `before`.
    public func list(limit: Int, before: Date?, heldBy holder: String) async throws -> [Document] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM documents d
            WHERE (\(before)::timestamptz IS NULL OR d.added_at < \(before))
              AND EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id AND r.holder = \(holder))
            ORDER BY d.added_at DESC, d.id DESC LIMIT \(limit)
            """).map(Self.decode)
    }

    /// Documents, newest first, after `cursor` (an id of the previous page).
    public func list(limit: Int, before: Date?) async throws -> [Document] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM documents
            WHERE \(before)::timestamptz IS NULL OR added_at < \(before)
            ORDER BY added_at DESC, id DESC LIMIT \(limit)
            """).map(Self.decode)
    }

    /// Keeps a document while `holder` (`<module>.<object>:<id>`) needs it.
    public static func reference(_ id: UUID, holder: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO document_references (document_id, holder) VALUES (\(id), \(holder)) ON CONFLICT DO NOTHING
            """)
    }

    /// `holder` no longer needs the document (it is collected after the grace period if nobody does).
    @discardableResult
    public static func release(_ id: UUID, holder: String, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute("DELETE FROM document_references WHERE document_id = \(id) AND holder = \(holder)") == 1
    }

    /// Serialises what touches one blob of the member (adding, collecting).
    public static func lock(_ key: BlobKey, on connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('blob:' || current_schema() || ':' || \(key.sha256)))")
    }

    static func decode(_ row: PostgresRow) throws -> Document {
        Document(
            id: try row.decode(UUID.self, at: 0), sha256: try row.decode(String.self, at: 1), sha512: try row.decode(String.self, at: 2),
            size: try row.decode(Int.self, at: 3), mediaType: try row.decode(String.self, at: 4), fileName: try row.decode(String.self, at: 5),
            addedByKind: try row.decode(String.self, at: 6), addedBy: try row.decode(String?.self, at: 7),
            addedByLabel: try row.decode(String?.self, at: 8), addedAt: try row.decode(Date.self, at: 9)
        )
    }
}
