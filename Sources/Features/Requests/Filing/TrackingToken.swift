import Cryptography
import Foundation

/// The secret of an anonymous filer's tracking link (`/demarches/suivi/<token>`): only its
/// SHA-256 is stored.
enum TrackingToken {
    static func make() throws -> (token: String, hash: String) {
        let token = try SecureRandom.token(byteCount: 24)
        return (token, try hash(token))
    }

    static func hash(_ token: String) throws -> String {
        try Digest.sha256(Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A token as `make` writes them (base64url), before any lookup.
    static func isWellFormed(_ token: String) -> Bool {
        (20...64).contains(token.count) && token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
