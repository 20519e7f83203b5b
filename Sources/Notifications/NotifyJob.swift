import Events
import Foundation
import Jobs
import Logging
import Mail
import Postgres
import Tenancy
import TenantStore

/// The notifications consumer of the event log: for each event, the module that emitted it says
/// whom to notify and what to tell them; their notifications are written (once per account and
/// event, whatever the retries), and those who chose immediate mail get one, from the member's
/// name, in the same transaction.
public struct NotifyJob: JobHandler {
    public typealias Payload = EventJobPayload
    public static let kind = "notifications.notify"
    public static let queue = "notifications"
    public static let consumer = EventConsumer(queue: queue, kind: kind)

    /// Whom an event notifies (the emitting module's rule).
    let notices: @Sendable (RecordedEvent, EventContext) async throws -> [EventNotice]
    let families: [String: EventFamily]
    let directory: @Sendable (TenantSlug) async throws -> Tenant?
    let addresses: PublicAddresses

    public init(
        notices: @escaping @Sendable (RecordedEvent, EventContext) async throws -> [EventNotice], types: [EventType],
        directory: @escaping @Sendable (TenantSlug) async throws -> Tenant?, addresses: PublicAddresses
    ) {
        self.notices = notices
        families = Dictionary(types.map { ($0.name, $0.family) }, uniquingKeysWith: { first, _ in first })
        self.directory = directory
        self.addresses = addresses
    }

    public func run(_ job: Job<EventJobPayload>) async throws {
        let member = try job.member()
        guard let tenant = try await directory(member.slug),
              let event = try await EventLog.event(job.payload.event, in: member),
              let family = families[event.type] else { return }
        let notices = try await notices(event, EventContext(member: member, tenant: tenant))
        guard !notices.isEmpty else { return }
        try await member.transaction { connection in
            for notice in notices {
                guard let row = try await connection.query("""
                    INSERT INTO notifications (account_id, event_id, family, title, body, link)
                    SELECT a.id, \(event.id), \(family.id), left(\(notice.title), 200), left(\(notice.body), 2000), \(notice.link)
                    FROM accounts a WHERE a.id = \(notice.account) AND a.status = 'active'
                    ON CONFLICT (account_id, event_id) DO NOTHING
                    RETURNING id, (SELECT email FROM accounts WHERE id = \(notice.account)),
                              coalesce((SELECT delivery FROM notification_preferences WHERE account_id = \(notice.account) AND family = \(family.id)), \(Delivery.default.rawValue))
                    """).first else { continue }
                let (id, email, delivery) = try row.decode((Int, String, String).self)
                guard delivery == Delivery.immediate.rawValue else { continue }
                try await Mailer.enqueue(NotificationMail.single(
                    tenant: tenant, to: email, title: notice.title, body: notice.body,
                    link: notice.link.map { addresses.portal(tenant.slug) + $0 }, inbox: addresses.portal(tenant.slug) + "/compte/notifications"
                ), on: connection)
                try await connection.query("UPDATE notifications SET mailed_at = now() WHERE id = \(id)")
            }
        }
        job.logger.info("notified", metadata: ["event": "\(event.type)", "accounts": "\(notices.count)"])
    }
}

/// Each morning at 07:30 in the member's time zone: one mail per account with the
/// notifications it has not read nor received by mail yet, for the families it wants as a
/// digest (the default). The schedule fires at half past every hour, per member; the job does
/// its work only when it is the digest's hour where the member is.
public struct DigestJob: JobHandler {
    public struct Payload: Codable, Sendable {
        /// The member's local hour at which it sends; nil: now (an operator's or a test's run).
        public var atLocalHour: Int?
        public init(atLocalHour: Int? = nil) { self.atLocalHour = atLocalHour }
    }

    /// The hour the digest goes out, in each member's time zone.
    public static let hour = 7

    /// Whether `date` falls in `hour` where the member is.
    public static func isDue(at date: Date, hour: Int, timeZone identifier: String) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: Tenant.defaultTimeZone)!
        return calendar.component(.hour, from: date) == hour
    }

    public static let kind = "notifications.digest"
    public static let queue = "notifications"

    let directory: @Sendable (TenantSlug) async throws -> Tenant?
    let addresses: PublicAddresses

    public init(directory: @escaping @Sendable (TenantSlug) async throws -> Tenant?, addresses: PublicAddresses) {
        self.directory = directory
        self.addresses = addresses
    }

    public static func schedule() throws -> JobSchedule {
        try JobSchedule(name: "notifications.digest", cron: "30 * * * *", DigestJob.self, payload: .init(atLocalHour: hour), perTenant: true)
    }

    public func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let tenant = try await directory(member.slug) else { return }
        if let hour = job.payload.atLocalHour, !Self.isDue(at: Date(), hour: hour, timeZone: tenant.timeZone) { return }
        let sent = try await member.transaction { connection -> Int in
            let rows = try await connection.query("""
                SELECT n.id, a.email, n.title, n.body, n.link FROM notifications n
                JOIN accounts a ON a.id = n.account_id AND a.status = 'active'
                LEFT JOIN notification_preferences p ON p.account_id = n.account_id AND p.family = n.family
                WHERE n.mailed_at IS NULL AND n.read_at IS NULL AND coalesce(p.delivery, \(Delivery.default.rawValue)) = 'digest'
                ORDER BY a.email, n.id
                FOR UPDATE OF n SKIP LOCKED
                """).map { try $0.decode((Int, String, String, String, String?).self) }
            let byAccount = Dictionary(grouping: rows, by: \.1)
            for (email, items) in byAccount.sorted(by: { $0.key < $1.key }) {
                try await Mailer.enqueue(NotificationMail.digest(
                    tenant: tenant, to: email,
                    items: items.map { (title: $0.2, body: $0.3, link: $0.4.map { addresses.portal(tenant.slug) + $0 }) },
                    inbox: addresses.portal(tenant.slug) + "/compte/notifications"
                ), on: connection)
            }
            if !rows.isEmpty {
                try await connection.query("UPDATE notifications SET mailed_at = now() WHERE id = ANY(\(PostgresInt8Array(rows.map(\.0))))")
            }
            return byAccount.count
        }
        job.logger.info("digests sent", metadata: ["accounts": "\(sent)"])
    }
}
