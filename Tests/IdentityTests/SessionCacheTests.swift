import Foundation
@testable import Identity
import Logging
import Redis
import TestSupport
import Testing

@Suite("Session cache: rules, without Redis")
struct SessionCacheRuleTests {
    let record = SessionRecord(
        tenant: "amiens", kind: .agent, accountID: "a1", label: "a@b.fr", roles: [.agent], createdAt: Date(), lastSeenAt: Date(),
        expiresAt: Date().addingTimeInterval(3600), csrf: "c", ip: nil, userAgent: nil
    )
    let hash = String(repeating: "ab", count: 32)

    @Test("a cache whose revocation feed is down answers nothing and stores nothing")
    func notLive() throws {
        let cache = SessionCache(lifetime: .seconds(60))
        #expect(cache.read(hash).epoch == nil)
        cache.store(record, hash: hash, epoch: 0)
        cache.connected()
        #expect(cache.read(hash).record == nil)
        let epoch = try #require(cache.read(hash).epoch)
        cache.store(record, hash: hash, epoch: epoch)
        #expect(cache.read(hash).record?.accountID == "a1")
        cache.disconnected()
        #expect(cache.read(hash).record == nil)
        cache.connected()
        #expect(cache.read(hash).record == nil, "reconnecting starts from empty: revocations may have been missed")
    }

    @Test("a feed silent for longer than the tolerance is not trusted until it is heard again")
    func silence() async throws {
        let cache = SessionCache(lifetime: .seconds(60), tolerance: .milliseconds(100))
        cache.connected()
        cache.store(record, hash: hash, epoch: try #require(cache.read(hash).epoch))
        #expect(cache.read(hash).record != nil)
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.read(hash).record == nil, "no heartbeat: revocations may be lost on a dead link")
        #expect(!cache.isLive)
        cache.heard("")
        #expect(cache.read(hash).record != nil, "the same connection spoke again: nothing was lost")
        cache.heard(hash)
        #expect(cache.read(hash).record == nil)
    }

    @Test("an entry is trusted for its lifetime only")
    func lifetime() async throws {
        let cache = SessionCache(lifetime: .milliseconds(100))
        cache.connected()
        cache.store(record, hash: hash, epoch: try #require(cache.read(hash).epoch))
        #expect(cache.read(hash).record != nil)
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.read(hash).record == nil)
    }

    @Test("a read that raced an eviction is not stored")
    func epochRace() throws {
        let cache = SessionCache(lifetime: .seconds(60))
        cache.connected()
        let epoch = try #require(cache.read(hash).epoch)
        // Between the Redis GET and the store, this session (or any) is revoked.
        cache.evict([hash])
        cache.store(record, hash: hash, epoch: epoch)
        #expect(cache.read(hash).record == nil)
        // Other sessions' revocations meanwhile do not stop this one from being cached.
        let again = try #require(cache.read(hash).epoch)
        cache.evict([String(repeating: "0f", count: 32)])
        cache.store(record, hash: hash, epoch: again)
        #expect(cache.read(hash).record != nil)
        // Once too many evictions were remembered they are forgotten, and older reads refused.
        let old = try #require(cache.read(String(repeating: "1e", count: 32)).epoch)
        cache.evict((0...SessionCache.evictionMemory).map { String(format: "%064x", $0) })
        cache.evict([String(repeating: "2d", count: 32)])
        cache.store(record, hash: String(repeating: "1e", count: 32), epoch: old)
        #expect(cache.read(String(repeating: "1e", count: 32)).record == nil)
    }

    @Test("revocation messages name 64-hex-digit hashes and nothing else")
    func messages() {
        let other = String(repeating: "0f", count: 32)
        #expect(SessionCache.hashes(in: SessionCache.message([hash, other])) == [hash, other])
        #expect(SessionCache.hashes(in: "") == [])
        #expect(SessionCache.hashes(in: hash.uppercased()) == [])
        #expect(SessionCache.hashes(in: String(hash.dropLast())) == [])
        #expect(SessionCache.hashes(in: "\(hash) garbage zz\(hash.dropFirst(2))") == [hash])
    }
}

