import HTTPTypes
import Composition
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
import TestSupport
import Web

/// Metrics are bootstrapped once per process; every test platform reports into this registry.
let testMetrics: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

/// One development PKI per test process (a CA, a TSA and a seal per shipped member), made
/// as `mutualis pki init` makes it, in a temporary directory.
let testPKI: (kekFile: URL, directory: URL) = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-test-pki-\(UUID().uuidString)")
    let kekFile = root.appendingPathComponent("kek")
    do {
        let configuration = try MutualisConfiguration.load(
            environment: ["MUTUALIS_DATABASE_URL": "postgres://unused", "MUTUALIS_REDIS_URL": "redis://unused",
                          "MUTUALIS_KEK_FILE": kekFile.path, "MUTUALIS_PKI_DIR": root.appendingPathComponent("pki").path],
            workingDirectory: TestEnvironment.repositoryRoot, readingEnvironmentFile: false
        )
        try Operations(configuration: configuration, output: { _ in }).initializePKI()
    } catch {
        fatalError("test PKI: \(error)")
    }
    return (kekFile, root.appendingPathComponent("pki"))
}()

/// A whole platform on a fresh database: migrated, the shipped members (or given ones)
/// provisioned with their demo content, the router built as `mutualis serve` builds it.
struct TestPlatform {
    let services: PlatformServices
    let application: Application<RouterResponder<AppRequestContext>>
    /// `/livez`, `/readyz`, `/metrics`, as `serve`'s internal listener answers them.
    let internalApplication: Application<RouterResponder<AppRequestContext>>
    let routes: RouteTable

    static func with<T>(syncing: Bool = true, environment extra: [String: String] = [:], _ body: (TestPlatform) async throws -> T) async throws -> T {
        _ = testMetrics
        return try await TestDatabase.with { database in try await TestRedisDatabase.with { redisURL in
            let blobRoot = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: blobRoot) }
            let configuration = try MutualisConfiguration.load(
                environment: [
                    "MUTUALIS_DATABASE_URL": database.url,
                    "MUTUALIS_REDIS_URL": redisURL,
                    "MUTUALIS_BLOB_ROOT": blobRoot.path,
                    "MUTUALIS_ARCHIVE_SECOND_ROOT": blobRoot.appendingPathComponent("second").path,
                    "MUTUALIS_WORK_DIR": blobRoot.appendingPathComponent("work").path,
                    "MUTUALIS_DB_POOL_SIZE": "6",
                    "MUTUALIS_DB_PIPELINE_CONNECTIONS": "1",
                    "MUTUALIS_REDIS_POOL_SIZE": "4",
                    "MUTUALIS_SCRYPT_LOG_N": "10",
                    "MUTUALIS_KEK_FILE": testPKI.kekFile.path,
                    "MUTUALIS_PKI_DIR": testPKI.directory.path,
                    // Tests that exercise the limits set their own.
                    "MUTUALIS_API_RATE_PER_MINUTE": "100000",
                    "MUTUALIS_API_ADDRESS_RATE_PER_MINUTE": "100000",
                ].merging(extra) { _, given in given },
                workingDirectory: TestEnvironment.repositoryRoot,
                readingEnvironmentFile: false
            )
            let operations = Operations(configuration: configuration, output: { _ in })
            try await operations.migrate()
            if syncing { try await operations.syncTenants(demoContent: true) }
            let services = try await PlatformServices.start(configuration: configuration, metrics: testMetrics, logger: TestEnvironment.logger)
            do {
                let routes = RouteTable()
                let application = PlatformServer.publicApplication(
                    router: try PlatformRouter.make(services, routeTable: routes), configuration: configuration, logger: TestEnvironment.logger
                )
                let internalApplication = Application(router: PlatformRouter.makeInternal(services, logger: TestEnvironment.logger), logger: TestEnvironment.logger)
                let value = try await body(TestPlatform(services: services, application: application, internalApplication: internalApplication, routes: routes))
                await services.shutdown()
                return value
            } catch {
                await services.shutdown()
                throw error
            }
        } }
    }

    /// Runs requests against the router, in process.
    func test<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.test(.router, body)
    }

    /// Serves the public application on its configured port (`MUTUALIS_HTTP_PORT`) while `body`
    /// runs, for clients that need a fixed, known port (a browser following links the server
    /// built with `MUTUALIS_PUBLIC_PORT`).
    func serve<T>(_ body: () async throws -> T) async throws -> T {
        let port = services.configuration.httpPort
        return try await RunningServices.with([application], logger: TestEnvironment.logger) {
            for _ in 0..<200 where !FreePort.isAccepting(port) { try await Task.sleep(for: .milliseconds(25)) }
            return try await body()
        }
    }

    /// Runs requests against the internal listener's router, in process.
    func testInternal<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await internalApplication.test(.router, body)
    }
}

extension TestClientProtocol {
    /// GET with a Host header, as a browser or a partner would send it.
    func get(_ uri: String, host: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[HTTPField.Name("Host")!] = host
        return try await execute(uri: uri, method: .get, headers: all)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
