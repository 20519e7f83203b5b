import Foundation
import Postgres
import TenantStore

/// A member's procedure types and their versions.
struct ProcedureStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    static let columns: StaticString = """
        t.id, t.slug, t.title, t.description, t.allows_anonymous, t.offered_to_members, t.published, t.open311_group, t.delay_days,
        t.current_version, v.version, v.form, v.workflow
        """

    /// Every type at its current version, by title (`published`: only those offered to people).
    func types(publishedOnly: Bool) async throws -> [ProcedureType] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM request_types t
            JOIN request_type_versions v ON v.type_id = t.id AND v.version = t.current_version
            WHERE t.published OR NOT \(publishedOnly) ORDER BY t.title, t.slug
            """).map(Self.decode)
    }

    /// A type at its current version, by slug.
    func type(slug: String) async throws -> ProcedureType? {
        guard ProcedureType.validSlug(slug) else { return nil }
        return try await member.read("""
            SELECT \(literal: Self.columns) FROM request_types t
            JOIN request_type_versions v ON v.type_id = t.id AND v.version = t.current_version WHERE t.slug = \(slug)
            """).first.map(Self.decode)
    }

    /// A type at a given version (what a request was filed with).
    func type(id: UUID, version: Int) async throws -> ProcedureType? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM request_types t
            JOIN request_type_versions v ON v.type_id = t.id AND v.version = \(version) WHERE t.id = \(id)
            """).first.map(Self.decode)
    }

    /// Every version of a type's form and workflow, newest first (the designer's history).
    func versions(of id: UUID) async throws -> [(version: Int, createdBy: String, createdAt: Date)] {
        try await member.read("""
            SELECT version, created_by, created_at FROM request_type_versions WHERE type_id = \(id) ORDER BY version DESC
            """).map { (try $0.decode(Int.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Date.self, at: 2)) }
    }

    /// A new type at version 1.
    func create(_ type: ProcedureType, by author: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO request_types (id, slug, title, description, allows_anonymous, offered_to_members, published, open311_group, delay_days, current_version)
            VALUES (\(type.id), \(type.slug), \(type.title), \(type.description), \(type.allowsAnonymous), \(type.offeredToMembers),
                    \(type.published), \(type.open311Group), \(type.delay.days), 1)
            """)
        var form = type.form
        form.version = 1
        try await connection.query("""
            INSERT INTO request_type_versions (type_id, version, form, workflow, created_by)
            VALUES (\(type.id), 1, \(try PostgresJSON(encoding: form)), \(try PostgresJSON(encoding: type.workflow)), \(author))
            """)
    }

    /// The type's settings (title, description, anonymous filing, offering, publication, delay).
    func updateSettings(_ type: ProcedureType, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE request_types SET title = \(type.title), description = \(type.description), allows_anonymous = \(type.allowsAnonymous),
                   offered_to_members = \(type.offeredToMembers), published = \(type.published), open311_group = \(type.open311Group),
                   delay_days = \(type.delay.days), updated_at = now()
            WHERE id = \(type.id)
            """)
    }

    /// A changed form or workflow: a new version, which new requests get (filed ones keep theirs).
    /// `basedOn` is the version the change was made from: another change since is refused (nil).
    func publishVersion(of id: UUID, basedOn: Int, form: FormDefinition, workflow: WorkflowDefinition, by author: String,
                        on connection: PostgresConnection) async throws -> Int? {
        guard let current = try await connection.query("""
            SELECT current_version FROM request_types WHERE id = \(id) FOR UPDATE
            """).single()?.decode(Int.self, at: 0), current == basedOn else { return nil }
        var form = form
        form.version = current + 1
        try await connection.query("""
            INSERT INTO request_type_versions (type_id, version, form, workflow, created_by)
            VALUES (\(id), \(current + 1), \(try PostgresJSON(encoding: form)), \(try PostgresJSON(encoding: workflow)), \(author))
            """)
        try await connection.query("UPDATE request_types SET current_version = \(current + 1), updated_at = now() WHERE id = \(id)")
        return current + 1
    }

    static func decode(_ row: PostgresRow) throws -> ProcedureType {
        ProcedureType(
            id: try row.decode(UUID.self, at: 0), slug: try row.decode(String.self, at: 1), title: try row.decode(String.self, at: 2),
            description: try row.decode(String.self, at: 3), allowsAnonymous: try row.decode(Bool.self, at: 4),
            offeredToMembers: try row.decode(Bool.self, at: 5), published: try row.decode(Bool.self, at: 6),
            open311Group: try row.decode(String.self, at: 7), delay: ProcessingDelay(days: try row.decode(Int.self, at: 8)) ?? ProcessingDelay(days: 30)!,
            currentVersion: try row.decode(Int.self, at: 9), version: try row.decode(Int.self, at: 10),
            form: try row.decode(PostgresJSON.self, at: 11).decode(FormDefinition.self),
            workflow: try row.decode(PostgresJSON.self, at: 12).decode(WorkflowDefinition.self)
        )
    }
}
