import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// A Pub/Sub subscription to one channel, read on a thread of its own (hiredis reads block).
///
/// The listener hears `connected` once the server acknowledged the subscription, every
/// message's payload (the heartbeats are empty ones: `run()` publishes one on the channel every
/// `heartbeat`, so a listener can tell a quiet feed from a dead one), and `disconnected` as soon
/// as the connection is lost or stays silent for two heartbeats. Messages published while disconnected are lost: a
/// listener must treat `disconnected` … `connected` as "I may have missed some".
public final class RedisSubscription: Service, Sendable {
    public struct Listener: Sendable {
        public var connected: @Sendable () -> Void
        public var disconnected: @Sendable () -> Void
        public var message: @Sendable (String) -> Void

        public init(
            connected: @escaping @Sendable () -> Void, disconnected: @escaping @Sendable () -> Void,
            message: @escaping @Sendable (String) -> Void
        ) {
            self.connected = connected
            self.disconnected = disconnected
            self.message = message
        }
    }

    /// What the thread and its controller share.
    private final class Control: Sendable {
        let stopping = Atomic<Bool>(false)
        /// Whoever waits for the thread to end (`shutdown` may be called more than once).
        let stopped = Mutex<[CheckedContinuation<Void, Never>]>([])
        let finished = Atomic<Bool>(false)

        func finish() {
            finished.store(true, ordering: .releasing)
            for waiter in stopped.withLock({ waiters in defer { waiters = [] }; return waiters }) { waiter.resume() }
        }
    }

    public let channel: String
    private let client: RedisClient
    private let listener: Listener
    private let heartbeat: Duration
    private let logger: Logger
    private let control = Control()
    private let started = Atomic<Bool>(false)

    public init(client: RedisClient, channel: String, heartbeat: Duration = .seconds(5), logger: Logger, listener: Listener) {
        self.client = client
        self.channel = channel
        self.heartbeat = heartbeat
        self.logger = logger
        self.listener = listener
    }

    /// Starts the reading thread (idempotent).
    func start() {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let (configuration, channel, listener, control, heartbeat, logger) = (client.configuration, channel, listener, control, heartbeat, logger)
        let thread = Thread {
            Self.loop(configuration: configuration, channel: channel, heartbeat: heartbeat, listener: listener, control: control, logger: logger)
            control.finish()
        }
        thread.name = "redis-subscription"
        thread.start()
    }

    /// Reads on the thread and publishes the heartbeat until graceful shutdown.
    public func run() async throws {
        start()
        await cancelWhenGracefulShutdown { [client, channel, heartbeat] in
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                _ = try? await client.send("PUBLISH", channel, "")
            }
        }
        await shutdown()
    }

    /// Stops the thread and waits for it (it is woken by a message of our own).
    public func shutdown() async {
        control.stopping.store(true, ordering: .releasing)
        guard started.load(ordering: .acquiring) else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = control.stopped.withLock { waiting -> Bool in
                if control.finished.load(ordering: .acquiring) { return true }
                waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
            Task { [client, channel] in _ = try? await client.send("PUBLISH", channel, "") }
        }
    }

    private static func loop(
        configuration: RedisConfiguration, channel: String, heartbeat: Duration, listener: Listener, control: Control, logger: Logger
    ) {
        var failures = 0
        while !control.stopping.load(ordering: .acquiring) {
            do {
                // A read waits at most two heartbeats: a quieter connection is presumed dead.
                let connection = try HiredisConnection.connect(configuration, readTimeout: heartbeat * 2)
                guard case .array = try connection.send(RedisCommand("SUBSCRIBE", channel)) else {
                    throw RedisError(.unexpectedReply, "SUBSCRIBE was not acknowledged", command: "SUBSCRIBE")
                }
                if failures > 0 { logger.info("Redis subscription back", metadata: ["channel": "\(channel)", "attempts": "\(failures)"]) }
                failures = 0
                listener.connected()
                defer { listener.disconnected() }
                while !control.stopping.load(ordering: .acquiring) {
                    let reply = try connection.readReply()
                    guard let parts = reply.array, parts.count == 3, parts[0].string == "message", let payload = parts[2].string else { continue }
                    listener.message(payload)
                }
            } catch {
                if control.stopping.load(ordering: .acquiring) { break }
                // Said once per outage (then every 20 attempts), retried after 0.5 s, 1 s, 2 s… at most 5 s.
                if failures % 20 == 0 {
                    logger.warning("Redis subscription interrupted; reconnecting", metadata: ["channel": "\(channel)", "error": "\(error)"])
                }
                Thread.sleep(forTimeInterval: min(0.5 * Double(1 << min(failures, 4)), 5))
                failures += 1
            }
        }
    }
}

