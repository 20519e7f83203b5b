import COpenSSL

/// A message digest computed in pieces (`update` as data arrives, `finalize` once).
///
///     var digest = try Digest(.sha256)
///     try digest.update(chunk)
///     let fingerprint = try digest.finalize()
public struct Digest: ~Copyable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha256 = "SHA-256"
        case sha512 = "SHA-512"

        var evp: OpaquePointer? {
            switch self {
            case .sha256: EVP_sha256()
            case .sha512: EVP_sha512()
            }
        }

        public var byteCount: Int {
            switch self {
            case .sha256: 32
            case .sha512: 64
            }
        }
    }

    public let algorithm: Algorithm
    private let context: OpaquePointer

    public init(_ algorithm: Algorithm) throws {
        let context = try OpenSSL.check(EVP_MD_CTX_new(), "EVP_MD_CTX_new")
        guard EVP_DigestInit_ex(context, algorithm.evp, nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw OpenSSL.error("\(algorithm.rawValue) init")
        }
        self.algorithm = algorithm
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public mutating func update(_ bytes: some ContiguousBytes) throws {
        try bytes.withUnsafeBytes { buffer in
            try OpenSSL.check(EVP_DigestUpdate(context, buffer.baseAddress, buffer.count), "\(algorithm.rawValue) update")
        }
    }

    public consuming func finalize() throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try OpenSSL.check(EVP_DigestFinal_ex(context, &output, &length), "\(algorithm.rawValue) final")
        return Array(output.prefix(Int(length)))
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ algorithm: Algorithm, _ bytes: some ContiguousBytes) throws -> [UInt8] {
        var digest = try Digest(algorithm)
        try digest.update(bytes)
        return try digest.finalize()
    }

    public static func sha256(_ bytes: some ContiguousBytes) throws -> [UInt8] { try hash(.sha256, bytes) }
    public static func sha512(_ bytes: some ContiguousBytes) throws -> [UInt8] { try hash(.sha512, bytes) }
}

/// Types whose bytes can be read in place (`[UInt8]`, `Data`, `String.UTF8View` via Array).
public protocol ContiguousBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: ContiguousBytes where Element == UInt8 {}
extension ArraySlice: ContiguousBytes where Element == UInt8 {}
extension ContiguousArray: ContiguousBytes where Element == UInt8 {}
extension UnsafeRawBufferPointer: ContiguousBytes {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(self) }
}
