import Hummingbird
import Identity
import Logging
import Metrics
import NIOPosix
import Prometheus
import ServiceLifecycle
import Tenancy
import TenantStore
import UnixSignals
import Web

/// `mutualis serve`: the public HTTP server, the internal listener (`/livez`, `/readyz`,
/// `/metrics` on `MUTUALIS_INTERNAL_PORT`) and the services they need, in one service group
/// that shuts down gracefully on SIGTERM/SIGINT (the servers first, the pools last).
public enum PlatformServer {
    public static func run(configuration: MutualisConfiguration) async throws {
        let logger = Logger(label: "mutualis")
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let services = try await PlatformServices.start(configuration: configuration, metrics: metrics, cachingSessions: true, logger: logger)
        let application = publicApplication(router: try PlatformRouter.make(services), configuration: configuration, logger: logger)
        let internalListener = Application(
            router: PlatformRouter.makeInternal(services, logger: logger),
            configuration: .init(
                address: .hostname(configuration.internalHost, port: configuration.internalPort), serverName: "mutualis-internal"
            ),
            logger: logger
        )
        logger.info("serving", metadata: [
            "address": "http://\(configuration.httpHost):\(configuration.httpPort)",
            "internal": "http://\(configuration.internalHost):\(configuration.internalPort)",
            "members": "\(services.directory.current.tenants.count)",
            "base_domain": "\(configuration.baseDomain)",
        ])
        // Stopped in reverse order: the public server, the internal one, then what they use.
        let group = ServiceGroup(configuration: .init(
            services: [services.postgres, services.redis, services.directory]
                + (services.identity.sessionCache.map { [$0.subscription(redis: services.redis, logger: logger)] } ?? [])
                + [internalListener, application],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }

    /// The public server as `serve` runs it (tests run the same one): HTTP/1.1 with the idle
    /// timeout, the body time limits and absolute-form targets served for the host they name.
    public static func publicApplication(
        router: Router<AppRequestContext>, configuration: MutualisConfiguration, logger: Logger
    ) -> Application<RouterResponder<AppRequestContext>> {
        Application(
            router: router,
            server: .guardedHTTP1(idleTimeout: configuration.httpIdleTimeout, bodyLimits: configuration.bodyLimits),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "mutualis"),
            eventLoopGroupProvider: configuration.httpThreads.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: $0)) } ?? .singleton,
            logger: logger
        )
    }
}
