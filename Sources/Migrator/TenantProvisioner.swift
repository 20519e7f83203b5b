import Postgres
import Tenancy

/// Creates a member (its row, its hosts, its schema and every tenant migration) in one
/// transaction, so a failure anywhere leaves nothing behind; and updates a member's
/// declaration. Call inside `Migrator.withLock`.
public struct TenantProvisioner: Sendable {
    public let client: PostgresClient
    public let catalog: MigrationCatalog

    public init(client: PostgresClient, catalog: MigrationCatalog) {
        self.client = client
        self.catalog = catalog
    }

    /// Where a member comes from: sync only ever suspends members of the `manifest` origin.
    public enum Origin: String, Sendable {
        case manifest
        case `operator`
    }

    public func provision(_ manifest: TenantManifest, origin: Origin = .manifest) async throws {
        let tenant = manifest.tenant
        let schema = try PostgresIdentifier(tenant.schemaName.rawValue)
        try await client.withTransaction(context: "provisioning \(tenant.slug)") { connection in
            let exists = try await connection.query("SELECT 1 FROM platform.tenants WHERE slug = \(tenant.slug.rawValue)")
            guard exists.isEmpty else { throw MigrationError.tenantExists(tenant.slug.rawValue) }
            try await connection.query("""
                INSERT INTO platform.tenants (slug, schema_name, name, kind, insee_code, siren, status, modules, branding,
                                              logo, logo_content_type, manifest_checksum, origin, time_zone)
                VALUES (\(tenant.slug.rawValue), \(schema.name), \(tenant.name), \(tenant.kind.rawValue), \(tenant.inseeCode),
                        \(tenant.siren), 'active', \(PostgresTextArray(tenant.modules.sorted().map(\.rawValue))),
                        \(try PostgresJSON(encoding: tenant.branding)), \(manifest.logo), \(tenant.branding.logoContentType),
                        \(manifest.checksum), \(origin.rawValue), \(tenant.timeZone))
                """)
            try await replaceHosts(of: tenant, on: connection)
            try await connection.executeScript(unsafeSQL: "CREATE SCHEMA \(schema.quoted)")
            try await connection.executeScript(unsafeSQL: """
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mutualis_app') THEN
                        GRANT USAGE ON SCHEMA \(schema.quoted) TO mutualis_app;
                        ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema.quoted) GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mutualis_app;
                        ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema.quoted) GRANT USAGE, SELECT ON SEQUENCES TO mutualis_app;
                    END IF;
                END
                $$;
                SET LOCAL search_path TO \(schema.quoted);
                """)
            for migration in catalog.tenant.migrations {
                try await MigrationLedger.apply(migration, schema: schema.name, on: connection)
            }
            try await connection.query(
                "UPDATE platform.tenants SET schema_version = \(catalog.tenant.latestVersion) WHERE slug = \(tenant.slug.rawValue)"
            )
        }
    }

    /// Applies a changed declaration to an existing member (name, identifiers, hosts, modules,
    /// branding, logo). Leaves its status alone unless `resume` is true.
    public func update(_ manifest: TenantManifest, resume: Bool) async throws {
        let tenant = manifest.tenant
        try await client.withTransaction(context: "updating \(tenant.slug)") { connection in
            try await connection.query("""
                UPDATE platform.tenants
                SET name = \(tenant.name), kind = \(tenant.kind.rawValue), insee_code = \(tenant.inseeCode),
                    siren = \(tenant.siren), modules = \(PostgresTextArray(tenant.modules.sorted().map(\.rawValue))),
                    branding = \(try PostgresJSON(encoding: tenant.branding)), logo = \(manifest.logo),
                    logo_content_type = \(tenant.branding.logoContentType), manifest_checksum = \(manifest.checksum),
                    time_zone = \(tenant.timeZone), updated_at = now()
                WHERE slug = \(tenant.slug.rawValue)
                """)
            if resume {
                try await connection.query("""
                    UPDATE platform.tenants SET status = 'active', suspension_reason = NULL, suspended_at = NULL
                    WHERE slug = \(tenant.slug.rawValue)
                    """)
            }
            try await replaceHosts(of: tenant, on: connection)
        }
    }

    private func replaceHosts(of tenant: Tenant, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM platform.tenant_hosts WHERE tenant_slug = \(tenant.slug.rawValue)")
        for host in tenant.hosts {
            try await connection.query(
                "INSERT INTO platform.tenant_hosts (host, tenant_slug) VALUES (\(host.rawValue), \(tenant.slug.rawValue))"
            )
        }
    }
}
