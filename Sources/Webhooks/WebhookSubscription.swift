import Foundation
import Postgres
import TenantStore

/// A partner system's endpoint, called for the member's events of the types it chose.
public struct WebhookSubscription: Sendable, Equatable {
    public var id: UUID
    public var url: String
    public var description: String
    public var eventTypes: [String]
    public var enabled: Bool
    /// Why it was disabled, in French (shown on the page and in the API): by an administrator, or
    /// after failing for three days.
    public var disabledReason: String?
    public var createdAt: Date
    /// The previous secret still signs until then (rotation).
    public var previousSecretExpiresAt: Date?
}

/// A delivery attempt, as the log shows it.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: Int
    public var subscriptionID: UUID
    public var eventID: UUID
    public var eventType: String
    public var attempt: Int
    public var statusCode: Int?
    public var latencyMilliseconds: Int?
    public var responseExcerpt: String?
    public var error: String?
    public var succeeded: Bool
    public var createdAt: Date
}

/// The SQL of a member's webhooks.
public struct WebhookStore: Sendable {
    public let member: MemberStore

    public init(member: MemberStore) {
        self.member = member
    }

    static let columns: StaticString = "id, url, description, event_types, enabled, disabled_reason, created_at, previous_secret_expires_at"

    public func subscriptions() async throws -> [WebhookSubscription] {
        try await member.read("SELECT \(literal: Self.columns) FROM webhook_subscriptions ORDER BY created_at").map(Self.decode)
    }

    public func subscription(_ id: UUID) async throws -> WebhookSubscription? {
        try await member.read("SELECT \(literal: Self.columns) FROM webhook_subscriptions WHERE id = \(id)").first.map(Self.decode)
    }

    /// Creates a subscription; returns it with its secret (shown once).
    public func create(url: String, description: String, eventTypes: [String], on connection: PostgresConnection) async throws -> (WebhookSubscription, String) {
        let id = UUID()
        let secret = try WebhookSignature.newSecret()
        guard let row = try await connection.query("""
            INSERT INTO webhook_subscriptions (id, url, description, event_types, secret)
            VALUES (\(id), \(url), \(description), \(PostgresTextArray(eventTypes)), \(secret))
            RETURNING \(literal: Self.columns)
            """).single() else { throw WebhookError.invalidSecret }
        return (try Self.decode(row), secret)
    }

    public func update(_ id: UUID, url: String?, description: String?, eventTypes: [String]?, enabled: Bool?, on connection: PostgresConnection) async throws -> WebhookSubscription? {
        try await connection.query("""
            UPDATE webhook_subscriptions SET
                url = coalesce(\(url), url), description = coalesce(\(description), description),
                event_types = coalesce(\(eventTypes.map(PostgresTextArray.init)), event_types),
                enabled = coalesce(\(enabled), enabled),
                disabled_reason = CASE WHEN \(enabled) = true THEN NULL WHEN \(enabled) = false THEN 'désactivé par un administrateur' ELSE disabled_reason END,
                updated_at = now()
            WHERE id = \(id) RETURNING \(literal: Self.columns)
            """).first.map(Self.decode)
    }

    public func delete(_ id: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute("DELETE FROM webhook_subscriptions WHERE id = \(id)") == 1
    }

    /// A new secret; the current one keeps signing for `overlap` (both are sent meanwhile).
    public func rotateSecret(_ id: UUID, overlap: Duration, on connection: PostgresConnection) async throws -> String? {
        let secret = try WebhookSignature.newSecret()
        let changed = try await connection.execute("""
            UPDATE webhook_subscriptions
            SET previous_secret = secret, previous_secret_expires_at = now() + \(overlap.components.seconds) * interval '1 second',
                secret = \(secret), updated_at = now()
            WHERE id = \(id)
            """)
        return changed == 1 ? secret : nil
    }

    /// The secrets that sign now (the current one, and the previous one during a rotation).
    func secrets(_ id: UUID) async throws -> [String] {
        guard let row = try await member.read("""
            SELECT secret, CASE WHEN previous_secret_expires_at > now() THEN previous_secret END FROM webhook_subscriptions WHERE id = \(id)
            """).first else { return [] }
        let (current, previous) = try row.decode((String, String?).self)
        return [current] + (previous.map { [$0] } ?? [])
    }

    public func deliveries(of id: UUID, limit: Int, before: Int?) async throws -> [WebhookDelivery] {
        try await member.read("""
            SELECT id, subscription_id, event_id, event_type, attempt, status_code, latency_ms, response_excerpt, error, succeeded, created_at
            FROM webhook_deliveries WHERE subscription_id = \(id) AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            WebhookDelivery(
                id: try row.decode(Int.self, at: 0), subscriptionID: try row.decode(UUID.self, at: 1), eventID: try row.decode(UUID.self, at: 2),
                eventType: try row.decode(String.self, at: 3), attempt: try row.decode(Int.self, at: 4), statusCode: try row.decode(Int?.self, at: 5),
                latencyMilliseconds: try row.decode(Int?.self, at: 6), responseExcerpt: try row.decode(String?.self, at: 7),
                error: try row.decode(String?.self, at: 8), succeeded: try row.decode(Bool.self, at: 9), createdAt: try row.decode(Date.self, at: 10)
            )
        }
    }

    public func delivery(_ id: Int) async throws -> WebhookDelivery? {
        try await member.read("""
            SELECT id, subscription_id, event_id, event_type, attempt, status_code, latency_ms, response_excerpt, error, succeeded, created_at
            FROM webhook_deliveries WHERE id = \(id)
            """).first.map { row in
            WebhookDelivery(
                id: try row.decode(Int.self, at: 0), subscriptionID: try row.decode(UUID.self, at: 1), eventID: try row.decode(UUID.self, at: 2),
                eventType: try row.decode(String.self, at: 3), attempt: try row.decode(Int.self, at: 4), statusCode: try row.decode(Int?.self, at: 5),
                latencyMilliseconds: try row.decode(Int?.self, at: 6), responseExcerpt: try row.decode(String?.self, at: 7),
                error: try row.decode(String?.self, at: 8), succeeded: try row.decode(Bool.self, at: 9), createdAt: try row.decode(Date.self, at: 10)
            )
        }
    }

    static func decode(_ row: PostgresRow) throws -> WebhookSubscription {
        WebhookSubscription(
            id: try row.decode(UUID.self, at: 0), url: try row.decode(String.self, at: 1), description: try row.decode(String.self, at: 2),
            eventTypes: try row.decode(PostgresTextArray.self, at: 3).nonNull(), enabled: try row.decode(Bool.self, at: 4),
            disabledReason: try row.decode(String?.self, at: 5), createdAt: try row.decode(Date.self, at: 6),
            previousSecretExpiresAt: try row.decode(Date?.self, at: 7)
        )
    }
}
