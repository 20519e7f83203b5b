import Foundation
import Logging
import Postgres
import Tenancy

/// Throwaway folders and members for tests.
public enum Fixtures {
    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A `Migrations/`-shaped folder: the repository's platform migrations plus the given
    /// tenant migrations (file name → SQL); `nil` copies the repository's tenant migrations.
    public static func migrationsDirectory(tenant: [String: String]? = nil, extraPlatform: [String: String] = [:]) throws -> URL {
        let root = try temporaryDirectory()
        let source = TestEnvironment.repositoryRoot.appendingPathComponent("Migrations")
        for folder in ["platform", "tenant"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for folder in ["platform"] + (tenant == nil ? ["tenant"] : []) {
            for file in try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent(folder).path) {
                try FileManager.default.copyItem(
                    at: source.appendingPathComponent(folder).appendingPathComponent(file),
                    to: root.appendingPathComponent(folder).appendingPathComponent(file)
                )
            }
        }
        for (name, sql) in tenant ?? [:] {
            try sql.write(to: root.appendingPathComponent("tenant").appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for (name, sql) in extraPlatform {
            try sql.write(to: root.appendingPathComponent("platform").appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return root
    }

    /// A valid member declaration for tests.
    public static func manifest(_ slug: String, hosts: [String] = [], name: String? = nil, checksum: String? = nil) throws -> TenantManifest {
        let tenant = Tenant(
            slug: try TenantSlug(slug), name: name ?? "Commune \(slug)", kind: .commune, inseeCode: "80021", siren: "218000198",
            status: .active, hosts: try hosts.map { try HostName($0) }, modules: [.news],
            branding: Branding(primaryColor: "#112233", accentColor: "#445566", tagline: "Test", logoContentType: "image/svg+xml")
        )
        let logo = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
        return TenantManifest(tenant: tenant, logo: logo, checksum: checksum ?? "checksum-\(slug)-\(name ?? "")")
    }

    /// The members shipped in `Tenants/`.
    public static func shippedManifests() throws -> [TenantManifest] {
        try TenantManifestLoader.loadAll(directory: TestEnvironment.repositoryRoot.appendingPathComponent("Tenants"))
    }
}
