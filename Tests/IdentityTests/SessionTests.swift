import Foundation
@testable import Identity
import Redis
import TestSupport
import Testing

@Suite("Sessions (Redis, with a hand-moved clock)")
struct SessionTests {
    func withStore<T>(_ body: (SessionStore, TestClock, RedisClient) async throws -> T) async throws -> T {
        try await RedisClient.with(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger) { redis in
            let clock = TestClock()
            return try await body(SessionStore(redis: redis, clock: clock.function), clock, redis)
        }
    }

    func open(_ store: SessionStore, account: String = UUID().uuidString.lowercased(), tenant: String = "amiens") async throws -> (id: String, record: SessionRecord) {
        try await store.create(tenant: tenant, kind: .agent, accountID: account, label: "a@b.fr", roles: [.agent], ip: "127.0.0.1", userAgent: "tests")
    }

    @Test("ids are 256-bit random, Redis keeps only their hash")
    func hashedIDs() async throws {
        try await withStore { store, _, redis in
            let (id, _) = try await open(store)
            #expect(id.utf8.count == 43)
            #expect(try await redis.send("EXISTS", "mutualis:session:\(id)") == .integer(0))
            #expect(try await redis.send("EXISTS", "mutualis:session:\(SessionStore.hash(id))") == .integer(1))
            #expect(try await store.lookup(id)?.accountID != nil)
            #expect(try await store.lookup(SessionStore.hash(id)) == nil)
        }
    }

    @Test("idle for 30 minutes: gone; used within: kept")
    func idleTimeout() async throws {
        try await withStore { store, clock, _ in
            let (id, _) = try await open(store)
            clock.advance(by: 29 * 60)
            #expect(try await store.lookup(id) != nil)
            clock.advance(by: 29 * 60)
            #expect(try await store.lookup(id) != nil, "the previous use counts as activity")
            clock.advance(by: 30 * 60 + 1)
            #expect(try await store.lookup(id) == nil)
        }
    }

    @Test("12 hours after sign-in the session ends however active it was")
    func absoluteTimeout() async throws {
        try await withStore { store, clock, _ in
            let (id, _) = try await open(store)
            for _ in 0..<35 {
                clock.advance(by: 20 * 60)
                #expect(try await store.lookup(id) != nil)
            }
            clock.advance(by: 20 * 60 + 1)
            #expect(try await store.lookup(id) == nil)
        }
    }

    @Test("rotation issues a new id and kills the old one; logout and sign-out-everywhere delete")
    func rotationAndDeletion() async throws {
        try await withStore { store, _, _ in
            let account = UUID().uuidString.lowercased()
            let first = try await open(store, account: account)
            let second = try await open(store, account: account)
            let other = try await open(store)
            #expect(first.id != second.id)
            let rotated = try #require(try await store.rotate(first.id, roles: [.agent, .signatory]))
            #expect(rotated.id != first.id)
            #expect(rotated.record.csrf != first.record.csrf)
            #expect(try await store.lookup(first.id) == nil)
            #expect(try await store.lookup(rotated.id)?.roles == [.agent, .signatory])
            #expect(try await store.sessions(tenant: "amiens", account: account).count == 2)
            try await store.delete(second.id)
            #expect(try await store.lookup(second.id) == nil)
            _ = try await open(store, account: account)
            #expect(try await store.deleteAll(tenant: "amiens", account: account) == 2)
            #expect(try await store.lookup(rotated.id) == nil)
            #expect(try await store.sessions(tenant: "amiens", account: account).isEmpty)
            #expect(try await store.lookup(other.id) != nil, "another account's session is untouched")
        }
    }

    @Test("an operator's session ends with its grant, before the absolute timeout")
    func grantBound() async throws {
        try await withStore { store, clock, _ in
            let (id, _) = try await store.create(tenant: "amiens", kind: .operator, accountID: "op", label: "op@x.fr", roles: [.tenantAdmin],
                                                 ip: nil, userAgent: nil, expiresAt: clock.now.addingTimeInterval(600))
            clock.advance(by: 599)
            #expect(try await store.lookup(id) != nil)
            clock.advance(by: 2)
            #expect(try await store.lookup(id) == nil)
        }
    }
}

