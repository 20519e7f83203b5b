import Foundation
import Postgres

/// A member's partner system.
public struct APIClient: Sendable, Equatable {
    public var id: UUID
    public var clientID: String
    public var name: String
    public var scopes: [Permission]
    public var active: Bool
    public var createdAt: Date

    /// What the platform issues: `c_` and 20 lowercase hex digits (nothing else is looked up).
    public static func isWellFormed(_ clientID: String) -> Bool {
        let bytes = Array(clientID.utf8)
        return bytes.count == 22 && bytes[0] == UInt8(ascii: "c") && bytes[1] == UInt8(ascii: "_")
            && bytes[2...].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

/// The SQL of a member's API clients (on a connection scoped to the member).
public enum APIClientStore {
    static let columns: StaticString = "id, client_id, name, scopes, status, created_at"

    public static func insert(_ client: APIClient, secretHash: String, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO api_clients (id, client_id, name, secret_hash, scopes, status)
            VALUES (\(client.id), \(client.clientID), \(client.name), \(secretHash), \(PostgresTextArray(client.scopes.map(\.rawValue))), 'active')
            """)
    }

    /// The client and its secret's hash.
    public static func find(clientID: String, on connection: PostgresConnection) async throws -> (client: APIClient, secretHash: String)? {
        guard let row = try await connection.query(
            "SELECT \(literal: columns), secret_hash FROM api_clients WHERE client_id = \(clientID)"
        ).first else { return nil }
        return (try decode(row), try row.decode(String.self, at: 6))
    }

    public static func list(on connection: PostgresConnection) async throws -> [APIClient] {
        try await connection.query("SELECT \(literal: columns) FROM api_clients ORDER BY created_at").map(decode)
    }

    /// Marks a client revoked; false if there is no such active client.
    public static func revoke(clientID: String, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            "UPDATE api_clients SET status = 'revoked', revoked_at = now() WHERE client_id = \(clientID) AND status = 'active'"
        ) == 1
    }

    static func decode(_ row: PostgresRow) throws -> APIClient {
        APIClient(
            id: try row.decode(UUID.self, at: 0), clientID: try row.decode(String.self, at: 1), name: try row.decode(String.self, at: 2),
            scopes: try row.decode(PostgresTextArray.self, at: 3).nonNull().map(Permission.init(rawValue:)),
            active: try row.decode(String.self, at: 4) == "active", createdAt: try row.decode(Date.self, at: 5)
        )
    }
}
