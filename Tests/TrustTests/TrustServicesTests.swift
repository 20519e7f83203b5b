import Cryptography
import Foundation
import Testing
import TestSupport
@testable import Trust

/// A development PKI made by `PKIInitializer` in a temporary directory.
struct TrustFixture {
    let root: URL
    let services: TrustServices

    init(members: [(slug: String, name: String)] = [("amiens", "Amiens"), ("boves", "Boves")]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-trust-\(UUID().uuidString)")
        let kekFile = root.appendingPathComponent("kek")
        let kek = try KeyEncryptionKey.createIfMissing(at: kekFile)
        let directory = PKIDirectory(root: root.appendingPathComponent("pki"))
        _ = try PKIInitializer(directory: directory, kek: kek).initialize(members: members)
        services = try #require(try TrustServices.load(directory: directory, kekFile: kekFile))
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: root.appendingPathComponent(name))
        return path(name)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("Trust services: key envelopes, development PKI, timestamps and CAdES")
struct TrustServicesTests {
    @Test("a key envelope opens with its KEK (and PIN) only, and is bound to its label")
    func envelopes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kek-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let kek = try KeyEncryptionKey.createIfMissing(at: directory.appendingPathComponent("kek"))
        #expect(try KeyEncryptionKey.createIfMissing(at: directory.appendingPathComponent("kek")).bytes == kek.bytes)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("kek").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let other = try KeyEncryptionKey.createIfMissing(at: directory.appendingPathComponent("other"))
        let key = try PrivateKey.generate(.ecP256)
        let fast = Scrypt.Parameters(logN: 10, r: 8, p: 1)

        let seal = try KeyEnvelope.seal(key, label: "seal:amiens", kek: kek)
        #expect(try seal.open(kek: kek).publicKeyDER() == key.publicKeyDER())
        #expect(throws: TrustError.self) { try seal.open(kek: other) }
        var moved = seal
        moved.label = "seal:boves"
        #expect(throws: TrustError.self) { try moved.open(kek: kek) }
        #expect(!String(decoding: try JSONEncoder().encode(seal), as: UTF8.self).contains("PRIVATE KEY"))

        let signatory = try KeyEnvelope.seal(key, label: "signatory:amiens:jeanne", kek: kek, pin: "4821", pinParameters: fast)
        #expect(try signatory.open(kek: kek, pin: "4821").publicKeyDER() == key.publicKeyDER())
        #expect(throws: TrustError.wrongPIN) { try signatory.open(kek: kek, pin: "4822") }
        #expect(throws: TrustError.wrongPIN) { try signatory.open(kek: kek) }
        #expect(throws: TrustError.self) { try signatory.open(kek: other, pin: "4821") }
        let changed = try signatory.changingPIN(kek: kek, from: "4821", to: "9137")
        #expect(throws: TrustError.wrongPIN) { try changed.open(kek: kek, pin: "4821") }
        #expect(try changed.open(kek: kek, pin: "9137").publicKeyDER() == key.publicKeyDER())
        #expect(throws: TrustError.wrongPIN) { try signatory.changingPIN(kek: kek, from: "0000", to: "1111") }
    }

    @Test("pki init makes a CA, a critical-timeStamping TSA and a seal per member, once; openssl verifies them")
    func initialization() async throws {
        let fixture = try TrustFixture()
        defer { fixture.remove() }
        let directory = fixture.services.directory
        #expect(try PKIInitializer(directory: directory, kek: fixture.services.kek).initialize(members: [("amiens", "Amiens")]).isEmpty)
        let seal = try fixture.services.seal(member: "amiens")
        #expect(seal.certificate.subject.contains("Cachet serveur - Amiens"))
        try fixture.services.trustStore(member: "amiens").verify(seal.certificate, at: Date())
        #expect(throws: TrustError.self) { try fixture.services.seal(member: "rivery") }
        let tsa = try #require(fixture.services.localAuthority)
        let check = try await ChildProcess.run(["openssl", "verify", "-purpose", "timestampsign", "-CAfile", directory.anchors.path, directory.timestamping.certificate.path])
        #expect(check.status == 0, "\(check.output)")
        #expect(tsa.certificate.commonName.contains("Horodatage"))
        let envelope = try String(contentsOf: directory.seal("amiens").key, encoding: .utf8)
        #expect(!envelope.contains("PRIVATE KEY"))
    }

