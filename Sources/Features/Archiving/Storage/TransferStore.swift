import Foundation
import Postgres
import TenantStore

/// Reads the member's transfers, units and objects.
struct TransferStore: Sendable {
    let member: MemberStore

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static let columns: StaticString = """
        id, message_identifier, seda_version, status, archival_agreement, originating_agency, reasons::text, reply, object_count, total_size,
        submitted_by_label, received_at, reply_json
        """

    func transfer(_ id: UUID) async throws -> (ArchiveTransfer, String)? {
        try await member.read("SELECT \(literal: Self.columns) FROM archive_transfers WHERE id = \(id)").first.map(Self.decode)
    }

    func transfers(limit: Int) async throws -> [ArchiveTransfer] {
        try await member.read("SELECT \(literal: Self.columns) FROM archive_transfers ORDER BY received_at DESC, id DESC LIMIT \(limit)").map { try Self.decode($0).0 }
    }

    static func reply(of transfer: (ArchiveTransfer, String)) throws -> TransferReply {
        try decoder.decode(TransferReply.self, from: Data(transfer.1.utf8))
    }

    static func decode(_ row: PostgresRow) throws -> (ArchiveTransfer, String) {
        let reasons = (try? JSONDecoder().decode([IngestRefusal].self, from: Data(try row.decode(String.self, at: 6).utf8))) ?? []
        return (ArchiveTransfer(
            id: try row.decode(UUID.self, at: 0), messageIdentifier: try row.decode(String.self, at: 1),
            version: SEDAVersion(rawValue: try row.decode(String.self, at: 2)) ?? .v23, accepted: try row.decode(String.self, at: 3) == "accepted",
            archivalAgreement: try row.decode(String?.self, at: 4), originatingAgency: try row.decode(String?.self, at: 5), reasons: reasons,
            reply: try row.decode(String.self, at: 7), objectCount: try row.decode(Int.self, at: 8), totalSize: try row.decode(Int.self, at: 9),
            submittedBy: try row.decode(String?.self, at: 10), receivedAt: try row.decode(Date.self, at: 11)
        ), try row.decode(String.self, at: 12))
    }

    /// A transfer's units (depth-first order by creation) with their objects' names.
    struct UnitRow: Sendable {
        var id: UUID
        var parent: UUID?
        var title: String
        var level: String?
        var dates: String
        var objects: [String]
    }

    func units(of transfer: UUID) async throws -> [UnitRow] {
        try await member.read("""
            SELECT u.id, u.parent_id, u.title, u.level, coalesce(u.start_date::text, ''), coalesce(u.end_date::text, ''),
                   coalesce(array_agg(o.file_name ORDER BY o.file_name) FILTER (WHERE o.id IS NOT NULL), '{}')
            FROM archive_units u LEFT JOIN archive_unit_objects l ON l.unit_id = u.id LEFT JOIN archive_objects o ON o.id = l.object_id
            WHERE u.transfer_id = \(transfer) GROUP BY u.id ORDER BY u.created_at, u.seda_id
            """).map { row in
            let start = try row.decode(String.self, at: 4), end = try row.decode(String.self, at: 5)
            return UnitRow(
                id: try row.decode(UUID.self, at: 0), parent: try row.decode(UUID?.self, at: 1), title: try row.decode(String.self, at: 2),
                level: try row.decode(String?.self, at: 3), dates: [start, end].filter { !$0.isEmpty }.joined(separator: " – "),
                objects: try row.decode(PostgresTextArray.self, at: 6).nonNull()
            )
        }
    }

    /// What an archivist searches units by; every criterion optional.
    struct UnitQuery: Sendable {
        var text: String?
        var agency: String?
        var level: String?
        /// Units whose dates meet [from, to].
        var from: PostgresDate?
        var to: PostgresDate?

        var isEmpty: Bool { text == nil && agency == nil && level == nil && from == nil && to == nil }
    }

    struct FoundUnit: Sendable {
        var id: UUID
        var transfer: UUID
        var title: String
        var agency: String?
        var level: String?
        var dates: String
    }

    /// Units matching the query (French full text without accents, agency, level, dates), newest first.
    func search(_ query: UnitQuery, limit: Int, offset: Int = 0) async throws -> [FoundUnit] {
        try await member.read("""
            SELECT id, transfer_id, title, originating_agency, level, coalesce(start_date::text, ''), coalesce(end_date::text, '') FROM archive_units
            WHERE eliminated_at IS NULL
              AND (\(query.text)::text IS NULL
                   OR search @@ plainto_tsquery('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary, \(query.text))))
              AND (\(query.agency)::text IS NULL OR originating_agency = \(query.agency))
              AND (\(query.level)::text IS NULL OR level = \(query.level))
              AND (\(query.from)::date IS NULL OR coalesce(end_date, start_date) >= \(query.from))
              AND (\(query.to)::date IS NULL OR coalesce(start_date, end_date) <= \(query.to))
            ORDER BY created_at DESC, title, id LIMIT \(limit) OFFSET \(offset)
            """).map { row in
            let start = try row.decode(String.self, at: 5), end = try row.decode(String.self, at: 6)
            return FoundUnit(id: try row.decode(UUID.self, at: 0), transfer: try row.decode(UUID.self, at: 1), title: try row.decode(String.self, at: 2),
                             agency: try row.decode(String?.self, at: 3), level: try row.decode(String?.self, at: 4),
                             dates: [start, end].filter { !$0.isEmpty }.joined(separator: " – "))
        }
    }

    /// The journal entries of a transfer and of its units and objects (checks, reads, deliveries,
    /// holds, eliminations), oldest first: their life in the archive.
    func lifecycle(of transfer: UUID) async throws -> [ArchiveJournalEntry] {
        let id = transfer.uuidString.lowercased()
        return try await member.read("""
            SELECT j.occurred_at, j.action, j.actor_label, j.outcome, j.object_type FROM audit_journal j
            WHERE j.object_id = \(id)
               OR j.object_id IN (SELECT o.id::text FROM archive_objects o WHERE o.transfer_id = \(transfer))
               OR j.object_id IN (SELECT u.id::text FROM archive_units u WHERE u.transfer_id = \(transfer))
               OR (j.action IN ('archive.delivery', 'archive.search') AND EXISTS (
                   SELECT 1 FROM archive_units u WHERE u.transfer_id = \(transfer) AND strpos(j.details, u.id::text) > 0))
               OR (j.action LIKE 'archive.elimination.%' AND EXISTS (
                   SELECT 1 FROM archive_eliminations e JOIN archive_units u ON u.id = ANY(e.units)
                   WHERE e.id::text = j.object_id AND u.transfer_id = \(transfer)))
            ORDER BY j.id LIMIT 500
            """).map(ArchiveJournalEntry.init)
    }
}
