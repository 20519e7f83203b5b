import Blobs
import Foundation
import Identity
import Postgres
import Tenancy
import TenantStore
import Trust
import XML

extension EliminationService {
    /// Applies an archivist's decision. An approval executes the elimination at once: every unit
    /// must still be due by its effective (own or inherited) rule (a hold set meanwhile on it or
    /// an ancestor refuses it), their objects leave both locations,
    /// the tombstones and the signed destruction notification are written.
    @discardableResult
    public func act(_ id: UUID, _ command: Elimination.Command, by archivist: String, on day: Date = Date()) async throws -> Record {
        guard let record = try await elimination(id) else { throw Elimination.Refusal(message: "Aucune élimination de ce numéro.") }
        var next = try record.elimination.applying(command)
        var notification: String?
        var signature: [UInt8]?
        if next.state == .approved {
            let known = Dictionary(try await units(next.units).map { ($0.unit.id, $0) }, uniquingKeysWith: { first, _ in first })
            var rows: [UnitRow] = []
            for unit in next.units {
                guard let row = known[unit] else { throw Elimination.Refusal(message: "Une unité de la demande n'existe plus.") }
                if case .refused(let reason) = Retention.eligibility(row.unit, on: day) { throw Elimination.Refusal(message: "« \(row.title) » : \(reason)") }
                rows.append(row)
            }
            let xml = DestructionNotification.xml(
                elimination: id, units: next.units.map { $0.uuidString.lowercased() }, archivalAgency: member.slug.rawValue,
                originatingAgency: rows.compactMap(\.agency).first ?? "inconnu", at: Date()
            ).serialized()
            notification = xml
            if let trust { signature = try await trust.signCAdES(Array(xml.utf8), as: try trust.seal(member: member.slug.rawValue), timestamped: true) }
            next = try next.applying(.executed)
        }
        let final = next
        try await member.transaction { connection in
            if final.state == .executed { try await eliminate(final.units, on: connection) }
            try await connection.query("""
                UPDATE archive_eliminations SET state = \(final.state.rawValue), approved_by = \(final.approvedBy), closed_by = \(final.closedBy),
                    reason = \(final.reason), executed_at = CASE WHEN \(final.state.rawValue) = 'executed' THEN now() END,
                    notification = \(notification), signature = \(signature)
                WHERE id = \(id) AND state = \(record.elimination.state.rawValue)
                """)
            try await AuditJournal.append(AuditEntry(actorKind: "agent", actorLabel: archivist, action: "archive.elimination.\(final.state.rawValue)",
                                                     objectType: "archive_elimination", objectID: id.uuidString.lowercased(),
                                                     details: ["units": "\(final.units.count)"]), scope: .tenant, on: connection)
        }
        return try await elimination(id) ?? record
    }

    /// Deletes the objects only these units hold from both locations; keeps tombstones.
    func eliminate(_ units: [UUID], on connection: PostgresConnection) async throws {
        let ids = PostgresTextArray(units.map { $0.uuidString.lowercased() })
        let objects = try await connection.query("""
            SELECT o.id, o.sha256, o.document_id FROM archive_objects o
            WHERE o.eliminated_at IS NULL
              AND EXISTS (SELECT 1 FROM archive_unit_objects l WHERE l.object_id = o.id AND l.unit_id = ANY(\(ids)::uuid[]))
              AND NOT EXISTS (SELECT 1 FROM archive_unit_objects l JOIN archive_units u ON u.id = l.unit_id
                              WHERE l.object_id = o.id AND u.eliminated_at IS NULL AND NOT (u.id = ANY(\(ids)::uuid[])))
            """).map { (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(UUID?.self, at: 2)) }
        for (object, sha256, document) in objects {
            guard let key = BlobKey(sha256) else { continue }
            try await DocumentStore.lock(key, on: connection)
            try await connection.query("UPDATE archive_objects SET eliminated_at = now(), document_id = NULL WHERE id = \(object)")
            if let document {
                try await DocumentStore.release(document, holder: "archive.object:" + object.uuidString.lowercased(), on: connection)
                try await connection.query("""
                    DELETE FROM documents d WHERE d.id = \(document) AND NOT EXISTS (SELECT 1 FROM document_references r WHERE r.document_id = d.id)
                    """)
            }
            if try await connection.query("SELECT count(*) FROM documents WHERE sha256 = \(sha256)").single()?.decode(Int.self, at: 0) == 0 {
                try await copies.first.delete(member: member.slug, key: key)
            }
            if try await connection.query("""
                SELECT count(*) FROM archive_objects WHERE sha256 = \(sha256) AND eliminated_at IS NULL
                """).single()?.decode(Int.self, at: 0) == 0 {
                try await copies.second.delete(member: member.slug, key: key)
            }
        }
        try await connection.query("UPDATE archive_units SET eliminated_at = now() WHERE id = ANY(\(ids)::uuid[])")
    }
}
