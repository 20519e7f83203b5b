import COpenSSL

/// The content of a PKCS#12 file (`.p12`/`.pfx`): a private key, its certificate and the
/// authority chain, as production installs receive seal and TSA material.
public struct PKCS12Bundle: Sendable {
    public var key: PrivateKey
    public var certificate: Certificate
    public var chain: [Certificate]

    public init(der: [UInt8], password: String) throws {
        let p12 = try MemoryBIO.reading(der, "PKCS#12") { bio in
            try OpenSSL.check(d2i_PKCS12_bio(bio, nil), "d2i_PKCS12_bio")
        }
        defer { PKCS12_free(p12) }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var chain: OpaquePointer?
        try OpenSSL.check(PKCS12_parse(p12, password, &key, &certificate, &chain), "PKCS12_parse (wrong password?)")
        guard let key, let certificate else {
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            if let chain { mutualis_x509_stack_free_all(chain) }
            throw CryptographyError(operation: "PKCS#12", message: "the file holds no key and certificate pair")
        }
        self.key = PrivateKey(taking: key)
        self.certificate = Certificate(taking: certificate)
        var others: [Certificate] = []
        if let chain {
            others = (0..<mutualis_x509_stack_count(chain)).compactMap { mutualis_x509_stack_value(chain, $0) }.map { Certificate(sharing: $0) }
            mutualis_x509_stack_free_all(chain)
        }
        self.chain = others
    }
}
