import NIOConcurrencyHelpers
import NIOPosix

/// A connection leased from the pool for the duration of a `withConnection` or
/// `withTransaction` closure. Statements run one at a time on the pool's threads. Using it
/// after the closure returned throws instead of touching a connection someone else holds.
public final class PostgresConnection: Sendable {
    private let handle: NIOLockedValueBox<PGConnection?>
    private let threadPool: NIOThreadPool
    /// Context added to errors (e.g. the tenant).
    public let context: String?

    init(handle: PGConnection, threadPool: NIOThreadPool, context: String?) {
        self.handle = NIOLockedValueBox(handle)
        self.threadPool = threadPool
        self.context = context
    }

    /// Ends the lease; later calls fail.
    func invalidate() -> PGConnection? {
        handle.withLockedValue { value in
            defer { value = nil }
            return value
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        guard let connection = handle.withLockedValue({ $0 }) else {
            throw PostgresError(.unexpectedState, "connection used after its lease ended", context: context)
        }
        do {
            return try await threadPool.runIfActive { try body(connection) }
        } catch let error as PostgresError {
            throw context.map { error.adding(context: $0) } ?? error
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await run { try $0.execute(query) }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await run { try $0.execute(query).affectedRows }
    }

    /// Runs a trusted multi-statement script (migrations, fixtures): no parameters, no results.
    /// The connection is not reused afterwards (whatever the script did to the session goes
    /// with it).
    public func executeScript(unsafeSQL sql: String) async throws {
        try await run { try $0.executeScript(sql) }
    }

    /// Runs `body` inside a savepoint: if it throws, the transaction goes back to where it was
    /// before `body` and stays usable, and the error is rethrown for the caller to handle.
    /// Without a savepoint, a failed statement aborts the whole transaction, and catching its
    /// error only makes `COMMIT` fail (`PostgresError.Code.rolledBack`).
    public func withSavepoint<T>(_ body: () async throws -> T) async throws -> T {
        let name = "mutualis_savepoint_\(savepoints.withLockedValue { counter in counter += 1; return counter })"
        try await control("SAVEPOINT \(name)")
        let value: T
        do {
            value = try await body()
        } catch {
            try await control("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
            throw error
        }
        try await control("RELEASE SAVEPOINT \(name)")
        return value
    }

    private let savepoints = NIOLockedValueBox(0)

    /// Transaction control issued by the client itself (`BEGIN`, `SET LOCAL`, `ROLLBACK`).
    func control(_ sql: String) async throws {
        try await run { try $0.executeControl(sql) }
    }

    /// `COMMIT`; throws `rolledBack` when the server answered `ROLLBACK`.
    func commit() async throws {
        try await run { try $0.commit() }
    }
}
