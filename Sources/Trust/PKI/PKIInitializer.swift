import Cryptography
import Foundation

/// `mutualis pki init` and `mutualis pki import`: a development PKI (a consortium test CA, a
/// timestamping unit, a seal per member) or an install's own material.
public struct PKIInitializer: Sendable {
    public let directory: PKIDirectory
    public let kek: KeyEncryptionKey
    public var consortium: String

    public init(directory: PKIDirectory, kek: KeyEncryptionKey, consortium: String = "Consortium Mutualis") {
        self.directory = directory
        self.kek = kek
        self.consortium = consortium
    }

    /// Creates what is missing: the CA (10 years, RSA 3072), the TSA (ECDSA P-256, 5 years) and
    /// a seal per member (RSA 2048, 3 years). Returns one line per thing made.
    public func initialize(members: [(slug: String, name: String)], now: Date = Date()) throws -> [String] {
        var made: [String] = []
        let caPaths = directory.authority
        let authority: SigningIdentity
        if FileManager.default.fileExists(atPath: caPaths.key.path) {
            authority = try directory.identity(caPaths, kek: kek)
        } else {
            let key = try PrivateKey.generate(.rsa(bits: 3072))
            let certificate = try CertificateIssuer.selfSigned(.init(
                subject: DistinguishedName([("C", "FR"), ("O", consortium), ("CN", "\(consortium) - AC de test")]),
                publicKey: key, profile: .authority, notBefore: now.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(86400 * 3652)))
            authority = SigningIdentity(certificate: certificate, key: key, chain: [])
            try directory.store(authority, at: caPaths, label: "ca", kek: kek)
            made.append("test CA \(certificate.subject) (SHA-256 \(certificate.fingerprint))")
        }
        if !FileManager.default.fileExists(atPath: directory.anchors.path) {
            try directory.write([authority.certificate], to: directory.anchors)
        }
        if !FileManager.default.fileExists(atPath: directory.timestamping.key.path) {
            let tsa = try issue(by: authority, name: "\(consortium) - Horodatage", organisation: consortium, kind: .ecP256,
                                profile: .timestamping, years: 5, now: now)
            try directory.store(tsa, at: directory.timestamping, label: "tsa", kek: kek)
            made.append("timestamping unit \(tsa.certificate.subject)")
        }
        for member in members where !FileManager.default.fileExists(atPath: directory.seal(member.slug).key.path) {
            let seal = try issue(by: authority, name: "Cachet serveur - \(member.name)", organisation: member.name, kind: .rsa(bits: 2048),
                                 profile: .seal, years: 3, now: now)
            try directory.store(seal, at: directory.seal(member.slug), label: "seal:\(member.slug)", kek: kek)
            made.append("seal of \(member.slug): \(seal.certificate.subject)")
        }
        return made
    }

    /// A signatory certificate for a person, from the issuing CA (development and installs that
    /// issue their agents' certificates); the caller seals the key under the person's PIN.
    public func issueSignatory(name: String, email: String, organisation: String, now: Date = Date()) throws -> SigningIdentity {
        let authority = try directory.identity(directory.authority, kek: kek)
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let certificate = try CertificateIssuer.issue(.init(
            subject: DistinguishedName([("C", "FR"), ("O", organisation), ("CN", name), ("emailAddress", email)]),
            publicKey: key, profile: .signatory, notBefore: now.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(86400 * 365 * 3)),
            by: authority.certificate, authorityKey: authority.key)
        return SigningIdentity(certificate: certificate, key: key, chain: [authority.certificate])
    }

    private func issue(by authority: SigningIdentity, name: String, organisation: String, kind: PrivateKey.Kind,
                       profile: CertificateProfile, years: Int, now: Date) throws -> SigningIdentity {
        let key = try PrivateKey.generate(kind)
        let certificate = try CertificateIssuer.issue(.init(
            subject: DistinguishedName([("C", "FR"), ("O", organisation), ("CN", name)]),
            publicKey: key, profile: profile, notBefore: now.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(86400 * 365 * Double(years))),
            by: authority.certificate, authorityKey: authority.key)
        return SigningIdentity(certificate: certificate, key: key, chain: [authority.certificate])
    }

    // MARK: Production material

    public enum Material: String, Sendable, CaseIterable {
        case anchors, tsa, seal
    }

    /// Imports an install's own material: trust anchors (PEM bundle, replacing the list), the
    /// TSA or a member's seal (PKCS#12 with its password, or PEM certificate chain + PEM key).
    public func importMaterial(_ material: Material, member: String? = nil, file: [UInt8], password: String?, keyPEM: [UInt8]?) throws -> String {
        switch material {
        case .anchors:
            let anchors = try Certificate.all(pem: file)
            try directory.write(anchors, to: member.map(directory.memberAnchors) ?? directory.anchors)
            return "\(anchors.count) trust anchor(s) for \(member ?? "every member"): " + anchors.map(\.subject).joined(separator: "; ")
        case .tsa, .seal:
            let identity: SigningIdentity
            if let keyPEM {
                let certificates = try Certificate.all(pem: file)
                identity = SigningIdentity(certificate: certificates[0], key: try PrivateKey(pem: keyPEM), chain: Array(certificates.dropFirst()))
            } else {
                let bundle = try PKCS12Bundle(der: file, password: password ?? "")
                identity = SigningIdentity(certificate: bundle.certificate, key: bundle.key, chain: bundle.chain)
            }
            guard identity.certificate.matches(identity.key) else { throw TrustError.configuration("the key is not the certificate's") }
            if material == .tsa {
                _ = try TimestampAuthority(certificate: identity.certificate, key: identity.key, chain: identity.chain, policy: "2.999")
                try directory.store(identity, at: directory.timestamping, label: "tsa", kek: kek)
                return "timestamping unit \(identity.certificate.subject)"
            }
            guard let member else { throw TrustError.configuration("a seal belongs to a member: --tenant") }
            try directory.store(identity, at: directory.seal(member), label: "seal:\(member)", kek: kek)
            return "seal of \(member): \(identity.certificate.subject)"
        }
    }
}
