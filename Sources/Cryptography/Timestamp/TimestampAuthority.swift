import COpenSSL
import Foundation

/// A timestamping unit (RFC 3161) on OpenSSL's TS API: answers a DER TimeStampReq with a
/// DER TimeStampResp signed by its certificate (extended key usage timeStamping, critical),
/// with ESSCertIDv2 (SHA-256), SHA-256 signatures, a random 128-bit serial and 1 s accuracy.
public struct TimestampAuthority: Sendable {
    public var certificate: Certificate
    public var key: PrivateKey
    public var chain: [Certificate]
    /// The TSA policy OID written in every token.
    public var policy: String

    public init(certificate: Certificate, key: PrivateKey, chain: [Certificate] = [], policy: String) throws {
        guard certificate.matches(key) else {
            throw CryptographyError(operation: "timestamp authority", message: "the key does not match \(certificate.subject)")
        }
        guard X509_check_purpose(certificate.pointer, X509_PURPOSE_TIMESTAMP_SIGN, 0) == 1 else {
            ERR_clear_error()
            throw CryptographyError(operation: "timestamp authority", message: "\(certificate.subject) lacks the critical timeStamping extended key usage")
        }
        self.certificate = certificate
        self.key = key
        self.chain = chain
        self.policy = policy
    }

    /// The reply to `query` (DER). A query OpenSSL cannot parse, or with a refused digest
    /// algorithm, gives a reply whose status is `rejection`; `TimestampReply` reads it.
    public func respond(to query: [UInt8]) throws -> [UInt8] {
        let context = try OpenSSL.check(TS_RESP_CTX_new(), "TS_RESP_CTX_new")
        defer { TS_RESP_CTX_free(context) }
        try OpenSSL.check(TS_RESP_CTX_set_signer_cert(context, certificate.pointer), "TS_RESP_CTX_set_signer_cert \(certificate.subject)")
        try OpenSSL.check(TS_RESP_CTX_set_signer_key(context, key.pointer), "TS_RESP_CTX_set_signer_key")
        try OpenSSL.check(TS_RESP_CTX_set_signer_digest(context, EVP_sha256()), "TS_RESP_CTX_set_signer_digest")
        try OpenSSL.check(TS_RESP_CTX_set_ess_cert_id_digest(context, EVP_sha256()), "TS_RESP_CTX_set_ess_cert_id_digest")
        let policyObject = try OpenSSL.check(OBJ_txt2obj(policy, 1), "policy OID \(policy)")
        defer { ASN1_OBJECT_free(policyObject) }
        try OpenSSL.check(TS_RESP_CTX_set_def_policy(context, policyObject), "TS_RESP_CTX_set_def_policy")
        try OpenSSL.check(TS_RESP_CTX_add_md(context, EVP_sha256()), "TS_RESP_CTX_add_md")
        try OpenSSL.check(TS_RESP_CTX_add_md(context, EVP_sha512()), "TS_RESP_CTX_add_md")
        try OpenSSL.check(TS_RESP_CTX_set_accuracy(context, 1, 0, 0), "TS_RESP_CTX_set_accuracy")
        if !chain.isEmpty {
            let stack = try OpenSSL.check(mutualis_x509_stack_new(), "chain")
            defer { mutualis_x509_stack_free(stack) }
            for item in chain { _ = mutualis_x509_stack_push(stack, item.pointer) }
            try OpenSSL.check(TS_RESP_CTX_set_certs(context, stack), "TS_RESP_CTX_set_certs")
        }
        TS_RESP_CTX_set_serial_cb(context, { context, _ in
            guard let serial = try? SecureRandom.bytes(16), let number = BN_bin2bn(serial, 16, nil) else {
                TS_RESP_CTX_set_status_info(context, Int32(TS_STATUS_REJECTION), "error generating serial number")
                return nil
            }
            defer { BN_free(number) }
            return BN_to_ASN1_INTEGER(number, nil)
        }, nil)
        let response = try MemoryBIO.reading(query, "timestamp query") { bio in
            try OpenSSL.check(TS_RESP_create_response(context, bio), "TS_RESP_create_response")
        }
        defer { TS_RESP_free(response) }
        ERR_clear_error()
        return try MemoryBIO.writing("timestamp reply") { bio in
            try OpenSSL.check(i2d_TS_RESP_bio(bio, response), "i2d_TS_RESP_bio")
        }
    }
}
