import Blobs
import Cryptography
import Foundation
import NIOCore
import NIOFileSystem
import Tenancy

/// The archive's two storage locations: the document store's blobs (first copy) and a second,
/// independent `BlobStore` root (`MUTUALIS_ARCHIVE_SECOND_ROOT`). Objects are written to both
/// and read back from both before a transfer is answered: the first hashed (SHA-256, SHA-512),
/// the second compared with it byte for byte (`CopyPair`).
public struct ArchiveCopies: Sendable {
    public let first: any BlobStore
    public let second: any BlobStore

    public init(first: any BlobStore, second: any BlobStore) {
        self.first = first
        self.second = second
    }

    /// Stages a file's bytes in both locations at once (read once, written twice), read back
    /// from both and fingerprinted from what was stored (`CopyPair`).
    func stage(_ file: SIPContainer.File, member: TenantSlug) async throws -> (first: StagedBlob, second: StagedBlob?) {
        let pair = try await CopyPair.open(member: member, limit: file.length, first: first, second: second)
        do {
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file.url.path)) { handle in
                for try await chunk in Self.chunks(of: file, in: handle) { try await pair.write(chunk) }
            }
            return try await pair.finish()
        } catch {
            await pair.abandon()
            throw error
        }
    }

    static func chunks(of file: SIPContainer.File, in handle: ReadFileHandle) -> FileChunks {
        handle.readChunks(in: Int64(file.offset)..<Int64(file.offset + file.length), chunkLength: .mebibytes(1))
    }

    /// The SHA-512 of a stored blob, read back from the store.
    public static func sha512(of key: BlobKey, in store: any BlobStore, member: TenantSlug) async throws -> String? {
        guard try await store.size(member: member, key: key) != nil else { return nil }
        let content = try await store.read(member: member, key: key, range: nil)
        var digest = try Digest(.sha512)
        for try await chunk in content.chunks {
            try chunk.withUnsafeReadableBytes { try digest.update($0) }
        }
        return Hex.encode(try digest.finalize())
    }

    /// Both copies match `sha512`; else which location does not.
    func verify(_ key: BlobKey, sha512: String, member: TenantSlug) async throws -> [String] {
        // Both read back at once (one core each).
        async let firstCopy = Self.sha512(of: key, in: first, member: member)
        async let secondCopy = Self.sha512(of: key, in: second, member: member)
        var damaged: [String] = []
        if try await firstCopy != sha512 { damaged.append("first") }
        if try await secondCopy != sha512 { damaged.append("second") }
        return damaged
    }
}
