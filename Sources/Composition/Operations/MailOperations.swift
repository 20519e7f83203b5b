import Foundation
import Postgres

/// `mutualis mail outbox`: the mail written to `platform.mail_outbox` when no SMTP relay is
/// configured (development: the verification and reset links are there).
extension Operations {
    public func mailOutbox(recipient: String?, limit: Int) async throws {
        try await withOwnerClient { client in
            let rows = try await client.query("""
                SELECT created_at, coalesce(tenant_slug, '—'), recipient, subject, body FROM platform.mail_outbox
                WHERE \(recipient) IS NULL OR lower(recipient) = lower(\(recipient))
                ORDER BY id DESC LIMIT \(limit)
                """).map { try $0.decode((Date, String, String, String, String).self) }
            guard !rows.isEmpty else {
                output(recipient.map { "No mail for \($0) in the outbox." } ?? "The outbox is empty.")
                return
            }
            for (date, member, to, subject, body) in rows.reversed() {
                output("""
                    ── \(ISO8601DateFormatter().string(from: date)) · \(member) · to \(to)
                    Subject: \(subject)

                    \(body)

                    """)
            }
        }
    }
}
