import Foundation
import Postgres
import TenantStore

/// Signed-in citizens' forms in progress, in their own member's schema: the raw answers of the
/// pages done so far, for the version of the form they were given to.
struct DraftStore: Sendable {
    let member: MemberStore

    struct Draft: Codable, Sendable {
        var answers: [String: [String]]
        var page: Int
    }

    func draft(account: UUID, owner: String, type: String, version: Int) async throws -> Draft? {
        guard let row = try await member.read("""
            SELECT answers, page FROM request_drafts
            WHERE account = \(account) AND owner_member = \(owner) AND type_slug = \(type) AND type_version = \(version)
            """).first else { return nil }
        return Draft(answers: try row.decode(PostgresJSON.self, at: 0).decode([String: [String]].self), page: try row.decode(Int.self, at: 1))
    }

    func save(_ draft: Draft, account: UUID, owner: String, type: String, version: Int) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO request_drafts (account, owner_member, type_slug, type_version, answers, page)
                VALUES (\(account), \(owner), \(type), \(version), \(try PostgresJSON(encoding: draft.answers)), \(draft.page))
                ON CONFLICT (account, owner_member, type_slug) DO UPDATE
                SET type_version = excluded.type_version, answers = excluded.answers, page = excluded.page, updated_at = now()
                """)
        }
    }

    func delete(account: UUID, owner: String, type: String) async throws {
        try await member.transaction { connection in
            try await connection.query("DELETE FROM request_drafts WHERE account = \(account) AND owner_member = \(owner) AND type_slug = \(type)")
        }
    }
}
