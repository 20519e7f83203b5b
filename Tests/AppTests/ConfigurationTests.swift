import Composition
import Foundation
import Tenancy
import TestSupport
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("environment variables win over .local/mutualis.env, which fills the rest")
    func environmentFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".local"), withIntermediateDirectories: true)
        try """
            # written by Ops/run
            MUTUALIS_DATABASE_URL=postgresql://from-file/db
            export MUTUALIS_REDIS_URL="redis://127.0.0.1:1/0"
            MUTUALIS_HTTP_PORT=9000
            """.write(to: directory.appendingPathComponent(".local/mutualis.env"), atomically: true, encoding: .utf8)
        let configuration = try MutualisConfiguration.load(
            environment: ["MUTUALIS_HTTP_PORT": "9100"], workingDirectory: directory
        )
        #expect(configuration.databaseURL == "postgresql://from-file/db")
        #expect(configuration.migrationDatabaseURL == "postgresql://from-file/db")
        #expect(configuration.redisURL == "redis://127.0.0.1:1/0")
        #expect(configuration.httpPort == 9100)
        #expect(configuration.baseDomain.rawValue == "localhost")
        #expect(configuration.tenantsDirectory.path == directory.appendingPathComponent("Tenants").path)
    }

    @Test("missing or invalid settings are named", arguments: [
        ([:], "MUTUALIS_DATABASE_URL"),
        (["MUTUALIS_DATABASE_URL": "x"], "MUTUALIS_REDIS_URL"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_HTTP_PORT": "eighty"], "MUTUALIS_HTTP_PORT"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_BASE_DOMAIN": "bad domain"], "MUTUALIS_BASE_DOMAIN"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_LOG_LEVEL": "loud"], "MUTUALIS_LOG_LEVEL"),
    ])
    func invalid(_ environment: [String: String], _ key: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try MutualisConfiguration.load(environment: environment, workingDirectory: try Fixtures.temporaryDirectory(), readingEnvironmentFile: false)
        }
        #expect(error?.description.contains(key) == true)
    }
}
