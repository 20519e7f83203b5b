import Composition
import Mail
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

    @Test("mail goes to the relay of MUTUALIS_SMTP_URL, from no-reply@<base domain> unless told otherwise")
    func mail() throws {
        let base = ["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_BASE_DOMAIN": "services.amiens-metropole.fr"]
        let none = try MutualisConfiguration.load(environment: base, workingDirectory: try Fixtures.temporaryDirectory(), readingEnvironmentFile: false)
        #expect(none.smtp == nil)
        let relay = try MutualisConfiguration.load(
            environment: base.merging(["MUTUALIS_SMTP_URL": "smtp://postfix.mail:2525"]) { $1 },
            workingDirectory: try Fixtures.temporaryDirectory(), readingEnvironmentFile: false
        )
        #expect(relay.smtp?.host == "postfix.mail")
        #expect(relay.smtp?.port == 2525)
        #expect(relay.smtp?.fromAddress == "no-reply@services.amiens-metropole.fr")
    }

    @Test("missing or invalid settings are named", arguments: [
        ([:], "MUTUALIS_DATABASE_URL"),
        (["MUTUALIS_DATABASE_URL": "x"], "MUTUALIS_REDIS_URL"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_HTTP_PORT": "eighty"], "MUTUALIS_HTTP_PORT"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_BASE_DOMAIN": "bad domain"], "MUTUALIS_BASE_DOMAIN"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_LOG_LEVEL": "loud"], "MUTUALIS_LOG_LEVEL"),
        (["MUTUALIS_DATABASE_URL": "x", "MUTUALIS_REDIS_URL": "y", "MUTUALIS_SMTP_URL": "smtp://u:p@relay"], "MUTUALIS_SMTP_URL"),
    ])
    func invalid(_ environment: [String: String], _ key: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try MutualisConfiguration.load(environment: environment, workingDirectory: try Fixtures.temporaryDirectory(), readingEnvironmentFile: false)
        }
        #expect(error?.description.contains(key) == true)
    }
}
