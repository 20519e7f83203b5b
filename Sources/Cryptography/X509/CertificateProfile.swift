/// What a certificate is for: its X.509 v3 extensions.
public enum CertificateProfile: Sendable, Hashable {
    /// A certification authority (basicConstraints CA:TRUE, keyCertSign, cRLSign).
    case authority
    /// A timestamping unit (RFC 3161: extended key usage timeStamping, critical).
    case timestamping
    /// A person signing documents (digitalSignature, nonRepudiation; email protection).
    case signatory
    /// An organisation's seal, "cachet serveur" (digitalSignature, nonRepudiation).
    case seal

    /// `(extension, value)` pairs in OpenSSL's configuration syntax.
    var extensions: [(Int32, String)] {
        var list: [(Int32, String)] = [(NIDs.subjectKeyIdentifier, "hash"), (NIDs.authorityKeyIdentifier, "keyid:always")]
        switch self {
        case .authority:
            list += [(NIDs.basicConstraints, "critical,CA:TRUE"), (NIDs.keyUsage, "critical,keyCertSign,cRLSign")]
        case .timestamping:
            list += [(NIDs.basicConstraints, "critical,CA:FALSE"), (NIDs.keyUsage, "critical,digitalSignature,nonRepudiation"),
                     (NIDs.extendedKeyUsage, "critical,timeStamping")]
        case .signatory:
            list += [(NIDs.basicConstraints, "critical,CA:FALSE"), (NIDs.keyUsage, "critical,digitalSignature,nonRepudiation"),
                     (NIDs.extendedKeyUsage, "emailProtection")]
        case .seal:
            list += [(NIDs.basicConstraints, "critical,CA:FALSE"), (NIDs.keyUsage, "critical,digitalSignature,nonRepudiation")]
        }
        return list
    }
}
