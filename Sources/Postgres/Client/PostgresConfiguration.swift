import CLibPQ
import Foundation

/// How to reach PostgreSQL and how many connections to hold.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection URL (`postgresql://user@host:port/db`) or key=value conninfo string.
    public var url: String
    public var applicationName: String
    /// Seconds libpq waits for a new connection before giving up (fail fast during an outage).
    public var connectTimeoutSeconds: Int
    /// Connections for interactive transactions (the pool), shared by every tenant.
    public var poolSize: Int
    /// How long a caller waits for a pooled connection before `poolTimeout`.
    public var leaseTimeout: Duration
    /// Dedicated pipeline connections (one thread each) for one-shot statements.
    public var pipelineConnections: Int
    /// Most requests one pipeline thread sends in a single batch.
    public var pipelineBatchLimit: Int
    /// Prepared statements kept per pipeline connection (least recently used are closed).
    public var statementCacheCapacity: Int
    /// `statement_timeout` of pooled connections (interactive transactions, jobs); nil: the
    /// server's default (none). A statement running longer is cancelled (SQLSTATE 57014).
    public var statementTimeout: Duration?
    /// `statement_timeout` of pipeline connections (one-shot reads): short, since every
    /// member's reads queue behind a slow one.
    public var pipelineStatementTimeout: Duration?

    public init(
        url: String,
        applicationName: String = "mutualis",
        connectTimeoutSeconds: Int = 3,
        poolSize: Int = 16,
        leaseTimeout: Duration = .seconds(5),
        pipelineConnections: Int = 2,
        pipelineBatchLimit: Int = 128,
        statementCacheCapacity: Int = 512,
        statementTimeout: Duration? = nil,
        pipelineStatementTimeout: Duration? = nil
    ) {
        self.url = url
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.poolSize = poolSize
        self.leaseTimeout = leaseTimeout
        self.pipelineConnections = pipelineConnections
        self.pipelineBatchLimit = pipelineBatchLimit
        self.statementCacheCapacity = statementCacheCapacity
        self.statementTimeout = statementTimeout
        self.pipelineStatementTimeout = pipelineStatementTimeout
    }

    /// Checks the URL with libpq's own parser, so a typo fails at start-up with libpq's message.
    public func validate() throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0).trimmingTrailingWhitespace() } ?? "unparsable"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(.invalidArgument, "invalid PostgreSQL URL: \(message)")
        }
        PQconninfoFree(options)
        guard poolSize > 0, pipelineConnections >= 0, pipelineBatchLimit > 0, statementCacheCapacity > 0 else {
            throw PostgresError(.invalidArgument, "pool sizes and limits must be positive")
        }
    }

    /// The URL with any password replaced, for logs.
    public var redactedURL: String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].firstIndex(of: "@") else {
            return url.contains("password") ? "(conninfo with password)" : url
        }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
