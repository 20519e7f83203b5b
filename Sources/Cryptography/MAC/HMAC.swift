import COpenSSL

/// Keyed message authentication (HMAC, RFC 2104).
public enum HMAC {
    public static func sha256(key: some ContiguousBytes, _ message: some ContiguousBytes) throws -> [UInt8] {
        try authenticate(.sha256, key: key, message)
    }

    public static func authenticate(_ algorithm: Digest.Algorithm, key: some ContiguousBytes, _ message: some ContiguousBytes) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                COpenSSL.HMAC(
                    algorithm.evp, keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                    &output, &length
                )
            }
        }
        guard result != nil else { throw OpenSSL.error("HMAC-\(algorithm.rawValue)") }
        return Array(output.prefix(Int(length)))
    }

    /// Checks a MAC in constant time.
    public static func isValid(_ mac: [UInt8], for message: some ContiguousBytes, key: some ContiguousBytes, algorithm: Digest.Algorithm = .sha256) throws -> Bool {
        ConstantTime.equals(mac, try authenticate(algorithm, key: key, message))
    }
}

/// Comparison whose duration does not depend on where the inputs differ.
public enum ConstantTime {
    /// True when both byte strings are equal. Lengths are not secret: different lengths
    /// answer false at once.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }
}
