import Blobs
import Events
import Notifications
import Webhooks
import Cryptography
import Foundation
import Identity
import Logging
import Migrator
import Modules
import Postgres
import Prometheus
import Redis
import Tenancy
import TenantStore
import Trust

/// The long-lived clients a server or worker process shares: one PostgreSQL client (one pool
/// for every member), one Redis client, the live member directory and the migration catalog.
public struct PlatformServices: Sendable {
    public let configuration: MutualisConfiguration
    public let postgres: PostgresClient
    public let redis: RedisClient
    public let registry: TenantRegistry
    public let directory: LiveTenantDirectory
    public let catalog: MigrationCatalog
    public let metrics: PrometheusCollectorRegistry
    public let identity: IdentityContext
    /// The services (feature modules) this platform runs.
    public let modules: ModuleSet
    /// Documents' bytes.
    public let blobs: FileSystemBlobStore
    /// The archive's second storage location.
    public let replicaBlobs: FileSystemBlobStore
    /// PKI, seals, timestamps and signatures; nil when no PKI is installed (signing is off).
    public let trust: TrustServices?
    /// Members' event logs, with the platform's consumers (notifications, webhooks).
    public var events: EventLog { PlatformEvents.log(modules) }
    public let logger: Logger

    /// `cachingSessions`: keep an in-process session cache (servers; its subscription must run).
    /// `runningJobs`: a `work` process, whose statements get the jobs' longer time bound.
    public static func start(
        configuration: MutualisConfiguration, metrics: PrometheusCollectorRegistry, cachingSessions: Bool = false,
        runningJobs: Bool = false, logger: Logger
    ) async throws -> PlatformServices {
        let modules = try PlatformModules.set()
        let postgres = try PostgresClient(
            configuration: PostgresConfiguration(
                url: configuration.databaseURL,
                poolSize: configuration.databasePoolSize,
                pipelineConnections: configuration.pipelineConnections,
                statementTimeout: runningJobs ? configuration.jobStatementTimeout : configuration.databaseStatementTimeout,
                pipelineStatementTimeout: configuration.databaseReadTimeout
            ),
            logger: logger
        )
        let redis = RedisClient(
            configuration: try RedisConfiguration(url: configuration.redisURL, poolSize: configuration.redisPoolSize), logger: logger
        )
        let registry = TenantRegistry(client: postgres)
        let directory: LiveTenantDirectory
        do {
            directory = try await LiveTenantDirectory(
                registry: registry, baseDomain: configuration.baseDomain, refreshInterval: configuration.directoryRefresh, logger: logger
            )
        } catch {
            await postgres.shutdown()
            await redis.shutdown()
            throw error
        }
        let identity = IdentityContext(
            postgres: postgres, redis: redis,
            hasher: try PasswordHasher(
                parameters: Scrypt.Parameters(logN: configuration.scryptLogN, r: 8, p: 1), concurrency: configuration.passwordHashConcurrency
            ),
            passwordPolicy: try PasswordPolicy.shipped(), catalog: modules.catalog,
            sessionPolicy: SessionPolicy(idleTimeout: configuration.sessionIdleTimeout, absoluteTimeout: configuration.sessionAbsoluteTimeout),
            sessionCache: cachingSessions && configuration.sessionCacheLifetime > .zero
                ? SessionCache(lifetime: configuration.sessionCacheLifetime) : nil,
            logger: logger
        )
        let trust: TrustServices?
        do {
            trust = try TrustServices.load(
                directory: PKIDirectory(root: configuration.pkiDirectory), kekFile: configuration.kekFile,
                externalAuthority: configuration.externalTSA, policy: configuration.tsaPolicy
            )
        } catch {
            await postgres.shutdown()
            await redis.shutdown()
            throw error
        }
        if trust == nil {
            logger.notice("no PKI in \(configuration.pkiDirectory.path): signatures and timestamps are off (mutualis pki init)")
        }
        return PlatformServices(
            configuration: configuration, postgres: postgres, redis: redis, registry: registry, directory: directory,
            catalog: try MigrationCatalog.load(root: configuration.migrationsDirectory), metrics: metrics, identity: identity,
            modules: modules, blobs: try FileSystemBlobStore(root: configuration.blobRoot),
            replicaBlobs: try FileSystemBlobStore(root: configuration.archiveSecondRoot, threads: 2), trust: trust, logger: logger
        )
    }

    /// For callers that do not run the services in a service group.
    public func shutdown() async {
        await identity.hasher.shutdown()
        await blobs.shutdown()
        await replicaBlobs.shutdown()
        await redis.shutdown()
        await postgres.shutdown()
    }
}
