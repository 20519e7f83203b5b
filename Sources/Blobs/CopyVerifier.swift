import Glibc
import NIOPosix

/// Reads back the blocks of two copies of the same bytes as soon as each is written to both:
/// the first hashed (SHA-256, SHA-512) and sniffed, the second compared with it byte for byte.
/// Equal bytes have equal fingerprints, so the second copy is proved against the same SHA-512 at
/// the cost of a comparison rather than a second SHA-512 pass. The two hashes run on two threads
/// while the next block is read; the reading follows the writing, so that proving a copy takes
/// hardly longer than writing it.
final class CopyVerifier: Sendable {
    struct Result: Sendable {
        var sha256: String
        var sha512: String
        var mediaType: MediaType?
        /// The second copy's bytes are the first's.
        var same: Bool
        /// Bytes read back from the first copy.
        var count: Int
    }

    private let written: AsyncStream<(offset: Int, count: Int)>.Continuation
    private let work: Task<Result, any Error>

    init(readers: (any StagedCopyReader, any StagedCopyReader), blockBytes: Int) throws {
        let (stream, continuation) = AsyncStream<(offset: Int, count: Int)>.makeStream()
        let hasher = try BlobHasher()
        written = continuation
        work = Task { try await Self.run(stream, readers: readers, hasher: hasher, blockBytes: blockBytes) }
    }

    /// The bytes `offset..<offset+count` are written to both copies.
    func wrote(offset: Int, count: Int) {
        written.yield((offset, count))
    }

    /// Once everything was written: the fingerprints of what was read back.
    func finish() async throws -> Result {
        written.finish()
        return try await work.value
    }

    func cancel() async {
        written.finish()
        work.cancel()
        _ = try? await work.value
    }

    static func run(_ ranges: AsyncStream<(offset: Int, count: Int)>, readers: (any StagedCopyReader, any StagedCopyReader),
                    hasher: BlobHasher, blockBytes: Int) async throws -> Result {
        var pending = ranges.makeAsyncIterator()
        var current = (IOBlock(capacity: blockBytes), IOBlock(capacity: blockBytes))
        var next = (IOBlock(capacity: blockBytes), IOBlock(capacity: blockBytes))
        var same = true
        var count = 0
        if let first = await pending.next() {
            try await read(first, into: current, from: readers)
            while true {
                try Task.checkCancellation()
                let blocks = current
                async let equal = hash(blocks, with: hasher)
                let following = await pending.next()
                if let following { try await read(following, into: next, from: readers) }
                same = try await equal && same
                count += blocks.0.count
                guard following != nil else { break }
                swap(&current, &next)
            }
        }
        let (sha256, sha512, mediaType) = try hasher.finish()
        return Result(sha256: sha256, sha512: sha512, mediaType: mediaType, same: same, count: count)
    }

    static func read(_ range: (offset: Int, count: Int), into blocks: (IOBlock, IOBlock), from readers: (any StagedCopyReader, any StagedCopyReader)) async throws {
        async let one = readers.0.read(into: blocks.0, at: range.offset, count: range.count)
        _ = try await readers.1.read(into: blocks.1, at: range.offset, count: range.count)
        _ = try await one
    }

    /// SHA-512 on one thread; SHA-256 and the comparison on another. Whether the blocks are equal.
    static func hash(_ blocks: (IOBlock, IOBlock), with hasher: BlobHasher) async throws -> Bool {
        let threads = NIOThreadPool.singleton
        async let sha512: Void = threads.runIfActive { try hasher.updateSecond(blocks.0.bytes) }
        let equal = try await threads.runIfActive {
            try hasher.updateFirst(blocks.0.bytes)
            return blocks.1.count == blocks.0.count && memcmp(blocks.0.base, blocks.1.base, blocks.0.count) == 0
        }
        try await sha512
        return equal
    }
}
