import Foundation
import Payments
import Logging
import Mail
import Tenancy
import Web

/// Everything a `mutualis` process needs, from `MUTUALIS_*` environment variables, falling back
/// on `.local/mutualis.env` in the working directory (written by `Ops/run`).
public struct MutualisConfiguration: Sendable {
    public enum LogFormat: String, Sendable {
        case text
        case json
    }

    /// The runtime role's URL (`mutualis_app`: reads and writes data, owns nothing).
    public var databaseURL: String
    /// The owner role's URL, for `migrate` and `tenants` (defaults to `databaseURL`).
    public var migrationDatabaseURL: String
    public var redisURL: String
    /// Members answer on `<slug>.<base domain>`; the console on `admin.<base domain>`.
    public var baseDomain: HostName
    public var httpHost: String
    public var httpPort: Int
    public var tenantsDirectory: URL
    /// Where the filesystem blob store keeps documents' bytes.
    public var blobRoot: URL
    /// The largest upload the document API takes, in bytes.
    public var uploadLimit: Int
    /// Development and tests only: webhooks may target plain `http` and private addresses.
    public var webhooksAllowPrivate: Bool
    /// How long members' events are kept (at least 30 days).
    public var eventsRetentionDays: Int
    public var migrationsDirectory: URL
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var databasePoolSize: Int
    /// `statement_timeout` of interactive transactions (pool), of one-shot reads (pipeline), and
    /// of a `work` process's connections (jobs).
    public var databaseStatementTimeout: Duration
    public var databaseReadTimeout: Duration
    public var jobStatementTimeout: Duration
    public var pipelineConnections: Int
    public var redisPoolSize: Int
    /// SwiftNIO event-loop threads of the HTTP server (default: one per core).
    public var httpThreads: Int?
    public var directoryRefresh: Duration
    public var migrationParallelism: Int
    /// `mutualis work`: jobs run at once, visibility timeout, per-member cap, shutdown deadline.
    public var jobConcurrency: Int
    public var jobVisibilityTimeout: Duration
    public var jobTenantCap: Int
    public var jobShutdownDeadline: Duration
    /// Where `mutualis work` answers /livez, /readyz and /metrics.
    public var workerHTTPPort: Int
    /// Where `mutualis serve` answers /livez, /readyz and /metrics (never on the public port).
    public var internalHost: String
    public var internalPort: Int
    /// A request body still arriving after the grace must have come at this average rate.
    public var bodyLimits: BodyTimeLimits
    /// A connection silent for this long is closed.
    public var httpIdleTimeout: Duration
    /// Sessions: idle and absolute timeouts.
    public var sessionIdleTimeout: Duration
    public var sessionAbsoluteTimeout: Duration
    /// How long a server trusts its in-process copy of a session (0: no cache). Revocations
    /// reach every server's cache at once through Redis Pub/Sub; this bounds the rest.
    public var sessionCacheLifetime: Duration
    /// Development only: session cookies without `Secure` (plain HTTP on localhost).
    public var insecureCookies: Bool
    /// Scheme and port of the links written into mail and redirects.
    public var publicAddresses: PublicAddresses
    /// `Strict-Transport-Security` max-age sent with every answer when cookies are secure
    /// (HTTPS); 0: not sent.
    public var hstsMaxAge: Int
    /// API requests per minute per caller (client or person) and per client address.
    public var apiRatePerMinute: Int
    public var apiAddressRatePerMinute: Int
    /// Proxies whose `Forwarded`/`X-Forwarded-For` headers name the client.
    public var trustedProxies: TrustedProxies
    /// scrypt cost (log2 N) for new password hashes, and how many hashings run at once.
    public var scryptLogN: Int
    public var passwordHashConcurrency: Int
    /// The SMTP relay mail is submitted to; nil: mail goes to `platform.mail_outbox` only.
    public var smtp: SMTPConfiguration?
    /// Trust services: the key-encryption key file, the PKI directory, an external TSA and the
    /// local TSA's policy OID.
    public var kekFile: URL
    public var pkiDirectory: URL
    public var externalTSA: URL?
    public var tsaPolicy: String
    /// The archive's second storage location (a second blob store root, on other storage).
    public var archiveSecondRoot: URL
    /// Reference specifications the platform validates against (the SEDA XSDs).
    public var specificationsDirectory: URL
    /// Scratch space (SIPs unpacked while they are checked).
    public var workDirectory: URL
    /// Every archived object is re-hashed (both copies) at least once in this many days.
    public var archiveCheckDays: Int
    /// The largest CSV an agent or a partner may upload to a dataset (refused while it streams).
    public var openDataUploadLimit: Int
    /// PayFiP's SOAP endpoint and payment page (default: the simulator `Ops/run` starts on
    /// 127.0.0.1:18300), and how long a call may take.
    public var payfipEndpoint: URL
    public var payfipPage: URL
    public var payfipTimeout: Duration
    /// PayFiP's `saisie`: `T` (test, the default: no money moves), `X` (activation) or `W` (production).
    public var payfipMode: PaymentMode
    /// After this long an attempt without a result is settled by the reconciliation (PayFiP's
    /// 15 minutes plus a margin; shortened by the chaos script).
    public var paymentSettleAfter: Duration

