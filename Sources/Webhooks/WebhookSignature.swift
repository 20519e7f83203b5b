import Cryptography
import Foundation

/// Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-id`,
/// `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256(secret, "id.timestamp.body")>`,
/// one `v1,…` per valid secret (two during a rotation), so receivers can use the published
/// verifier libraries. Secrets are `whsec_` + base64 of 32 random bytes.
public enum WebhookSignature {
    public static let prefix = "whsec_"

    /// A new secret.
    public static func newSecret() throws -> String {
        prefix + Data(try SecureRandom.bytes(32)).base64EncodedString()
    }

    /// The key bytes of a `whsec_…` secret.
    static func key(_ secret: String) throws -> [UInt8] {
        guard secret.hasPrefix(prefix), let key = Data(base64Encoded: String(secret.dropFirst(prefix.count))), key.count >= 24 else {
            throw WebhookError.invalidSecret
        }
        return Array(key)
    }

    /// The `webhook-signature` value for a message, signed with each secret.
    public static func signature(id: String, timestamp: Int, body: [UInt8], secrets: [String]) throws -> String {
        let signed = Array("\(id).\(timestamp).".utf8) + body
        return try secrets.map { secret in "v1," + Data(try HMAC.sha256(key: try key(secret), signed)).base64EncodedString() }
            .joined(separator: " ")
    }
}

public enum WebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSecret
    /// The target may not be called: French text for the administrator.
    case refusedTarget(String)

    public var description: String {
        switch self {
        case .invalidSecret: "the webhook secret is not a whsec_ secret"
        case .refusedTarget(let reason): reason
        }
    }
}
