import Foundation
import Logging
import Postgres
import Tenancy
import TenantStore

/// The code that runs a kind of job. Delivery is at least once: a handler may see the same job
/// again (its worker died after the work was done), so it uses `job.id` to stay idempotent.
public protocol JobHandler: Sendable {
    associatedtype Payload: Codable & Sendable
    static var kind: String { get }
    static var queue: String { get }
    static var maxAttempts: Int { get }
    /// How long one attempt may run: past it the attempt is cancelled and counted as failed
    /// (retried with backoff), and its lease is no longer extended, so even a handler that
    /// ignores its cancellation gives the job back to another worker.
    static var deadline: Duration { get }
    /// The payload carries a secret (a one-time link in a mail): it is erased when the job
    /// succeeds or is cancelled, and two days after it died, and never shown by `mutualis jobs`.
    static var payloadIsSecret: Bool { get }
    /// Its own retry schedule: after attempt n fails, the next one comes after the n-th delay
    /// (the last one repeats). nil: the worker's exponential backoff.
    static var retryDelays: [Duration]? { get }
    func run(_ job: Job<Payload>) async throws
}

extension JobHandler {
    public static var maxAttempts: Int { 10 }
    public static var deadline: Duration { .seconds(300) }
    public static var payloadIsSecret: Bool { false }
    public static var retryDelays: [Duration]? { nil }
}

/// An attempt that ran past its kind's deadline.
public struct JobDeadlineExceeded: Error, CustomStringConvertible {
    public var kind: String
    public var deadline: Duration
    public var description: String { "\(kind) ran past its deadline of \(deadline) and was cancelled" }
}

/// A job as a handler receives it.
public struct Job<Payload: Sendable>: Sendable {
    /// Stable across attempts: use it to make the handler idempotent.
    public let id: Int
    /// 1 for the first attempt.
    public let attempt: Int
    public let maxAttempts: Int
    /// The member the job works for (nil for a consortium-wide job).
    public let tenant: TenantSlug?
    public let payload: Payload
    /// The worker running this attempt.
    public let worker: String
    public let logger: Logger
    let store: TenantStore

    /// Runs `body` in a transaction scoped to the job's member (the only road to its tables).
    public func withTenant<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard let tenant else { throw JobError.noTenant(kind: "\(Payload.self)", id: id) }
        return try await store.withTenant(tenant, body)
    }

    /// The tables of the job's member (the road features use).
    public func member() throws -> MemberStore {
        guard let tenant else { throw JobError.noTenant(kind: "\(Payload.self)", id: id) }
        return store.member(tenant)
    }

    /// Consortium-wide data (`platform.*`, qualified names), in a transaction.
    public func withPlatform<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await store.client.withTransaction(context: "job \(id)", body)
    }
}

public enum JobError: Error, Sendable, CustomStringConvertible {
    case noTenant(kind: String, id: Int)
    case unknownKind(String)
    case undecodablePayload(kind: String, reason: String)
    case notFound(Int)
    case invalidTransition(id: Int, from: String, action: String)
    case payloadErased(Int)

    public var description: String {
        switch self {
        case .noTenant(let kind, let id): "job \(id) (\(kind)) has no member to work for"
        case .unknownKind(let kind): "no handler is registered for jobs of kind \(kind)"
        case .undecodablePayload(let kind, let reason): "payload of \(kind) cannot be decoded: \(reason)"
        case .notFound(let id): "no job \(id)"
        case .invalidTransition(let id, let from, let action): "job \(id) is \(from): cannot \(action) it"
        case .payloadErased(let id): "job \(id) carried a secret (a one-time link) that was erased: it cannot be replayed; ask for a new one"
        }
    }
}