    @Test("signCAdES makes a CAdES-B-T that openssl cms -verify accepts; verifyCAdES explains each refusal in French")
    func cades() async throws {
        let fixture = try TrustFixture()
        defer { fixture.remove() }
        let document = Array("Délibération du conseil municipal".utf8) + (0..<10_000).map { UInt8($0 & 0xff) }
        let signatory = try fixture.services.issuer.issueSignatory(name: "Jeanne Martin", email: "jeanne@amiens.localhost", organisation: "Amiens")
        let p7s = try await fixture.services.signCAdES(document, as: signatory)
        let signers = try fixture.services.verifyCAdES(p7s, over: document, member: "amiens")
        #expect(signers.first?.timestampToken != nil && signers.first?.certificate == signatory.certificate)

        let docPath = try fixture.write("doc.bin", document)
        let sigPath = try fixture.write("doc.p7s", p7s)
        let verify = try await ChildProcess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", sigPath, "-content", docPath,
                                                 "-CAfile", fixture.services.directory.anchors.path, "-purpose", "any", "-out", "/dev/null"])
        #expect(verify.status == 0, "\(verify.output)")

        var changed = document
        changed[3] ^= 1
        #expect(verdict { try fixture.services.verifyCAdES(p7s, over: changed, member: "amiens") }?.frenchReason.contains("ne correspond pas à ce document") == true)
        #expect(verdict { try fixture.services.verifyCAdES(Array("x".utf8), over: document, member: "amiens") }?.frenchReason.contains("n'est pas une signature") == true)
        let later = Date().addingTimeInterval(86400 * 365 * 4)
        #expect(verdict { try fixture.services.verifyCAdES(p7s, over: document, member: "amiens", at: later) }?.frenchReason.contains("a expiré le") == true)
        let stranger = try TrustFixture(members: [])
        defer { stranger.remove() }
        let foreign = try stranger.services.issuer.issueSignatory(name: "Inconnu", email: "x@example.org", organisation: "Ailleurs")
        let foreignSignature = try await stranger.services.signCAdES(document, as: foreign, timestamped: false)
        #expect(verdict { try fixture.services.verifyCAdES(foreignSignature, over: document, member: "amiens") }?.frenchReason.contains("autorité de confiance") == true)
    }

    private func verdict(_ body: () throws -> Any) -> SignatureVerdict? {
        do {
            _ = try body()
            return nil
        } catch let verdict as SignatureVerdict {
            return verdict
        } catch {
            return nil
        }
    }
}

@Suite("Trust services: an install's own material")
struct PKIImportTests {
    @Test("pki import installs a seal from PKCS#12 or PEM, a TSA, and anchors; a wrong password or a foreign key is refused")
    func imports() async throws {
        let fixture = try TrustFixture(members: [])
        defer { fixture.remove() }
        let directory = fixture.services.directory
        let importer = PKIInitializer(directory: directory, kek: fixture.services.kek)
        // The install's own CA and seal, made with the openssl CLI.
        func run(_ arguments: [String]) async throws {
            let result = try await ChildProcess.run(arguments, directory: fixture.root)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.output)")
        }
        try await run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/C=FR/O=Région/CN=AC régionale"])
        try await run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "seal.key", "-out", "seal.csr", "-subj", "/C=FR/O=Camon/CN=Cachet Camon"])
        try await run(["openssl", "x509", "-req", "-in", "seal.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7", "-days", "30", "-out", "seal.pem"])
        try await run(["openssl", "pkcs12", "-export", "-in", "seal.pem", "-inkey", "seal.key", "-certfile", "ca.pem", "-passout", "pass:s3cret", "-out", "seal.p12"])
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: fixture.root.appendingPathComponent(name))) }

        #expect(try importer.importMaterial(.seal, member: "camon", file: bytes("seal.p12"), password: "s3cret", keyPEM: nil).contains("Cachet Camon"))
        #expect(throws: (any Error).self) { try importer.importMaterial(.seal, member: "camon", file: bytes("seal.p12"), password: "faux", keyPEM: nil) }
        #expect(throws: (any Error).self) { try importer.importMaterial(.seal, member: "camon", file: bytes("seal.pem"), password: nil, keyPEM: bytes("ca.key")) }
        #expect(throws: (any Error).self) { try importer.importMaterial(.seal, member: nil, file: bytes("seal.p12"), password: "s3cret", keyPEM: nil) }
        _ = try importer.importMaterial(.seal, member: "boves", file: bytes("seal.pem") + bytes("ca.pem"), password: nil, keyPEM: bytes("seal.key"))
        // A certificate without the critical timeStamping usage is no TSA.
        #expect(throws: (any Error).self) { try importer.importMaterial(.tsa, file: bytes("seal.p12"), password: "s3cret", keyPEM: nil) }
        // Camon trusts the regional CA on top of the platform's anchors.
        _ = try importer.importMaterial(.anchors, member: "camon", file: bytes("ca.pem"), password: nil, keyPEM: nil)
        let services = try #require(try TrustServices.load(directory: directory, kekFile: fixture.root.appendingPathComponent("kek")))
        let seal = try services.seal(member: "camon")
        #expect(seal.certificate.commonName == "Cachet Camon" && seal.chain.count == 1)
        try services.trustStore(member: "camon").verify(seal.certificate, at: Date())
        #expect(throws: TrustStore.Problem.self) { try services.trustStore(member: "boves").verify(seal.certificate, at: Date()) }
        let envelope = try String(contentsOf: directory.seal("camon").key, encoding: .utf8)
        #expect(!envelope.contains("PRIVATE KEY"))
    }
}
