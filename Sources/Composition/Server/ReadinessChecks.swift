import Postgres
import Redis
import Migrator
import Web

/// What `/readyz` checks: PostgreSQL and Redis answer, and every schema is migrated.
enum ReadinessChecks {
    static func all(_ services: PlatformServices) -> [ReadinessCheck] {
        let platformLatest = services.catalog.platform.latestVersion
        let tenantLatest = services.catalog.tenant.latestVersion
        return [
            ReadinessCheck(name: "postgres") {
                do {
                    _ = try await services.postgres.query("SELECT 1")
                    return nil
                } catch {
                    return "unreachable: \(error)"
                }
            },
            ReadinessCheck(name: "redis") {
                do {
                    _ = try await services.redis.send("PING")
                    return nil
                } catch {
                    return "unreachable: \(error)"
                }
            },
            ReadinessCheck(name: "migrations") {
                do {
                    let row = try await services.postgres.query("""
                        SELECT (SELECT coalesce(max(version), 0) FROM platform.schema_migrations WHERE schema_name = 'platform'),
                               (SELECT count(*) FROM platform.tenants WHERE schema_version < \(tenantLatest))
                        """).single()
                    guard let (platform, behind) = try row?.decode((Int, Int).self) else { return "no answer" }
                    if platform < platformLatest { return "platform schema at \(platform), expected \(platformLatest)" }
                    if behind > 0 { return "\(behind) member schema(s) behind version \(tenantLatest)" }
                    return nil
                } catch {
                    return "cannot read the migration ledger: \(error)"
                }
            },
        ]
    }
}
