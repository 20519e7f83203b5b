import Cryptography
import Foundation

/// How often the actions that hash a password or send a mail may be asked for: per client
/// address (a script creating accounts) and per recipient across every member (nobody's
/// mailbox can be flooded with sign-up or reset mails). Sign-in has its own throttle
/// (`LoginThrottle`); these buckets never touch it.
public struct AccountThrottles: Sendable {
    public var signUpPerAddress = RateLimit(name: "signup-address", capacity: 5, period: .seconds(600))
    public var resetPerAddress = RateLimit(name: "reset-address", capacity: 10, period: .seconds(600))
    public var mailPerRecipient = RateLimit(name: "mail-recipient", capacity: 3, period: .seconds(1800))

    public init() {}

    /// The subject of an address bucket (`unknown` when the server could not tell).
    static func address(_ ip: String?) -> String { ip ?? "unknown" }

    /// The subject of a recipient bucket: the address hashed, so Redis holds no e-mail address.
    static func recipient(_ email: EmailAddress) -> String { SessionStore.hash(email.rawValue) }
}

extension IdentityContext {
    /// Consumes one request from each bucket, or throws `tooManyRequests`.
    func throttle(_ buckets: [(limit: RateLimit, subject: String)]) async throws {
        let decision = try await rateLimiter.consume(buckets)
        guard decision.allowed else { throw IdentityError.tooManyRequests(retryAfter: decision.retryAfter) }
    }
}
