import NIOCore
import Tenancy

/// Writes the same bytes to two staged copies, one in each of two stores, at once: the bytes are
/// gathered into an aligned block; a full block is written to both copies (a thread each, straight
/// to the devices where possible) while the next one fills. Two blocks in all, whatever the size.
/// Used by one task; `finish` gives both copies (to be read back before they are trusted).
public final class CopyPair: @unchecked Sendable {
    public static let blockBytes = 4 << 20
    let first: any StagedCopyWriter
    let second: any StagedCopyWriter
    private var filling = IOBlock(capacity: CopyPair.blockBytes)
    /// The block being written; gives it back once written to both.
    private var writing: Task<IOBlock, any Error>?

    /// Opens both copies (`limit`: the most bytes they will take).
    public static func open(member: TenantSlug, limit: Int, first: any BlobStore, second: any BlobStore) async throws -> CopyPair {
        async let one = Self.attempt { try await first.copyWriter(member: member, limit: limit) }
        async let two = Self.attempt { try await second.copyWriter(member: member, limit: limit) }
        switch await (one, two) {
        case (.success(let a), .success(let b)): return CopyPair(first: a, second: b)
        case (.success(let a), .failure(let error)), (.failure(let error), .success(let a)):
            await a.abandon()
            throw error
        case (.failure(let error), .failure): throw error
        }
    }

    init(first: any StagedCopyWriter, second: any StagedCopyWriter) {
        self.first = first
        self.second = second
    }

    public func write(_ buffer: ByteBuffer) async throws {
        var offset = 0
        while offset < buffer.readableBytes {
            offset += buffer.withUnsafeReadableBytes { filling.fill(from: UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if filling.isFull { try await handOver() }
        }
    }

    /// Starts writing the filled block to both copies, once the previous one is written (its
    /// block is the next to fill).
    private func handOver() async throws {
        let block = filling
        let next = try await writing?.value ?? IOBlock(capacity: Self.blockBytes)
        next.count = 0
        filling = next
        writing = Task { [first, second] in
            async let one: Void = first.append(block)
            try await second.append(block)
            try await one
            return block
        }
    }

    /// Writes what is left, makes both copies durable.
    public func finish() async throws -> (first: StagedCopy, second: StagedCopy) {
        if filling.count > 0 { try await handOver() }
        _ = try await writing?.value
        writing = nil
        async let one = first.finish()
        let two = try await second.finish()
        return (try await one, two)
    }

    /// Removes both copies (waiting for a block being written).
    public func abandon() async {
        _ = try? await writing?.value
        await first.abandon()
        await second.abandon()
    }

    static func attempt<T>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
