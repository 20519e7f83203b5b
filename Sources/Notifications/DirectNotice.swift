import Foundation
import Mail
import Postgres
import Tenancy

/// A notice the platform itself sends to a member's administrators (a webhook endpoint that was
/// disabled, say): in their inbox, and by mail at once whatever their preferences.
public enum DirectNotice {
    public static let family = "platform"

    @discardableResult
    public static func notify(
        agentsWithAnyRole roles: [String], tenant: Tenant, portal: String, title: String, body: String, link: String?,
        on connection: PostgresConnection
    ) async throws -> Int {
        let event = UUID()
        let rows = try await connection.query("""
            INSERT INTO notifications (account_id, event_id, family, title, body, link, mailed_at)
            SELECT id, \(event), \(family), left(\(title), 200), left(\(body), 2000), \(link), now()
            FROM accounts WHERE kind = 'agent' AND status = 'active' AND roles && \(PostgresTextArray(roles))
            RETURNING (SELECT email FROM accounts a WHERE a.id = notifications.account_id)
            """).map { try $0.decode(String.self, at: 0) }
        for email in rows {
            try await Mailer.enqueue(NotificationMail.single(
                tenant: tenant, to: email, title: title, body: body, link: link.map { portal + $0 }, inbox: portal + "/compte/notifications"
            ), on: connection)
        }
        return rows.count
    }
}
