import Foundation
import Postgres

/// The one way to write to an audit journal, and to check one.
///
/// Each entry stores the SHA-256 of the previous entry's hash followed by its own canonical
/// content; appends to a journal are serialised by an advisory lock, so the chain never forks.
/// `append` runs on the caller's connection, inside its transaction: the entry commits with the
/// action it records.
public enum AuditJournal {
    public enum Scope: Sendable, Equatable {
        /// The member's journal (`audit_journal` in the transaction's `search_path`).
        case tenant
        case platform

        var table: String { self == .platform ? "platform.audit_journal" : "audit_journal" }
    }

    static let genesis = [UInt8](repeating: 0, count: 32)

    public static func append(_ entry: AuditEntry, scope: Scope, on connection: PostgresConnection) async throws {
        let table = scope.table
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(scope == .platform ? "platform" : "tenant") || current_schema()))")
        let last = try await connection.query(PostgresQuery(unsafeSQL: "SELECT hash FROM \(table) ORDER BY id DESC LIMIT 1"))
        let previous = try last.single()?.decode([UInt8].self, at: 0) ?? genesis
        let hash = try entry.hash(after: previous)
        var bindings = PostgresBindings()
        bindings.append(entry.occurredAt)
        bindings.append(entry.actorKind)
        bindings.append(entry.actorID)
        bindings.append(entry.actorLabel)
        bindings.append(entry.action)
        bindings.append(entry.objectType)
        bindings.append(entry.objectID)
        bindings.append(entry.ip)
        bindings.append(entry.outcome.rawValue)
        bindings.append(entry.detailsJSON)
        bindings.append(previous)
        bindings.append(hash)
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO \(table) (occurred_at, actor_kind, actor_id, actor_label, action, object_type, object_id, ip, outcome,
                                  details, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, bindings: bindings))
    }

    public enum Verification: Sendable, Equatable {
        case intact(entries: Int)
        /// The first entry whose stored hashes do not match what its content and predecessor give.
        case broken(entryID: Int, reason: String)
    }

    /// Recomputes the whole chain (on a connection whose `search_path` names the member, for
    /// `.tenant`).
    public static func verify(scope: Scope, on connection: PostgresConnection) async throws -> Verification {
        var previous = genesis
        var count = 0
        var after = 0
        while true {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT id, occurred_at, actor_kind, actor_id, actor_label, action, object_type, object_id, ip, outcome, details,
                       previous_hash, hash
                FROM \(scope.table) WHERE id > $1 ORDER BY id LIMIT 1000
                """, bindings: { var b = PostgresBindings(); b.append(after); return b }()))
            if rows.isEmpty { return .intact(entries: count) }
            for row in rows {
                let id = try row.decode(Int.self, at: 0)
                let details = try row.decode(String.self, at: 10)
                let decodedDetails = (try? JSONSerialization.jsonObject(with: Data(details.utf8))) as? [String: String]
                let entry = AuditEntry(
                    occurredAt: try row.decode(Date.self, at: 1), actorKind: try row.decode(String.self, at: 2),
                    actorID: try row.decode(String?.self, at: 3), actorLabel: try row.decode(String?.self, at: 4),
                    action: try row.decode(String.self, at: 5), objectType: try row.decode(String?.self, at: 6),
                    objectID: try row.decode(String?.self, at: 7), ip: try row.decode(String?.self, at: 8),
                    outcome: AuditEntry.Outcome(rawValue: try row.decode(String.self, at: 9)) ?? .failure,
                    details: decodedDetails ?? ["unreadable": details]
                )
                let storedPrevious = try row.decode([UInt8].self, at: 11)
                let storedHash = try row.decode([UInt8].self, at: 12)
                guard storedPrevious == previous else {
                    return .broken(entryID: id, reason: "its previous-hash does not match entry before it (an entry was removed or reordered)")
                }
                guard decodedDetails != nil, try entry.hash(after: previous) == storedHash else {
                    return .broken(entryID: id, reason: "its content does not match its hash (it was altered)")
                }
                previous = storedHash
                count += 1
                after = id
            }
        }
    }
}
