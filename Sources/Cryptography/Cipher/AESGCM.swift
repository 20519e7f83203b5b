import COpenSSL

/// AES-256-GCM authenticated encryption. A sealed box is `nonce (12) ‖ ciphertext ‖ tag (16)`,
/// with a fresh random nonce per call; `open` refuses any change to the box or to the
/// associated data with `AESGCM.AuthenticationFailure`.
public enum AESGCM {
    public static let keyByteCount = 32
    static let nonceByteCount = 12
    static let tagByteCount = 16

    /// The box or its associated data was altered, or the key is not the one that sealed it.
    public struct AuthenticationFailure: Error, Sendable, CustomStringConvertible {
        public var description: String { "AES-256-GCM authentication failed (wrong key or altered data)" }
    }

    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        try checkKey(key)
        let nonce = try SecureRandom.bytes(nonceByteCount)
        let context = try OpenSSL.check(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new")
        defer { EVP_CIPHER_CTX_free(context) }
        try OpenSSL.check(EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce), "AES-256-GCM encrypt init")
        var length: Int32 = 0
        if !associatedData.isEmpty {
            try OpenSSL.check(EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)), "AES-256-GCM associated data")
        }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var produced: Int32 = 0
        if !plaintext.isEmpty {
            try OpenSSL.check(EVP_EncryptUpdate(context, &ciphertext, &produced, plaintext, Int32(plaintext.count)), "AES-256-GCM encrypt")
        }
        var final: Int32 = 0
        try ciphertext.withUnsafeMutableBufferPointer { buffer in
            try OpenSSL.check(EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(produced), &final), "AES-256-GCM encrypt final")
        }
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        try OpenSSL.check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), &tag), "AES-256-GCM tag")
        return nonce + ciphertext.prefix(Int(produced + final)) + tag
    }

    public static func open(_ box: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        try checkKey(key)
        guard box.count >= nonceByteCount + tagByteCount else { throw AuthenticationFailure() }
        let nonce = Array(box.prefix(nonceByteCount))
        var tag = Array(box.suffix(tagByteCount))
        let ciphertext = Array(box[nonceByteCount..<(box.count - tagByteCount)])
        let context = try OpenSSL.check(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new")
        defer { EVP_CIPHER_CTX_free(context) }
        try OpenSSL.check(EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce), "AES-256-GCM decrypt init")
        var length: Int32 = 0
        if !associatedData.isEmpty {
            try OpenSSL.check(EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)), "AES-256-GCM associated data")
        }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var produced: Int32 = 0
        if !ciphertext.isEmpty {
            try OpenSSL.check(EVP_DecryptUpdate(context, &plaintext, &produced, ciphertext, Int32(ciphertext.count)), "AES-256-GCM decrypt")
        }
        try OpenSSL.check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), &tag), "AES-256-GCM set tag")
        var final: Int32 = 0
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(produced), &final)
        }
        guard verified == 1 else {
            ERR_clear_error()
            throw AuthenticationFailure()
        }
        return Array(plaintext.prefix(Int(produced + final)))
    }

    private static func checkKey(_ key: [UInt8]) throws {
        guard key.count == keyByteCount else {
            throw CryptographyError(operation: "AES-256-GCM", message: "the key must be \(keyByteCount) bytes, not \(key.count)")
        }
    }
}
