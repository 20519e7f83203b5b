import Foundation
import Postgres
import TenantStore

/// Payment attempts and payments of a member.
struct AttemptStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    static func insert(_ attempt: PaymentAttempt, account: UUID?, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO billing_attempts (id, invoice_id, refdet, attempt, state, amount_cents, account_id)
            VALUES (\(attempt.id), \(attempt.invoice), \(attempt.refdet), \(try PostgresJSON(encoding: attempt)), \(attempt.state.rawValue),
                    \(Int64(attempt.amountCents)), \(account))
            """)
    }

    static func update(_ attempt: PaymentAttempt, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE billing_attempts SET attempt = \(try PostgresJSON(encoding: attempt)), state = \(attempt.state.rawValue), id_op = \(attempt.idOp),
                   expires_at = \(attempt.expiresAt), updated_at = now()
            WHERE id = \(attempt.id)
            """)
    }

    static func lock(_ id: UUID, on connection: PostgresConnection) async throws -> (attempt: PaymentAttempt, account: UUID?)? {
        guard let row = try await connection.query("SELECT attempt, account_id FROM billing_attempts WHERE id = \(id) FOR UPDATE").single() else { return nil }
        return (try row.decode(PostgresJSON.self, at: 0).decode(PaymentAttempt.self), try row.decode(UUID?.self, at: 1))
    }

    func attempt(_ id: UUID) async throws -> PaymentAttempt? {
        try await member.read("SELECT attempt FROM billing_attempts WHERE id = \(id)").first?.decode(PostgresJSON.self, at: 0).decode(PaymentAttempt.self)
    }

    func attempt(idOp: String) async throws -> PaymentAttempt? {
        guard idOp.count <= 64 else { return nil }
        return try await member.read("SELECT attempt FROM billing_attempts WHERE id_op = \(idOp)").first?.decode(PostgresJSON.self, at: 0).decode(PaymentAttempt.self)
    }

    /// Attempts the reconciliation must settle: pending past their operation's lifetime, and
    /// attempts left « created » by an interruption (the provider was never reached, or its answer lost).
    func toSettle(now: Date, limit: Int = 500) async throws -> (pending: [UUID], stale: [UUID]) {
        let pending = try await member.read("""
            SELECT id FROM billing_attempts WHERE state = 'pending' AND expires_at <= \(now) ORDER BY expires_at LIMIT \(limit)
            """).map { try $0.decode(UUID.self, at: 0) }
        let stale = try await member.read("""
            SELECT id FROM billing_attempts WHERE state = 'created' AND created_at < \(now.addingTimeInterval(-600)) LIMIT \(limit)
            """).map { try $0.decode(UUID.self, at: 0) }
        return (pending, stale)
    }
}