@Suite("Permission catalog")
struct PermissionCatalogTests {
    static let declarations: [PermissionDeclaration] = IdentityPermissions.declarations + [
        .init(Permission("parapheur.sign"), label: "signer", delegable: false, roles: [.signatory]),
        .init(Permission("news.publish"), label: "publier", delegable: true, roles: [.agent, .tenantAdmin]),
    ]

    @Test("the permissions of every combination of roles are the union of each role's, from the modules' declarations")
    func combinations() throws {
        let catalog = try PermissionCatalog(Self.declarations)
        func held(by role: Role) -> Set<Permission> { Set(Self.declarations.filter { $0.roles.contains(role) }.map(\.permission)) }
        var subsets: [[Role]] = [[]]
        for role in Role.allCases { subsets += subsets.map { $0 + [role] } }
        #expect(subsets.count == 64)
        for roles in subsets {
            let union = roles.reduce(into: Set<Permission>()) { $0.formUnion(held(by: $1)) }
            #expect(catalog.permissions(of: roles) == union, "\(roles)")
            #expect(catalog.permissions(of: roles + roles) == union)
        }
        #expect(catalog.permissions(of: [Role]()).isEmpty)
        #expect(catalog.permissions(of: [.tenantAdmin, .signatory]).contains(Permission("parapheur.sign")))
        #expect(catalog.delegable == [Permission("news.publish"), .auditRead])
        #expect(catalog.label(.usersManage) == "gérer les agents et leurs rôles")
    }

    @Test("a permission declared twice stops the platform at start-up")
    func duplicates() {
        #expect(throws: PermissionCatalog.Conflict.self) {
            try PermissionCatalog(Self.declarations + [.init(.usersManage, label: "x", delegable: false, roles: [])])
        }
    }
}

@Suite("Sign-in throttling")
struct ThrottleTests {
    @Test("policy: free attempts, then growing delays, then a lock")
    func policy() {
        let policy = ThrottlePolicy.account
        let last = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(policy.decision(failures: 4, lastFailure: last, now: last) == .allowed)
        #expect(policy.decision(failures: 5, lastFailure: last, now: last) == .wait(until: last.addingTimeInterval(1)))
        #expect(policy.decision(failures: 5, lastFailure: last, now: last.addingTimeInterval(1)) == .allowed)
        #expect(policy.decision(failures: 7, lastFailure: last, now: last) == .wait(until: last.addingTimeInterval(4)))
        #expect(policy.decision(failures: 10, lastFailure: last, now: last.addingTimeInterval(899)) == .wait(until: last.addingTimeInterval(900)))
        #expect(policy.decision(failures: 10, lastFailure: last, now: last.addingTimeInterval(900)) == .allowed)
    }

    @Test("counts per account and per address in Redis; success clears the account's count")
    func counting() async throws {
        try await RedisClient.with(configuration: try RedisConfiguration(url: TestEnvironment.redisURL), logger: TestEnvironment.logger) { redis in
            let clock = TestClock()
            let throttle = LoginThrottle(redis: redis, clock: clock.function)
            let scope = "t-\(UUID().uuidString.prefix(8))"
            let email = try #require(EmailAddress("x@y.fr"))
            let ip = "192.0.2.\(Int.random(in: 1...250))"
            for _ in 0..<5 { try await throttle.recordFailure(scope: scope, email: email, ip: ip) }
            #expect(try await throttle.check(scope: scope, email: email, ip: ip) != nil)
            clock.advance(by: 2)
            #expect(try await throttle.check(scope: scope, email: email, ip: ip) == nil)
            try await throttle.recordSuccess(scope: scope, email: email)
            try await throttle.recordFailure(scope: scope, email: email, ip: ip)
            #expect(try await throttle.check(scope: scope, email: email, ip: ip) == nil)
        }
    }
}
