import Foundation
import Glibc
import NIOCore
import NIOPosix
import Tenancy

extension FileSystemBlobStore {
    public func copyWriter(member: TenantSlug, limit: Int) async throws -> any StagedCopyWriter {
        let (token, file) = try await openStaged(member, direct: true)
        return CopyWriter(member: member, token: token, file: file, limit: limit, threads: threads)
    }

    /// A new, empty staged file of the member.
    /// `direct`: written straight to the device where the filesystem allows it.
    func openStaged(_ member: TenantSlug, direct: Bool = false) async throws -> (token: String, file: StagedFile) {
        let name = member.rawValue
        let token = UUID().uuidString.lowercased()
        let staging = stagingFolder(member)
        let stagedPath = staging + "/" + token
        let (descriptor, isDirect) = try await threads.runIfActive {
            try POSIX.makeDirectories(staging, member: name)
            let flags = O_WRONLY | O_CREAT | O_EXCL
            if direct { return try POSIX.openDirect(stagedPath, flags, 0o640, "create a staged blob", member: name) }
            return (try POSIX.check(open(stagedPath, flags | O_CLOEXEC, 0o640), "create a staged blob", member: name), false)
        }
        return (token, StagedFile(descriptor: descriptor, path: stagedPath, direct: isDirect))
    }

    /// A staged file written by pushed blocks, on the store's threads (each at its offset: several
    /// may be in flight).
    final class CopyWriter: StagedCopyWriter, @unchecked Sendable {
        let member: TenantSlug
        let token: String
        let file: StagedFile
        let limit: Int
        let threads: NIOThreadPool

        init(member: TenantSlug, token: String, file: StagedFile, limit: Int, threads: NIOThreadPool) {
            (self.member, self.token, self.file, self.limit, self.threads) = (member, token, file, limit, threads)
        }

        func write(_ block: IOBlock, at offset: Int) async throws {
            let (file, name) = (file, member.rawValue)
            guard offset % IOBlock.alignment == 0 else {
                throw BlobError.storage(operation: "write a staged copy", member: name, reason: "offset \(offset) not aligned")
            }
            guard offset + block.count <= limit else { throw BlobError.tooLarge(limit: limit) }
            try await threads.runIfActive { try file.put(block, at: offset, member: name) }
        }

        func finish(size: Int) async throws -> StagedCopy {
            let (file, name) = (file, member.rawValue)
            try await threads.runIfActive {
                try file.cut(to: size, member: name)
                try file.finish(member: name)
            }
            return StagedCopy(member: member, size: size, token: token)
        }

        func abandon() async {
            let file = file
            // Not skipped when the task is cancelled: the descriptor and the file must not leak.
            do { try await threads.runIfActive { file.abandon() } } catch { file.abandon() }
        }

        func reader() async throws -> any StagedCopyReader {
            let (path, name) = (file.path, member.rawValue)
            let descriptor = try await threads.runIfActive { try POSIX.openDirect(path, O_RDONLY, 0, "open a staged copy", member: name).descriptor }
            return CopyReader(descriptor: descriptor, member: name, threads: threads)
        }
    }

    /// An open staged copy, closed when the last reader lets it go.
    final class CopyReader: StagedCopyReader {
        let descriptor: Int32
        let member: String
        let threads: NIOThreadPool

        init(descriptor: Int32, member: String, threads: NIOThreadPool) {
            (self.descriptor, self.member, self.threads) = (descriptor, member, threads)
        }

        deinit { close(descriptor) }

        func read(into block: IOBlock, at offset: Int, count: Int) async throws -> Int {
            // Whole aligned blocks (direct I/O): the end of a last block is padding, not counted.
            let length = min(block.capacity, IOBlock.aligned(count))
            return try await threads.runIfActive { [self] in
                let total = try POSIX.read(descriptor, into: block.base, count: length, at: offset, "read back a staged copy", member: member)
                block.count = min(total, count)
                return block.count
            }
        }
    }
}
