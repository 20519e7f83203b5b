import COpenSSL

/// An asymmetric private key (RSA or ECDSA P-256) held by OpenSSL.
///
/// Immutable once made; OpenSSL's key objects may be used from several threads for signing,
/// hence `@unchecked Sendable`.
public final class PrivateKey: @unchecked Sendable {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case rsa(bits: Int)
        case ecP256

        public var description: String {
            switch self {
            case .rsa(let bits): "RSA \(bits)"
            case .ecP256: "ECDSA P-256"
            }
        }
    }

    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// A new key. RSA keys shorter than 2048 bits are refused.
    public static func generate(_ kind: Kind) throws -> PrivateKey {
        let name: String
        switch kind {
        case .rsa(let bits):
            guard bits >= 2048, bits <= 8192 else {
                throw CryptographyError(operation: "key generation", message: "RSA keys must have 2048 to 8192 bits, not \(bits)")
            }
            name = "RSA"
        case .ecP256:
            name = "EC"
        }
        let context = try OpenSSL.check(EVP_PKEY_CTX_new_from_name(nil, name, nil), "EVP_PKEY_CTX_new_from_name \(kind)")
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSL.check(EVP_PKEY_keygen_init(context), "keygen init \(kind)")
        switch kind {
        case .rsa(let bits):
            try OpenSSL.check(EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)), "RSA key size \(bits)")
        case .ecP256:
            try OpenSSL.check(EVP_PKEY_CTX_set_group_name(context, "P-256"), "EC group P-256")
        }
        var key: OpaquePointer?
        try OpenSSL.check(EVP_PKEY_generate(context, &key), "key generation \(kind)")
        return PrivateKey(taking: try OpenSSL.check(key, "key generation \(kind)"))
    }

    /// Reads a PEM private key (PKCS#8 or traditional, unencrypted).
    public convenience init(pem: some ContiguousBytes) throws {
        let key = try MemoryBIO.reading(pem, "private key PEM") { bio in
            try OpenSSL.check(PEM_read_bio_PrivateKey(bio, nil, nil, nil), "PEM_read_bio_PrivateKey")
        }
        self.init(taking: key)
    }

    /// The key as unencrypted PKCS#8 PEM (for an encrypted envelope, never for a file as is).
    public func pem() throws -> [UInt8] {
        try MemoryBIO.writing("private key PEM") { bio in
            try OpenSSL.check(PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil), "PEM_write_bio_PrivateKey")
        }
    }

    /// The public half as DER SubjectPublicKeyInfo.
    public func publicKeyDER() throws -> [UInt8] {
        try MemoryBIO.writing("public key DER") { bio in
            try OpenSSL.check(i2d_PUBKEY_bio(bio, pointer), "i2d_PUBKEY_bio")
        }
    }

    public var kind: Kind {
        if EVP_PKEY_get_base_id(pointer) == EVP_PKEY_EC { return .ecP256 }
        return .rsa(bits: Int(EVP_PKEY_get_bits(pointer)))
    }
}
