import Hummingbird
import Jobs
import Logging
import Mail
import Metrics
import Events
import Modules
import Notifications
import Tenancy
import TenantStore
import Webhooks
import Prometheus
import ServiceLifecycle
import UnixSignals
import Web

/// `mutualis work`: the job relay, scheduler and worker, plus /livez, /readyz and /metrics on
/// `MUTUALIS_WORKER_HTTP_PORT`, in one service group that stops gracefully on SIGTERM/SIGINT.
public enum PlatformWorker {
    /// Every handler of the platform and its modules: the only place that knows them all.
    public static func registry(_ services: PlatformServices, modules: [(description: ModuleDescription, module: any FeatureModule)]) -> JobRegistry {
        var registry = JobRegistry()
        JobsRuntime.platformHandlers(into: &registry)
        registry.register(SendMailJob(relay: services.configuration.smtp.map(SMTPClient.init)))
        // The event log's consumers and the platform's recurring jobs.
        let directory = services.directory
        let members: @Sendable (TenantSlug) async throws -> Tenant? = { directory.current.tenant($0) }
        let byType = Dictionary(modules.flatMap { entry in entry.description.events.map { ($0.name, entry.module) } }, uniquingKeysWith: { first, _ in first })
        registry.register(NotifyJob(
            notices: { event, context in try await byType[event.type]?.notices(for: event, in: context) ?? [] },
            types: services.modules.eventTypes, directory: members, addresses: services.configuration.publicAddresses
        ))
        registry.register(DigestJob(directory: members, addresses: services.configuration.publicAddresses))
        registry.register(WebhookFanoutJob())
        registry.register(WebhookDeliverJob(
            client: WebhookClient(allowPrivate: services.configuration.webhooksAllowPrivate), directory: members,
            addresses: services.configuration.publicAddresses
        ))
        registry.register(PurgeEventsJob())
        for (description, module) in modules {
            registry.registering(module: description.id) { module.register(jobs: &$0) }
        }
        return registry
    }

    public static func schedules(_ services: PlatformServices, _ modules: [(description: ModuleDescription, module: any FeatureModule)]) throws -> [JobSchedule] {
        try JobsRuntime.platformSchedules() + [DigestJob.schedule(), PurgeEventsJob.schedule(days: services.configuration.eventsRetentionDays)]
            + modules.flatMap { try $0.module.schedules() }
    }

    /// The modules, made for a worker process.
    public static func modules(_ services: PlatformServices) throws -> [(description: ModuleDescription, module: any FeatureModule)] {
        let cookie = SessionCookie(insecure: services.configuration.insecureCookies)
        return services.modules.instantiate(services.moduleContext(pages: try PageRenderer(templates: services.modules.templates), cookie: cookie))
    }

    public static func jobsConfiguration(_ configuration: MutualisConfiguration, queues: [String]?, concurrency: Int?) -> JobsConfiguration {
        JobsConfiguration(
            queues: queues, concurrency: concurrency ?? configuration.jobConcurrency,
            visibilityTimeout: configuration.jobVisibilityTimeout, shutdownDeadline: configuration.jobShutdownDeadline,
            tenantCap: configuration.jobTenantCap
        )
    }

    public static func run(configuration: MutualisConfiguration, queues: [String]?, concurrency: Int?) async throws {
        let logger = Logger(label: "mutualis.worker")
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let services = try await PlatformServices.start(configuration: configuration, metrics: metrics, runningJobs: true, logger: logger)
        let modules = try modules(services)
        let registry = registry(services, modules: modules)
        if let queues, let unknown = Set(queues).subtracting(registry.queues).first {
            throw ConfigurationError.invalid("--queues", "queues with handlers (\(registry.queues.joined(separator: ", "))); \(unknown) has none")
        }
        let runtime = try JobsRuntime(
            postgres: services.postgres, redis: services.redis, registry: registry, schedules: try schedules(services, modules),
            configuration: jobsConfiguration(configuration, queues: queues, concurrency: concurrency), logger: logger
        )
        let health = Application(
            router: PlatformRouter.makeInternal(services, logger: logger),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.workerHTTPPort), serverName: "mutualis-worker"),
            logger: logger
        )
        logger.info("working", metadata: [
            "queues": "\(runtime.queues.joined(separator: ","))", "consumer": "\(runtime.consumer)",
            "mail": "\(configuration.smtp.map { "smtp://\($0.host):\($0.port)" } ?? "platform.mail_outbox (no MUTUALIS_SMTP_URL)")",
        ])
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: services.postgres), .init(service: services.redis), .init(service: services.directory),
            ] + runtime.services.map { .init(service: $0) } + [.init(service: health)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        (group.maximumGracefulShutdownDuration, group.maximumCancellationDuration) = shutdownBounds(jobDeadline: configuration.jobShutdownDeadline)
        try await ServiceGroup(configuration: group).run()
    }

    /// How long a stopping worker may take. In-flight jobs get `jobDeadline`, then are cancelled
    /// and given back; a few seconds more cover that bookkeeping. A handler that ignores its
    /// cancellation cannot hold the process beyond the second bound: the process then aborts
    /// (its jobs' leases expire and another worker takes them), well within the
    /// `terminationGracePeriodSeconds` of the Helm chart (`jobDeadline` + 10 s).
    static func shutdownBounds(jobDeadline: Duration) -> (graceful: Duration, cancellation: Duration) {
        (jobDeadline + .seconds(4), .seconds(4))
    }
}
