import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// The signatories' certificates and sealed keys (`parapheur_signatories`): a key opens only
/// with the platform's KEK and the signatory's PIN, and wrong PINs are throttled as sign-ins
/// are (per account: 5 free, then growing delays, locked after 10).
struct SignatoryKeys: Sendable {
    let member: MemberStore
    let trust: TrustServices
    /// nil for operators' commands (enrolment), which never unlock.
    let throttle: LoginThrottle?

    func certificate(of account: AccountID) async throws -> Certificate? {
        guard let pem = try await member.read("SELECT certificate FROM parapheur_signatories WHERE account_id = \(account)").first?.decode(String.self, at: 0) else {
            return nil
        }
        return try Certificate(pem: Array(pem.utf8))
    }

    /// Stores (or replaces) the account's certificate and key, sealed under `pin`.
    func enrol(_ account: AccountID, identity: SigningIdentity, pin: String) async throws {
        guard Self.acceptable(pin) else { throw TrustError.noIdentity("Le code PIN doit comporter de 4 à 12 chiffres.") }
        let envelope = try KeyEnvelope.seal(identity.key, label: label(account), kek: trust.kek, pin: pin)
        let pem = ([identity.certificate] + identity.chain).map(\.pem).joined()
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO parapheur_signatories (account_id, certificate, envelope) VALUES (\(account), \(pem), \(try PostgresJSON(encoding: envelope)))
                ON CONFLICT (account_id) DO UPDATE SET certificate = excluded.certificate, envelope = excluded.envelope, updated_at = now()
                """)
        }
    }

    /// The account's signing identity, its key opened with `pin`. A wrong PIN counts as a failed
    /// sign-in of the account (`TrustError.wrongPIN`); too many: `ThrottledPIN` until a date.
    func unlock(_ account: AccountID, email: EmailAddress, pin: String?, clientIP: String?) async throws -> SigningIdentity {
        let scope = "pin:\(member.slug.rawValue)"
        guard let throttle else { throw TrustError.keyUnavailable("no throttle") }
        if let until = try await throttle.check(scope: scope, email: email, ip: nil) { throw ThrottledPIN(until: until) }
        guard let row = try await member.read("SELECT certificate, envelope FROM parapheur_signatories WHERE account_id = \(account)").first else {
            throw TrustError.noIdentity("Vous n'avez pas de certificat de signature sur cette plate-forme ; déposez une signature faite avec votre carte.")
        }
        let certificates = try Certificate.all(pem: Array(try row.decode(String.self, at: 0).utf8))
        let envelope = try row.decode(PostgresJSON.self, at: 1).decode(KeyEnvelope.self)
        guard let pin, !pin.isEmpty else { throw TrustError.wrongPIN }
        do {
            let key = try envelope.open(kek: trust.kek, pin: pin)
            try await throttle.recordSuccess(scope: scope, email: email)
            return SigningIdentity(certificate: certificates[0], key: key, chain: Array(certificates.dropFirst()))
        } catch TrustError.wrongPIN {
            try await throttle.recordFailure(scope: scope, email: email, ip: clientIP)
            throw TrustError.wrongPIN
        }
    }

    private func label(_ account: AccountID) -> String { "signatory:\(member.slug.rawValue):\(account.uuidString.lowercased())" }

    static func acceptable(_ pin: String) -> Bool { (4...12).contains(pin.count) && pin.allSatisfy(\.isASCII) && pin.allSatisfy(\.isNumber) }
}

/// Too many wrong PINs: signing is refused until `until`.
struct ThrottledPIN: Error {
    var until: Date
}
