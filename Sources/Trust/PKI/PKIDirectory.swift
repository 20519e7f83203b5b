import Cryptography
import Foundation

/// Where the trust material lives (`MUTUALIS_PKI_DIR`, `.local/pki` in development):
///
///     anchors.pem                      certificates every member trusts (the consortium's CA…)
///     ca/ca.pem, ca/ca.key.json        the issuing CA (development, or an install that issues)
///     tsa/tsa.pem, tsa/tsa.key.json    the timestamping unit (certificate then chain)
///     members/<slug>/seal.pem, seal.key.json   the member's seal (cachet serveur)
///     members/<slug>/anchors.pem       further anchors a member trusts (its agents' card CA…)
///
/// Keys are `KeyEnvelope` JSON files (mode 0600), useless without the KEK.
public struct PKIDirectory: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("anchors.pem").path) }

    var anchors: URL { root.appendingPathComponent("anchors.pem") }
    var authority: (certificate: URL, key: URL) { (root.appendingPathComponent("ca/ca.pem"), root.appendingPathComponent("ca/ca.key.json")) }
    var timestamping: (certificate: URL, key: URL) { (root.appendingPathComponent("tsa/tsa.pem"), root.appendingPathComponent("tsa/tsa.key.json")) }
    func seal(_ slug: String) -> (certificate: URL, key: URL) {
        (root.appendingPathComponent("members/\(slug)/seal.pem"), root.appendingPathComponent("members/\(slug)/seal.key.json"))
    }
    func memberAnchors(_ slug: String) -> URL { root.appendingPathComponent("members/\(slug)/anchors.pem") }

    // MARK: Reading

    func certificates(at url: URL) throws(TrustError) -> [Certificate] {
        guard let bytes = try? Data(contentsOf: url) else { throw .configuration("\(url.path) cannot be read") }
        do { return try Certificate.all(pem: Array(bytes)) } catch { throw .configuration("\(url.path): \(error)") }
    }

    func optionalCertificates(at url: URL) throws(TrustError) -> [Certificate] {
        FileManager.default.fileExists(atPath: url.path) ? try certificates(at: url) : []
    }

    func envelope(at url: URL) throws(TrustError) -> KeyEnvelope {
        guard let bytes = try? Data(contentsOf: url) else { throw .configuration("\(url.path) cannot be read") }
        do { return try JSONDecoder().decode(KeyEnvelope.self, from: bytes) } catch { throw .configuration("\(url.path) is not a key envelope: \(error)") }
    }

    /// The certificate (then chain) and opened key stored at `paths`.
    func identity(_ paths: (certificate: URL, key: URL), kek: KeyEncryptionKey) throws(TrustError) -> SigningIdentity {
        let certificates = try certificates(at: paths.certificate)
        let key = try envelope(at: paths.key).open(kek: kek)
        guard certificates[0].matches(key) else { throw .configuration("\(paths.key.path) is not the key of \(paths.certificate.path)") }
        return SigningIdentity(certificate: certificates[0], key: key, chain: Array(certificates.dropFirst()))
    }

    // MARK: Writing

    func write(_ certificates: [Certificate], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(certificates.map(\.pem).joined().utf8).write(to: url, options: .atomic)
    }

    func write(_ envelope: KeyEnvelope, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(envelope).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// Stores an identity (certificate then chain, and the key sealed under the KEK).
    func store(_ identity: SigningIdentity, at paths: (certificate: URL, key: URL), label: String, kek: KeyEncryptionKey) throws {
        try write([identity.certificate] + identity.chain, to: paths.certificate)
        try write(try KeyEnvelope.seal(identity.key, label: label, kek: kek), to: paths.key)
    }
}
