import NIOCore
import Tenancy

/// Writes the same bytes to two staged copies, one in each of two stores, and proves them as
/// they are written: the bytes are gathered into aligned blocks; a full block is written to both
/// copies (a thread each, straight to the devices where possible) while the next ones fill — a
/// few writes in flight absorb the devices' hiccups without holding up the sender — then read
/// back from both by a `CopyVerifier` while the following ones are written. `finish`
/// gives both copies identified by the fingerprints read back (the second only if its bytes are
/// the first's). Used by one task.
public final class CopyPair: @unchecked Sendable {
    public static let blockBytes = 4 << 20
    let first: any StagedCopyWriter
    let second: any StagedCopyWriter
    let verifier: CopyVerifier
    let blockBytes: Int
    private var filling: IOBlock
    /// The blocks being written, oldest first; each gives its block back once written to both
    /// (and announced to the verifier, in order).
    private var writing: [Task<IOBlock, any Error>] = []
    static let inFlight = 3
    /// Bytes handed over to be written.
    private var offset = 0

    /// Opens both copies (`limit`: the most bytes they will take).
    public static func open(member: TenantSlug, limit: Int, first: any BlobStore, second: any BlobStore) async throws -> CopyPair {
        async let one = Self.attempt { try await first.copyWriter(member: member, limit: limit) }
        async let two = Self.attempt { try await second.copyWriter(member: member, limit: limit) }
        let writers: (any StagedCopyWriter, any StagedCopyWriter)
        switch await (one, two) {
        case (.success(let a), .success(let b)): writers = (a, b)
        case (.success(let a), .failure(let error)), (.failure(let error), .success(let a)):
            await a.abandon()
            throw error
        case (.failure(let error), .failure): throw error
        }
        do {
            // Small copies take small blocks.
            let blockBytes = min(Self.blockBytes, max(limit, 1))
            let verifier = try CopyVerifier(readers: (try await writers.0.reader(), try await writers.1.reader()), blockBytes: blockBytes)
            return CopyPair(first: writers.0, second: writers.1, verifier: verifier, blockBytes: blockBytes)
        } catch {
            await writers.0.abandon()
            await writers.1.abandon()
            throw error
        }
    }

    init(first: any StagedCopyWriter, second: any StagedCopyWriter, verifier: CopyVerifier, blockBytes: Int) {
        (self.first, self.second, self.verifier, self.blockBytes) = (first, second, verifier, blockBytes)
        filling = IOBlock(capacity: blockBytes)
    }

    public func write(_ buffer: ByteBuffer) async throws {
        var offset = 0
        while offset < buffer.readableBytes {
            offset += buffer.withUnsafeReadableBytes { filling.fill(from: UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if filling.isFull { try await handOver() }
        }
    }

    /// Starts writing the filled block to both copies; with as many writes in flight as allowed,
    /// waits for the oldest (its block is the next to fill).
    private func handOver() async throws {
        let (block, at) = (filling, offset)
        offset += block.count
        let next = writing.count >= Self.inFlight ? try await writing.removeFirst().value : IOBlock(capacity: blockBytes)
        next.count = 0
        filling = next
        let previous = writing.last
        writing.append(Task { [first, second, verifier] in
            async let one: Void = first.write(block, at: at)
            try await second.write(block, at: at)
            try await one
            // The verifier reads the blocks in order.
            _ = try await previous?.value
            verifier.wrote(offset: at, count: block.count)
            return block
        })
    }

    /// Writes what is left, makes both copies durable, and gives them identified by what was
    /// read back (`second` nil: its bytes differ from the first's, and it was removed).
    public func finish() async throws -> (first: StagedBlob, second: StagedBlob?) {
        if filling.count > 0 { try await handOver() }
        for task in writing { _ = try await task.value }
        writing = []
        async let one = first.finish(size: offset)
        let two = try await second.finish(size: offset)
        let copies = (try await one, two)
        let proof = try await verifier.finish()
        guard proof.count == copies.0.size, let key = BlobKey(proof.sha256) else {
            throw BlobError.storage(operation: "read back a staged copy", member: copies.0.member.rawValue,
                                    reason: "\(proof.count) bytes read back, \(copies.0.size) written")
        }
        let identified = copies.0.identified(key: key, sha512: proof.sha512, mediaType: proof.mediaType)
        guard proof.same, copies.1.size == copies.0.size else {
            await second.abandon()
            return (identified, nil)
        }
        return (identified, copies.1.identified(key: key, sha512: proof.sha512, mediaType: proof.mediaType))
    }

    /// Removes both copies (waiting for a block being written).
    public func abandon() async {
        for task in writing { _ = try? await task.value }
        await verifier.cancel()
        await first.abandon()
        await second.abandon()
    }

    static func attempt<T>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
