import Cryptography
import Foundation
import Testing
import TestSupport

@Suite("X.509, keys and AES-GCM (OpenSSL)")
struct CertificateTests {
    @Test("issued certificates chain to the root, carry their subject and dates, and openssl verify agrees")
    func issuance() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let (leaf, key) = try pki.leaf("Jeanne Martin", kind: .ecP256)
        #expect(leaf.commonName == "Jeanne Martin")
        #expect(leaf.subject.contains("O=Commune de Test"))
        #expect(leaf.issuer.contains("CN=Mutualis Test CA"))
        #expect(leaf.matches(key) && !leaf.matches(pki.rootKey))
        #expect(pki.root.isCertificateAuthority && !leaf.isCertificateAuthority)
        #expect(leaf.notAfter > Date() && leaf.notBefore < Date())
        #expect(key.kind == .ecP256 && pki.rootKey.kind == .rsa(bits: 2048))
        #expect(try Certificate(der: leaf.der) == leaf)
        #expect(try Certificate.all(pem: Array((leaf.pem + pki.root.pem).utf8)).count == 2)
        try pki.trust.verify(leaf, at: Date())

        let leafPath = try pki.write("leaf.pem", leaf.pem)
        let verify = try await ChildProcess.run(["openssl", "verify", "-CAfile", pki.path("ca.pem"), leafPath])
        #expect(verify.status == 0, "\(verify.output)")
        let tsaPurpose = try await ChildProcess.run(["openssl", "verify", "-purpose", "timestampsign", "-CAfile", pki.path("ca.pem"), pki.path("tsa.pem")])
        #expect(tsaPurpose.status == 0, "\(tsaPurpose.output)")
        let text = try await ChildProcess.run(["openssl", "x509", "-in", pki.path("tsa.pem"), "-noout", "-ext", "extendedKeyUsage"])
        #expect(text.output.contains("critical") && text.output.contains("Time Stamping"))
    }

    @Test("an expired, a not yet valid and a foreign certificate are each refused for its own reason")
    func trustProblems() throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let (expired, _) = try pki.leaf("Ancien", notBefore: Date().addingTimeInterval(-86400 * 60), notAfter: Date().addingTimeInterval(-86400))
        #expect(throws: TrustStore.Problem.expired(expired.notAfter)) { try pki.trust.verify(expired, at: Date()) }
        let (future, _) = try pki.leaf("Futur", notBefore: Date().addingTimeInterval(86400), notAfter: Date().addingTimeInterval(86400 * 60))
        #expect(throws: TrustStore.Problem.notYetValid(future.notBefore)) { try pki.trust.verify(future, at: Date()) }
        let other = try TestPKI()
        defer { other.remove() }
        let (foreign, _) = try other.leaf("Étranger")
        do {
            try pki.trust.verify(foreign, at: Date())
            Issue.record("a certificate of another CA was trusted")
        } catch {
            if case .untrusted = error {} else { Issue.record("\(error)") }
        }
        // Valid when checked at a time inside its validity.
        try pki.trust.verify(expired, at: Date().addingTimeInterval(-86400 * 2))
    }

    @Test("a private key survives a PEM round trip, and short RSA keys are refused")
    func keys() throws {
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let again = try PrivateKey(pem: try key.pem())
        #expect(try again.publicKeyDER() == key.publicKeyDER())
        #expect(throws: CryptographyError.self) { try PrivateKey.generate(.rsa(bits: 1024)) }
        #expect(throws: CryptographyError.self) { try PrivateKey(pem: Array("not a key".utf8)) }
    }

    @Test("AES-256-GCM opens what it sealed and refuses a changed byte, other associated data or another key")
    func aesGCM() throws {
        let key = try SecureRandom.bytes(32)
        let message = Array("clé privée du cachet".utf8)
        let box = try AESGCM.seal(message, key: key, associatedData: Array("seal:amiens".utf8))
        #expect(box.count == message.count + 28)
        #expect(try AESGCM.open(box, key: key, associatedData: Array("seal:amiens".utf8)) == message)
        #expect(try AESGCM.seal(message, key: key) != AESGCM.seal(message, key: key))  // fresh nonce
        var altered = box
        altered[14] ^= 1
        #expect(throws: AESGCM.AuthenticationFailure.self) { try AESGCM.open(altered, key: key, associatedData: Array("seal:amiens".utf8)) }
        #expect(throws: AESGCM.AuthenticationFailure.self) { try AESGCM.open(box, key: key, associatedData: Array("seal:boves".utf8)) }
        #expect(throws: AESGCM.AuthenticationFailure.self) { try AESGCM.open(box, key: try SecureRandom.bytes(32), associatedData: Array("seal:amiens".utf8)) }
        #expect(throws: AESGCM.AuthenticationFailure.self) { try AESGCM.open([1, 2, 3], key: key) }
        #expect(throws: CryptographyError.self) { try AESGCM.seal(message, key: [1, 2, 3]) }
        #expect(try AESGCM.open(AESGCM.seal([], key: key), key: key) == [])
    }

    @Test("a PKCS#12 file made by openssl gives back its key, certificate and chain")
    func pkcs12() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let (seal, key) = try pki.leaf("Cachet Commune de Test", profile: .seal)
        try pki.write("seal.pem", seal.pem)
        try pki.write("seal.key", try key.pem())
        let export = try await ChildProcess.run(["openssl", "pkcs12", "-export", "-in", pki.path("seal.pem"), "-inkey", pki.path("seal.key"),
                                                 "-certfile", pki.path("ca.pem"), "-passout", "pass:secret", "-out", pki.path("seal.p12")])
        #expect(export.status == 0, "\(export.output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: pki.path("seal.p12"))))
        let bundle = try PKCS12Bundle(der: bytes, password: "secret")
        #expect(bundle.certificate == seal && bundle.certificate.matches(bundle.key))
        #expect(bundle.chain == [pki.root])
        #expect(throws: CryptographyError.self) { try PKCS12Bundle(der: bytes, password: "wrong") }
    }
}
