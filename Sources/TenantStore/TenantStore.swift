import Postgres
import Synchronization
import Tenancy

/// The only road to a member's tables: every access runs in a transaction whose
/// `search_path` is that member's schema (`SET LOCAL`), on the one pool shared by all members.
/// There is no "current tenant": the caller names the member on every call.
public struct TenantStore: Sendable {
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    /// What scoping a statement to a member takes, derived once per member and process.
    struct Scope: Sendable {
        var setting: PostgresLocalSetting
        var context: String
    }

    private static let scopes = Mutex<[TenantSlug: Scope]>([:])

    static func scope(_ slug: TenantSlug) throws -> Scope {
        if let scope = scopes.withLock({ $0[slug] }) { return scope }
        let scope = Scope(setting: .searchPath(try PostgresIdentifier(slug.schemaName.rawValue)), context: "tenant \(slug)")
        scopes.withLock { $0[slug] = scope }
        return scope
    }

    /// Runs `body` in a transaction scoped to the member: `BEGIN; SET LOCAL search_path TO
    /// "tenant_<slug>"`, `COMMIT` when it returns, `ROLLBACK` when it throws. For work that
    /// runs code between statements.
    public func withTenant<T>(_ slug: TenantSlug, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let scope = try Self.scope(slug)
        return try await client.withTransaction(settings: [scope.setting], context: scope.context, body)
    }

    /// Runs one statement as its own transaction scoped to the member, on the pipelined hot
    /// path: `set_config('search_path', …, true)` (the function form of `SET LOCAL`) then the
    /// statement, prepared once per member so PostgreSQL never re-plans it for another schema.
    public func oneShot(_ slug: TenantSlug, _ query: PostgresQuery) async throws -> PostgresRows {
        let scope = try Self.scope(slug)
        return try await client.oneShot(query, settings: [scope.setting], scope: slug.schemaName.rawValue, context: scope.context)
    }
}

extension SchemaName {
    /// The schema as a PostgreSQL identifier (always valid: both checks accept the same set).
    public func identifier() throws -> PostgresIdentifier {
        try PostgresIdentifier(rawValue)
    }
}
