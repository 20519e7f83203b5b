import Foundation
import Postgres
import Tenancy

/// Reads and updates the members in `platform.tenants` (consortium-wide data).
public struct TenantRegistry: Sendable {
    public let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    static let selectRecords: StaticString = """
        SELECT t.slug, t.name, t.kind, t.insee_code, t.siren, t.status, t.modules, t.branding,
               t.schema_version, t.manifest_checksum, t.suspension_reason, t.created_at, t.updated_at, t.time_zone,
               COALESCE((SELECT array_agg(h.host ORDER BY h.host) FROM platform.tenant_hosts h WHERE h.tenant_slug = t.slug), '{}')
        FROM platform.tenants t
        """

    /// Every member, sorted by slug.
    public func records() async throws -> [TenantRecord] {
        let rows = try await client.query("\(literal: Self.selectRecords) ORDER BY t.slug", context: "platform.tenants")
        return try rows.map(Self.record)
    }

    public func record(_ slug: TenantSlug) async throws -> TenantRecord? {
        let rows = try await client.query("\(literal: Self.selectRecords) WHERE t.slug = \(slug.rawValue)", context: "platform.tenants")
        return try rows.first.map(Self.record)
    }

    /// The members as the web server resolves them.
    public func directory(baseDomain: HostName) async throws -> TenantDirectory {
        TenantDirectory(tenants: try await records().map(\.tenant), baseDomain: baseDomain)
    }

    /// Suspends or resumes a member. Returns false if there is no such member.
    @discardableResult
    public func setStatus(_ slug: TenantSlug, _ status: Tenant.Status, reason: TenantRecord.SuspensionReason? = nil) async throws -> Bool {
        let reasonText = status == .suspended ? (reason ?? .operatorDecision).rawValue : nil
        let updated = try await client.withConnection(context: "platform.tenants") { connection in
            try await connection.execute("""
                UPDATE platform.tenants
                SET status = \(status.rawValue), suspension_reason = \(reasonText),
                    suspended_at = CASE WHEN \(status.rawValue) = 'suspended' THEN now() END, updated_at = now()
                WHERE slug = \(slug.rawValue)
                """)
        }
        return updated == 1
    }

    /// The member's logo and its media type, if it has one.
    public func logo(_ slug: TenantSlug) async throws -> (bytes: [UInt8], contentType: String)? {
        let rows = try await client.query(
            "SELECT logo, logo_content_type FROM platform.tenants WHERE slug = \(slug.rawValue) AND logo IS NOT NULL",
            context: "platform.tenants"
        )
        guard let row = try rows.single() else { return nil }
        let (bytes, type) = try row.decode(([UInt8], String).self)
        return (bytes, type)
    }

    static func record(_ row: PostgresRow) throws -> TenantRecord {
        let (slug, name, kind, insee, siren, status, modules, branding, version, checksum, reason, created, updated, timeZone, hosts) = try row.decode(
            (String, String, String, String?, String, String, PostgresTextArray, PostgresJSON, Int, String?, String?, Date, Date, String, PostgresTextArray).self
        )
        let tenant = Tenant(
            slug: try TenantSlug(slug),
            name: name,
            kind: Tenant.Kind(rawValue: kind) ?? .commune,
            inseeCode: insee,
            siren: siren,
            status: Tenant.Status(rawValue: status) ?? .suspended,
            hosts: try hosts.nonNull().map { try HostName($0) },
            modules: Set(try modules.nonNull().compactMap(PlatformModule.init(rawValue:))),
            branding: try branding.decode(Branding.self),
            timeZone: timeZone
        )
        return TenantRecord(
            tenant: tenant, schemaVersion: version, manifestChecksum: checksum,
            suspensionReason: reason.flatMap(TenantRecord.SuspensionReason.init(rawValue:)),
            createdAt: created, updatedAt: updated
        )
    }
}
