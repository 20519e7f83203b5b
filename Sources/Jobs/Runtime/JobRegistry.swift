import Foundation
import Logging
import Postgres
import Tenancy
import TenantStore

/// The handlers a worker process knows, by kind. Type-erased so that a worker runs any kind.
public struct JobRegistry: Sendable {
    struct Entry: Sendable {
        var queue: String
        var deadline: Duration
        /// The module whose jobs these are: a member that has not enabled it does not run them.
        var module: PlatformModule?
        var retryDelays: [Duration]?
        var run: @Sendable (_ id: Int, _ attempt: Int, _ maxAttempts: Int, _ tenant: TenantSlug?, _ payload: PostgresJSON, _ logger: Logger, _ store: TenantStore, _ worker: String) async throws -> Void
    }

    private(set) var entries: [String: Entry] = [:]
    /// Set while a module registers its handlers (`registering(module:)`).
    private var module: PlatformModule?

    public init() {}

    /// Registers the handlers `body` adds as belonging to `module`.
    public mutating func registering(module: PlatformModule?, _ body: (inout JobRegistry) -> Void) {
        let previous = self.module
        self.module = module
        body(&self)
        self.module = previous
    }

    public mutating func register<Handler: JobHandler>(_ handler: Handler) {
        entries[Handler.kind] = Entry(queue: Handler.queue, deadline: Handler.deadline, module: module, retryDelays: Handler.retryDelays) { id, attempt, maxAttempts, tenant, payload, logger, store, worker in
            let decoded: Handler.Payload
            do {
                decoded = try payload.decode(Handler.Payload.self)
            } catch {
                throw JobError.undecodablePayload(kind: Handler.kind, reason: "\(error)")
            }
            try await handler.run(Job(
                id: id, attempt: attempt, maxAttempts: maxAttempts, tenant: tenant, payload: decoded, worker: worker,
                logger: logger, store: store
            ))
        }
    }

    /// The queues these handlers consume, sorted.
    public var queues: [String] { Set(entries.values.map(\.queue)).sorted() }

    public var kinds: [String] { entries.keys.sorted() }

    func entry(_ kind: String) -> Entry? { entries[kind] }
}
