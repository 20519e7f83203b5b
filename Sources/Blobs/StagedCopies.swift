import Glibc
import NIOPosix
import Tenancy

/// Proves two staged copies of the same bytes before they are committed: both are read back
/// from where they were written (from the devices themselves where the filesystem allows direct
/// I/O), at once; the first is hashed (SHA-256, its key; SHA-512) and sniffed, the second
/// compared with it byte for byte. Equal bytes have equal fingerprints, so the second is proved
/// against the same SHA-512 at the cost of a comparison rather than a second SHA-512 pass (a
/// tenth of it). The two hashes run on two threads while the next blocks are read.
public enum StagedCopies {
    static let blockBytes = 4 << 20

    /// Both copies identified by the fingerprints read back from the first; `second` is nil if
    /// its bytes differ from the first's.
    public static func readBack(_ first: StagedCopy, in firstStore: any BlobStore, _ second: StagedCopy, in secondStore: any BlobStore)
        async throws -> (first: StagedBlob, second: StagedBlob?)
    {
        let hasher = try BlobHasher()
        var same = first.size == second.size
        let readers = (try await firstStore.copyReader(first), try await secondStore.copyReader(second))
        var current = (IOBlock(capacity: blockBytes), IOBlock(capacity: blockBytes))
        var next = (IOBlock(capacity: blockBytes), IOBlock(capacity: blockBytes))
        var offset = 0
        var count = try await read(current, at: 0, from: readers)
        while count != 0 {
            let (blocks, following, nextOffset) = (current, next, offset + count)
            async let followingCount = read(following, at: nextOffset, from: readers)
            let threads = NIOThreadPool.singleton
            async let sha512: Void = threads.runIfActive { try hasher.updateSecond(blocks.0.bytes) }
            let equal = try await threads.runIfActive {
                try hasher.updateFirst(blocks.0.bytes)
                return blocks.1.count == blocks.0.count && memcmp(blocks.0.base, blocks.1.base, blocks.0.count) == 0
            }
            try await sha512
            same = same && equal
            offset = nextOffset
            count = try await followingCount
            swap(&current, &next)
        }
        guard offset == first.size else {
            throw BlobError.storage(operation: "read back a staged copy", member: first.member.rawValue, reason: "\(offset) bytes read, \(first.size) written")
        }
        let (sha256, sha512, mediaType) = try hasher.finish()
        guard let key = BlobKey(sha256) else { throw BlobError.storage(operation: "read back", member: first.member.rawValue, reason: "not a digest") }
        let identified = first.identified(key: key, sha512: sha512, mediaType: mediaType)
        return (identified, same ? second.identified(key: key, sha512: sha512, mediaType: mediaType) : nil)
    }

    /// Reads the blocks of both copies at `offset`; how many bytes of the first.
    static func read(_ blocks: (IOBlock, IOBlock), at offset: Int, from readers: (any StagedCopyReader, any StagedCopyReader)) async throws -> Int {
        async let one = readers.0.read(into: blocks.0, at: offset)
        _ = try await readers.1.read(into: blocks.1, at: offset)
        return try await one
    }
}
