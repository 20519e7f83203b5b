import NIOCore

/// Sees the bytes of an upload being spooled (`Upload.spool`) as they arrive, and may keep some
/// of them elsewhere: the archive stages a SIP's stored objects in both of its storage locations
/// while the package is still being received, rather than reading them back out of it afterwards.
/// Used by the one task receiving the upload.
public protocol UploadTap: Sendable {
    /// Takes a chunk that starts at `offset` in the upload; answers which parts of it (ranges of
    /// the chunk's readable bytes) the spooled file must still hold. The others are left as a
    /// hole in the file: whoever reads it must take them from the tap.
    func take(_ chunk: ByteBuffer, at offset: Int) async throws -> [Range<Int>]
    /// The upload was received whole: finish what was kept (make it durable).
    func finish() async throws
    /// The upload failed or was refused: drop what was kept.
    func abandon() async
}
