import Blobs
import Cryptography
import Foundation
import NIOCore
import NIOFileSystem
import Tenancy

/// The archive's two storage locations: the document store's blobs (first copy) and a second,
/// independent `BlobStore` root (`MUTUALIS_ARCHIVE_SECOND_ROOT`). Objects are written to both,
/// and read back from both against their SHA-512 before a transfer is answered.
public struct ArchiveCopies: Sendable {
    public let first: any BlobStore
    public let second: any BlobStore

    public init(first: any BlobStore, second: any BlobStore) {
        self.first = first
        self.second = second
    }

    /// Stages a file's bytes in a store (hashing and sniffing them on the way).
    static func stage(_ file: SIPContainer.File, in store: any BlobStore, member: TenantSlug) async throws -> StagedBlob {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file.url.path)) { handle in
            try await store.stage(member: member, from: chunks(of: file, in: handle), limit: file.length)
        }
    }

    /// Stages a second copy of a file's bytes, not hashed: it is named after the first copy,
    /// hashed at the same time, and read back against the SHA-512 before anything is answered.
    static func stageCopy(_ file: SIPContainer.File, in store: any BlobStore, member: TenantSlug) async throws -> StagedCopy {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file.url.path)) { handle in
            try await store.stageCopy(member: member, from: chunks(of: file, in: handle), limit: file.length)
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
