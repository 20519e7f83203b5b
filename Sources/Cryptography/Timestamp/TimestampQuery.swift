import COpenSSL

/// An RFC 3161 TimeStampReq: the digest to timestamp, a nonce, and a request for the
/// authority's certificate in the reply.
public struct TimestampQuery: Sendable {
    public var digest: [UInt8]
    public var algorithm: Digest.Algorithm
    public var nonce: [UInt8]?

    public init(digest: [UInt8], algorithm: Digest.Algorithm = .sha256, nonce: [UInt8]? = nil) {
        self.digest = digest
        self.algorithm = algorithm
        self.nonce = nonce
    }

    /// A query over `bytes`' SHA-256 with a random 64-bit nonce.
    public static func over(_ bytes: some ContiguousBytes) throws -> TimestampQuery {
        TimestampQuery(digest: try Digest.sha256(bytes), nonce: try SecureRandom.bytes(8))
    }

    public func der() throws -> [UInt8] {
        let request = try OpenSSL.check(TS_REQ_new(), "TS_REQ_new")
        defer { TS_REQ_free(request) }
        try OpenSSL.check(TS_REQ_set_version(request, 1), "TS_REQ_set_version")
        let imprint = try OpenSSL.check(TS_MSG_IMPRINT_new(), "TS_MSG_IMPRINT_new")
        defer { TS_MSG_IMPRINT_free(imprint) }
        let algorithmIdentifier = try OpenSSL.check(X509_ALGOR_new(), "X509_ALGOR_new")
        defer { X509_ALGOR_free(algorithmIdentifier) }
        let nid = algorithm == .sha256 ? NID_sha256 : NID_sha512
        try OpenSSL.check(X509_ALGOR_set0(algorithmIdentifier, OBJ_nid2obj(nid), V_ASN1_NULL, nil), "X509_ALGOR_set0")
        try OpenSSL.check(TS_MSG_IMPRINT_set_algo(imprint, algorithmIdentifier), "TS_MSG_IMPRINT_set_algo")
        var digest = digest
        try OpenSSL.check(TS_MSG_IMPRINT_set_msg(imprint, &digest, Int32(digest.count)), "TS_MSG_IMPRINT_set_msg")
        try OpenSSL.check(TS_REQ_set_msg_imprint(request, imprint), "TS_REQ_set_msg_imprint")
        if let nonce {
            let number = try OpenSSL.check(BN_bin2bn(nonce, Int32(nonce.count), nil), "nonce")
            defer { BN_free(number) }
            let integer = try OpenSSL.check(BN_to_ASN1_INTEGER(number, nil), "nonce")
            defer { ASN1_INTEGER_free(integer) }
            try OpenSSL.check(TS_REQ_set_nonce(request, integer), "TS_REQ_set_nonce")
        }
        try OpenSSL.check(TS_REQ_set_cert_req(request, 1), "TS_REQ_set_cert_req")
        return try MemoryBIO.writing("TS_REQ DER") { bio in
            try OpenSSL.check(i2d_TS_REQ_bio(bio, request), "i2d_TS_REQ_bio")
        }
    }

    /// Reads a DER TimeStampReq, as a timestamp authority receives it.
    public init(der: [UInt8]) throws {
        let request = try MemoryBIO.reading(der, "TS_REQ DER") { bio in
            try OpenSSL.check(d2i_TS_REQ_bio(bio, nil), "d2i_TS_REQ_bio")
        }
        defer { TS_REQ_free(request) }
        guard let imprint = TS_REQ_get_msg_imprint(request), let message = TS_MSG_IMPRINT_get_msg(imprint),
              let algorithmIdentifier = TS_MSG_IMPRINT_get_algo(imprint) else {
            throw CryptographyError(operation: "timestamp query", message: "no message imprint")
        }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithmIdentifier)
        let nid = OBJ_obj2nid(object)
        guard nid == NID_sha256 || nid == NID_sha512 else {
            throw CryptographyError(operation: "timestamp query", message: "digest algorithm not accepted (SHA-256 or SHA-512 only)")
        }
        self.algorithm = nid == NID_sha256 ? .sha256 : .sha512
        self.digest = CMSSignedData.bytes(message)
        guard digest.count == algorithm.byteCount else {
            throw CryptographyError(operation: "timestamp query", message: "the imprint has \(digest.count) bytes, \(algorithm.rawValue) has \(algorithm.byteCount)")
        }
        self.nonce = nil
    }
}
