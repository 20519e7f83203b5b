import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws -> [UInt8] {
        precondition(count >= 0)
        var buffer = [UInt8](repeating: 0, count: count)
        if count > 0 {
            try OpenSSL.check(RAND_bytes(&buffer, Int32(count)), "RAND_bytes")
        }
        return buffer
    }

    /// A random token for URLs and cookies: `byteCount` random bytes in unpadded base64url.
    /// 32 bytes give 256 bits of entropy.
    public static func token(byteCount: Int = 32) throws -> String {
        Base64URL.encode(try bytes(byteCount))
    }
}
