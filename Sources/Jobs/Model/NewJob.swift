import Foundation
import Postgres
import Tenancy

/// A job to enqueue.
public struct NewJob: Sendable {
    public var queue: String
    public var kind: String
    /// The member the job works for; nil for a consortium-wide job.
    public var tenant: TenantSlug?
    /// The job's arguments, as JSON.
    public var payload: PostgresJSON
    /// Not before this time (nil: now).
    public var runAt: Date?
    /// While a job of the same member with this key is pending or running in the queue,
    /// enqueueing yields it.
    public var uniqueKey: String?
    public var maxAttempts: Int
    /// The payload holds a secret (a one-time link): erased once it is no longer needed.
    public var secretPayload: Bool

    public init(
        queue: String, kind: String, tenant: TenantSlug?, payload: PostgresJSON = PostgresJSON(text: "{}"),
        runAt: Date? = nil, uniqueKey: String? = nil, maxAttempts: Int = 10, secretPayload: Bool = false
    ) {
        self.queue = queue
        self.kind = kind
        self.tenant = tenant
        self.payload = payload
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.maxAttempts = maxAttempts
        self.secretPayload = secretPayload
    }

    /// A job for a registered handler, its payload encoded as JSON.
    public init<Handler: JobHandler>(
        _ handler: Handler.Type, _ payload: Handler.Payload, tenant: TenantSlug?,
        runAt: Date? = nil, uniqueKey: String? = nil
    ) throws {
        self.init(
            queue: Handler.queue, kind: Handler.kind, tenant: tenant, payload: try PostgresJSON(encoding: payload),
            runAt: runAt, uniqueKey: uniqueKey, maxAttempts: Handler.maxAttempts, secretPayload: Handler.payloadIsSecret
        )
    }
}

/// A job as stored, for listings and the operators' commands.
public struct JobRecord: Sendable, Equatable {
    public var id: Int
    public var queue: String
    public var kind: String
    public var tenant: String?
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var finishedAt: Date?
    public var lastError: String?
    /// Its secret payload was erased: it cannot be replayed.
    public var payloadErased: Bool
}
