import Postgres
import Tenancy

/// The only road to a member's tables: every access runs in a transaction whose
/// `search_path` is that member's schema (`SET LOCAL`), on the one pool shared by all members.
/// There is no "current tenant": the caller names the member on every call.
public struct TenantStore: Sendable {
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// Runs `body` in a transaction scoped to the member: `BEGIN; SET LOCAL search_path TO
    /// "tenant_<slug>"`, `COMMIT` when it returns, `ROLLBACK` when it throws. For work that
    /// runs code between statements.
    public func withTenant<T>(_ slug: TenantSlug, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withTransaction(settings: [try Self.searchPath(slug)], context: "tenant \(slug)", body)
    }

    /// Runs one statement as its own transaction scoped to the member, on the pipelined hot
    /// path: `set_config('search_path', …, true)` (the function form of `SET LOCAL`) then the
    /// statement, prepared once per member so PostgreSQL never re-plans it for another schema.
    public func oneShot(_ slug: TenantSlug, _ query: PostgresQuery) async throws -> PostgresRows {
        let schema = slug.schemaName
        return try await client.oneShot(query, settings: [try Self.searchPath(slug)], scope: schema.rawValue, context: "tenant \(slug)")
    }

    static func searchPath(_ slug: TenantSlug) throws -> PostgresLocalSetting {
        .searchPath([try PostgresIdentifier(slug.schemaName.rawValue)])
    }
}

extension SchemaName {
    /// The schema as a PostgreSQL identifier (always valid: both checks accept the same set).
    public func identifier() throws -> PostgresIdentifier {
        try PostgresIdentifier(rawValue)
    }
}
