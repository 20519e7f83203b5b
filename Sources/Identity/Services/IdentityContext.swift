import Foundation
import Logging
import Postgres
import Redis
import Tenancy
import TenantStore

/// What identity services share: storage, the session and token stores, the throttle, the
/// password hasher and policy, and a clock that tests can move.
public struct IdentityContext: Sendable {
    public let store: TenantStore
    public let redis: RedisClient
    public let sessions: SessionStore
    /// The servers' in-process session cache (nil in workers and commands).
    public let sessionCache: SessionCache?
    public let accessTokens: AccessTokenStore
    public let throttle: LoginThrottle
    /// Every permission of the platform and the roles that carry them (from the modules).
    public let catalog: PermissionCatalog
    /// Token buckets (sign-up, reset and verification mail, the API's rate limits).
    public let rateLimiter: RateLimiter
    public let accountThrottles: AccountThrottles
    public let hasher: PasswordHasher
    public let passwordPolicy: PasswordPolicy
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(
        postgres: PostgresClient, redis: RedisClient, hasher: PasswordHasher, passwordPolicy: PasswordPolicy, catalog: PermissionCatalog,
        sessionPolicy: SessionPolicy = SessionPolicy(), sessionCache: SessionCache? = nil, accountThrottles: AccountThrottles = AccountThrottles(),
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        store = TenantStore(client: postgres)
        self.redis = redis
        self.sessionCache = sessionCache
        sessions = SessionStore(redis: redis, policy: sessionPolicy, cache: sessionCache, clock: clock)
        accessTokens = AccessTokenStore(redis: redis, clock: clock)
        throttle = LoginThrottle(redis: redis, clock: clock)
        self.catalog = catalog
        rateLimiter = RateLimiter(redis: redis)
        self.accountThrottles = accountThrottles
        self.hasher = hasher
        self.passwordPolicy = passwordPolicy
        self.clock = clock
        self.logger = logger
    }

    /// Runs `body` in a transaction on the platform's tables.
    func withPlatform<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await store.client.withTransaction(context: "identity", body)
    }
}

/// Where a request came from, for the journal and "my sessions".
public struct RequestOrigin: Sendable, Equatable {
    public var ip: String?
    public var userAgent: String?
    /// `https://amiens.example.org`: the portal the user is on, for links in e-mails.
    public var portal: String

    public init(ip: String?, userAgent: String?, portal: String) {
        self.ip = ip
        self.userAgent = userAgent
        self.portal = portal
    }
}
