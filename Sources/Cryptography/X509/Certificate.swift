import COpenSSL
import Foundation

/// An X.509 certificate held by OpenSSL. Immutable, hence `@unchecked Sendable`.
public final class Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Shares `pointer` with its current owner (up-ref).
    convenience init(sharing pointer: OpaquePointer) {
        X509_up_ref(pointer)
        self.init(taking: pointer)
    }

    deinit {
        X509_free(pointer)
    }

    public convenience init(der: some ContiguousBytes) throws {
        let certificate = try MemoryBIO.reading(der, "certificate DER") { bio in
            try OpenSSL.check(d2i_X509_bio(bio, nil), "d2i_X509_bio")
        }
        self.init(taking: certificate)
    }

    /// The first certificate of a PEM text.
    public convenience init(pem: some ContiguousBytes) throws {
        let certificate = try MemoryBIO.reading(pem, "certificate PEM") { bio in
            try OpenSSL.check(PEM_read_bio_X509(bio, nil, nil, nil), "PEM_read_bio_X509")
        }
        self.init(taking: certificate)
    }

    /// Every certificate of a PEM bundle (a chain file, a trust list), in order.
    public static func all(pem: some ContiguousBytes) throws -> [Certificate] {
        try MemoryBIO.reading(pem, "certificate bundle") { bio in
            var certificates: [Certificate] = []
            while let next = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(Certificate(taking: next))
            }
            ERR_clear_error()  // the end of the bundle leaves a "no start line" error
            guard !certificates.isEmpty else {
                throw CryptographyError(operation: "certificate bundle", message: "no PEM certificate found")
            }
            return certificates
        }
    }

    public var der: [UInt8] {
        (try? MemoryBIO.writing("certificate DER") { bio in
            try OpenSSL.check(i2d_X509_bio(bio, pointer), "i2d_X509_bio")
        }) ?? []
    }

    public var pem: String {
        let bytes = (try? MemoryBIO.writing("certificate PEM") { bio in
            try OpenSSL.check(PEM_write_bio_X509(bio, pointer), "PEM_write_bio_X509")
        }) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The subject as an RFC 2253 string ("CN=Jeanne Martin,O=Commune d'Amiens,C=FR").
    public var subject: String { Self.text(X509_get_subject_name(pointer)) }
    public var issuer: String { Self.text(X509_get_issuer_name(pointer)) }

    /// The subject's common name, or the whole subject when it has none.
    public var commonName: String {
        guard let name = X509_get_subject_name(pointer) else { return subject }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
              let data = X509_NAME_ENTRY_get_data(entry) else { return subject }
        var utf8: UnsafeMutablePointer<UInt8>?
        let count = ASN1_STRING_to_UTF8(&utf8, data)
        guard count >= 0, let utf8 else { return subject }
        defer { mutualis_openssl_free(utf8) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(count)), as: UTF8.self)
    }

    public var serialNumberHex: String {
        guard let serial = X509_get0_serialNumber(pointer), let number = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { mutualis_openssl_free(hex) }
        return String(cString: hex).lowercased()
    }

    public var notBefore: Date { Self.date(X509_get0_notBefore(pointer)) }
    public var notAfter: Date { Self.date(X509_get0_notAfter(pointer)) }

    /// SHA-256 of the DER encoding, the fingerprint people compare.
    public var fingerprint: String { (try? Hex.encode(Digest.sha256(der))) ?? "" }

    /// True when `key` is this certificate's private key.
    public func matches(_ key: PrivateKey) -> Bool {
        let result = X509_check_private_key(pointer, key.pointer) == 1
        ERR_clear_error()
        return result
    }

    public var isCertificateAuthority: Bool { X509_check_ca(pointer) > 0 }

    static func text(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let bytes = (try? MemoryBIO.writing("name") { bio in
            _ = X509_NAME_print_ex(bio, name, 0, mutualis_name_flags())
        }) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        guard let time else { return .distantPast }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

extension Certificate: Equatable {
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { X509_cmp(lhs.pointer, rhs.pointer) == 0 }
}
