import CHiredis
import Glibc
import NIOPosix

/// Owns one hiredis context. Every method is a blocking hiredis call.
///
/// `@unchecked Sendable` is sound for the same reason as the PostgreSQL handle: the pool
/// leases it to one caller at a time, whose calls run one after another on a thread-pool
/// thread. The raw context never leaves this module.
final class HiredisConnection: @unchecked Sendable {
    private let context: UnsafeMutablePointer<redisContext>
    private let defaultTimeout: timeval
    private(set) var isBroken = false

    private init(context: UnsafeMutablePointer<redisContext>, defaultTimeout: timeval) {
        self.context = context
        self.defaultTimeout = defaultTimeout
    }

    deinit {
        redisFree(context)
    }

    /// `readTimeout` replaces the configuration's command timeout (a subscription waits longer).
    static func connect(_ configuration: RedisConfiguration, readTimeout: Duration? = nil) throws -> HiredisConnection {
        assert(MultiThreadedEventLoopGroup.currentEventLoop == nil, "blocking hiredis call on an event loop")
        let timeout = timeval(duration: configuration.connectTimeout)
        guard let context = redisConnectWithTimeout(configuration.host, Int32(configuration.port), timeout) else {
            throw RedisError(.connectionFailed, "hiredis could not allocate a context")
        }
        if mutualis_redis_context_error(context) != 0 {
            let error = Hiredis.contextError(context, code: .connectionFailed)
            redisFree(context)
            throw RedisError(.connectionFailed, "\(configuration.host):\(configuration.port): \(error.message)")
        }
        let connection = HiredisConnection(
            context: context, defaultTimeout: timeval(duration: readTimeout ?? configuration.commandTimeout)
        )
        redisSetTimeout(context, connection.defaultTimeout)
        if let password = configuration.password {
            var auth = RedisCommand("AUTH")
            if let user = configuration.user { auth.append(user) }
            auth.append(password)
            _ = try connection.send(auth).throwingServerError(command: "AUTH")
        }
        if configuration.database != 0 {
            _ = try connection.send(RedisCommand("SELECT", configuration.database)).throwingServerError(command: "SELECT")
        }
        return connection
    }

    /// Sends one command and reads its reply. Error replies are returned, not thrown.
    func send(_ command: RedisCommand) throws -> RedisReply {
        assert(MultiThreadedEventLoopGroup.currentEventLoop == nil, "blocking hiredis call on an event loop")
        let raw = command.withArgv { count, argv, lengths in
            redisCommandArgv(context, count, argv, lengths)
        }
        guard let raw else { throw brokenError(command.verb) }
        defer { freeReplyObject(raw) }
        return Hiredis.reply(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Reads the next reply without sending anything (Pub/Sub messages).
    func readReply() throws -> RedisReply {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw brokenError("SUBSCRIBE") }
        defer { freeReplyObject(raw) }
        return Hiredis.reply(raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Sends several commands in one write, then reads their replies in order.
    func pipeline(_ commands: [RedisCommand]) throws -> [RedisReply] {
        for command in commands {
            let status = command.withArgv { count, argv, lengths in
                redisAppendCommandArgv(context, count, argv, lengths)
            }
            guard status == REDIS_OK else { throw brokenError(command.verb) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw brokenError(command.verb) }
            replies.append(Hiredis.reply(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    /// Sends a blocking command (`XREADGROUP BLOCK`, `BLPOP`) with a longer read timeout.
    func send(_ command: RedisCommand, timeout: Duration) throws -> RedisReply {
        redisSetTimeout(context, timeval(duration: timeout))
        defer { redisSetTimeout(context, defaultTimeout) }
        return try send(command)
    }

    /// Non-blocking check of an idle connection: Redis never writes unasked (outside
    /// pub/sub), so a readable socket means the server closed it or restarted.
    func checkAlive() -> Bool {
        guard !isBroken, mutualis_redis_context_error(context) == 0 else { return false }
        var descriptor = pollfd(fd: mutualis_redis_context_fd(context), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    private func brokenError(_ verb: String) -> RedisError {
        isBroken = true
        let kind = mutualis_redis_context_error(context)
        return Hiredis.contextError(context, code: kind == REDIS_ERR_PROTOCOL || kind == REDIS_ERR_OOM ? .unexpectedReply : .connectionLost, command: verb)
    }
}

extension timeval {
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

extension RedisCommand {
    /// Exposes the arguments as hiredis's argc/argv/argvlen.
    func withArgv<R>(_ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R) -> R {
        let lengths = arguments.map(\.count)
        var storage: [UInt8] = []
        storage.reserveCapacity(lengths.reduce(0, +) + 1)
        for argument in arguments { storage.append(contentsOf: argument) }
        storage.append(0)
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var offset = 0
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(arguments.count)
            for length in lengths {
                pointers.append(base + offset)
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                body(Int32(arguments.count), argv.baseAddress!, lengths)
            }
        }
    }
}

extension RedisReply {
    /// Turns a top-level error reply into a thrown `RedisError`.
    func throwingServerError(command: String) throws -> RedisReply {
        if case .error(let message) = self { throw RedisError(.server, message, command: command) }
        return self
    }
}
