import Cryptography
import Foundation

/// A private key at rest: the key (PKCS#8 PEM) encrypted with AES-256-GCM under its own random
/// data key, and that data key wrapped by the key-encryption key — for a signatory, by the KEK
/// combined with a key derived from the PIN (scrypt), so that neither the KEK alone nor the PIN
/// alone opens it. The label (whose key this is) is authenticated with both layers, so an
/// envelope cannot be moved to another owner.
public struct KeyEnvelope: Codable, Sendable, Equatable {
    public var version: Int
    public var label: String
    /// Base64 of `nonce ‖ ciphertext ‖ tag` of the data key.
    public var wrappedKey: String
    /// Base64 of `nonce ‖ ciphertext ‖ tag` of the PEM private key.
    public var ciphertext: String
    /// Present when a PIN protects the key.
    public var pin: PINProtection?

    public struct PINProtection: Codable, Sendable, Equatable {
        public var salt: String
        public var logN: Int
        public var r: Int
        public var p: Int

        var parameters: Scrypt.Parameters { Scrypt.Parameters(logN: logN, r: r, p: p) }
    }

    /// The scrypt cost of a PIN: 2^15 (32 MiB, ≈ 0.1 s), paid once per signature.
    public static let pinParameters = Scrypt.Parameters(logN: 15, r: 8, p: 1)

    public static func seal(_ key: PrivateKey, label: String, kek: KeyEncryptionKey, pin: String? = nil,
                            pinParameters: Scrypt.Parameters = pinParameters) throws -> KeyEnvelope {
        let dataKey = try SecureRandom.bytes(AESGCM.keyByteCount)
        let ciphertext = try AESGCM.seal(try key.pem(), key: dataKey, associatedData: Array(label.utf8))
        var protection: PINProtection?
        if let pin {
            let salt = try SecureRandom.bytes(16)
            protection = PINProtection(salt: Data(salt).base64EncodedString(), logN: pinParameters.logN, r: pinParameters.r, p: pinParameters.p)
        }
        let wrapping = try wrappingKey(kek: kek, pin: pin, protection: protection)
        let wrapped = try AESGCM.seal(dataKey, key: wrapping, associatedData: Array(label.utf8))
        return KeyEnvelope(version: 1, label: label, wrappedKey: Data(wrapped).base64EncodedString(),
                           ciphertext: Data(ciphertext).base64EncodedString(), pin: protection)
    }

    /// The private key. A wrong PIN (or KEK, or a changed envelope) is `TrustError.wrongPIN`
    /// or `.keyUnavailable`, never a partial result.
    public func open(kek: KeyEncryptionKey, pin: String? = nil) throws(TrustError) -> PrivateKey {
        if self.pin != nil, pin == nil { throw .wrongPIN }
        guard let wrapped = Data(base64Encoded: wrappedKey), let sealed = Data(base64Encoded: ciphertext) else {
            throw .keyUnavailable("the envelope of \(label) is damaged")
        }
        let dataKey: [UInt8]
        do {
            let wrapping = try Self.wrappingKey(kek: kek, pin: self.pin == nil ? nil : pin, protection: self.pin)
            dataKey = try AESGCM.open(Array(wrapped), key: wrapping, associatedData: Array(label.utf8))
        } catch is AESGCM.AuthenticationFailure {
            throw self.pin == nil ? .keyUnavailable("the key of \(label) does not open with this KEK") : .wrongPIN
        } catch {
            throw .keyUnavailable("the key of \(label): \(error)")
        }
        do {
            let pem = try AESGCM.open(Array(sealed), key: dataKey, associatedData: Array(label.utf8))
            return try PrivateKey(pem: pem)
        } catch {
            throw .keyUnavailable("the key of \(label) is damaged: \(error)")
        }
    }

    /// The same key under a new PIN (the old one must open it).
    public func changingPIN(kek: KeyEncryptionKey, from old: String, to new: String) throws -> KeyEnvelope {
        try Self.seal(try open(kek: kek, pin: old), label: label, kek: kek, pin: new, pinParameters: pin?.parameters ?? Self.pinParameters)
    }

    static func wrappingKey(kek: KeyEncryptionKey, pin: String?, protection: PINProtection?) throws -> [UInt8] {
        guard let pin, let protection, let salt = Data(base64Encoded: protection.salt) else { return kek.bytes }
        let derived = try Scrypt.derive(password: Array(pin.utf8), salt: Array(salt), parameters: protection.parameters)
        return try HMAC.sha256(key: kek.bytes, derived)
    }
}
