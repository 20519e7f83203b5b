import Foundation
import Postgres
import TenantStore

/// The requests a member processes.
struct RequestStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    static let columns: StaticString = """
        r.id, r.number, r.type_id, t.slug, t.title, r.type_version, r.filing_member, r.requester, r.contact_name, r.contact_email,
        r.channel, r.answers, r.lifecycle, r.assignee_agent, r.assignee_team, r.address, r.latitude, r.longitude, r.closed,
        r.late_from, r.filed_at, r.updated_at, r.revision
        """

    func request(_ id: UUID) async throws -> RequestRecord? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM requests r JOIN request_types t ON t.id = r.type_id WHERE r.id = \(id)
            """).first.map(Self.decode)
    }

    func request(number: String) async throws -> RequestRecord? {
        guard number.count <= 60 else { return nil }
        return try await member.read("""
            SELECT \(literal: Self.columns) FROM requests r JOIN request_types t ON t.id = r.type_id WHERE r.number = \(number)
            """).first.map(Self.decode)
    }

    /// The request an anonymous filer's tracking token opens.
    func request(trackingHash: String) async throws -> RequestRecord? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM requests r JOIN request_types t ON t.id = r.type_id WHERE r.tracking_hash = \(trackingHash)
            """).first.map(Self.decode)
    }

    /// The requests a citizen of `filingMember` filed here, newest first.
    func requests(of requester: UUID, filedOn filingMember: String, limit: Int = 200) async throws -> [RequestRecord] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM requests r JOIN request_types t ON t.id = r.type_id
            WHERE r.filing_member = \(filingMember) AND r.requester = \(requester) ORDER BY r.filed_at DESC LIMIT \(limit)
            """).map(Self.decode)
    }

    /// Locks the request for a change (nil: no such request).
    func lock(_ id: UUID, on connection: PostgresConnection) async throws -> RequestRecord? {
        try await connection.query("""
            SELECT \(literal: Self.columns) FROM requests r JOIN request_types t ON t.id = r.type_id WHERE r.id = \(id) FOR UPDATE OF r
            """).single().map(Self.decode)
    }

    /// The next number of a type for a year (`DEPOTS-2026-000042`), under the sequence's row lock.
    static func nextNumber(type: ProcedureType, year: Int, on connection: PostgresConnection) async throws -> RequestNumber {
        guard let last = try await connection.query("""
            INSERT INTO request_sequences (type_id, year, last) VALUES (\(type.id), \(year), 1)
            ON CONFLICT (type_id, year) DO UPDATE SET last = request_sequences.last + 1 RETURNING last
            """).single()?.decode(Int.self, at: 0), let number = RequestNumber(slug: type.slug, year: year, sequence: last) else {
            throw RequestsError.numbering(type.slug)
        }
        return number
    }

    static func insert(_ record: RequestRecord, trackingHash: String?, searchText: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO requests (id, number, type_id, type_version, filing_member, requester, contact_name, contact_email, tracking_hash,
                                  channel, answers, lifecycle, status, address, latitude, longitude, closed, late_from, filed_at, updated_at, search)
            VALUES (\(record.id), \(record.number), \(record.typeID), \(record.typeVersion), \(record.filingMember), \(record.requester),
                    \(record.contactName), \(record.contactEmail), \(trackingHash), \(record.channel.rawValue),
                    \(try PostgresJSON(encoding: record.answers)), \(try PostgresJSON(encoding: record.lifecycle)), \(record.status),
                    \(record.address?.text), \(record.address?.latitude), \(record.address?.longitude), \(record.closed),
                    \(record.lateFrom), \(record.filedAt), \(record.filedAt),
                    to_tsvector('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary, \(searchText))))
            """)
    }

    /// Writes the request's new state (its lifecycle, status, assignment) and raises its revision.
    static func update(_ record: RequestRecord, closed: Bool, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE requests SET lifecycle = \(try PostgresJSON(encoding: record.lifecycle)), status = \(record.status),
                   assignee_agent = \(record.assigneeAgent), assignee_team = \(record.assigneeTeam), closed = \(closed),
                   updated_at = now(), revision = revision + 1
            WHERE id = \(record.id)
            """)
    }

    static func decode(_ row: PostgresRow) throws -> RequestRecord {
        let addressText = try row.decode(String?.self, at: 15)
        let address = addressText.map {
            PostalAddress(text: $0, latitude: try? row.decode(Double?.self, at: 16), longitude: try? row.decode(Double?.self, at: 17))
        }
        return RequestRecord(
            id: try row.decode(UUID.self, at: 0), number: try row.decode(String.self, at: 1), typeID: try row.decode(UUID.self, at: 2),
            typeSlug: try row.decode(String.self, at: 3), typeTitle: try row.decode(String.self, at: 4), typeVersion: try row.decode(Int.self, at: 5),
            filingMember: try row.decode(String.self, at: 6), requester: try row.decode(UUID?.self, at: 7),
            contactName: try row.decode(String.self, at: 8), contactEmail: try row.decode(String.self, at: 9),
            channel: RequestRecord.Channel(rawValue: try row.decode(String.self, at: 10)) ?? .portal,
            answers: try row.decode(PostgresJSON.self, at: 11).decode([String: AnswerValue].self),
            lifecycle: try row.decode(PostgresJSON.self, at: 12).decode(RequestLifecycle.self),
            assigneeAgent: try row.decode(UUID?.self, at: 13), assigneeTeam: try row.decode(UUID?.self, at: 14),
            address: address, closed: try row.decode(Bool.self, at: 18), lateFrom: try row.decode(Date.self, at: 19),
            filedAt: try row.decode(Date.self, at: 20), updatedAt: try row.decode(Date.self, at: 21), revision: try row.decode(Int.self, at: 22)
        )
    }
}
