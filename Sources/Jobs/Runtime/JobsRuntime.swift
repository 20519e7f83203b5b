import Foundation
import Logging
import Postgres
import Redis
import ServiceLifecycle

/// What `mutualis work` runs: the relay, the scheduler and a worker, as services of one group.
public struct JobsRuntime: Sendable {
    public let services: [any Service]
    /// The queues this process works on.
    public let queues: [String]
    public let consumer: String

    public init(
        postgres: PostgresClient, redis: RedisClient, registry: JobRegistry, schedules: [JobSchedule],
        configuration: JobsConfiguration, logger: Logger, consumer: String = JobsRuntime.consumerName()
    ) throws {
        let queues = configuration.queues ?? registry.queues
        let metrics = JobMetrics()
        self.queues = queues
        self.consumer = consumer
        services = [
            try JobRelay(postgres: postgres, redis: redis, queues: registry.queues, configuration: configuration, metrics: metrics, logger: logger),
            JobScheduler(client: postgres, schedules: schedules, logger: logger),
            JobWorker(
                consumer: consumer, postgres: postgres, redis: redis, registry: registry, queues: queues,
                configuration: configuration, metrics: metrics, logger: logger
            ),
        ]
    }

    /// `host-pid-random`: unique per process, readable in Redis and in `platform.jobs.worker`.
    public static func consumerName() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "worker"
        return "\(host)-\(getpid())-\(UInt16.random(in: 0...UInt16.max))"
    }

    /// The handlers every worker process knows: diagnostics and the platform's maintenance.
    public static func platformHandlers(into registry: inout JobRegistry) {
        registry.register(NoopJob())
        registry.register(LedgerJob())
        registry.register(PurgeFinishedJobs())
    }

    /// The platform's own recurring jobs.
    public static func platformSchedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "jobs.purge", cron: "30 3 * * *", PurgeFinishedJobs.self, payload: .init(days: 7), perTenant: false)]
    }
}
