import Foundation
import Postgres
import Tenancy
import TenantStore

/// The SQL of a member's accounts (citizens and agents), always on a connection the caller
/// scoped to the member (`TenantStore.withTenant`).
public enum AccountStore {
    static let columns: StaticString = "id, email, display_name, kind, roles, status, password_hash, email_verified_at, created_at"

    public static func find(email: EmailAddress, on connection: PostgresConnection) async throws -> Account? {
        try await connection.query("SELECT \(literal: columns) FROM accounts WHERE email = \(email.rawValue)").first.map(decode)
    }

    public static func find(id: UUID, on connection: PostgresConnection) async throws -> Account? {
        try await connection.query("SELECT \(literal: columns) FROM accounts WHERE id = \(id)").first.map(decode)
    }

    public static func list(kind: Account.Kind, on connection: PostgresConnection) async throws -> [Account] {
        try await connection.query("SELECT \(literal: columns) FROM accounts WHERE kind = \(kind.rawValue) ORDER BY email").map(decode)
    }

    /// Inserts an account; nil if the address is taken.
    public static func insert(_ account: Account, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO accounts (id, email, display_name, kind, roles, status, password_hash, email_verified_at, password_changed_at)
            VALUES (\(account.id), \(account.email.rawValue), \(account.displayName), \(account.kind.rawValue),
                    \(PostgresTextArray(account.roles.sorted().map(\.rawValue))), \(account.status.rawValue), \(account.passwordHash),
                    \(account.emailVerifiedAt), CASE WHEN \(account.passwordHash)::text IS NULL THEN NULL ELSE now() END)
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """)
        return !rows.isEmpty
    }

    public static func setPassword(_ id: UUID, hash: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE accounts SET password_hash = \(hash), password_changed_at = now(), updated_at = now() WHERE id = \(id)
            """)
    }

    public static func setStatus(_ id: UUID, _ status: Account.Status, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE accounts SET status = \(status.rawValue),
                email_verified_at = CASE WHEN \(status.rawValue) = 'active' THEN coalesce(email_verified_at, now()) ELSE email_verified_at END,
                updated_at = now()
            WHERE id = \(id)
            """)
    }

    public static func setRoles(_ id: UUID, _ roles: Set<Role>, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE accounts SET roles = \(PostgresTextArray(roles.sorted().map(\.rawValue))), updated_at = now() WHERE id = \(id)
            """)
    }

    static func decode(_ row: PostgresRow) throws -> Account {
        Account(
            id: try row.decode(UUID.self, at: 0),
            email: EmailAddress(try row.decode(String.self, at: 1)) ?? EmailAddress("invalid@invalid.invalid")!,
            displayName: try row.decode(String.self, at: 2),
            kind: Account.Kind(rawValue: try row.decode(String.self, at: 3)) ?? .citizen,
            roles: Set(try row.decode(PostgresTextArray.self, at: 4).nonNull().compactMap(Role.init(rawValue:))),
            status: Account.Status(rawValue: try row.decode(String.self, at: 5)) ?? .disabled,
            passwordHash: try row.decode(String?.self, at: 6),
            emailVerifiedAt: try row.decode(Date?.self, at: 7),
            createdAt: try row.decode(Date.self, at: 8)
        )
    }
}

/// The consortium's operators (`platform.operators`).
public enum OperatorStore {
    static let columns: StaticString = "id, email, display_name, 'operator', roles, status, password_hash, NULL::timestamptz, created_at"

    public static func find(email: EmailAddress, on connection: PostgresConnection) async throws -> Account? {
        try await connection.query("SELECT \(literal: columns) FROM platform.operators WHERE email = \(email.rawValue)")
            .first.map(AccountStore.decode)
    }

    public static func find(id: UUID, on connection: PostgresConnection) async throws -> Account? {
        try await connection.query("SELECT \(literal: columns) FROM platform.operators WHERE id = \(id)").first.map(AccountStore.decode)
    }

    public static func insert(_ account: Account, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO platform.operators (id, email, display_name, roles, status, password_hash, password_changed_at)
            VALUES (\(account.id), \(account.email.rawValue), \(account.displayName),
                    \(PostgresTextArray(account.roles.sorted().map(\.rawValue))), \(account.status.rawValue), \(account.passwordHash), now())
            ON CONFLICT (email) DO NOTHING RETURNING id
            """)
        return !rows.isEmpty
    }

    public static func setPassword(_ id: UUID, hash: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE platform.operators SET password_hash = \(hash), password_changed_at = now(), updated_at = now() WHERE id = \(id)
            """)
    }
}
