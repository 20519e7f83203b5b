import Foundation
import HTTPTypes
import Hummingbird
import Identity

/// The API's rate limits: per caller (a partner client, or a signed-in person) and per client
/// address, token buckets in Redis checked in one round trip per request. Every answer says
/// where the caller stands (`RateLimit-Policy`, `RateLimit`, draft-ietf-httpapi-ratelimit-headers);
/// beyond, 429 with `Retry-After`.
public struct APIRateLimits: Sendable {
    public var perCaller: RateLimit
    public var perAddress: RateLimit

    public init(perCallerPerMinute: Int, perAddressPerMinute: Int) {
        perCaller = RateLimit(name: "api-caller", capacity: perCallerPerMinute, period: .seconds(60))
        perAddress = RateLimit(name: "api-address", capacity: perAddressPerMinute, period: .seconds(60))
    }

    /// The policy header, the same on every answer.
    var policyHeader: String {
        "\"caller\";q=\(perCaller.capacity);w=60, \"address\";q=\(perAddress.capacity);w=60"
    }

    /// Consumes one request; throws 429 beyond the limits; returns the headers to add.
    func check(member: String, principal: Principal?, address: String?, limiter: RateLimiter) async throws -> HTTPFields {
        var buckets: [(limit: RateLimit, subject: String)] = [(perAddress, address ?? "unknown")]
        if let principal { buckets.append((perCaller, "\(member):\(principal.kind.rawValue):\(principal.id)")) }
        let decision = try await limiter.consume(buckets)
        let name = decision.limit.name == perCaller.name ? "caller" : "address"
        var headers: HTTPFields = [
            Self.policyField: policyHeader,
            Self.stateField: "\"\(name)\";r=\(decision.remaining);t=\(decision.allowed ? decision.reset : decision.retryAfter)",
        ]
        guard decision.allowed else {
            headers[.retryAfter] = String(decision.retryAfter)
            throw WebError(.tooManyRequests, kind: "rate-limited", title: "Trop de requêtes",
                           detail: "Trop de requêtes en une minute. Réessayez dans \(decision.retryAfter) seconde(s).", headers: headers)
        }
        return headers
    }

    static let policyField = HTTPField.Name("RateLimit-Policy")!
    static let stateField = HTTPField.Name("RateLimit")!
}
