import Events
import Foundation
import Jobs
import Logging
import Notifications
import Postgres
import Tenancy
import TenantStore

/// The webhooks consumer of the event log: one delivery job per enabled subscription to the
/// event's type (once per subscription and event, whatever the retries).
public struct WebhookFanoutJob: JobHandler {
    public typealias Payload = EventJobPayload
    public static let kind = "webhooks.fanout"
    public static let queue = "webhooks"
    public static let consumer = EventConsumer(queue: queue, kind: kind)

    public init() {}

    public func run(_ job: Job<EventJobPayload>) async throws {
        let member = try job.member()
        guard let event = try await EventLog.event(job.payload.event, in: member) else { return }
        let enqueued = try await member.transaction { connection -> Int in
            let subscriptions = try await connection.query("""
                SELECT id FROM webhook_subscriptions WHERE enabled AND \(event.type) = ANY(event_types)
                """).map { try $0.decode(UUID.self, at: 0) }
            for subscription in subscriptions {
                try await WebhookDeliverJob.enqueue(subscription: subscription, event: event.id, tenant: member.slug, on: connection)
            }
            return subscriptions.count
        }
        if enqueued > 0 { job.logger.info("webhook deliveries enqueued", metadata: ["event": "\(event.type)", "deliveries": "\(enqueued)"]) }
    }
}

/// Delivers one event to one subscription, signed (Standard Webhooks); logs every attempt;
/// retries with growing delays for three days, then disables the subscription and tells the
/// member's administrators. A target that is not a public address is refused at once.
public struct WebhookDeliverJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public var subscription: UUID
        public var event: UUID
    }

    public static let kind = "webhooks.deliver"
    public static let queue = "webhooks"
    /// After attempt n fails, the next comes after `retryDelays[n-1]`: about three days in all.
    public static let retryDelays: [Duration]? = [
        .seconds(5), .seconds(300), .seconds(1800), .seconds(7200), .seconds(18_000), .seconds(36_000),
        .seconds(50_400), .seconds(72_000), .seconds(72_000),
    ]
    public static var maxAttempts: Int { (retryDelays?.count ?? 0) + 1 }
    public static let deadline: Duration = .seconds(60)

    let client: WebhookClient
    let directory: @Sendable (TenantSlug) async throws -> Tenant?
    let addresses: PublicAddresses

    public init(client: WebhookClient, directory: @escaping @Sendable (TenantSlug) async throws -> Tenant?, addresses: PublicAddresses) {
        self.client = client
        self.directory = directory
        self.addresses = addresses
    }

    /// Enqueues a delivery (`again`: a replay, even if one was already made).
    public static func enqueue(subscription: UUID, event: UUID, tenant: TenantSlug, again: Bool = false, on connection: PostgresConnection) async throws {
        try await JobEnqueuer.enqueue(try NewJob(
            WebhookDeliverJob.self, .init(subscription: subscription, event: event), tenant: tenant,
            uniqueKey: "delivery:\(subscription):\(event)" + (again ? ":replay:\(UUID())" : "")
        ), on: connection)
    }

    public func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        let store = WebhookStore(member: member)
        guard let subscription = try await store.subscription(job.payload.subscription), subscription.enabled,
              let event = try await EventLog.event(job.payload.event, in: member), let url = URL(string: subscription.url)
        else { return }
        let body = try Self.body(event)
        let timestamp = Int(Date().timeIntervalSince1970)
        let headers = [
            ("webhook-id", event.id.uuidString.lowercased()), ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", try WebhookSignature.signature(id: event.id.uuidString.lowercased(), timestamp: timestamp, body: body,
                                                                 secrets: try await store.secrets(subscription.id))),
        ]
        let outcome: WebhookClient.Outcome
        do {
            let target = try await client.target(url)
            outcome = try await client.send(to: target, headers: headers, body: body)
        } catch let refusal as WebhookError {
            try await log(job, event, status: nil, latency: nil, excerpt: nil, error: refusal.description, succeeded: false, member: member)
            throw PermanentJobFailure(refusal)
        } catch {
            try await log(job, event, status: nil, latency: nil, excerpt: nil, error: "\(error)", succeeded: false, member: member)
            try await giveUpIfLast(job, subscription, member: member)
            throw error
        }
        let succeeded = (200..<300).contains(outcome.status)
        try await log(job, event, status: outcome.status, latency: outcome.latency, excerpt: outcome.excerpt,
                      error: succeeded ? nil : "le point de réception a répondu \(outcome.status)", succeeded: succeeded, member: member)
        guard succeeded else {
            try await giveUpIfLast(job, subscription, member: member)
            throw DeliveryFailed(status: outcome.status)
        }
    }

    struct DeliveryFailed: Error, CustomStringConvertible {
        var status: Int
        var description: String { "the endpoint answered \(status)" }
    }

    /// `{"type", "timestamp", "data": {"id", "subject", …}}` (the Standard Webhooks payload shape).
    static func body(_ event: RecordedEvent) throws -> [UInt8] {
        let data = (try? JSONSerialization.jsonObject(with: Data(event.data.text.utf8))) as? [String: Any] ?? [:]
        var payload: [String: Any] = data
        payload["event_id"] = event.id.uuidString.lowercased()
        payload["seq"] = event.seq
        payload["subject"] = event.subject
        let object: [String: Any] = [
            "type": event.type, "timestamp": ISO8601DateFormatter().string(from: event.occurredAt), "data": payload,
        ]
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    func log(_ job: Job<Payload>, _ event: RecordedEvent, status: Int?, latency: Duration?, excerpt: String?, error: String?,
             succeeded: Bool, member: MemberStore) async throws {
        let milliseconds = latency.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) }
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, attempt, status_code, latency_ms, response_excerpt, error, succeeded)
                VALUES (\(job.payload.subscription), \(event.id), \(event.type), \(job.attempt), \(status), \(milliseconds),
                        \(excerpt.map { String($0.prefix(1024)) }), \(error.map { String($0.prefix(2000)) }), \(succeeded))
                """)
        }
    }

    /// After the last attempt: the subscription is disabled and the administrators told.
    func giveUpIfLast(_ job: Job<Payload>, _ subscription: WebhookSubscription, member: MemberStore) async throws {
        guard job.attempt >= job.maxAttempts, let tenant = try await directory(member.slug) else { return }
        try await member.transaction { connection in
            let changed = try await connection.execute("""
                UPDATE webhook_subscriptions SET enabled = false, disabled_reason = 'en échec depuis trois jours', updated_at = now()
                WHERE id = \(subscription.id) AND enabled
                """)
            guard changed == 1 else { return }
            try await DirectNotice.notify(
                agentsWithAnyRole: ["tenant_admin"], tenant: tenant, portal: addresses.portal(tenant.slug),
                title: "Abonnement de webhook désactivé",
                body: "Le point de réception \(subscription.url) n'a pas accepté les événements depuis trois jours : son abonnement est désactivé. Réactivez-le une fois le problème corrigé ; les événements manqués peuvent être renvoyés.",
                link: "/administration/webhooks/\(subscription.id.uuidString.lowercased())", on: connection
            )
        }
        job.logger.warning("webhook subscription disabled after its last failed delivery", metadata: ["subscription": "\(subscription.id)"])
    }
}
