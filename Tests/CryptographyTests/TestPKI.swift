import Cryptography
import Foundation

/// A throwaway PKI for tests: a root, a timestamping unit and leaf certificates, written to a
/// temporary directory so the openssl CLI can check what the wrapper produced.
struct TestPKI {
    let directory: URL
    let rootKey: PrivateKey
    let root: Certificate
    let tsaKey: PrivateKey
    let tsa: Certificate

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        rootKey = try PrivateKey.generate(.rsa(bits: 2048))
        root = try CertificateIssuer.selfSigned(.init(
            subject: DistinguishedName([("C", "FR"), ("O", "Consortium de test"), ("CN", "Mutualis Test CA")]),
            publicKey: rootKey, profile: .authority, notBefore: Date().addingTimeInterval(-86400 * 365), notAfter: Date().addingTimeInterval(86400 * 365)))
        tsaKey = try PrivateKey.generate(.ecP256)
        tsa = try CertificateIssuer.issue(.init(
            subject: DistinguishedName([("C", "FR"), ("O", "Consortium de test"), ("CN", "Mutualis TSA")]),
            publicKey: tsaKey, profile: .timestamping, notBefore: Date().addingTimeInterval(-3600), notAfter: Date().addingTimeInterval(86400 * 365)),
            by: root, authorityKey: rootKey)
        try write("ca.pem", root.pem)
        try write("tsa.pem", tsa.pem)
    }

    func leaf(_ name: String, kind: PrivateKey.Kind = .rsa(bits: 2048), profile: CertificateProfile = .signatory,
              notBefore: Date = Date().addingTimeInterval(-3600), notAfter: Date = Date().addingTimeInterval(86400 * 30),
              issuer: (Certificate, PrivateKey)? = nil) throws -> (Certificate, PrivateKey) {
        let key = try PrivateKey.generate(kind)
        let certificate = try CertificateIssuer.issue(.init(
            subject: DistinguishedName([("C", "FR"), ("O", "Commune de Test"), ("CN", name)]),
            publicKey: key, profile: profile, notBefore: notBefore, notAfter: notAfter),
            by: issuer?.0 ?? root, authorityKey: issuer?.1 ?? rootKey)
        return (certificate, key)
    }

    var trust: TrustStore { TrustStore(anchors: [root]) }

    var authority: TimestampAuthority {
        get throws { try TimestampAuthority(certificate: tsa, key: tsaKey, chain: [root], policy: "2.999.1.1") }
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
