import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// A member's desks, delegations and typology (`parapheur_*` tables of its schema).
struct ParapheurStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    // MARK: Desks

    func desks() async throws -> [Desk] {
        try await member.read("""
            SELECT d.id, d.name, coalesce(array_agg(h.account_id::text) FILTER (WHERE h.account_id IS NOT NULL), '{}')
            FROM parapheur_desks d LEFT JOIN parapheur_desk_holders h ON h.desk_id = d.id
            GROUP BY d.id, d.name ORDER BY d.name
            """).map { row in
            Desk(id: try row.decode(UUID.self, at: 0), name: try row.decode(String.self, at: 1),
                 holders: try row.decode(PostgresTextArray.self, at: 2).elements.compactMap { $0.flatMap(UUID.init(uuidString:)) })
        }
    }

    func deskNames() async throws -> [DeskID: String] {
        Dictionary(uniqueKeysWithValues: try await desks().map { ($0.id, $0.name) })
    }

    @discardableResult
    func createDesk(name: String, holders: [AccountID]) async throws -> DeskID {
        try await member.transaction { connection in
            let id = try await connection.query("INSERT INTO parapheur_desks (name) VALUES (\(name)) RETURNING id")[0].decode(UUID.self, at: 0)
            for holder in holders {
                try await connection.query("INSERT INTO parapheur_desk_holders (desk_id, account_id) VALUES (\(id), \(holder))")
            }
            return id
        }
    }

    func setHolders(desk: DeskID, holders: [AccountID]) async throws {
        try await member.transaction { connection in
            try await connection.query("DELETE FROM parapheur_desk_holders WHERE desk_id = \(desk)")
            for holder in holders {
                try await connection.query("INSERT INTO parapheur_desk_holders (desk_id, account_id) VALUES (\(desk), \(holder))")
            }
        }
    }

    // MARK: Delegations

    func delegations() async throws -> [Delegation] {
        try await member.read("SELECT id, from_desk, to_desk, starts_at, ends_at FROM parapheur_delegations ORDER BY starts_at DESC").map(Self.delegation)
    }

    @discardableResult
    func delegate(from: DeskID, to: DeskID, startsAt: Date, endsAt: Date, by account: AccountID?) async throws -> UUID {
        try await member.read("""
            INSERT INTO parapheur_delegations (from_desk, to_desk, starts_at, ends_at, created_by)
            VALUES (\(from), \(to), \(startsAt), \(endsAt), \(account)) RETURNING id
            """)[0].decode(UUID.self, at: 0)
    }

    func deleteDelegation(_ id: UUID) async throws -> Bool {
        try await member.transaction { try await $0.execute("DELETE FROM parapheur_delegations WHERE id = \(id)") } == 1
    }

    /// What the account may act as now: the desks it holds, and the desks delegated to them.
    func actor(account: AccountID, isAdministrator: Bool, at time: Date) async throws -> CircuitActor {
        let rows = try await member.read("""
            SELECT h.desk_id, NULL::uuid FROM parapheur_desk_holders h WHERE h.account_id = \(account)
            UNION ALL
            SELECT g.from_desk, g.to_desk FROM parapheur_delegations g
            JOIN parapheur_desk_holders h ON h.desk_id = g.to_desk AND h.account_id = \(account)
            WHERE g.starts_at <= \(time) AND g.ends_at > \(time)
            """)
        var held = Set<DeskID>()
        var delegated: [DeskID: DeskID] = [:]
        for row in rows {
            let desk = try row.decode(UUID.self, at: 0)
            if let through = try row.decode(UUID?.self, at: 1) { delegated[desk] = delegated[desk] ?? through } else { held.insert(desk) }
        }
        return CircuitActor(account: account, desks: held, delegations: delegated, isAdministrator: isAdministrator)
    }

    /// The accounts that hold `desks` or act for them by an active delegation.
    func accounts(actingFor desks: Set<DeskID>, at time: Date) async throws -> [AccountID] {
        let ids = PostgresTextArray(desks.map(\.uuidString))
        return try await member.read("""
            SELECT DISTINCT account_id FROM (
                SELECT account_id FROM parapheur_desk_holders WHERE desk_id = ANY(\(ids)::uuid[])
                UNION
                SELECT h.account_id FROM parapheur_delegations g JOIN parapheur_desk_holders h ON h.desk_id = g.to_desk
                WHERE g.from_desk = ANY(\(ids)::uuid[]) AND g.starts_at <= \(time) AND g.ends_at > \(time)
            ) a
            """).map { try $0.decode(UUID.self, at: 0) }
    }

    // MARK: Typology

    func types() async throws -> [FolderType] {
        try await member.read("SELECT id, type, subtype, circuit, step_days FROM parapheur_types ORDER BY type, subtype").map { try Self.folderType($0) }
    }

    func type(named type: String, subtype: String) async throws -> FolderType? {
        try await member.read("SELECT id, type, subtype, circuit, step_days FROM parapheur_types WHERE type = \(type) AND subtype = \(subtype)")
            .first.map { try Self.folderType($0) }
    }

    @discardableResult
    func createType(type: String, subtype: String, circuit: CircuitTemplate, stepDays: Int = 3) async throws -> UUID {
        try await member.read("""
            INSERT INTO parapheur_types (type, subtype, circuit, step_days)
            VALUES (\(type), \(subtype), \(try PostgresJSON(encoding: circuit)), \(stepDays)) RETURNING id
            """)[0].decode(UUID.self, at: 0)
    }

    static func delegation(_ row: PostgresRow) throws -> Delegation {
        Delegation(id: try row.decode(UUID.self, at: 0), from: try row.decode(UUID.self, at: 1), to: try row.decode(UUID.self, at: 2),
                   startsAt: try row.decode(Date.self, at: 3), endsAt: try row.decode(Date.self, at: 4))
    }

    static func folderType(_ row: PostgresRow, from offset: Int = 0) throws -> FolderType {
        FolderType(id: try row.decode(UUID.self, at: offset), type: try row.decode(String.self, at: offset + 1),
                   subtype: try row.decode(String.self, at: offset + 2),
                   circuit: try row.decode(PostgresJSON.self, at: offset + 3).decode(CircuitTemplate.self),
                   stepDays: try row.decode(Int.self, at: offset + 4))
    }
}
