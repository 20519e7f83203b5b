import NIOCore
import Tenancy

/// Where documents' bytes live: content-addressed (the SHA-256 of the bytes is the key), one
/// namespace per member. The filesystem driver is the one today; an S3-compatible one can come:
/// nothing outside this module sees a path.
public protocol BlobStore: Sendable {
    /// Streams `source` into the member's namespace, hashing (SHA-256 and SHA-512) and sniffing
    /// as it comes, at most `limit` bytes (`BlobError.tooLarge` beyond). The blob is only
    /// staged: `commit` makes it visible under its key, `discard` removes it. If anything
    /// throws, nothing stays.
    func stage<Source: AsyncSequence & Sendable>(member: TenantSlug, from source: Source, limit: Int) async throws -> StagedBlob
        where Source.Element == ByteBuffer

    /// A copy staged from blocks pushed to it as they arrive (an upload being received, a file
    /// being read), written straight to the device where possible; not hashed (`CopyPair`
    /// fingerprints what it reads back).
    func copyWriter(member: TenantSlug, limit: Int) async throws -> any StagedCopyWriter

    /// Makes a staged blob visible under its key (replacing an identical one).
    func commit(_ staged: StagedBlob) async throws
    /// Removes a staged blob (a refused upload).
    func discard(_ staged: StagedBlob) async

    /// The size of a blob, nil if there is none.
    func size(member: TenantSlug, key: BlobKey) async throws -> Int?
    /// The bytes of a blob, or of a range of it, as a stream of chunks.
    func read(member: TenantSlug, key: BlobKey, range: ClosedRange<Int>?) async throws -> BlobContent
    func delete(member: TenantSlug, key: BlobKey) async throws
    /// The keys of the member's blobs written more than `age` ago (for the collector).
    func keys(member: TenantSlug, olderThan age: Duration) async throws -> [BlobKey]
    /// Removes staged blobs abandoned for longer than `age` (a crashed upload); returns how many.
    func sweepStaged(member: TenantSlug, olderThan age: Duration) async throws -> Int
}

/// A blob's key: the hex SHA-256 of its bytes.
public struct BlobKey: Sendable, Hashable, CustomStringConvertible {
    public let sha256: String

    /// nil unless `text` is 64 lowercase hex digits.
    public init?(_ text: String) {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        sha256 = text
    }

    public var description: String { sha256 }
}

/// A blob written but not yet visible: its fingerprints, size and detected type.
public struct StagedBlob: Sendable {
    public let member: TenantSlug
    public let key: BlobKey
    /// Hex SHA-512, for the archive.
    public let sha512: String
    public let size: Int
    /// From the bytes themselves (nil: nothing recognised).
    public let mediaType: MediaType?
    /// The driver's handle on the staged bytes.
    let token: String
}

/// Bytes staged by a `StagedCopyWriter`, not hashed: nameless until read back and identified
/// (`CopyPair`).
public struct StagedCopy: Sendable {
    public let member: TenantSlug
    public let size: Int
    let token: String

    /// The copy under fingerprints read back from its bytes (`CopyPair`).
    func identified(key: BlobKey, sha512: String, mediaType: MediaType?) -> StagedBlob {
        StagedBlob(member: member, key: key, sha512: sha512, size: size, mediaType: mediaType, token: token)
    }
}

/// A blob's bytes (or a range of them) as chunks read as they are consumed.
public struct BlobContent: Sendable {
    public let totalSize: Int
    /// The bytes this content covers.
    public let range: ClosedRange<Int>
    public let chunks: AsyncThrowingStream<ByteBuffer, any Error>
}

public enum BlobError: Error, Sendable, CustomStringConvertible {
    /// More than the limit was sent.
    case tooLarge(limit: Int)
    case notFound(BlobKey)
    case unsatisfiableRange(size: Int)
    /// The storage failed (disk full, permissions): the platform's problem, not the client's.
    case storage(operation: String, member: String, reason: String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "the content is larger than \(limit) bytes"
        case .notFound(let key): "no blob \(key)"
        case .unsatisfiableRange(let size): "range outside the \(size) bytes of the blob"
        case .storage(let operation, let member, let reason): "blob storage: \(operation) failed for \(member): \(reason)"
        }
    }
}
