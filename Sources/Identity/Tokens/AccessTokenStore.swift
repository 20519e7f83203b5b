import Cryptography
import Foundation
import Redis

/// OAuth 2.0 bearer tokens of partner systems: opaque, short-lived (≤ 15 min), kept in Redis
/// under their hash with the member and scopes they carry. Each client's tokens are indexed so
/// that revoking the client kills them at once.
public struct AccessTokenStore: Sendable {
    public struct Grant: Codable, Sendable, Equatable {
        public var tenant: String
        public var clientID: String
        public var clientName: String
        public var scopes: [Permission]
        public var expiresAt: Date
    }

    public static let maximumLifetime: Duration = .seconds(15 * 60)

    let redis: RedisClient
    let lifetime: Duration
    let clock: @Sendable () -> Date

    public init(redis: RedisClient, lifetime: Duration = AccessTokenStore.maximumLifetime, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.redis = redis
        self.lifetime = min(lifetime, Self.maximumLifetime)
        self.clock = clock
    }

    static func key(_ hash: String) -> String { "mutualis:token:\(hash)" }
    static func index(tenant: String, client: String) -> String { "mutualis:client-tokens:\(tenant):\(client)" }

    public func issue(tenant: String, clientID: String, clientName: String, scopes: [Permission]) async throws -> (token: String, expiresIn: Int) {
        let token = try SecureRandom.token(byteCount: 32)
        let hash = SessionStore.hash(token)
        let grant = Grant(tenant: tenant, clientID: clientID, clientName: clientName, scopes: scopes,
                          expiresAt: clock().addingTimeInterval(lifetime.timeInterval))
        let index = Self.index(tenant: tenant, client: clientID)
        _ = try await redis.pipeline([
            RedisCommand("SET", Self.key(hash), try JSONEncoder.sessions.encode(grant).bytes, "PX", lifetime.milliseconds),
            RedisCommand("SADD", index, hash),
            RedisCommand("PEXPIRE", index, lifetime.milliseconds),
        ])
        return (token, Int(lifetime.timeInterval))
    }

    public func lookup(_ token: String) async throws -> Grant? {
        guard token.utf8.count == 43 else { return nil }
        guard let bytes = try await redis.pipelined(RedisCommand("GET", Self.key(SessionStore.hash(token)))).bytes,
              let grant = try? JSONDecoder.sessions.decode(Grant.self, from: Data(bytes)), grant.expiresAt > clock()
        else { return nil }
        return grant
    }

    /// Kills every token of a client; returns how many were alive.
    @discardableResult
    public func revokeAll(tenant: String, clientID: String) async throws -> Int {
        let index = Self.index(tenant: tenant, client: clientID)
        let hashes = try await redis.send("SMEMBERS", index).array?.compactMap(\.string) ?? []
        let replies = try await redis.pipeline(hashes.map { RedisCommand("DEL", Self.key($0)) } + [RedisCommand("DEL", index)])
        return replies.dropLast().reduce(0) { $0 + ($1.integer ?? 0) }
    }
}
