import Cryptography
import NIOCore

/// Chunks in memory, optionally failing after some (an upload cut off midway).
public struct Chunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public var parts: [[UInt8]]
    public var failAfter: Int?

    public init(parts: [[UInt8]], failAfter: Int? = nil) {
        self.parts = parts
        self.failAfter = failAfter
    }

    public struct Cut: Error {}

    public struct Iterator: AsyncIteratorProtocol {
        public var parts: [[UInt8]]
        var failAfter: Int?
        var index = 0
        public mutating func next() async throws -> ByteBuffer? {
            if let failAfter, index == failAfter { throw Cut() }
            guard index < parts.count else { return nil }
            defer { index += 1 }
            return ByteBuffer(bytes: parts[index])
        }
    }

    public func makeAsyncIterator() -> Iterator { Iterator(parts: parts, failAfter: failAfter) }
}


/// Reference digests, for comparing with what the platform computed.
public enum SHA {
    public static func hex(_ algorithm: Digest.Algorithm, _ bytes: [UInt8]) -> String { Hex.encode(try! Digest.hash(algorithm, bytes)) }
}
