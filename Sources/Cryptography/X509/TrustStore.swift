import COpenSSL
import Foundation

/// The certificates a verifier trusts (anchors), plus intermediates it may use to build a
/// chain. Verification happens at a given time, so expired certificates are reported as such.
public struct TrustStore: Sendable {
    public var anchors: [Certificate]
    public var intermediates: [Certificate]

    public init(anchors: [Certificate], intermediates: [Certificate] = []) {
        self.anchors = anchors
        self.intermediates = intermediates
    }

    /// Why a certificate is not accepted.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case expired(Date)
        case notYetValid(Date)
        case untrusted(String)
        case wrongUsage(String)
        case other(String)

        public var description: String {
            switch self {
            case .expired(let date): "certificate expired on \(date)"
            case .notYetValid(let date): "certificate not valid before \(date)"
            case .untrusted(let reason): "certificate not trusted: \(reason)"
            case .wrongUsage(let reason): "certificate not meant for this use: \(reason)"
            case .other(let reason): "certificate rejected: \(reason)"
            }
        }
    }

    /// Checks that `certificate` chains to an anchor and is valid at `time`. `purpose` is an
    /// OpenSSL purpose name ("smimesign", "timestampsign", "any").
    public func verify(_ certificate: Certificate, extra: [Certificate] = [], at time: Date, purpose: String = "any") throws(Problem) {
        let store: OpaquePointer
        do { store = try makeStore(at: time) } catch { throw .other(String(describing: error)) }
        defer { X509_STORE_free(store) }
        guard let untrusted = mutualis_x509_stack_new() else { throw .other("out of memory") }
        defer { mutualis_x509_stack_free(untrusted) }
        for item in intermediates + extra { _ = mutualis_x509_stack_push(untrusted, item.pointer) }
        guard let context = X509_STORE_CTX_new() else { throw .other("out of memory") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, certificate.pointer, untrusted) == 1 else { throw .other(OpenSSL.error("X509_STORE_CTX_init").message) }
        if purpose != "any", let param = X509_STORE_CTX_get0_param(context) {
            let id = X509_PURPOSE_get_by_sname(purpose)
            if id >= 0, let entry = X509_PURPOSE_get0(id) { X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_get_id(entry)) }
        }
        if X509_verify_cert(context) == 1 { return }
        ERR_clear_error()
        let code = X509_STORE_CTX_get_error(context)
        let failing = X509_STORE_CTX_get_current_cert(context).map { Certificate(sharing: $0) } ?? certificate
        let reason = String(cString: X509_verify_cert_error_string(Int(code)))
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: throw .expired(failing.notAfter)
        case X509_V_ERR_CERT_NOT_YET_VALID: throw .notYetValid(failing.notBefore)
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_SIGNATURE_FAILURE:
            throw .untrusted(reason)
        case X509_V_ERR_INVALID_PURPOSE: throw .wrongUsage(reason)
        default: throw .other(reason)
        }
    }

    /// An `X509_STORE` holding the anchors, checking at `time`. The caller frees it.
    func makeStore(at time: Date) throws -> OpaquePointer {
        let store = try OpenSSL.check(X509_STORE_new(), "X509_STORE_new")
        for anchor in anchors where X509_STORE_add_cert(store, anchor.pointer) != 1 {
            X509_STORE_free(store)
            throw OpenSSL.error("X509_STORE_add_cert")
        }
        if let param = X509_STORE_get0_param(store) {
            X509_VERIFY_PARAM_set_time(param, time_t(time.timeIntervalSince1970))
        }
        return store
    }
}
