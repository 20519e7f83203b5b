import Logging
import ServiceLifecycle

/// Runs services (a server, a job runtime) in a service group while `body` runs, then stops
/// them gracefully, whether `body` returned or threw.
public enum RunningServices {
    public static func with<T>(_ services: [any Service], logger: Logger, _ body: () async throws -> T) async throws -> T {
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        let running = Task { try await group.run() }
        do {
            let value = try await body()
            await group.triggerGracefulShutdown()
            try await running.value
            return value
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }
}
