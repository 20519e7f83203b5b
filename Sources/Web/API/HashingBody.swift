import Cryptography
import Hummingbird
import NIOCore

/// A request body that computes its SHA-256 as it is read.
final class HashingBody: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    /// The body of the request being handled, when the idempotency layer hashes it: a handler
    /// that reads the whole raw body from its start (`Upload.spool`) takes this fingerprint
    /// rather than hashing every byte a second time.
    @TaskLocal static var current: HashingBody?

    private var iterator: RequestBody.AsyncIterator
    private var digest: Digest?
    private var done = false
    private(set) var fingerprint = ""
    /// Bytes handed out so far.
    private(set) var count = 0

    /// Nothing of the body was read yet.
    var untouched: Bool { count == 0 && !done }

    /// The fingerprint, if the body was read to its end and was `size` bytes long.
    func fingerprint(ofWhole size: Int) -> String? {
        done && count == size && !fingerprint.isEmpty ? fingerprint : nil
    }

    init(_ body: RequestBody) {
        iterator = body.makeAsyncIterator()
        digest = try? Digest(.sha256)
    }

    func next() async throws -> ByteBuffer? {
        guard !done else { return nil }
        guard let chunk = try await iterator.next() else {
            done = true
            if let digest = digest.take() { fingerprint = Hex.encode((try? digest.finalize()) ?? []) }
            return nil
        }
        try chunk.withUnsafeReadableBytes { try digest!.update($0) }
        count += chunk.readableBytes
        return chunk
    }

    /// Reads what the handler left, so the fingerprint covers the whole body.
    func drain() async throws {
        while try await next() != nil {}
    }

    struct Iterator: AsyncIteratorProtocol {
        typealias Element = ByteBuffer
        let body: HashingBody
        mutating func next() async throws -> ByteBuffer? { try await body.next() }
    }

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }
}
