import Cryptography
import Foundation
import Redis

/// Sessions in Redis. The client holds a 256-bit random id; Redis holds only its SHA-256
/// (`mutualis:session:<hash>`), so a copy of Redis opens no session. Each account's sessions
/// are indexed (`mutualis:account-sessions:<member>:<account>`) for "my sessions",
/// "sign out everywhere" and disabling an account. Every deletion is published on
/// ``SessionCache/channel`` so that the servers' caches forget the session at once.
public struct SessionStore: Sendable {
    let redis: RedisClient
    public let policy: SessionPolicy
    let clock: @Sendable () -> Date
    let cache: SessionCache?

    public init(
        redis: RedisClient, policy: SessionPolicy = SessionPolicy(), cache: SessionCache? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.redis = redis
        self.policy = policy
        self.cache = cache
        self.clock = clock
    }

    static func key(_ hash: String) -> String { "mutualis:session:\(hash)" }
    static func index(tenant: String, account: String) -> String { "mutualis:account-sessions:\(tenant.isEmpty ? "console" : tenant):\(account)" }

    /// The hash under which a session id is stored.
    public static func hash(_ id: String) -> String {
        (try? Digest.sha256(Array(id.utf8))).map(Hex.encode) ?? ""
    }

    /// Opens a session; returns its id (for the cookie) and record. `expiresAt` shortens the
    /// absolute timeout (an operator's grant).
    public func create(
        tenant: String, kind: Principal.Kind, accountID: String, label: String, roles: Set<Role>,
        ip: String?, userAgent: String?, expiresAt: Date? = nil
    ) async throws -> (id: String, record: SessionRecord) {
        let now = clock()
        let id = try SecureRandom.token(byteCount: 32)
        let absolute = now.addingTimeInterval(policy.absoluteTimeout.timeInterval)
        let record = SessionRecord(
            tenant: tenant, kind: kind, accountID: accountID, label: label, roles: roles.sorted(), createdAt: now, lastSeenAt: now,
            expiresAt: min(absolute, expiresAt ?? absolute), csrf: try SecureRandom.token(byteCount: 24),
            ip: ip.map { String($0.prefix(64)) }, userAgent: userAgent.map { String($0.prefix(200)) }
        )
        try await write(record, hash: Self.hash(id), now: now)
        return (id, record)
    }

    /// The session behind `id`, if it exists and has not expired (an expired one is deleted).
    public func lookup(_ id: String) async throws -> SessionRecord? {
        guard id.utf8.count == 43 else { return nil }
        let hash = Self.hash(id)
        let cached = cache?.read(hash)
        var record: SessionRecord
        if let hit = cached?.record {
            record = hit
        } else {
            guard let stored = try await stored(hash) else { return nil }
            record = stored
            if let epoch = cached?.epoch { cache?.store(record, hash: hash, epoch: epoch) }
        }
        let now = clock()
        switch policy.verdict(for: record, now: now) {
        case .idleExpired, .absoluteExpired:
            try await delete(hash: hash, record: record)
            return nil
        case .valid(let touch):
            guard touch else { return record }
            record.lastSeenAt = now
            let written = try await redis.pipelined(RedisCommand(
                "SET", Self.key(hash), try JSONEncoder.sessions.encode(record).bytes, "PX", policy.timeToLive(for: record, now: now).milliseconds, "XX"
            ))
            if case .error(let message) = written { throw RedisError(.server, message, command: "SET") }
            guard written.string == "OK" else {
                // Deleted meanwhile (a revocation this cache has not heard of yet).
                cache?.evict([hash])
                return nil
            }
            cache?.update(record, hash: hash)
            return record
        }
    }

    /// Replaces a session by a new id with the same record (after a privilege change).
    public func rotate(_ id: String, roles: Set<Role>? = nil) async throws -> (id: String, record: SessionRecord)? {
        guard var record = try await lookup(id) else { return nil }
        try await delete(hash: Self.hash(id), record: record)
        let newID = try SecureRandom.token(byteCount: 32)
        if let roles { record.roles = roles.sorted() }
        record.csrf = try SecureRandom.token(byteCount: 24)
        try await write(record, hash: Self.hash(newID), now: clock())
        return (newID, record)
    }

    public func delete(_ id: String) async throws {
        let hash = Self.hash(id)
        cache?.evict([hash])
        guard let record = try await stored(hash) else { return }
        try await delete(hash: hash, record: record)
    }

