import Foundation
import Postgres
import TenantStore

/// An account's inbox on its member: unread count, pages of notifications, read marks,
/// delivery preferences per family.
public struct Inbox: Sendable {
    public let member: MemberStore
    public let account: UUID

    public init(member: MemberStore, account: UUID) {
        self.member = member
        self.account = account
    }

    /// One one-shot read: the header of every page shows it.
    public func unreadCount() async throws -> Int {
        try await member.read("SELECT count(*) FROM notifications WHERE account_id = \(account) AND read_at IS NULL")
            .single()?.decode(Int.self, at: 0) ?? 0
    }

    /// Newest first, before the id `before` (cursor).
    public func notifications(limit: Int, before: Int?) async throws -> [Notification] {
        try await member.read("""
            SELECT id, event_id, family, title, body, link, created_at, read_at FROM notifications
            WHERE account_id = \(account) AND (\(before)::bigint IS NULL OR id < \(before))
            ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            Notification(
                id: try row.decode(Int.self, at: 0), eventID: try row.decode(UUID.self, at: 1), family: try row.decode(String.self, at: 2),
                title: try row.decode(String.self, at: 3), body: try row.decode(String.self, at: 4), link: try row.decode(String?.self, at: 5),
                createdAt: try row.decode(Date.self, at: 6), readAt: try row.decode(Date?.self, at: 7)
            )
        }
    }

    /// Marks one read; false if the account has no such notification.
    public func markRead(_ id: Int) async throws -> Bool {
        try await member.transaction { connection in
            try await connection.execute("""
                UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = \(id) AND account_id = \(account)
                """) == 1
        }
    }

    @discardableResult
    public func markAllRead() async throws -> Int {
        try await member.transaction { connection in
            try await connection.execute("UPDATE notifications SET read_at = now() WHERE account_id = \(account) AND read_at IS NULL")
        }
    }

    /// The account's choice per family (families not listed: `Delivery.default`).
    public func preferences() async throws -> [String: Delivery] {
        let rows = try await member.read("SELECT family, delivery FROM notification_preferences WHERE account_id = \(account)")
        var choices: [String: Delivery] = [:]
        for row in rows {
            let (family, delivery) = try row.decode((String, String).self)
            choices[family] = Delivery(rawValue: delivery)
        }
        return choices
    }

    public func setPreferences(_ choices: [String: Delivery]) async throws {
        try await member.transaction { connection in
            for (family, delivery) in choices {
                try await connection.query("""
                    INSERT INTO notification_preferences (account_id, family, delivery) VALUES (\(account), \(family), \(delivery.rawValue))
                    ON CONFLICT (account_id, family) DO UPDATE SET delivery = excluded.delivery
                    """)
            }
        }
    }
}
