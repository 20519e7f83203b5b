import Cryptography

/// What a blob's bytes go through as they are written: SHA-256 (its key), SHA-512 (for the
/// archive) and the media sniffer, in one pass. Used by one writer at a time (each batch is
/// handed over only after the previous one finished).
final class BlobHasher: @unchecked Sendable {
    private var sha256: Digest?
    private var sha512: Digest?
    private(set) var sniffer = MediaSniffer()

    init() throws {
        sha256 = try Digest(.sha256)
        sha512 = try Digest(.sha512)
    }

    func update(_ bytes: UnsafeRawBufferPointer) throws {
        try updateFirst(bytes)
        try updateSecond(bytes)
    }

    /// The two halves of `update`, which may run at the same time on two threads (each touches
    /// its own state): SHA-256, then SHA-512 and the sniffer.
    func updateFirst(_ bytes: UnsafeRawBufferPointer) throws {
        try sha256!.update(bytes)
    }

    func updateSecond(_ bytes: UnsafeRawBufferPointer) throws {
        try sha512!.update(bytes)
        sniffer.feed(bytes)
    }

    func finish() throws -> (sha256: String, sha512: String, mediaType: MediaType?) {
        guard let sha256 = self.sha256.take(), let sha512 = self.sha512.take() else {
            throw BlobError.storage(operation: "hash", member: "", reason: "finished twice")
        }
        let (first, second) = (try sha256.finalize(), try sha512.finalize())
        return (Hex.encode(first), Hex.encode(second), sniffer.result())
    }
}
