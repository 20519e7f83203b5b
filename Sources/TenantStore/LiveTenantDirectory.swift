import Logging
import ServiceLifecycle
import Synchronization
import Tenancy

/// The members as the web server sees them: a snapshot of `platform.tenants`, reloaded every
/// few seconds so that a suspension or a new member takes effect without a restart. If a
/// reload fails the last good snapshot stays in use.
public final class LiveTenantDirectory: Service, TenantDirectorySource, Sendable {
    private let snapshot: Mutex<TenantDirectory>
    private let registry: TenantRegistry
    private let baseDomain: HostName
    private let refreshInterval: Duration
    private let logger: Logger

    public init(registry: TenantRegistry, baseDomain: HostName, refreshInterval: Duration, logger: Logger) async throws {
        self.registry = registry
        self.baseDomain = baseDomain
        self.refreshInterval = refreshInterval
        self.logger = logger
        self.snapshot = Mutex(try await registry.directory(baseDomain: baseDomain))
    }

    public var current: TenantDirectory { snapshot.withLock { $0 } }

    public func refresh() async throws {
        let fresh = try await registry.directory(baseDomain: baseDomain)
        snapshot.withLock { $0 = fresh }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.refreshInterval)
                if Task.isCancelled { break }
                do {
                    try await self.refresh()
                } catch {
                    self.logger.warning("could not reload the member directory; keeping the last one", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
