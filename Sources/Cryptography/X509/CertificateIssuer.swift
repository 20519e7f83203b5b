import COpenSSL
import Foundation

/// NIDs used by the X.509 code, in one place (OpenSSL's macros are `Int32` constants).
enum NIDs {
    static let subjectKeyIdentifier = NID_subject_key_identifier
    static let authorityKeyIdentifier = NID_authority_key_identifier
    static let basicConstraints = NID_basic_constraints
    static let keyUsage = NID_key_usage
    static let extendedKeyUsage = NID_ext_key_usage
}

/// A distinguished name, written in order ("C", "O", "OU", "CN", "emailAddress"…).
public struct DistinguishedName: Sendable, Hashable {
    public var components: [(key: String, value: String)]

    public init(_ components: [(key: String, value: String)]) {
        self.components = components
    }

    public static func == (lhs: DistinguishedName, rhs: DistinguishedName) -> Bool {
        lhs.components.map(\.key) == rhs.components.map(\.key) && lhs.components.map(\.value) == rhs.components.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for component in components {
            hasher.combine(component.key)
            hasher.combine(component.value)
        }
    }

    func makeName() throws -> OpaquePointer {
        let name = try OpenSSL.check(X509_NAME_new(), "X509_NAME_new")
        for component in components {
            let bytes = Array(component.value.utf8)
            guard X509_NAME_add_entry_by_txt(name, component.key, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
                X509_NAME_free(name)
                throw OpenSSL.error("name component \(component.key)")
            }
        }
        return name
    }
}

/// Issues X.509 v3 certificates: self-signed authorities, and certificates signed by an
/// authority's key, with the extensions of a `CertificateProfile`. SHA-256 signatures.
public enum CertificateIssuer {
    public struct Request: Sendable {
        public var subject: DistinguishedName
        public var publicKey: PrivateKey
        public var profile: CertificateProfile
        public var notBefore: Date
        public var notAfter: Date

        public init(subject: DistinguishedName, publicKey: PrivateKey, profile: CertificateProfile, notBefore: Date, notAfter: Date) {
            self.subject = subject
            self.publicKey = publicKey
            self.profile = profile
            self.notBefore = notBefore
            self.notAfter = notAfter
        }
    }

    /// A self-signed certificate for `request.publicKey` (a root authority).
    public static func selfSigned(_ request: Request) throws -> Certificate {
        try issue(request, issuer: nil, signingKey: request.publicKey)
    }

    /// A certificate signed by `authority` with its key `authorityKey`.
    public static func issue(_ request: Request, by authority: Certificate, authorityKey: PrivateKey) throws -> Certificate {
        guard authority.matches(authorityKey) else {
            throw CryptographyError(operation: "certificate issuance", message: "the authority key does not match \(authority.subject)")
        }
        return try issue(request, issuer: authority, signingKey: authorityKey)
    }

    private static func issue(_ request: Request, issuer: Certificate?, signingKey: PrivateKey) throws -> Certificate {
        let operation = "certificate for \(request.subject.components.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"
        let certificate = try OpenSSL.check(X509_new(), "\(operation): X509_new")
        let owned = Certificate(taking: certificate)
        try OpenSSL.check(X509_set_version(certificate, 2), "\(operation): version")
        let serial = try SecureRandom.bytes(16)
        var positive = serial
        positive[0] &= 0x7f
        guard let number = BN_bin2bn(positive, Int32(positive.count), nil) else { throw OpenSSL.error("\(operation): serial") }
        defer { BN_free(number) }
        try OpenSSL.check(BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)), "\(operation): serial")
        let subject = try request.subject.makeName()
        defer { X509_NAME_free(subject) }
        try OpenSSL.check(X509_set_subject_name(certificate, subject), "\(operation): subject")
        try OpenSSL.check(X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.pointer) } ?? subject), "\(operation): issuer")
        _ = try OpenSSL.check(ASN1_TIME_set(X509_getm_notBefore(certificate), time_t(request.notBefore.timeIntervalSince1970)), "\(operation): notBefore")
        _ = try OpenSSL.check(ASN1_TIME_set(X509_getm_notAfter(certificate), time_t(request.notAfter.timeIntervalSince1970)), "\(operation): notAfter")
        try OpenSSL.check(X509_set_pubkey(certificate, request.publicKey.pointer), "\(operation): public key")

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.pointer ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in request.profile.extensions {
            let ext = try OpenSSL.check(X509V3_EXT_conf_nid(nil, &context, nid, value), "\(operation): extension \(value)")
            defer { X509_EXTENSION_free(ext) }
            try OpenSSL.check(X509_add_ext(certificate, ext, -1), "\(operation): add extension \(value)")
        }
        guard X509_sign(certificate, signingKey.pointer, EVP_sha256()) > 0 else { throw OpenSSL.error("\(operation): sign") }
        return owned
    }
}
