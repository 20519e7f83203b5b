import Cryptography
import Foundation
import Postgres

/// Single-use, expiring tokens for e-mail verification and password reset. The link carries
/// the token; the member's table holds only its SHA-256.
public enum OneTimeTokenStore {
    public enum Purpose: String, Sendable {
        case verifyEmail = "verify-email"
        case resetPassword = "reset-password"

        public var lifetime: TimeInterval { self == .verifyEmail ? 48 * 3600 : 3600 }
    }

    /// Issues a token (replacing earlier unused ones of the same purpose) and returns it.
    public static func issue(_ purpose: Purpose, account: UUID, now: Date, on connection: PostgresConnection) async throws -> String {
        let token = try SecureRandom.token(byteCount: 32)
        try await connection.query("""
            DELETE FROM account_tokens WHERE account_id = \(account) AND purpose = \(purpose.rawValue) AND used_at IS NULL
            """)
        try await connection.query("""
            INSERT INTO account_tokens (token_hash, account_id, purpose, expires_at)
            VALUES (\(try Digest.sha256(Array(token.utf8))), \(account), \(purpose.rawValue), \(now.addingTimeInterval(purpose.lifetime)))
            """)
        return token
    }

    /// Spends a token: the account it was for, if it exists, is unused and has not expired.
    public static func consume(_ purpose: Purpose, token: String, now: Date, on connection: PostgresConnection) async throws -> UUID? {
        guard token.utf8.count == 43, Base64URL.decode(token) != nil else { return nil }
        let rows = try await connection.query("""
            UPDATE account_tokens SET used_at = \(now)
            WHERE token_hash = \(try Digest.sha256(Array(token.utf8))) AND purpose = \(purpose.rawValue)
              AND used_at IS NULL AND expires_at > \(now)
            RETURNING account_id
            """)
        return try rows.single()?.decode(UUID.self, at: 0)
    }
}
