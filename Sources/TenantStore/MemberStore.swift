import Postgres
import Tenancy

/// One member's tables, and nothing else: a `TenantStore` bound to a member once (when the
/// request's host was resolved, or for a job's member), so a feature cannot name another
/// member's slug by mistake. Every access is a transaction scoped to the member's schema.
public struct MemberStore: Sendable {
    public let slug: TenantSlug
    let store: TenantStore

    public init(_ slug: TenantSlug, store: TenantStore) {
        self.slug = slug
        self.store = store
    }

    /// One statement as its own transaction, on the pipelined road (reads).
    public func read(_ query: PostgresQuery) async throws -> PostgresRows {
        try await store.oneShot(slug, query)
    }

    /// Statements in one transaction (`BEGIN; SET LOCAL search_path`, `COMMIT` or `ROLLBACK`).
    public func transaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await store.withTenant(slug, body)
    }
}

extension TenantStore {
    /// The store of one member.
    public func member(_ slug: TenantSlug) -> MemberStore { MemberStore(slug, store: self) }
}
