import COpenSSL

/// scrypt (RFC 7914) through OpenSSL's `EVP_PBE_scrypt`. Memory-hard: N=2^17, r=8 uses
/// 128 MiB per call, so callers bound how many run at once.
public enum Scrypt {
    public struct Parameters: Sendable, Hashable, CustomStringConvertible {
        /// log2 of N, the CPU/memory cost.
        public var logN: Int
        public var r: Int
        public var p: Int

        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// OWASP's recommendation, the platform's default: N=2^17, r=8, p=1.
        public static let recommended = Parameters(logN: 17, r: 8, p: 1)

        /// Bytes of memory one derivation needs (128 × N × r × p, plus a margin).
        public var memory: Int { 128 * (1 << logN) * r * p + 1 << 20 }

        public var description: String { "ln=\(logN),r=\(r),p=\(p)" }

        var isValid: Bool { (1...24).contains(logN) && (1...32).contains(r) && (1...16).contains(p) }
    }

    /// Derives `length` bytes from `password` and `salt`.
    public static func derive(password: [UInt8], salt: [UInt8], parameters: Parameters, length: Int = 32) throws -> [UInt8] {
        guard parameters.isValid, length > 0, length <= 128 else {
            throw CryptographyError(operation: "scrypt", message: "parameters out of range: \(parameters), length \(length)")
        }
        var key = [UInt8](repeating: 0, count: length)
        // Non-empty buffers so that the pointers exist; the lengths say what counts.
        let passwordBytes = password.isEmpty ? [0] : password
        let saltBytes = salt.isEmpty ? [0] : salt
        let result = passwordBytes.withUnsafeBufferPointer { passwordBuffer in
            saltBytes.withUnsafeBufferPointer { saltBuffer in
                passwordBuffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: passwordBytes.count) { passwordPointer in
                    EVP_PBE_scrypt(
                        passwordPointer, password.count, saltBuffer.baseAddress, salt.count,
                        UInt64(1) << UInt64(parameters.logN), UInt64(parameters.r), UInt64(parameters.p),
                        UInt64(parameters.memory), &key, length
                    )
                }
            }
        }
        try OpenSSL.check(result, "scrypt \(parameters)")
        return key
    }
}
