import Foundation
import HTTPTypes
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore

/// The safe's rows in one member's schema: metadata, usage, settings and the journal. Names
/// are stored encrypted; `decrypt` turns a row's name into text for its owner.
struct SafeStore: Sendable {
    let member: MemberStore

    static let columns: StaticString = """
        id, account_id, document_id, encrypted_name, media_type, size, sha256, deposited_by_kind, deposited_by, deposited_by_label,
        deposited_at, verified_at, verification
        """

    typealias NameDecrypter = (_ id: UUID, _ encrypted: [UInt8]) throws -> String

    /// The citizen's documents, newest first (at most `limit`, before `cursor`'s date).
    func documents(of account: UUID, limit: Int, before: Date? = nil, name: NameDecrypter) async throws -> [SafeDocument] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM safe_documents
            WHERE account_id = \(account) AND (\(before)::timestamptz IS NULL OR deposited_at < \(before))
            ORDER BY deposited_at DESC, id DESC LIMIT \(limit)
            """).map { try Self.decode($0, name: name) }
    }

    /// One document of the citizen's (nil: none of theirs, whoever else's it may be).
    func document(_ id: UUID, of account: UUID, name: NameDecrypter) async throws -> SafeDocument? {
        try await member.read("SELECT \(literal: Self.columns) FROM safe_documents WHERE id = \(id) AND account_id = \(account)")
            .first.map { try Self.decode($0, name: name) }
    }

    func usage(of account: UUID, defaultQuota: Int) async throws -> SafeUsage {
        let row = try await member.read("""
            SELECT (SELECT count(*) FROM safe_documents WHERE account_id = \(account)),
                   (SELECT coalesce(sum(size), 0)::bigint FROM safe_documents WHERE account_id = \(account)),
                   (SELECT quota_bytes FROM safe_settings)
            """).first
        return SafeUsage(documents: try row?.decode(Int.self, at: 0) ?? 0, bytes: try row?.decode(Int.self, at: 1) ?? 0,
                         quota: try row?.decode(Int?.self, at: 2) ?? defaultQuota)
    }

    /// The member's quota per citizen, nil for the platform's default.
    func setQuota(_ bytes: Int?) async throws {
        try await member.transaction { connection in
            try await connection.query("UPDATE safe_settings SET quota_bytes = \(bytes.map(Int64.init))")
        }
    }

    func journal(of account: UUID, limit: Int, before: Int? = nil) async throws -> [SafeJournalEntry] {
        try await member.read("""
            SELECT id, occurred_at, actor_kind, actor_label, action, document_id, sha256, outcome, detail FROM safe_journal
            WHERE account_id = \(account) AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            SafeJournalEntry(
                id: try row.decode(Int.self, at: 0), occurredAt: try row.decode(Date.self, at: 1), actorKind: try row.decode(String.self, at: 2),
                actorLabel: try row.decode(String?.self, at: 3), action: try row.decode(String.self, at: 4), documentID: try row.decode(UUID?.self, at: 5),
                sha256: try row.decode(String?.self, at: 6), outcome: try row.decode(String.self, at: 7), detail: try row.decode(String.self, at: 8))
        }
    }

    /// Appends to the citizen's journal, in the transaction of the change it records.
    static func journal(
        _ action: String, account: UUID, by principal: Principal?, document: UUID? = nil, sha256: String? = nil,
        outcome: String = "success", detail: String = "", on connection: PostgresConnection
    ) async throws {
        try await connection.query("""
            INSERT INTO safe_journal (account_id, actor_kind, actor_id, actor_label, action, document_id, sha256, outcome, detail)
            VALUES (\(account), \(principal?.kind.rawValue ?? "system"), \(principal?.id), \(principal?.label ?? "Mutualis"), \(action),
                    \(document), \(sha256), \(outcome), \(detail))
            """)
    }

    /// Appends to the journal on its own (reads).
    func journal(_ action: String, account: UUID, by principal: Principal?, document: UUID? = nil, sha256: String? = nil,
                 outcome: String = "success", detail: String = "") async throws {
        try await member.transaction { connection in
            try await Self.journal(action, account: account, by: principal, document: document, sha256: sha256,
                                   outcome: outcome, detail: detail, on: connection)
        }
    }

    static func decode(_ row: PostgresRow, name: NameDecrypter) throws -> SafeDocument {
        let id = try row.decode(UUID.self, at: 0)
        return SafeDocument(
            id: id, account: try row.decode(UUID.self, at: 1), documentID: try row.decode(UUID.self, at: 2),
            fileName: try name(id, try row.decode([UInt8].self, at: 3)), mediaType: try row.decode(String.self, at: 4),
            size: try row.decode(Int.self, at: 5), sha256: try row.decode(String.self, at: 6), depositedByKind: try row.decode(String.self, at: 7),
            depositedBy: try row.decode(String?.self, at: 8), depositedByLabel: try row.decode(String?.self, at: 9),
            depositedAt: try row.decode(Date.self, at: 10), verifiedAt: try row.decode(Date?.self, at: 11), verification: try row.decode(String?.self, at: 12)
        )
    }
}
