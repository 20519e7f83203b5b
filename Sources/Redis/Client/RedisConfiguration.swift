import Foundation

/// How to reach Redis: parsed from `redis://[user:password@]host[:port][/database]`.
public struct RedisConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var database: Int
    public var poolSize: Int
    public var leaseTimeout: Duration
    public var connectTimeout: Duration
    /// Read/write timeout of ordinary commands; blocking commands pass their own.
    public var commandTimeout: Duration

    public init(
        url: String, poolSize: Int = 16, leaseTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(5)
    ) throws {
        guard let components = URLComponents(string: url), components.scheme == "redis",
              let host = components.host, !host.isEmpty
        else {
            throw RedisError(.invalidArgument, "invalid Redis URL (expected redis://[user:password@]host[:port][/db])")
        }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard path.isEmpty || Int(path) != nil else {
            throw RedisError(.invalidArgument, "invalid Redis database number in URL")
        }
        self.host = host
        self.port = components.port ?? 6379
        self.user = components.user.flatMap { $0.isEmpty ? nil : $0 }
        self.password = components.password
        self.database = Int(path) ?? 0
        self.poolSize = poolSize
        self.leaseTimeout = leaseTimeout
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        guard poolSize > 0 else { throw RedisError(.invalidArgument, "pool size must be positive") }
    }

    /// Host, port and database, without credentials, for logs.
    public var redactedURL: String { "redis://\(host):\(port)/\(database)" }
}
