import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// A connection of its own that LISTENs on channels, reconnecting (and listening again) after
/// a failure. `next(timeout:)` returns the notifications that arrived, possibly none.
///
/// Its session can also hold advisory locks (leadership): `session` changes whenever the
/// connection was replaced, which means such locks were lost.
public final class PostgresListener: Sendable {
    private struct Current {
        var connection: PGConnection?
        var session = 0
    }

    private let configuration: PostgresConfiguration
    private let channels: [PostgresIdentifier]
    private let threadPool: NIOThreadPool
    private let current = NIOLockedValueBox(Current())
    private let logger: Logger

    public init(configuration: PostgresConfiguration, channels: [PostgresIdentifier], logger: Logger) {
        self.configuration = configuration
        self.channels = channels
        self.logger = logger
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
    }

    /// Identifies the current connection; it changes when the connection is replaced.
    public var session: Int { current.withLockedValue { $0.session } }

    /// Waits up to `timeout`. A broken connection is reopened on the next call; the error says
    /// notifications may have been missed (callers poll as well).
    public func next(timeout: Duration) async throws -> [PostgresNotification] {
        try await withConnection { try $0.waitForNotifications(timeout: timeout) }
    }

    /// `pg_try_advisory_lock` on this session: held until the session ends. Notifications
    /// received until now are dropped: a caller that did not get the lock does not read them
    /// (they would pile up in libpq), and one that got it starts by looking at the database.
    public func tryAdvisoryLock(_ key: Int) async throws -> (acquired: Bool, session: Int) {
        let query: PostgresQuery = "SELECT pg_try_advisory_lock(\(key))"
        let acquired = try await withConnection { connection in
            let acquired = try connection.execute(query).single()?.decode(Bool.self, at: 0) ?? false
            connection.discardNotifications()
            return acquired
        }
        return (acquired, session)
    }

    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let configuration = configuration
        let channels = channels
        let box = current
        return try await threadPool.runIfActive {
            let connection: PGConnection
            if let existing = box.withLockedValue({ $0.connection }) {
                connection = existing
            } else {
                connection = try PGConnection.connect(configuration)
                try connection.executeScript(channels.map { "LISTEN \($0.quoted)" }.joined(separator: "; "))
                box.withLockedValue { state in
                    state.connection = connection
                    state.session += 1
                }
            }
            do {
                return try body(connection)
            } catch {
                if !connection.isConnected { box.withLockedValue { $0.connection = nil } }
                throw error
            }
        }
    }

    public func shutdown() async {
        try? await threadPool.shutdownGracefully()
        current.withLockedValue { $0.connection = nil }
    }
}
