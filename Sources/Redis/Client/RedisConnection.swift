import NIOConcurrencyHelpers
import NIOPosix

/// A Redis connection leased for the duration of `withConnection` (blocking reads, several
/// commands that must share a connection). Using it after the lease ended throws.
public final class RedisConnection: Sendable {
    private let handle: NIOLockedValueBox<HiredisConnection?>
    private let threadPool: NIOThreadPool

    init(handle: HiredisConnection, threadPool: NIOThreadPool) {
        self.handle = NIOLockedValueBox(handle)
        self.threadPool = threadPool
    }

    func invalidate() -> HiredisConnection? {
        handle.withLockedValue { value in
            defer { value = nil }
            return value
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (HiredisConnection) throws -> T) async throws -> T {
        guard let connection = handle.withLockedValue({ $0 }) else {
            throw RedisError(.unexpectedReply, "connection used after its lease ended")
        }
        return try await threadPool.runIfActive { try body(connection) }
    }

    /// Sends a command; an error reply is thrown as `RedisError.server`.
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RedisReply {
        try await run { try $0.send(command).throwingServerError(command: command.verb) }
    }

    /// Sends a blocking command whose reply may take up to `timeout`.
    @discardableResult
    public func send(_ command: RedisCommand, timeout: Duration) async throws -> RedisReply {
        try await run { try $0.send(command, timeout: timeout).throwingServerError(command: command.verb) }
    }

    /// Sends commands in one write; replies in order, error replies included as `.error`.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisReply] {
        try await run { try $0.pipeline(commands) }
    }
}
