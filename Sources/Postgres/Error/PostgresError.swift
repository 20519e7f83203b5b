/// Every failure the PostgreSQL wrapper reports: what failed, the server's or libpq's own
/// message, and the context the caller gave (a tenant, a statement), never the bound values.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A new connection could not be opened (server down, bad credentials, bad URL).
        case connectionFailed
        /// An open connection broke during a call (server restarted, network cut).
        case connectionLost
        /// The server answered with an error; `sqlState` says which.
        case server
        /// No pooled connection became free within the lease timeout.
        case poolTimeout
        /// The client was shut down.
        case shutDown
        /// A column could not be decoded to the Swift type asked for.
        case decoding
        /// The caller's configuration or arguments are not usable (bad URL, bad identifier).
        case invalidArgument
        /// libpq returned something the wrapper did not expect.
        case unexpectedState
        /// `COMMIT` was answered `ROLLBACK`: nothing of the transaction was kept.
        case rolledBack
    }

    public var code: Code
    /// libpq's or the server's primary message, or the wrapper's own explanation.
    public var message: String
    /// Five-character SQLSTATE for server errors (e.g. `23505` unique violation).
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    /// The SQL text that failed (values are bound parameters and never part of it).
    public var query: String?
    /// What the caller was doing, e.g. "tenant amiens" or "migration 0002_news.sql".
    public var context: String?

    public init(
        _ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, query: String? = nil, context: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.query = query
        self.context = context
    }

    /// True when the database could not be reached or the connection broke: the caller may
    /// answer "temporarily unavailable" and retry later.
    public var isUnavailable: Bool {
        switch code {
        case .connectionFailed, .connectionLost, .poolTimeout, .shutDown: true
        case .server: sqlState.map { $0.hasPrefix("08") || $0 == "57P01" || $0 == "57P03" } ?? false
        default: false
        }
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// Returns a copy with `context` prefixed by `what`.
    public func adding(context what: String) -> PostgresError {
        var copy = self
        copy.context = copy.context.map { "\(what): \($0)" } ?? what
        return copy
    }

    public var description: String {
        var text = "PostgreSQL \(code.rawValue)"
        if let sqlState { text += " [\(sqlState)]" }
        if let context { text += " (\(context))" }
        text += ": \(message)"
        if let detail { text += " — \(detail)" }
        if let hint { text += " (hint: \(hint))" }
        if let query { text += " — query: \(query.prefix(200))" }
        return text
    }
}
