import Cryptography
import Foundation
import Mail
import Postgres
import Tenancy

/// What a citizen is told about their request: a notification in their inbox on the portal they
/// filed it on, and a mail at once (a change of their request is not news for a digest).
enum CitizenNotice {
    static let family = "requests"

    /// `key` makes it once per change (a retried job does not notify twice).
    static func notify(account: UUID, tenant: Tenant, portal: String, title: String, body: String, link: String, key: String,
                       on connection: PostgresConnection) async throws {
        let event = try eventID(key)
        let emails = try await connection.query("""
            INSERT INTO notifications (account_id, event_id, family, title, body, link, mailed_at)
            SELECT id, \(event), \(family), left(\(title), 200), left(\(body), 2000), \(link), now()
            FROM accounts WHERE id = \(account) AND status = 'active'
            ON CONFLICT (account_id, event_id) DO NOTHING
            RETURNING (SELECT email FROM accounts a WHERE a.id = notifications.account_id)
            """).map { try $0.decode(String.self, at: 0) }
        for email in emails {
            try await Mailer.enqueue(mail(tenant: tenant, to: email, title: title, body: body, link: portal + link), on: connection)
        }
    }

    static func mail(tenant: Tenant, to email: String, title: String, body: String, link: String) -> MailMessage {
        MailMessage(tenant: tenant.slug, to: email, subject: "\(tenant.name) : \(title)", body: """
            Bonjour,

            \(body)

            Suivre votre demande : \(link)
            """)
    }

    /// A stable id for the notification of one change (UUID-shaped SHA-256 prefix of `key`).
    static func eventID(_ key: String) throws -> UUID {
        var bytes = Array(try Digest.sha256(Array(("requests:" + key).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
