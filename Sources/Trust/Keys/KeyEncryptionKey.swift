import Cryptography
import Foundation

/// The key-encryption key (KEK): 32 random bytes in a file outside the database
/// (`MUTUALIS_KEK_FILE`), which wraps every private key's own data key. A database dump or a
/// copy of the PKI directory without it opens nothing.
public struct KeyEncryptionKey: Sendable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A key derived from the KEK for one purpose (HMAC-SHA-256 keyed by the KEK over `label`,
    /// e.g. `mutualis.safe.member-key|amiens|v2`): services get their own keys without ever
    /// holding the KEK itself, and a label never yields another label's key.
    public func derivedKey(label: String) throws -> [UInt8] {
        try HMAC.sha256(key: bytes, Array(label.utf8))
    }

    /// Reads the file: 32 bytes written as 64 hexadecimal digits (spaces and new lines ignored).
    public static func load(from url: URL) throws(TrustError) -> KeyEncryptionKey {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .configuration("the key-encryption key \(url.path) cannot be read (MUTUALIS_KEK_FILE)")
        }
        let digits = text.filter { !$0.isWhitespace }
        guard let bytes = Hex.decode(digits), bytes.count == AESGCM.keyByteCount else {
            throw .configuration("the key-encryption key \(url.path) must hold 64 hexadecimal digits")
        }
        return KeyEncryptionKey(bytes: bytes)
    }

    /// Writes a new random key (mode 0600) unless the file exists; returns the key in the file.
    public static func createIfMissing(at url: URL) throws -> KeyEncryptionKey {
        if FileManager.default.fileExists(atPath: url.path) { return try load(from: url) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bytes = try SecureRandom.bytes(AESGCM.keyByteCount)
        FileManager.default.createFile(atPath: url.path, contents: Data((Hex.encode(bytes) + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return KeyEncryptionKey(bytes: bytes)
    }
}