@Suite("Session cache across servers (Redis Pub/Sub)", .serialized)
struct SessionCacheTests {
    /// Two servers' session stores on one Redis, each with its own cache and revocation feed.
    func withServers(_ body: (SessionStore, SessionStore, RedisClient) async throws -> Void) async throws {
        try await RedisClient.with(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger) { redis in
            let caches = [SessionCache(lifetime: .seconds(60)), SessionCache(lifetime: .seconds(60))]
            let feeds = caches.map { $0.subscription(redis: redis, logger: TestEnvironment.logger) }
            let running = feeds.map { feed in Task { try await feed.run() } }
            defer { running.forEach { $0.cancel() } }
            // Subscribing waits for Redis; a loaded machine may take longer than the checks below.
            try await eventually("both revocation feeds live", within: .seconds(20)) { caches.allSatisfy(\.isLive) }
            try await body(
                SessionStore(redis: redis, cache: caches[0]), SessionStore(redis: redis, cache: caches[1]), redis
            )
            running.forEach { $0.cancel() }
            for task in running { try await task.value }
        }
    }

    func eventually(_ what: Comment = "condition", within: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("not met within \(within): \(what)")
    }

    func open(_ store: SessionStore, account: String) async throws -> String {
        try await store.create(tenant: "amiens", kind: .agent, accountID: account, label: "a@b.fr", roles: [.agent], ip: nil, userAgent: nil).id
    }

    @Test("a server answers from its cache; another server's revocation reaches it at once")
    func revocationAcrossServers() async throws {
        try await withServers { a, b, redis in
            let account = UUID().uuidString.lowercased()
            // Proof that B answers from memory: the Redis key is gone, B still knows the session.
            let cachedOnly = try await open(a, account: UUID().uuidString.lowercased())
            #expect(try await b.lookup(cachedOnly) != nil)
            _ = try await redis.send("DEL", SessionStore.key(SessionStore.hash(cachedOnly)))
            #expect(try await b.lookup(cachedOnly) != nil, "served from B's cache")

            // Logout on A: B forgets within the publish delay, not after the 60 s lifetime.
            let loggedOut = try await open(a, account: account)
            #expect(try await b.lookup(loggedOut) != nil)
            try await a.delete(loggedOut)
            try await eventually("logout seen by B") { try await b.lookup(loggedOut) == nil }

            // Rotation on A (privilege change): the old id dies on B too.
            let rotated = try await open(a, account: account)
            #expect(try await b.lookup(rotated) != nil)
            let fresh = try #require(try await a.rotate(rotated, roles: [.agent, .signatory]))
            try await eventually("rotation seen by B") { try await b.lookup(rotated) == nil }
            #expect(try await b.lookup(fresh.id)?.roles == [.agent, .signatory])

            // Sign out everywhere (or a disabled account) on A.
            let ids = [try await open(a, account: account), try await open(a, account: account)]
            for id in ids { #expect(try await b.lookup(id) != nil) }
            #expect(try await a.deleteAll(tenant: "amiens", account: account) == 3)
            try await eventually("sign-out-everywhere seen by B") {
                for id in ids + [fresh.id] where try await b.lookup(id) != nil { return false }
                return true
            }
        }
    }

    @Test("when the revocation feed drops, the cache is emptied and refilled only once it is back")
    func feedLoss() async throws {
        try await withServers { a, b, redis in
            let id = try await open(a, account: UUID().uuidString.lowercased())
            let hash = SessionStore.hash(id)
            #expect(try await b.lookup(id) != nil)
            #expect(b.cache?.read(hash).record != nil)
            // Kill every subscriber connection: both feeds reconnect on their own.
            _ = try await redis.send("CLIENT", "KILL", "TYPE", "pubsub")
            try await eventually("B's cache flushed") { b.cache?.read(hash).record == nil }
            try await eventually("B's feed back") { b.cache?.isLive == true }
            // What B may have missed while disconnected is not served from memory.
            _ = try await redis.send("DEL", SessionStore.key(hash))
            #expect(try await b.lookup(id) == nil)
        }
    }
}
