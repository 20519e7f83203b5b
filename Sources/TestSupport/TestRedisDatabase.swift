import Foundation
import Logging
import Redis
import Synchronization

/// One of the shared test Redis server's numbered databases (1–15), leased for a test and
/// emptied before it: tests running side by side never see each other's keys (rate-limit
/// buckets keyed by an address or a recipient, say). Database 0 stays for tests that do not
/// lease one.
public enum TestRedisDatabase {
    private static let free = Mutex(Array(1...15))
    private static let permits = AsyncPermits(15)

    /// Runs `body` with the URL of a leased, empty database.
    public static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        await permits.acquire()
        let index = free.withLock { $0.removeFirst() }
        defer {
            free.withLock { $0.append(index) }
            Task { await permits.release() }
        }
        var components = URLComponents(string: TestEnvironment.redisURL)
        components?.path = "/\(index)"
        let url = components?.string ?? TestEnvironment.redisURL
        try await RedisClient.with(configuration: try RedisConfiguration(url: url, poolSize: 1), logger: TestEnvironment.logger) { client in
            try await client.send("FLUSHDB")
        }
        return try await body(url)
    }
}