    /// The record Redis holds under `hash` (nil if none, or unreadable).
    private func stored(_ hash: String) async throws -> SessionRecord? {
        guard let bytes = try await redis.pipelined(RedisCommand("GET", Self.key(hash))).bytes else { return nil }
        return try? JSONDecoder.sessions.decode(SessionRecord.self, from: Data(bytes))
    }

    /// Ends one of an account's own sessions by its hash (as listed by `sessions(of:)`): only a
    /// hash in that account's index on that member is deleted. Any other hash (another
    /// account's, another member's, unknown) is false, after the same single round trip, so
    /// the answer tells nothing about sessions that are not the caller's.
    public func delete(hash: String, tenant: String, account: String) async throws -> Bool {
        guard SessionCache.hashes(in: hash) == [hash] else { return false }
        let removed = try await redis.evaluate(
            Self.deleteOwn, keys: [Self.index(tenant: tenant, account: account), Self.key(hash)],
            arguments: [hash, SessionCache.channel, SessionCache.message([hash])]
        )
        guard removed.integer == 1 else { return false }
        cache?.evict([hash])
        return true
    }

    /// KEYS: the account's index, the session. ARGV: its hash, the revocation channel and message.
    static let deleteOwn = RedisScript("""
        if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        local removed = redis.call('DEL', KEYS[2])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return removed
        """)

    /// Ends every session of an account (sign out everywhere, account disabled); returns how many.
    @discardableResult
    public func deleteAll(tenant: String, account: String) async throws -> Int {
        let index = Self.index(tenant: tenant, account: account)
        let hashes = try await redis.send("SMEMBERS", index).array?.compactMap(\.string) ?? []
        guard !hashes.isEmpty else { return 0 }
        cache?.evict(hashes)
        // SREM of the listed hashes, not DEL of the index: a session opened meanwhile stays
        // indexed, so a later sign-out-everywhere or disabling still reaches it.
        let replies = try await redis.pipeline(
            hashes.map { RedisCommand("DEL", Self.key($0)) } + [RedisCommand("SREM", arguments: [index] + hashes), revocation(hashes)]
        )
        return replies.dropLast(2).reduce(0) { $0 + ($1.integer ?? 0) }
    }

    /// An account's live sessions, newest first, with their hashes.
    public func sessions(tenant: String, account: String) async throws -> [(hash: String, record: SessionRecord)] {
        let index = Self.index(tenant: tenant, account: account)
        let hashes = try await redis.send("SMEMBERS", index).array?.compactMap(\.string) ?? []
        guard !hashes.isEmpty else { return [] }
        let values = try await redis.send(RedisCommand("MGET", arguments: hashes.map(Self.key))).array ?? []
        var live: [(String, SessionRecord)] = []
        var gone: [String] = []
        let now = clock()
        for (hash, value) in zip(hashes, values) {
            if let bytes = value.bytes, let record = try? JSONDecoder.sessions.decode(SessionRecord.self, from: Data(bytes)),
               case .valid = policy.verdict(for: record, now: now) {
                live.append((hash, record))
            } else {
                gone.append(hash)
            }
        }
        if !gone.isEmpty { try await redis.send(RedisCommand("SREM", arguments: [index] + gone)) }
        return live.sorted { $0.1.createdAt > $1.1.createdAt }
    }

    private func write(_ record: SessionRecord, hash: String, now: Date) async throws {
        let index = Self.index(tenant: record.tenant, account: record.accountID)
        let ttl = policy.timeToLive(for: record, now: now).milliseconds
        let replies = try await redis.pipeline([
            RedisCommand("SET", Self.key(hash), try JSONEncoder.sessions.encode(record).bytes, "PX", ttl),
            RedisCommand("SADD", index, hash),
            RedisCommand("PEXPIRE", index, Int(policy.absoluteTimeout.timeInterval * 1000)),
        ])
        if case .error(let message)? = replies.first { throw RedisError(.server, message, command: "SET") }
    }

    private func delete(hash: String, record: SessionRecord) async throws {
        cache?.evict([hash])
        _ = try await redis.pipeline([
            RedisCommand("DEL", Self.key(hash)), RedisCommand("SREM", Self.index(tenant: record.tenant, account: record.accountID), hash),
            revocation([hash]),
        ])
    }

    /// Tells every server's cache to forget these sessions (sent after their deletion).
    private func revocation(_ hashes: [String]) -> RedisCommand {
        RedisCommand("PUBLISH", SessionCache.channel, SessionCache.message(hashes))
    }
}

extension JSONEncoder {
    static var sessions: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }
}

extension JSONDecoder {
    static var sessions: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

extension Data {
    var bytes: [UInt8] { Array(self) }
}

extension Duration {
    var milliseconds: Int { Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000) }
}
