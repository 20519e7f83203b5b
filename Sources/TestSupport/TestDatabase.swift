import Foundation
import Logging
import Postgres

/// A database created for one test and dropped after it, in the throwaway test cluster.
public struct TestDatabase: Sendable {
    public let name: String
    public let url: String

    /// How many test databases exist at once (each test's platform opens a dozen connections;
    /// the test cluster allows 300). `MUTUALIS_TEST_DATABASES` changes it.
    static let permits = AsyncPermits(Int(ProcessInfo.processInfo.environment["MUTUALIS_TEST_DATABASES"] ?? "") ?? 10)

    /// Creates a fresh database, runs `body` with its URL, then drops it.
    public static func with<T>(
        adminURL: String = TestEnvironment.databaseURL,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        await permits.acquire()
        do {
            let value = try await create(adminURL: adminURL, body)
            await permits.release()
            return value
        } catch {
            await permits.release()
            throw error
        }
    }

    private static func create<T>(adminURL: String, _ body: (TestDatabase) async throws -> T) async throws -> T {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let identifier = try PostgresIdentifier(String(name))
        let admin = try PostgresClient(
            configuration: PostgresConfiguration(url: adminURL, poolSize: 1, pipelineConnections: 0),
            logger: TestEnvironment.logger
        )
        do {
            try await admin.withConnection { try await $0.executeScript(unsafeSQL: "CREATE DATABASE \(identifier.quoted)") }
            let database = TestDatabase(name: identifier.name, url: Self.replacingDatabase(in: adminURL, with: identifier.name))
            let result: T
            do {
                result = try await body(database)
            } catch {
                try? await drop(identifier, admin: admin)
                throw error
            }
            try await drop(identifier, admin: admin)
            await admin.shutdown()
            return result
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    /// Drops the database. A process the test killed may leave a session of another role for a
    /// moment, which the owner may not terminate: retry for a few seconds.
    static func drop(_ identifier: PostgresIdentifier, admin: PostgresClient) async throws {
        var attempt = 0
        while true {
            do {
                try await admin.withConnection { try await $0.executeScript(unsafeSQL: "DROP DATABASE \(identifier.quoted) WITH (FORCE)") }
                return
            } catch {
                attempt += 1
                guard attempt < 40 else { throw error }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// The same database as the runtime role (`mutualis_app`): what the server may and may not do.
    public var appRoleURL: String {
        guard var components = URLComponents(string: url) else { return url }
        components.user = "mutualis_app"
        components.password = TestEnvironment.required("MUTUALIS_TEST_APP_ROLE_PASSWORD")
        return components.string ?? url
    }

    /// `postgresql://user:pw@host:port/db?x` with `db` replaced.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }

    public func configuration(poolSize: Int = 4, pipelineConnections: Int = 1, leaseTimeout: Duration = .seconds(10)) -> PostgresConfiguration {
        PostgresConfiguration(url: url, poolSize: poolSize, leaseTimeout: leaseTimeout, pipelineConnections: pipelineConnections)
    }

    /// A client for this database, shut down after `body`.
    public func withClient<T>(
        poolSize: Int = 4,
        pipelineConnections: Int = 1,
        leaseTimeout: Duration = .seconds(10),
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        try await PostgresClient.with(
            configuration: configuration(poolSize: poolSize, pipelineConnections: pipelineConnections, leaseTimeout: leaseTimeout),
            logger: TestEnvironment.logger,
            body
        )
    }
}
