import Foundation
import Mail
import Postgres
import Tenancy

/// A notice to one account about something of its own (a request's new status, a payment): in its
/// inbox, and by mail at once — a change to one's own file is not news for a digest. `key` makes
/// it once per change: a retried job or a repeated notification does not notify twice.
public enum AccountNotice {
    @discardableResult
    public static func notify(
        account: UUID, tenant: Tenant, portal: String, family: String, title: String, body: String, link: String, key: String,
        on connection: PostgresConnection
    ) async throws -> Bool {
        let emails = try await connection.query("""
            INSERT INTO notifications (account_id, event_id, family, title, body, link, mailed_at)
            SELECT id, md5(\(family + ":" + key))::uuid, \(family), left(\(title), 200), left(\(body), 2000), \(link), now()
            FROM accounts WHERE id = \(account) AND status = 'active'
            ON CONFLICT (account_id, event_id) DO NOTHING
            RETURNING (SELECT email FROM accounts a WHERE a.id = notifications.account_id)
            """).map { try $0.decode(String.self, at: 0) }
        for email in emails {
            try await Mailer.enqueue(MailMessage(tenant: tenant.slug, to: email, subject: "\(tenant.name) : \(title)", body: """
                Bonjour,

                \(body)

                \(portal + link)
                """), on: connection)
        }
        return !emails.isEmpty
    }
}
