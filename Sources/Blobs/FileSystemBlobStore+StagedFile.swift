import Glibc
import NIOCore

extension FileSystemBlobStore {
    /// A staged file being written: appended to by one task at a time (`append`), or by blocks at
    /// their offsets (`put`, several at once).
    final class StagedFile: @unchecked Sendable {
        let descriptor: Int32
        let path: String
        /// Opened with `O_DIRECT`: writes whole aligned blocks, cut back to the size at the end.
        let direct: Bool
        private var open = true

        init(descriptor: Int32, path: String, direct: Bool = false) {
            self.descriptor = descriptor
            self.path = path
            self.direct = direct
        }

        /// Writes a block at `offset` (direct: rounded up to whole aligned blocks).
        func put(_ block: IOBlock, at offset: Int, member: String) throws {
            let count = direct ? IOBlock.aligned(block.count) : block.count
            try POSIX.write(descriptor, block.base, count: count, at: offset, "write a staged copy", member: member)
        }

        /// Cuts a directly written file back to its size (its last block was rounded up).
        func cut(to size: Int, member: String) throws {
            guard direct, size % IOBlock.alignment != 0 else { return }
            try POSIX.check(ftruncate(descriptor, off_t(size)), "truncate a staged copy", member: member)
        }

        /// Bytes written so far.
        private var length = 0

        func append(_ buffers: [ByteBuffer], hasher: BlobHasher, member: String) throws {
            let start = length
            for buffer in buffers {
                try buffer.withUnsafeReadableBytes { bytes in
                    try hasher.updateFirst(bytes)
                    if let base = bytes.baseAddress { try POSIX.write(descriptor, base, count: bytes.count, at: nil, "write a staged blob", member: member) }
                    length += bytes.count
                }
            }
            // Starts writing this batch to disk now (asynchronously), so that the `fsync` at the
            // end waits for the last batch only, not for the whole file.
            _ = posix_fadvise(descriptor, off_t(start), off_t(length - start), POSIX_FADV_DONTNEED)
        }

        func finish(member: String) throws {
            try POSIX.check(fsync(descriptor), "fsync a staged blob", member: member)
            open = false
            try POSIX.check(close(descriptor), "close a staged blob", member: member)
        }

        /// Closes and removes the file (a refused or interrupted upload).
        func abandon() {
            if open { close(descriptor) }
            open = false
            unlink(path)
        }
    }
}
