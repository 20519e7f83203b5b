import Hummingbird
import Identity
import Logging
import Metrics
import NIOPosix
import Prometheus
import ServiceLifecycle
import Tenancy
import TenantStore

/// `mutualis serve`: the HTTP server and the services it needs, in one service group that
/// shuts down gracefully on SIGTERM/SIGINT (the server first, the pools last).
public enum PlatformServer {
    public static func run(configuration: MutualisConfiguration) async throws {
        let logger = Logger(label: "mutualis")
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let services = try await PlatformServices.start(configuration: configuration, metrics: metrics, cachingSessions: true, logger: logger)
        let router = try PlatformRouter.make(services)
        let application = Application(
            router: router,
            // A connection that sends nothing (a half-sent request, a stalled upload) is closed.
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.httpIdleTimeout.components.seconds)))),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "mutualis"),
            services: [services.postgres, services.redis, services.directory]
                + (services.identity.sessionCache.map { [$0.subscription(redis: services.redis, logger: logger)] } ?? []),
            eventLoopGroupProvider: configuration.httpThreads.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: $0)) } ?? .singleton,
            logger: logger
        )
        logger.info("serving", metadata: [
            "address": "http://\(configuration.httpHost):\(configuration.httpPort)",
            "members": "\(services.directory.current.tenants.count)",
            "base_domain": "\(configuration.baseDomain)",
        ])
        try await application.runService()
    }
}
