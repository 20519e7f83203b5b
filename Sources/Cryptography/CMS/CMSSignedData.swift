import COpenSSL
import Foundation

/// A CMS SignedData (RFC 5652) in the CAdES baseline profile (ETSI EN 319 122): detached
/// content, SHA-256, signed attributes `contentType`, `messageDigest`, `signingTime` and
/// `signingCertificateV2`; a timestamp token over the signature value may be added as the
/// unsigned attribute `signatureTimeStampToken` (CAdES-B-T).
///
/// Not `Sendable`: one task builds or reads it, then keeps its DER.
public final class CMSSignedData {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        CMS_ContentInfo_free(pointer)
    }

    /// Reads a DER-encoded CMS (a `.p7s` file).
    public convenience init(der: some ContiguousBytes) throws {
        let cms = try MemoryBIO.reading(der, "CMS DER") { bio in
            try OpenSSL.check(d2i_CMS_bio(bio, nil), "d2i_CMS_bio")
        }
        self.init(taking: cms)
    }

    /// Signs `content` (detached): the CMS holds the signer's certificate and `chain`, not the content.
    public static func sign(_ content: some ContiguousBytes, certificate: Certificate, key: PrivateKey, chain: [Certificate] = []) throws -> CMSSignedData {
        guard certificate.matches(key) else {
            throw CryptographyError(operation: "CAdES signature", message: "the key does not match \(certificate.subject)")
        }
        let flags = UInt32(CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_CADES | CMS_NOSMIMECAP)
        let cms = try OpenSSL.check(CMS_sign(nil, nil, nil, nil, flags), "CMS_sign")
        let signed = CMSSignedData(taking: cms)
        _ = try OpenSSL.check(CMS_add1_signer(cms, certificate.pointer, key.pointer, EVP_sha256(), flags), "CMS_add1_signer \(certificate.subject)")
        for extra in chain {
            try OpenSSL.check(CMS_add1_cert(cms, extra.pointer), "CMS_add1_cert \(extra.subject)")
        }
        try MemoryBIO.reading(content, "CAdES signature") { bio in
            try OpenSSL.check(CMS_final(cms, bio, nil, flags), "CMS_final")
        }
        return signed
    }

    public var der: [UInt8] {
        get throws {
            try MemoryBIO.writing("CMS DER") { bio in
                try OpenSSL.check(i2d_CMS_bio(bio, pointer), "i2d_CMS_bio")
            }
        }
    }

    /// The signer infos, in order.
    var signerInfos: [OpaquePointer] {
        guard let stack = CMS_get0_SignerInfos(pointer) else { return [] }
        return (0..<mutualis_cms_signer_count(stack)).compactMap { mutualis_cms_signer_value(stack, $0) }
    }

    /// The first signer's signature value: what a signature timestamp is computed over.
    public func signatureValue() throws -> [UInt8] {
        guard let signer = signerInfos.first, let value = CMS_SignerInfo_get0_signature(signer) else {
            throw CryptographyError(operation: "CMS signature value", message: "no signer")
        }
        return Self.bytes(value)
    }

    /// Adds an RFC 3161 timestamp token (DER ContentInfo) to the first signer as the unsigned
    /// attribute `id-aa-signatureTimeStampToken`, making the signature CAdES-B-T.
    public func addSignatureTimestamp(_ token: [UInt8]) throws {
        guard let signer = signerInfos.first else {
            throw CryptographyError(operation: "CMS timestamp", message: "no signer")
        }
        try OpenSSL.check(CMS_unsigned_add1_attr_by_NID(signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token, Int32(token.count)),
                          "CMS_unsigned_add1_attr_by_NID timeStampToken")
    }

    /// Every certificate the CMS carries.
    public var certificates: [Certificate] {
        guard let stack = CMS_get1_certs(pointer) else { return [] }
        defer { mutualis_x509_stack_free_all(stack) }
        return (0..<mutualis_x509_stack_count(stack)).compactMap { mutualis_x509_stack_value(stack, $0) }.map { Certificate(sharing: $0) }
    }

    static func bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    static func bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        bytes(UnsafePointer(string))
    }
}

extension CMSSignedData {
    /// The `signatureTimeStampToken`s (DER) of every signer, unverified (to file them apart).
    public var timestampTokens: [[UInt8]] {
        signerInfos.compactMap { Self.attribute($0, nid: NID_id_smime_aa_timeStampToken, type: V_ASN1_SEQUENCE, signed: false) }
    }

    /// The signers' certificates' subjects, unverified (for a summary).
    public var signerSubjects: [String] {
        _ = CMS_set1_signers_certs(pointer, nil, 0)
        ERR_clear_error()
        return signerInfos.compactMap { info in
            var signer: OpaquePointer?
            CMS_SignerInfo_get0_algs(info, nil, &signer, nil, nil)
            return signer.map { Certificate(sharing: $0).subject }
        }
    }
}
