import Cryptography
import Foundation
import Testing
import TestSupport

@Suite("CAdES signatures and RFC 3161 timestamps (OpenSSL)")
struct SignatureTests {
    let document: [UInt8] = Array("%PDF-1.7\nArrêté n° 2026-042 portant réglementation de la circulation\n".utf8) + (0..<4096).map { UInt8($0 % 251) }

    @Test("a detached CAdES signature (RSA and ECDSA) verifies here and with openssl cms -verify, with signingCertificateV2")
    func cades() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let docPath = try pki.write("doc.pdf", document)
        for kind in [PrivateKey.Kind.rsa(bits: 2048), .ecP256] {
            let (certificate, key) = try pki.leaf("Jeanne Martin", kind: kind)
            let signature = try CMSSignedData.sign(document, certificate: certificate, key: key, chain: [pki.root]).der
            let signers = try CMSSignedData(der: signature).verifyDetached(document, trust: pki.trust, at: Date())
            #expect(signers.count == 1)
            #expect(signers[0].certificate == certificate)
            #expect(signers[0].hasSigningCertificateV2)
            #expect(abs((signers[0].signingTime ?? .distantPast).timeIntervalSinceNow) < 120)
            #expect(signers[0].timestampToken == nil)

            let p7s = try pki.write("doc.p7s", signature)
            let verify = try await ChildProcess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s,
                                                     "-content", docPath, "-CAfile", pki.path("ca.pem"), "-purpose", "any", "-out", "/dev/null"])
            #expect(verify.status == 0, "\(kind): \(verify.output)")
            let dump = try await ChildProcess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", p7s])
            #expect(dump.output.contains("id-smime-aa-signingCertificateV2"))
            #expect(dump.output.contains("signingTime"))
            #expect(dump.output.contains("sha256"))
        }
    }

    @Test("a changed byte in the document, the signature value or the certificate, another document and an untrusted signer are each refused")
    func tampering() throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let (certificate, key) = try pki.leaf("Jeanne Martin")
        let signature = try CMSSignedData.sign(document, certificate: certificate, key: key).der

        var changed = document
        changed[100] ^= 1
        #expect(throws: SignatureProblem.documentMismatch) { try CMSSignedData(der: signature).verifyDetached(changed, trust: pki.trust, at: Date()) }
        #expect(throws: SignatureProblem.documentMismatch) { try CMSSignedData(der: signature).verifyDetached(Array("autre".utf8), trust: pki.trust, at: Date()) }

        // The signature value is the last bytes of this DER (no unsigned attributes).
        var alteredSignature = signature
        alteredSignature[alteredSignature.count - 5] ^= 1
        #expect(throws: SignatureProblem.signatureAltered) { try CMSSignedData(der: alteredSignature).verifyDetached(document, trust: pki.trust, at: Date()) }

        // A byte of the certificate's own signature, inside the CMS.
        let certificateDER = certificate.der
        let offset = try #require(find(certificateDER, in: signature)) + certificateDER.count - 3
        var alteredCertificate = signature
        alteredCertificate[offset] ^= 1
        #expect(untrusted(problem { try CMSSignedData(der: alteredCertificate).verifyDetached(document, trust: pki.trust, at: Date()) }))

        let other = try TestPKI()
        defer { other.remove() }
        #expect(untrusted(problem { try CMSSignedData(der: signature).verifyDetached(document, trust: other.trust, at: Date()) }))
        #expect(throws: SignatureProblem.certificate(.expired(certificate.notAfter))) {
            try CMSSignedData(der: signature).verifyDetached(document, trust: pki.trust, at: Date().addingTimeInterval(86400 * 60))
        }
        #expect(throws: CryptographyError.self) { try CMSSignedData(der: Array("pas une signature".utf8)) }
    }

    @Test("the TSA answers a query that openssl ts -verify accepts; the token makes a CAdES-B-T signature")
    func timestamps() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let docPath = try pki.write("doc.pdf", document)
        let query = try TimestampQuery.over(document)
        let reply = try pki.authority.respond(to: try query.der())
        let parsed = try TimestampReply(der: reply)
        #expect(parsed.granted)
        #expect(abs((parsed.time ?? .distantPast).timeIntervalSinceNow) < 120)
        let token = try #require(parsed.token)
        #expect(try TimestampToken.verify(token, digest: query.digest, trust: pki.trust) == parsed.time)
        #expect(throws: SignatureProblem.self) { try TimestampToken.verify(token, digest: Digest.sha256([1]), trust: pki.trust) }

        let replyPath = try pki.write("doc.tsr", reply)
        let verify = try await ChildProcess.run(["openssl", "ts", "-verify", "-data", docPath, "-in", replyPath, "-CAfile", pki.path("ca.pem")])
        #expect(verify.status == 0 && verify.output.contains("Verification: OK"), "\(verify.output)")
        // A query written by openssl is answered too.
        let cliQuery = try await ChildProcess.run(["openssl", "ts", "-query", "-data", docPath, "-sha512", "-cert", "-out", pki.path("cli.tsq")])
        #expect(cliQuery.status == 0)
        let cliReply = try pki.authority.respond(to: Array(try Data(contentsOf: URL(fileURLWithPath: pki.path("cli.tsq")))))
        try pki.write("cli.tsr", cliReply)
        let verifyCLI = try await ChildProcess.run(["openssl", "ts", "-verify", "-queryfile", pki.path("cli.tsq"), "-in", pki.path("cli.tsr"), "-CAfile", pki.path("ca.pem")])
        #expect(verifyCLI.status == 0, "\(verifyCLI.output)")

        // A query with a refused algorithm (SHA-1) gets a rejection, not a token.
        _ = try await ChildProcess.run(["openssl", "ts", "-query", "-data", docPath, "-sha1", "-out", pki.path("sha1.tsq")])
        let refused = try TimestampReply(der: try pki.authority.respond(to: Array(try Data(contentsOf: URL(fileURLWithPath: pki.path("sha1.tsq"))))))
        #expect(!refused.granted && refused.token == nil)
        #expect(throws: CryptographyError.self) { try TimestampQuery(der: Array("garbage".utf8)) }
        #expect(throws: CryptographyError.self) { try TimestampAuthority(certificate: pki.root, key: pki.rootKey, policy: "2.999.1.1") }

        // CAdES-B-T: the token over the signature value as an unsigned attribute.
        let (certificate, key) = try pki.leaf("Jeanne Martin")
        let signed = try CMSSignedData.sign(document, certificate: certificate, key: key)
        let imprint = try Digest.sha256(try signed.signatureValue())
        let stamp = try TimestampReply(der: try pki.authority.respond(to: try TimestampQuery(digest: imprint, nonce: SecureRandom.bytes(8)).der()))
        try signed.addSignatureTimestamp(try #require(stamp.token))
        let p7s = try pki.write("bt.p7s", try signed.der)
        let signers = try CMSSignedData(der: try signed.der).verifyDetached(document, trust: pki.trust, at: Date())
        let embedded = try #require(signers.first?.timestampToken)
        #expect(embedded == stamp.token)
        #expect(try TimestampToken.verify(embedded, digest: Digest.sha256(signers[0].signatureValue), trust: pki.trust) == stamp.time)
        let cms = try await ChildProcess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s, "-content", docPath,
                                              "-CAfile", pki.path("ca.pem"), "-purpose", "any", "-out", "/dev/null"])
        #expect(cms.status == 0, "\(cms.output)")
        let dump = try await ChildProcess.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", p7s])
        #expect(dump.output.contains("id-smime-aa-timeStampToken"))
    }

    private func problem(_ body: () throws -> Any) -> SignatureProblem? {
        do {
            _ = try body()
            return nil
        } catch let problem as SignatureProblem {
            return problem
        } catch {
            return .malformed("\(error)")
        }
    }

    private func untrusted(_ problem: SignatureProblem?) -> Bool {
        if case .certificate(.untrusted) = problem { return true }
        return false
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] && Array(haystack[start..<(start + needle.count)]) == needle {
            return start
        }
        return nil
    }
}
