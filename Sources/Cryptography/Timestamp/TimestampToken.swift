import COpenSSL
import Foundation

/// Checks of an RFC 3161 timestamp token (DER CMS ContentInfo) on its own, as embedded in a
/// CAdES-B-T signature or a PAdES document timestamp.
public enum TimestampToken {
    /// Verifies the token's signature, its signer (a timestamping certificate chaining to
    /// `trust`) and that it timestamps `digest` (SHA-256 or SHA-512 of the stamped bytes).
    /// Returns the time the token states.
    public static func verify(_ token: [UInt8], digest: [UInt8], trust: TrustStore, at time: Date = Date()) throws(SignatureProblem) -> Date {
        let pkcs7: UnsafeMutablePointer<PKCS7>
        do {
            pkcs7 = try MemoryBIO.reading(token, "timestamp token") { bio in
                try OpenSSL.check(d2i_PKCS7_bio(bio, nil), "d2i_PKCS7_bio")
            }
        } catch {
            throw .timestamp("unreadable token: \(error)")
        }
        defer { PKCS7_free(pkcs7) }
        guard let context = TS_VERIFY_CTX_new() else { throw .timestamp("out of memory") }
        defer { TS_VERIFY_CTX_free(context) }
        let store: OpaquePointer
        do { store = try trust.makeStore(at: time) } catch { throw .timestamp(String(describing: error)) }
        TS_VERIFY_CTX_set_store(context, store)  // the context frees it
        guard let imprint = mutualis_openssl_malloc(digest.count)?.assumingMemoryBound(to: UInt8.self) else { throw .timestamp("out of memory") }
        imprint.initialize(from: digest, count: digest.count)
        TS_VERIFY_CTX_set_imprint(context, imprint, digest.count)  // the context frees it
        TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT | TS_VFY_SIGNER))
        guard TS_RESP_verify_token(context, pkcs7) == 1 else {
            throw .timestamp(OpenSSL.error("TS_RESP_verify_token").message)
        }
        guard let info = PKCS7_to_TS_TST_INFO(pkcs7) else { throw .timestamp("no TSTInfo") }
        defer { TS_TST_INFO_free(info) }
        return Certificate.date(TS_TST_INFO_get_time(info))
    }
}
