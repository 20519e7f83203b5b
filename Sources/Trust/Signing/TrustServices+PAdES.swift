import Cryptography
import Foundation

extension TrustServices {
    /// Signs a PDF as PAdES-B-T: an incremental update (the original bytes untouched) whose
    /// `/Contents` holds a CAdES detached CMS over the `/ByteRange`, with signingCertificateV2
    /// and a signature timestamp token. Earlier signatures stay valid.
    public func signPAdES(_ pdf: [UInt8], as identity: SigningIdentity, field: PDFSignatureField, timestamped: Bool = true) async throws -> [UInt8] {
        var field = field
        field.kind = .signature
        let prepared = try PDFIncrementalSigner.prepare(pdf, field: field)
        let signed = try CMSSignedData.sign(prepared.signedBytes, certificate: identity.certificate, key: identity.key, chain: identity.chain)
        if timestamped {
            try signed.addSignatureTimestamp(try await timestamp(digest: try Digest.sha256(try signed.signatureValue())))
        }
        return try prepared.embedding(try signed.der)
    }

    /// Adds a PAdES document timestamp (`/DocTimeStamp`, `ETSI.RFC3161`) over the whole PDF as
    /// it stands: what keeps its signatures verifiable after their certificates expire.
    public func timestampPDF(_ pdf: [UInt8]) async throws -> [UInt8] {
        let prepared = try PDFIncrementalSigner.prepare(pdf, field: .documentTimestamp())
        return try prepared.embedding(try await timestamp(digest: try Digest.sha256(prepared.signedBytes)))
    }
}