    public static let environmentFile = ".local/mutualis.env"

    /// Reads the process environment and, unless told not to, the local environment file.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        readingEnvironmentFile: Bool = true
    ) throws -> MutualisConfiguration {
        let file = readingEnvironmentFile ? EnvironmentFile.read(workingDirectory.appendingPathComponent(environmentFile)) : [:]
        let values = file.merging(environment) { _, process in process }
        return try MutualisConfiguration(values: values, workingDirectory: workingDirectory)
    }

    init(values: [String: String], workingDirectory: URL) throws {
        func value(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        func required(_ key: String) throws -> String {
            guard let value = value(key) else { throw ConfigurationError.missing(key) }
            return value
        }
        func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = value(key) else { return fallback }
            guard let number = Int(text), range.contains(number) else { throw ConfigurationError.invalid(key, "an integer in \(range)") }
            return number
        }
        func directory(_ key: String, default fallback: String) -> URL {
            let path = value(key) ?? fallback
            return path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
        }

        databaseURL = try required("MUTUALIS_DATABASE_URL")
        migrationDatabaseURL = value("MUTUALIS_MIGRATION_DATABASE_URL") ?? databaseURL
        redisURL = try required("MUTUALIS_REDIS_URL")
        do {
            baseDomain = try HostName(value("MUTUALIS_BASE_DOMAIN") ?? "localhost")
        } catch {
            throw ConfigurationError.invalid("MUTUALIS_BASE_DOMAIN", "a host name")
        }
        httpHost = value("MUTUALIS_HTTP_HOST") ?? "127.0.0.1"
        httpPort = try integer("MUTUALIS_HTTP_PORT", default: 8080, range: 1...65535)
        tenantsDirectory = directory("MUTUALIS_TENANTS_DIR", default: "Tenants")
        migrationsDirectory = directory("MUTUALIS_MIGRATIONS_DIR", default: "Migrations")
        blobRoot = directory("MUTUALIS_BLOB_ROOT", default: ".local/blobs")
        uploadLimit = try integer("MUTUALIS_UPLOAD_MAX_MB", default: 200, range: 1...16_384) << 20
        webhooksAllowPrivate = ["1", "true", "yes"].contains(value("MUTUALIS_WEBHOOKS_ALLOW_PRIVATE")?.lowercased() ?? "")
        eventsRetentionDays = try integer("MUTUALIS_EVENTS_RETENTION_DAYS", default: 90, range: 30...3650)
        guard let level = Logger.Level(rawValue: value("MUTUALIS_LOG_LEVEL") ?? "info") else {
            throw ConfigurationError.invalid("MUTUALIS_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical")
        }
        logLevel = level
        guard let format = LogFormat(rawValue: value("MUTUALIS_LOG_FORMAT") ?? "text") else {
            throw ConfigurationError.invalid("MUTUALIS_LOG_FORMAT", "text or json")
        }
        logFormat = format
        databasePoolSize = try integer("MUTUALIS_DB_POOL_SIZE", default: 16, range: 2...500)
        pipelineConnections = try integer("MUTUALIS_DB_PIPELINE_CONNECTIONS", default: 2, range: 0...16)
        databaseStatementTimeout = .milliseconds(try integer("MUTUALIS_DB_STATEMENT_TIMEOUT_MS", default: 30_000, range: 100...3_600_000))
        databaseReadTimeout = .milliseconds(try integer("MUTUALIS_DB_READ_TIMEOUT_MS", default: 5_000, range: 100...3_600_000))
        jobStatementTimeout = .milliseconds(try integer("MUTUALIS_JOBS_STATEMENT_TIMEOUT_MS", default: 300_000, range: 100...86_400_000))
        redisPoolSize = try integer("MUTUALIS_REDIS_POOL_SIZE", default: 16, range: 1...500)
        httpThreads = value("MUTUALIS_HTTP_THREADS") == nil ? nil : try integer("MUTUALIS_HTTP_THREADS", default: 1, range: 1...64)
        directoryRefresh = .seconds(try integer("MUTUALIS_DIRECTORY_REFRESH_SECONDS", default: 2, range: 1...3600))
        migrationParallelism = try integer("MUTUALIS_MIGRATION_PARALLELISM", default: 4, range: 1...64)
        jobConcurrency = try integer("MUTUALIS_JOBS_CONCURRENCY", default: 32, range: 1...1024)
        jobVisibilityTimeout = .seconds(try integer("MUTUALIS_JOBS_VISIBILITY_SECONDS", default: 60, range: 1...86_400))
        jobTenantCap = try integer("MUTUALIS_JOBS_TENANT_CAP", default: 64, range: 1...100_000)
        jobShutdownDeadline = .seconds(try integer("MUTUALIS_JOBS_SHUTDOWN_SECONDS", default: 25, range: 0...3600))
        workerHTTPPort = try integer("MUTUALIS_WORKER_HTTP_PORT", default: 8081, range: 1...65535)
        internalHost = value("MUTUALIS_INTERNAL_HOST") ?? httpHost
        internalPort = try integer("MUTUALIS_INTERNAL_PORT", default: 8090, range: 1...65535)
        guard internalPort != httpPort else {
            throw ConfigurationError.invalid("MUTUALIS_INTERNAL_PORT", "another port than MUTUALIS_HTTP_PORT (\(httpPort)): it must not be public")
        }
        bodyLimits = BodyTimeLimits(
            grace: .seconds(try integer("MUTUALIS_HTTP_BODY_GRACE_SECONDS", default: 30, range: 1...3600)),
            minimumRate: try integer("MUTUALIS_HTTP_MIN_BODY_RATE", default: 16_384, range: 1...1_073_741_824)
        )
        httpIdleTimeout = .seconds(try integer("MUTUALIS_HTTP_IDLE_SECONDS", default: 30, range: 1...3600))
        sessionIdleTimeout = .seconds(60 * (try integer("MUTUALIS_SESSION_IDLE_MINUTES", default: 30, range: 1...1440)))
        sessionAbsoluteTimeout = .seconds(3600 * (try integer("MUTUALIS_SESSION_ABSOLUTE_HOURS", default: 12, range: 1...168)))
        sessionCacheLifetime = .milliseconds(try integer("MUTUALIS_SESSION_CACHE_MS", default: 2000, range: 0...60_000))
        insecureCookies = ["1", "true", "yes"].contains(value("MUTUALIS_INSECURE_COOKIES")?.lowercased() ?? "")
        let scheme = value("MUTUALIS_PUBLIC_SCHEME")?.lowercased() ?? (insecureCookies ? "http" : "https")
        guard ["http", "https"].contains(scheme) else { throw ConfigurationError.invalid("MUTUALIS_PUBLIC_SCHEME", "http or https") }
        publicAddresses = PublicAddresses(
            scheme: scheme, port: value("MUTUALIS_PUBLIC_PORT") == nil ? nil : try integer("MUTUALIS_PUBLIC_PORT", default: 443, range: 1...65535),
            baseDomain: baseDomain
        )
        hstsMaxAge = try integer("MUTUALIS_HSTS_SECONDS", default: 31_536_000, range: 0...63_072_000)
        apiRatePerMinute = try integer("MUTUALIS_API_RATE_PER_MINUTE", default: 600, range: 1...1_000_000)
        apiAddressRatePerMinute = try integer("MUTUALIS_API_ADDRESS_RATE_PER_MINUTE", default: 1200, range: 1...1_000_000)
        do {
            trustedProxies = try TrustedProxies(parsing: value("MUTUALIS_TRUSTED_PROXIES") ?? "")
        } catch {
            throw ConfigurationError.invalid("MUTUALIS_TRUSTED_PROXIES", "comma-separated IP addresses or CIDR blocks (\(error))")
        }
        scryptLogN = try integer("MUTUALIS_SCRYPT_LOG_N", default: 17, range: 10...20)
        passwordHashConcurrency = try integer("MUTUALIS_PASSWORD_HASH_CONCURRENCY", default: 2, range: 1...64)
        kekFile = directory("MUTUALIS_KEK_FILE", default: ".local/secrets/kek")
        pkiDirectory = directory("MUTUALIS_PKI_DIR", default: ".local/pki")
        archiveSecondRoot = directory("MUTUALIS_ARCHIVE_SECOND_ROOT", default: ".local/archive-copy")
        specificationsDirectory = directory("MUTUALIS_SPECS_DIR", default: "../shared/specs")
        workDirectory = directory("MUTUALIS_WORK_DIR", default: ".local/work")
        archiveCheckDays = try integer("MUTUALIS_ARCHIVE_CHECK_DAYS", default: 30, range: 1...3650)
        openDataUploadLimit = try integer("MUTUALIS_OPENDATA_UPLOAD_LIMIT", default: 100 * 1024 * 1024, range: 1024...(4 << 30))
        func httpURL(_ key: String, default fallback: String) throws -> URL {
            guard let url = URL(string: value(key) ?? fallback), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError.invalid(key, "an http(s) URL")
            }
            return url
        }
        payfipEndpoint = try httpURL("MUTUALIS_PAYFIP_ENDPOINT", default: "http://127.0.0.1:18300/tpa/services/securite")
        payfipPage = try httpURL("MUTUALIS_PAYFIP_PAGE", default: "http://127.0.0.1:18300/tpa/paiementws.web")
        payfipTimeout = .seconds(try integer("MUTUALIS_PAYFIP_TIMEOUT_SECONDS", default: 20, range: 1...120))
        guard let mode = PaymentMode(rawValue: value("MUTUALIS_PAYFIP_MODE") ?? "T") else {
            throw ConfigurationError.invalid("MUTUALIS_PAYFIP_MODE", "T (test), X (activation) or W (production)")
        }
        payfipMode = mode
        paymentSettleAfter = .seconds(try integer("MUTUALIS_PAYFIP_SETTLE_AFTER_SECONDS", default: 1200, range: 5...7200))
        if let text = value("MUTUALIS_TSA_URL") {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError.invalid("MUTUALIS_TSA_URL", "an http(s) URL of an RFC 3161 service")
            }
            externalTSA = url
        } else {
            externalTSA = nil
        }
        tsaPolicy = value("MUTUALIS_TSA_POLICY") ?? "2.999.1.1"
        guard tsaPolicy.split(separator: ".").count >= 2, tsaPolicy.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw ConfigurationError.invalid("MUTUALIS_TSA_POLICY", "an object identifier such as 1.2.250.1.xxx")
        }
        if let url = value("MUTUALIS_SMTP_URL") {
            do {
                smtp = try SMTPConfiguration(
                    url: url, fromAddress: value("MUTUALIS_MAIL_FROM") ?? "no-reply@\(baseDomain)",
                    fromName: value("MUTUALIS_MAIL_FROM_NAME") ?? "Mutualis", hello: value("MUTUALIS_SMTP_HELO") ?? baseDomain.rawValue
                )
            } catch {
                throw ConfigurationError.invalid("MUTUALIS_SMTP_URL, MUTUALIS_MAIL_FROM or MUTUALIS_SMTP_HELO", "valid (\(error))")
            }
        } else {
            smtp = nil
        }
    }
}

public enum ConfigurationError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let key):
            "\(key) is not set (run from the repository after Ops/run, or export it)"
        case .invalid(let key, let expected):
            "\(key) must be \(expected)"
        }
    }
}
