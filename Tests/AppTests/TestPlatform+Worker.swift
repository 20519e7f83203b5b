import Composition
import Foundation
import Jobs
import TestSupport

extension TestPlatform {
    /// Runs the worker (every module's job handlers, as `mutualis worker` registers them; no
    /// schedules) in process while `body` runs, then stops it.
    func withWorker<T>(_ body: () async throws -> T) async throws -> T {
        let registry = PlatformWorker.registry(services, modules: try PlatformWorker.modules(services))
        let runtime = try JobsRuntime(
            postgres: services.postgres, redis: services.redis, registry: registry, schedules: [],
            configuration: JobsConfiguration(
                concurrency: 8, visibilityTimeout: .seconds(30), shutdownDeadline: .seconds(2), tenantCap: 16,
                retryPolicy: RetryPolicy(base: .milliseconds(50), cap: .milliseconds(200), jitter: 0.5), pollInterval: .milliseconds(50)
            ),
            logger: TestEnvironment.logger
        )
        return try await RunningServices.with(runtime.services, logger: TestEnvironment.logger, body)
    }

    /// Waits (bounded) until `condition` holds; returns whether it did.
    func eventually(within limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}
