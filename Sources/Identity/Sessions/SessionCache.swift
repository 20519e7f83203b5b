import Foundation
import Logging
import Redis
import Synchronization

/// An in-process copy of recently read sessions, so that most authenticated requests do not
/// wait on Redis.
///
/// Revocation stays immediate across every server: whoever deletes a session publishes its
/// hash on ``SessionCache/channel`` and each server's ``subscription(redis:logger:)`` evicts it.
/// The cache only answers while that subscription is connected and heard from within
/// `tolerance` (a server that might miss a revocation reads Redis instead), an entry is trusted
/// for `lifetime` at most, and a read that raced that session's eviction is not stored.
public final class SessionCache: Sendable {
    public static let channel = "mutualis:session-revocations"

    struct Entry {
        var record: SessionRecord
        var storedAt: ContinuousClock.Instant
    }

    struct State {
        var entries: [String: Entry] = [:]
        /// Moves at every eviction; a read remembers it to know what happened since.
        var epoch: UInt64 = 0
        /// The epoch at which each recently evicted hash was evicted (bounded).
        var evictedAt: [String: UInt64] = [:]
        /// Reads older than this are not stored (evictions before it were forgotten).
        var floor: UInt64 = 0
        var live = false
        /// When the revocation feed last delivered anything (heartbeats included).
        var lastHeard: ContinuousClock.Instant?

        mutating func reset() {
            entries.removeAll()
            evictedAt.removeAll()
            epoch &+= 1
            floor = epoch
        }
    }

    /// How many evictions are remembered for racing reads before they are forgotten wholesale.
    static let evictionMemory = 4096

    public let lifetime: Duration
    public let capacity: Int
    /// The feed's heartbeat, and how long a silent feed is still trusted: a connection that
    /// died without a word may have lost revocations, so after `tolerance` of silence the cache
    /// stops answering (well before the subscription's own read timeout gives up on it).
    public let heartbeat: Duration
    public let tolerance: Duration
    private let state = Mutex(State())

    public init(lifetime: Duration = .seconds(2), capacity: Int = 50_000, heartbeat: Duration = .seconds(2), tolerance: Duration = .seconds(5)) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.heartbeat = heartbeat
        self.tolerance = tolerance
    }

    /// Whether the cache answers (its revocation feed is connected and was heard lately).
    public var isLive: Bool {
        let now = ContinuousClock.now
        return state.withLock { $0.live && $0.lastHeard.map { now - $0 <= tolerance } == true }
    }

    /// The cached record under `hash`, if fresh; and the epoch to store a fresh read under.
    func read(_ hash: String) -> (record: SessionRecord?, epoch: UInt64?) {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard state.live, let heard = state.lastHeard, now - heard <= tolerance else { return (nil, nil) }
            guard let entry = state.entries[hash] else { return (nil, state.epoch) }
            if now - entry.storedAt < lifetime { return (entry.record, state.epoch) }
            state.entries[hash] = nil
            return (nil, state.epoch)
        }
    }

    /// Stores a record read from Redis at `epoch`, unless this session was evicted since (the
    /// read may have raced its revocation).
    func store(_ record: SessionRecord, hash: String, epoch: UInt64) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard state.live, epoch >= state.floor, (state.evictedAt[hash] ?? 0) <= epoch else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = Entry(record: record, storedAt: now)
        }
    }

    /// Updates a cached record in place (after a touch), keeping its age.
    func update(_ record: SessionRecord, hash: String) {
        state.withLock { state in state.entries[hash]?.record = record }
    }

    public func evict(_ hashes: some Sequence<String>) {
        state.withLock { state in
            state.epoch &+= 1
            if state.evictedAt.count >= Self.evictionMemory {
                state.evictedAt.removeAll(keepingCapacity: true)
                state.floor = state.epoch
            }
            for hash in hashes {
                state.entries[hash] = nil
                state.evictedAt[hash] = state.epoch
            }
        }
    }

    /// The revocation feed connected: start answering, from empty.
    func connected() {
        let now = ContinuousClock.now
        state.withLock { state in
            state.reset()
            state.live = true
            state.lastHeard = now
        }
    }

    /// A message on the feed: a heartbeat (empty) or the hashes of revoked sessions.
    func heard(_ payload: String) {
        let now = ContinuousClock.now
        state.withLock { $0.lastHeard = now }
        if !payload.isEmpty { evict(Self.hashes(in: payload)) }
    }

    /// The revocation feed was lost: revocations may be missed, so stop answering.
    func disconnected() {
        state.withLock { state in
            state.live = false
            state.reset()
        }
    }

    /// The service that keeps this cache live: it listens for revocations on `channel`.
    public func subscription(redis: RedisClient, logger: Logger) -> RedisSubscription {
        RedisSubscription(
            client: redis, channel: Self.channel, heartbeat: heartbeat, logger: logger,
            listener: .init(
                connected: { [self] in connected() },
                disconnected: { [self] in disconnected() },
                message: { [self] payload in heard(payload) }
            )
        )
    }

    /// The session hashes a revocation message names (64 hex digits each, space-separated).
    static func hashes(in payload: String) -> [String] {
        payload.split(separator: " ").compactMap { part in
            part.utf8.count == 64 && part.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) } ? String(part) : nil
        }
    }

    static func message(_ hashes: [String]) -> String { hashes.joined(separator: " ") }
}
