import Foundation
import Redis

/// When failed sign-ins slow down and then lock: pure, so its arithmetic is tested directly.
public struct ThrottlePolicy: Sendable, Equatable {
    /// Failures allowed before any delay.
    public var freeFailures: Int
    /// Failures after which the key is locked for `lockDuration`.
    public var lockAfter: Int
    public var lockDuration: Duration
    /// Failures are forgotten after this much quiet.
    public var window: Duration

    public init(freeFailures: Int, lockAfter: Int, lockDuration: Duration = .seconds(15 * 60), window: Duration = .seconds(15 * 60)) {
        self.freeFailures = freeFailures
        self.lockAfter = lockAfter
        self.lockDuration = lockDuration
        self.window = window
    }

    /// Per account: 5 free failures, then 1 s, 2 s, 4 s… between attempts, locked after 10.
    public static let account = ThrottlePolicy(freeFailures: 5, lockAfter: 10)
    /// Per address: more room (shared addresses, offices), locked after 50.
    public static let address = ThrottlePolicy(freeFailures: 20, lockAfter: 50)

    public enum Decision: Sendable, Equatable {
        case allowed
        /// Try again after this date.
        case wait(until: Date)
    }

    public func decision(failures: Int, lastFailure: Date, now: Date) -> Decision {
        if failures >= lockAfter {
            let until = lastFailure.addingTimeInterval(lockDuration.timeInterval)
            return now < until ? .wait(until: until) : .allowed
        }
        guard failures >= freeFailures else { return .allowed }
        let delay = min(Double(1 << min(failures - freeFailures, 16)), 60)
        let until = lastFailure.addingTimeInterval(delay)
        return now < until ? .wait(until: until) : .allowed
    }
}

/// Failed sign-ins counted in Redis per account and per client address.
public struct LoginThrottle: Sendable {
    let redis: RedisClient
    let clock: @Sendable () -> Date
    public var accountPolicy = ThrottlePolicy.account
    public var addressPolicy = ThrottlePolicy.address

    public init(redis: RedisClient, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.redis = redis
        self.clock = clock
    }

    static func accountKey(_ scope: String, _ email: EmailAddress) -> String {
        "mutualis:throttle:account:\(scope):\(SessionStore.hash(email.rawValue))"
    }

    static func addressKey(_ ip: String) -> String { "mutualis:throttle:address:\(ip)" }

    /// nil when the attempt may proceed, else when it may be tried again.
    public func check(scope: String, email: EmailAddress, ip: String?) async throws -> Date? {
        let now = clock()
        var keys = [(Self.accountKey(scope, email), accountPolicy)]
        if let ip { keys.append((Self.addressKey(ip), addressPolicy)) }
        var latest: Date?
        for (key, policy) in keys {
            let values = try await redis.send(RedisCommand("HMGET", key, "failures", "last")).array ?? []
            guard values.count == 2, let failures = values[0].integer, let last = values[1].string.flatMap(Double.init) else { continue }
            if case .wait(let until) = policy.decision(failures: failures, lastFailure: Date(timeIntervalSince1970: last), now: now) {
                latest = max(latest ?? until, until)
            }
        }
        return latest
    }

    public func recordFailure(scope: String, email: EmailAddress, ip: String?) async throws {
        let now = clock().timeIntervalSince1970
        var commands: [RedisCommand] = []
        for (key, policy) in [(Self.accountKey(scope, email), accountPolicy)] + (ip.map { [(Self.addressKey($0), addressPolicy)] } ?? []) {
            commands += [
                RedisCommand("HINCRBY", key, "failures", 1),
                RedisCommand("HSET", key, "last", String(now)),
                RedisCommand("PEXPIRE", key, Int(max(policy.window, policy.lockDuration).timeInterval * 1000)),
            ]
        }
        _ = try await redis.pipeline(commands)
    }

    /// A successful sign-in clears the account's count (not the address's).
    public func recordSuccess(scope: String, email: EmailAddress) async throws {
        try await redis.send("DEL", Self.accountKey(scope, email))
    }
}
