import Foundation
import Postgres
import TenantStore

/// Reads one archive unit: its description, its place in the tree, its objects and its life in
/// the member's journal. What a reader may see of it is the pages' concern (`ArchiveAccess`).
struct UnitStore: Sendable {
    let member: MemberStore

    struct Unit: Sendable {
        var id: UUID
        var transfer: UUID
        var parent: UUID?
        var sedaID: String
        var title: String
        var description: String
        var level: String?
        var start: String?
        var end: String?
        var agency: String?
        var keywords: [String]
        var legalHold: Bool
        var eliminatedAt: Date?
    }

    /// A unit seen from another (an ancestor, a child).
    struct Node: Sendable {
        var id: UUID
        var title: String
        var level: String?
    }

    struct Object: Sendable {
        var id: UUID
        var fileName: String
        var mediaType: String
        var formatID: String?
        var size: Int
        var sha512: String
        var documentID: UUID?
        var eliminatedAt: Date?
    }

    func unit(_ id: UUID) async throws -> Unit? {
        try await member.read("""
            SELECT id, transfer_id, parent_id, seda_id, title, description, level, start_date::text, end_date::text, originating_agency, keywords,
                   legal_hold, eliminated_at
            FROM archive_units WHERE id = \(id)
            """).first.map { row in
            Unit(id: try row.decode(UUID.self, at: 0), transfer: try row.decode(UUID.self, at: 1), parent: try row.decode(UUID?.self, at: 2),
                 sedaID: try row.decode(String.self, at: 3), title: try row.decode(String.self, at: 4), description: try row.decode(String.self, at: 5),
                 level: try row.decode(String?.self, at: 6), start: try row.decode(String?.self, at: 7), end: try row.decode(String?.self, at: 8),
                 agency: try row.decode(String?.self, at: 9), keywords: try row.decode(PostgresTextArray.self, at: 10).nonNull(),
                 legalHold: try row.decode(Bool.self, at: 11), eliminatedAt: try row.decode(Date?.self, at: 12))
        }
    }

    /// The unit's ancestors, root first.
    func ancestors(of id: UUID) async throws -> [Node] {
        try await member.read("""
            WITH RECURSIVE up (id, parent_id, depth) AS (
                SELECT p.id, p.parent_id, 1 FROM archive_units u JOIN archive_units p ON p.id = u.parent_id WHERE u.id = \(id)
                UNION ALL
                SELECT p.id, p.parent_id, up.depth + 1 FROM up JOIN archive_units p ON p.id = up.parent_id WHERE up.depth < 100
            )
            SELECT u.id, u.title, u.level FROM up JOIN archive_units u ON u.id = up.id ORDER BY up.depth DESC
            """).map(Self.node)
    }

    func children(of id: UUID) async throws -> [Node] {
        try await member.read("SELECT id, title, level FROM archive_units WHERE parent_id = \(id) ORDER BY created_at, seda_id LIMIT 1000").map(Self.node)
    }

    static func node(_ row: PostgresRow) throws -> Node {
        Node(id: try row.decode(UUID.self, at: 0), title: try row.decode(String.self, at: 1), level: try row.decode(String?.self, at: 2))
    }

    static let objectColumns: StaticString = "o.id, o.file_name, o.media_type, o.format_id, o.size, o.sha512, o.document_id, o.eliminated_at"

    /// The objects the unit references, by file name.
    func objects(of unit: UUID) async throws -> [Object] {
        try await member.read("""
            SELECT \(literal: Self.objectColumns) FROM archive_unit_objects l JOIN archive_objects o ON o.id = l.object_id
            WHERE l.unit_id = \(unit) ORDER BY o.file_name, o.id
            """).map(Self.object)
    }

    /// One object of the unit; nil if the unit does not reference it.
    func object(_ id: UUID, of unit: UUID) async throws -> Object? {
        try await member.read("""
            SELECT \(literal: Self.objectColumns) FROM archive_unit_objects l JOIN archive_objects o ON o.id = l.object_id
            WHERE l.unit_id = \(unit) AND o.id = \(id)
            """).first.map(Self.object)
    }

    static func object(_ row: PostgresRow) throws -> Object {
        Object(id: try row.decode(UUID.self, at: 0), fileName: try row.decode(String.self, at: 1), mediaType: try row.decode(String.self, at: 2),
               formatID: try row.decode(String?.self, at: 3), size: try row.decode(Int.self, at: 4), sha512: try row.decode(String.self, at: 5),
               documentID: try row.decode(UUID?.self, at: 6), eliminatedAt: try row.decode(Date?.self, at: 7))
    }

    /// The journal entries of the unit (holds, reads), of its objects (checks, downloads), of its
    /// transfer's acceptance, of the deliveries, searches and eliminations that named it; oldest first.
    func lifecycle(of unit: UUID) async throws -> [ArchiveJournalEntry] {
        let id = unit.uuidString.lowercased()
        return try await member.read("""
            SELECT j.occurred_at, j.action, j.actor_label, j.outcome, j.object_type FROM audit_journal j
            WHERE j.object_id = \(id)
               OR (j.object_type = 'archive_transfer' AND j.object_id = (SELECT u.transfer_id::text FROM archive_units u WHERE u.id = \(unit)))
               OR j.object_id IN (SELECT l.object_id::text FROM archive_unit_objects l WHERE l.unit_id = \(unit))
               OR (j.action IN ('archive.delivery', 'archive.search') AND strpos(j.details, \(id)) > 0)
               OR (j.action LIKE 'archive.elimination.%' AND EXISTS (
                   SELECT 1 FROM archive_eliminations e WHERE e.id::text = j.object_id AND \(unit) = ANY(e.units)))
            ORDER BY j.id LIMIT 500
            """).map(ArchiveJournalEntry.init)
    }
}
