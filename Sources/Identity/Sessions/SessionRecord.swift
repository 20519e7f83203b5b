import Foundation

/// What a session stores (in Redis, under a hash of its id): the member, the account, its
/// kind and roles at sign-in, and its age.
public struct SessionRecord: Codable, Sendable, Equatable {
    /// The member's slug, or "" for the console.
    public var tenant: String
    public var kind: Principal.Kind
    public var accountID: String
    public var label: String
    public var roles: [Role]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Never valid after this (the absolute timeout, or the end of an operator's grant).
    public var expiresAt: Date
    /// The synchroniser token forms must echo (CSRF).
    public var csrf: String
    /// Where the session was opened from, for "my sessions".
    public var ip: String?
    public var userAgent: String?

}

/// Session lifetimes: idle timeout and absolute timeout (ASVS V7: 30 min and 12 h by default).
public struct SessionPolicy: Sendable, Equatable {
    public var idleTimeout: Duration
    public var absoluteTimeout: Duration
    /// `lastSeenAt` is written back at most this often (one Redis write per minute, not per request).
    public var touchInterval: Duration

    public init(idleTimeout: Duration = .seconds(30 * 60), absoluteTimeout: Duration = .seconds(12 * 3600), touchInterval: Duration = .seconds(60)) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
    }

    public enum Verdict: Equatable, Sendable {
        case valid(touch: Bool)
        case idleExpired
        case absoluteExpired
    }

    /// Pure: what `record` is worth at `now`.
    public func verdict(for record: SessionRecord, now: Date) -> Verdict {
        if now >= record.expiresAt { return .absoluteExpired }
        if now.timeIntervalSince(record.lastSeenAt) >= idleTimeout.timeInterval { return .idleExpired }
        return .valid(touch: now.timeIntervalSince(record.lastSeenAt) >= touchInterval.timeInterval)
    }

    /// How long Redis should keep the record from `now`: until idle or absolute expiry.
    public func timeToLive(for record: SessionRecord, now: Date) -> Duration {
        let idle = record.lastSeenAt.addingTimeInterval(idleTimeout.timeInterval).timeIntervalSince(now)
        let absolute = record.expiresAt.timeIntervalSince(now)
        return .milliseconds(max(1000, Int64(min(idle, absolute) * 1000)))
    }
}

extension Duration {
    var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
