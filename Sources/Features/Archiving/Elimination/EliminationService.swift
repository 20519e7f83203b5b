import Blobs
import Foundation
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore
import Trust

/// Eliminations of one member: what is due, requests, approvals (then execution: both copies
/// deleted, tombstones kept, the destruction notification signed by the member's seal), and
/// legal holds. The decisions are `Elimination`'s and `Retention`'s; this only reads and writes.
public struct EliminationService: Sendable {
    public let member: MemberStore
    public let copies: ArchiveCopies
    public let trust: TrustServices?

    public init(member: MemberStore, copies: ArchiveCopies, trust: TrustServices?) {
        self.member = member
        self.copies = copies
        self.trust = trust
    }

    public struct UnitRow: Sendable, Equatable {
        public var unit: Retention.Unit
        public var title: String
        public var sedaID: String
        public var agency: String?
        /// The effective appraisal rule's identifier.
        public var rule: String?
        /// nil: the unit's own rule; else the ancestor it inherits it from.
        public var inheritedFrom: UUID?
    }

    /// Units under an appraisal rule, their own or inherited, with their retention inputs: `ids`
    /// (eliminated or not), or else every unit not eliminated. The rules and holds are resolved
    /// by `ArchiveAccess`, as for the unit page and deliveries: a unit without its own rule takes
    /// its nearest ancestor's (with that rule's start date), and a hold on an ancestor covers it.
    func units(_ ids: [UUID]? = nil) async throws -> [UnitRow] {
        let access = ArchiveAccess(member: member)
        let rules = if let ids { try await access.rules(of: ids) } else { try await access.liveRules() }
        let list = PostgresTextArray((ids ?? []).map { $0.uuidString.lowercased() })
        return try await member.read("""
            SELECT id, title, seda_id, originating_agency, eliminated_at IS NOT NULL FROM archive_units
            WHERE id = ANY(\(list)::uuid[]) OR (\(ids == nil) AND eliminated_at IS NULL)
            """).compactMap { row -> UnitRow? in
            let id = try row.decode(UUID.self, at: 0)
            guard let applied = rules[id], let rule = applied.appraisal else { return nil }
            return UnitRow(
                unit: Retention.Unit(id: id, start: rule.start, duration: rule.duration, measurement: rule.measurement, finalAction: rule.finalAction,
                                     legalHold: applied.hold == id, eliminated: try row.decode(Bool.self, at: 4),
                                     ancestorHold: applied.hold.map { $0 != id } ?? false),
                title: try row.decode(String.self, at: 1), sedaID: try row.decode(String.self, at: 2), agency: try row.decode(String?.self, at: 3),
                rule: rule.identifier, inheritedFrom: rule.inheritedFrom)
        }.sorted { Self.order($0) < Self.order($1) }
    }

    /// The oldest start first (none last), then by title.
    static func order(_ row: UnitRow) -> (Date, String) {
        (row.unit.start.flatMap { Retention.calendar.date(from: $0) } ?? .distantFuture, row.title)
    }

    /// The units that may be eliminated today.
    public func due(on day: Date = Date()) async throws -> [UnitRow] {
        try await units().filter { Retention.eligibility($0.unit, on: day) == .eligible }
    }

    /// Units under a legal hold of their own (their descendants are frozen with them).
    public func held() async throws -> [(id: UUID, title: String)] {
        try await member.read("SELECT id, title FROM archive_units WHERE legal_hold AND eliminated_at IS NULL ORDER BY title").map {
            (try $0.decode(UUID.self, at: 0), try $0.decode(String.self, at: 1))
        }
    }

    public func setHold(_ unit: UUID, _ hold: Bool, by archivist: String) async throws -> Bool {
        try await member.transaction { connection in
            guard try await connection.execute("UPDATE archive_units SET legal_hold = \(hold) WHERE id = \(unit) AND eliminated_at IS NULL") == 1 else { return false }
            try await AuditJournal.append(AuditEntry(actorKind: "agent", actorLabel: archivist, action: hold ? "archive.unit.hold" : "archive.unit.release",
                                                     objectType: "archive_unit", objectID: unit.uuidString.lowercased()), scope: .tenant, on: connection)
            return true
        }
    }

    public struct Record: Sendable, Equatable {
        public var id: UUID
        public var elimination: Elimination
        public var requestedAt: Date
        public var executedAt: Date?
        public var notification: String?
        public var signature: [UInt8]?
    }

    public func eliminations() async throws -> [Record] {
        try await member.read("""
            SELECT id, state, units::text[], requested_by, approved_by, closed_by, reason, requested_at, executed_at, notification, signature
            FROM archive_eliminations ORDER BY requested_at DESC LIMIT 200
            """).map(Self.decode)
    }

    public func elimination(_ id: UUID) async throws -> Record? {
        try await eliminations().first { $0.id == id }
    }

    static func decode(_ row: PostgresRow) throws -> Record {
        Record(
            id: try row.decode(UUID.self, at: 0),
            elimination: Elimination(
                state: Elimination.State(rawValue: try row.decode(String.self, at: 1)) ?? .cancelled,
                units: try row.decode(PostgresTextArray.self, at: 2).nonNull().compactMap(UUID.init(uuidString:)),
                requestedBy: try row.decode(String.self, at: 3), approvedBy: try row.decode(String?.self, at: 4),
                closedBy: try row.decode(String?.self, at: 5), reason: try row.decode(String?.self, at: 6)),
            requestedAt: try row.decode(Date.self, at: 7), executedAt: try row.decode(Date?.self, at: 8),
            notification: try row.decode(String?.self, at: 9), signature: try row.decode([UInt8]?.self, at: 10))
    }

    /// Asks for the elimination of `units`, each of which must be due today (by its own or
    /// inherited appraisal rule, under no hold of its own or of an ancestor).
    public func request(_ units: [UUID], by archivist: String, on day: Date = Date()) async throws -> UUID {
        let known = Dictionary(try await self.units(units).map { ($0.unit.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in units {
            guard let row = known[id] else { throw Elimination.Refusal(message: "Aucune unité \(id.uuidString.lowercased()) soumise à une règle de sort final.") }
            if case .refused(let reason) = Retention.eligibility(row.unit, on: day) { throw Elimination.Refusal(message: "« \(row.title) » : \(reason)") }
        }
        let elimination = try Elimination.request(units: units, by: archivist)
        let id = UUID()
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_eliminations (id, state, units, requested_by)
                VALUES (\(id), \(elimination.state.rawValue), \(PostgresTextArray(units.map { $0.uuidString.lowercased() }))::uuid[], \(archivist))
                """)
            try await AuditJournal.append(AuditEntry(actorKind: "agent", actorLabel: archivist, action: "archive.elimination.request",
                                                     objectType: "archive_elimination", objectID: id.uuidString.lowercased(),
                                                     details: ["units": "\(units.count)"]), scope: .tenant, on: connection)
        }
        return id
    }
}
