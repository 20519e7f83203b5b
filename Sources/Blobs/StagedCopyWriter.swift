/// Writes a staged copy from blocks pushed to it (`BlobStore.copyWriter`), several at once if
/// need be, then `finish` (`fsync`, close) or `abandon` (removed). Where the filesystem allows it
/// the bytes go straight to the device (`O_DIRECT`), not through the page cache.
public protocol StagedCopyWriter: Sendable {
    /// Writes a block at `offset` (a multiple of the alignment; `BlobError.tooLarge` past the
    /// writer's limit). The block must not change until this returns.
    func write(_ block: IOBlock, at offset: Int) async throws
    /// Makes the `size` bytes written durable and gives the staged copy (still invisible until
    /// committed).
    func finish(size: Int) async throws -> StagedCopy
    /// Removes what was written (a refused or interrupted upload).
    func abandon() async
    /// Reads back what this writer wrote, as it is written.
    func reader() async throws -> any StagedCopyReader
}

/// Reads a staged copy back, from the device itself where the filesystem allows it
/// (`O_DIRECT`): what is proved is what was stored, not a page of the cache.
public protocol StagedCopyReader: Sendable {
    /// Fills `block` with the `count` bytes at `offset` (a multiple of the alignment; `count`
    /// at most the block's capacity); gives how many there were.
    func read(into block: IOBlock, at offset: Int, count: Int) async throws -> Int
}
