import Events
import Foundation
import Identity
import Postgres
import TenantStore

/// An entry of the member's journal as the archive's pages show it (the life of a transfer or of
/// a unit); and the archive's reads the journal keeps (privileged reads, downloads).
struct ArchiveJournalEntry: Sendable {
    var at: Date
    var action: String
    var by: String?
    var outcome: String
    var objectType: String?

    /// `occurred_at, action, actor_label, outcome, object_type`.
    init(_ row: PostgresRow) throws {
        at = try row.decode(Date.self, at: 0)
        action = try row.decode(String.self, at: 1)
        by = try row.decode(String?.self, at: 2)
        outcome = try row.decode(String.self, at: 3)
        objectType = try row.decode(String?.self, at: 4)
    }

    /// Journals a read of the archive by `principal` (in its own transaction).
    static func record(_ action: String, objectType: String, objectID: String, by principal: Principal, details: [String: String],
                       member: MemberStore) async throws {
        let actor = ArchiveActor(principal)
        try await member.transaction { connection in
            try await AuditJournal.append(AuditEntry(
                actorKind: actor.kind, actorID: actor.id, actorLabel: actor.label, action: action, objectType: objectType, objectID: objectID,
                details: details
            ), scope: .tenant, on: connection)
        }
    }
}
