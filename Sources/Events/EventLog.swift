import Foundation
import Jobs
import Postgres
import Tenancy
import TenantStore

/// A member's event log. `record` writes an event in the caller's transaction, with a job per
/// consumer (notifications, webhooks…): nothing is sent from inside the transaction, and a
/// rollback leaves neither the event nor its jobs. Events of a member are numbered in commit
/// order (a lock per member serialises the writers until they commit), so a reader that saw
/// event n never misses an earlier one.
public struct EventLog: Sendable {
    /// The jobs every event gets (each consumer is idempotent on the event id).
    public let consumers: [EventConsumer]

    public init(consumers: [EventConsumer]) {
        self.consumers = consumers
    }

    @discardableResult
    public func record(_ event: NewEvent, tenant: TenantSlug, on connection: PostgresConnection) async throws -> RecordedEvent {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('events:' || current_schema()))")
        let id = UUID()
        guard let row = try await connection.query("""
            INSERT INTO events (id, type, subject, data, actor_kind, actor_id, actor_label)
            VALUES (\(id), \(event.type), \(event.subject), \(event.data), \(event.actor.kind), \(event.actor.id), \(event.actor.label))
            RETURNING seq, occurred_at
            """).single() else { throw EventError.notRecorded(event.type) }
        let (seq, occurredAt) = try row.decode((Int, Date).self)
        for consumer in consumers where consumer.types?.contains(event.type) ?? true {
            try await JobEnqueuer.enqueue(NewJob(
                queue: consumer.queue, kind: consumer.kind, tenant: tenant,
                payload: try PostgresJSON(encoding: EventJobPayload(event: id, seq: seq)), uniqueKey: "event:\(id)"
            ), on: connection)
        }
        return RecordedEvent(seq: seq, id: id, type: event.type, subject: event.subject, data: event.data, actor: event.actor, occurredAt: occurredAt)
    }

    /// Events after `seq` (of the given types), in order.
    public static func events(after seq: Int, types: [String]?, limit: Int, in member: MemberStore) async throws -> [RecordedEvent] {
        try await member.read("""
            SELECT \(literal: columns) FROM events
            WHERE seq > \(seq) AND (\(types.map(PostgresTextArray.init))::text[] IS NULL OR type = ANY(\(types.map(PostgresTextArray.init))))
            ORDER BY seq LIMIT \(limit)
            """).map(decode)
    }

    public static func event(_ id: UUID, in member: MemberStore) async throws -> RecordedEvent? {
        try await member.read("SELECT \(literal: columns) FROM events WHERE id = \(id)").first.map(decode)
    }

    /// Events since a time, in order (a webhook replay).
    public static func events(since date: Date, types: [String], limit: Int, in member: MemberStore) async throws -> [RecordedEvent] {
        try await member.read("""
            SELECT \(literal: columns) FROM events WHERE occurred_at >= \(date) AND type = ANY(\(PostgresTextArray(types)))
            ORDER BY seq LIMIT \(limit)
            """).map(decode)
    }

    /// Forgets events older than `age`; returns how many.
    public static func purge(olderThan age: Duration, in member: MemberStore) async throws -> Int {
        try await member.transaction { connection in
            try await connection.execute("DELETE FROM events WHERE occurred_at < now() - \(age.components.seconds) * interval '1 second'")
        }
    }

    static let columns: StaticString = "seq, id, type, subject, data, actor_kind, actor_id, actor_label, occurred_at"

    static func decode(_ row: PostgresRow) throws -> RecordedEvent {
        RecordedEvent(
            seq: try row.decode(Int.self, at: 0), id: try row.decode(UUID.self, at: 1), type: try row.decode(String.self, at: 2),
            subject: try row.decode(String.self, at: 3), data: try row.decode(PostgresJSON.self, at: 4),
            actor: EventActor(kind: try row.decode(String.self, at: 5), id: try row.decode(String?.self, at: 6), label: try row.decode(String?.self, at: 7)),
            occurredAt: try row.decode(Date.self, at: 8)
        )
    }
}

/// A job that receives every event of a member (its handler is idempotent on the event id).
public struct EventConsumer: Sendable {
    public var queue: String
    public var kind: String
    /// The event types it consumes; nil: every event.
    public var types: Set<String>?

    public init(queue: String, kind: String, types: Set<String>? = nil) {
        self.queue = queue
        self.kind = kind
        self.types = types
    }
}

/// The payload of a consumer's job.
public struct EventJobPayload: Codable, Sendable {
    public var event: UUID
    public var seq: Int

    public init(event: UUID, seq: Int) {
        self.event = event
        self.seq = seq
    }
}

public enum EventError: Error, CustomStringConvertible {
    case notRecorded(String)
    public var description: String {
        switch self {
        case .notRecorded(let type): "the event \(type) was not recorded"
        }
    }
}

/// What a module's notification rule may read: the member's tables and its accounts.
public struct EventContext: Sendable {
    public let member: MemberStore
    public let tenant: Tenant

    public init(member: MemberStore, tenant: Tenant) {
        self.member = member
        self.tenant = tenant
    }

    /// Active agents of the member holding one of `roles` (their ids).
    public func agents(withAnyRole roles: [String]) async throws -> [UUID] {
        try await member.read("""
            SELECT id FROM accounts WHERE kind = 'agent' AND status = 'active' AND roles && \(PostgresTextArray(roles)) ORDER BY email
            """).map { try $0.decode(UUID.self, at: 0) }
    }
}
