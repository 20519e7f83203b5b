import COpenSSL
import Foundation

/// What a verified CMS signature says about its signer.
public struct CMSSigner: Sendable {
    public var certificate: Certificate
    public var signingTime: Date?
    public var hasSigningCertificateV2: Bool
    /// The `signatureTimeStampToken` (DER), when the signature is CAdES-B-T.
    public var timestampToken: [UInt8]?
    public var signatureValue: [UInt8]
}

/// Why a CMS signature is refused, most specific first.
public enum SignatureProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a CMS SignedData, or unreadable.
    case malformed(String)
    /// No signer, or the signer's certificate is not in the CMS.
    case noSigner
    /// The document's digest differs from the signed one: another document, or a changed byte.
    case documentMismatch
    /// The signature value does not verify over the signed attributes.
    case signatureAltered
    case certificate(TrustStore.Problem)
    case timestamp(String)

    public var description: String {
        switch self {
        case .malformed(let reason): "not a readable CMS signature: \(reason)"
        case .noSigner: "the CMS has no signer with a certificate"
        case .documentMismatch: "the signature was made over another document"
        case .signatureAltered: "the signature value does not verify"
        case .certificate(let problem): problem.description
        case .timestamp(let reason): "timestamp token rejected: \(reason)"
        }
    }
}

extension CMSSignedData {
    /// Verifies every signer of this detached signature over `content`: the message digest,
    /// the signature value, and each signer's certificate chain in `trust` at `time`.
    public func verifyDetached(_ content: some ContiguousBytes, trust: TrustStore, at time: Date) throws(SignatureProblem) -> [CMSSigner] {
        guard OBJ_obj2nid(CMS_get0_type(pointer)) == NID_pkcs7_signed else { throw .malformed("not a SignedData") }
        _ = CMS_set1_signers_certs(pointer, nil, 0)
        ERR_clear_error()
        let carried = certificates
        let infos = signerInfos
        guard !infos.isEmpty else { throw .noSigner }
        var signers: [CMSSigner] = []
        for info in infos {
            var signerPointer: OpaquePointer?
            var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
            CMS_SignerInfo_get0_algs(info, nil, &signerPointer, &digestAlgorithm, nil)
            guard let signerPointer else { throw .noSigner }
            let certificate = Certificate(sharing: signerPointer)

            var algorithmObject: OpaquePointer?
            X509_ALGOR_get0(&algorithmObject, nil, nil, digestAlgorithm)
            guard let algorithmObject, let md = EVP_get_digestbyname(OBJ_nid2sn(OBJ_obj2nid(algorithmObject))) else {
                throw .malformed("unknown digest algorithm")
            }
            let signedDigest = Self.attribute(info, nid: NID_pkcs9_messageDigest, type: V_ASN1_OCTET_STRING, signed: true)
            let actual: [UInt8]
            do { actual = try Self.digest(content, md) } catch { throw .malformed(String(describing: error)) }
            guard let signedDigest, ConstantTime.equals(signedDigest, actual) else { throw .documentMismatch }
            guard CMS_SignerInfo_verify(info) == 1 else {
                ERR_clear_error()
                throw .signatureAltered
            }
            do { try trust.verify(certificate, extra: carried, at: time) } catch { throw .certificate(error) }
            let timeBytes = Self.attribute(info, nid: NID_pkcs9_signingTime, type: V_ASN1_UTCTIME, signed: true)
                ?? Self.attribute(info, nid: NID_pkcs9_signingTime, type: V_ASN1_GENERALIZEDTIME, signed: true)
            signers.append(CMSSigner(
                certificate: certificate,
                signingTime: timeBytes.flatMap(Self.signingTime(info:)),
                hasSigningCertificateV2: CMS_signed_get_attr_by_NID(info, NID_id_smime_aa_signingCertificateV2, -1) >= 0,
                timestampToken: Self.attribute(info, nid: NID_id_smime_aa_timeStampToken, type: V_ASN1_SEQUENCE, signed: false),
                signatureValue: Self.bytes(CMS_SignerInfo_get0_signature(info))
            ))
        }
        return signers
    }

    static func attribute(_ info: OpaquePointer, nid: Int32, type: Int32, signed: Bool) -> [UInt8]? {
        guard let object = OBJ_nid2obj(nid) else { return nil }
        let raw = signed ? CMS_signed_get0_data_by_OBJ(info, object, -3, type) : CMS_unsigned_get0_data_by_OBJ(info, object, -3, type)
        ERR_clear_error()
        guard let raw else { return nil }
        return bytes(raw.assumingMemoryBound(to: ASN1_STRING.self))
    }

    static func signingTime(info: [UInt8]) -> Date? {
        // UTCTime "YYMMDDHHMMSSZ" or GeneralizedTime "YYYYMMDDHHMMSSZ".
        let text = String(decoding: info, as: UTF8.self)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = text.count == 13 ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'"
        return formatter.date(from: text)
    }

    static func digest(_ content: some ContiguousBytes, _ md: OpaquePointer) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try content.withUnsafeBytes { buffer in
            try OpenSSL.check(EVP_Digest(buffer.baseAddress, buffer.count, &output, &length, md, nil), "EVP_Digest")
        }
        return Array(output.prefix(Int(length)))
    }
}
