import NIOCore

/// Bytes in memory as the one-chunk sequence `BlobStore.stage` reads (a produced file, demo
/// content).
public struct MemoryBytes: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public struct Iterator: AsyncIteratorProtocol {
        var bytes: [UInt8]?
        public mutating func next() async -> ByteBuffer? {
            defer { bytes = nil }
            return bytes.map { ByteBuffer(bytes: $0) }
        }
    }

    public func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes) }
}
