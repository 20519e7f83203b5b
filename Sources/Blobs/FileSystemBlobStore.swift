import Foundation
import Glibc
import NIOCore
import NIOPosix
import Tenancy

/// Blobs on a filesystem: `<root>/<member>/<aa>/<bb>/<sha256>`, staged in `<root>/<member>/.staging/`
/// (the same filesystem, so the final rename is atomic), each written, `fsync`ed (file, then its
/// folder after the rename) before it is visible. Blocking calls run on the store's own threads.
public final class FileSystemBlobStore: BlobStore {
    public let root: URL
    let threads: NIOThreadPool
    /// Bytes hashed and written at once (double-buffered: the next batch is received meanwhile).
    static let batchSize = 1 << 20
    static let readChunk = 256 * 1024

    public init(root: URL, threads: Int = 4) throws {
        self.root = root.standardizedFileURL
        try POSIX.makeDirectories(self.root.path, member: "-")
        self.threads = NIOThreadPool(numberOfThreads: threads)
        self.threads.start()
    }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }

    func namespace(_ member: TenantSlug) -> String { root.appendingPathComponent(member.rawValue).path }
    func stagingFolder(_ member: TenantSlug) -> String { namespace(member) + "/.staging" }
    func folder(_ member: TenantSlug, _ key: BlobKey) -> String {
        let hex = key.sha256
        return namespace(member) + "/" + hex.prefix(2) + "/" + hex.dropFirst(2).prefix(2)
    }
    func path(_ member: TenantSlug, _ key: BlobKey) -> String { folder(member, key) + "/" + key.sha256 }

    public func stage<Source: AsyncSequence & Sendable>(member: TenantSlug, from source: Source, limit: Int) async throws -> StagedBlob
        where Source.Element == ByteBuffer
    {
        let name = member.rawValue
        let hasher = try BlobHasher()
        let (token, file) = try await openStaged(member)
        let size = try await fill(file, from: source, hasher: hasher, limit: limit, member: name)
        do {
            let (sha256, sha512, mediaType) = try hasher.finish()
            guard let key = BlobKey(sha256) else { throw BlobError.storage(operation: "hash", member: name, reason: "not a digest") }
            return StagedBlob(member: member, key: key, sha512: sha512, size: size, mediaType: mediaType, token: token)
        } catch {
            do { try await threads.runIfActive { file.abandon() } } catch { file.abandon() }
            throw error
        }
    }

    /// Writes `source` into the staged file, hashing it on the way, then
    /// `fsync`s and closes it; returns its size. If anything throws, the file is removed.
    func fill<Source: AsyncSequence & Sendable>(_ file: StagedFile, from source: Source, hasher: BlobHasher, limit: Int, member name: String) async throws -> Int
        where Source.Element == ByteBuffer
    {
        // Two threads per batch (SHA-256 and the write; SHA-512 and the sniffer), one batch in
        // flight while the next is received.
        var writing: Task<Void, any Error>?
        do {
            var size = 0
            var batch: [ByteBuffer] = []
            var batchBytes = 0
            func flush(_ buffers: [ByteBuffer]) async throws {
                try await writing?.value
                let threads = threads
                writing = Task {
                    async let second: Void = threads.runIfActive {
                        for buffer in buffers { try buffer.withUnsafeReadableBytes { try hasher.updateSecond($0) } }
                    }
                    try await threads.runIfActive { try file.append(buffers, hasher: hasher, member: name) }
                    try await second
                }
            }
            for try await chunk in source {
                size += chunk.readableBytes
                guard size <= limit else { throw BlobError.tooLarge(limit: limit) }
                batch.append(chunk)
                batchBytes += chunk.readableBytes
                if batchBytes >= Self.batchSize {
                    try await flush(batch)
                    batch = []
                    batchBytes = 0
                }
            }
            if !batch.isEmpty { try await flush(batch) }
            try await writing?.value
            try await threads.runIfActive { try file.finish(member: name) }
            return size
        } catch {
            // A batch may still be in flight (the source failed or the limit was crossed while it
            // was being written): closing the descriptor under it would let its `write` land on
            // whatever the OS hands that number to next (another task's socket). Wait for it first.
            _ = try? await writing?.value
            // Not skipped when the task is cancelled (`runIfActive` would not run it): a cancelled
            // upload must not leak its descriptor and staged file.
            do { try await threads.runIfActive { file.abandon() } } catch { file.abandon() }
            throw error
        }
    }

    public func commit(_ staged: StagedBlob) async throws {
        let (member, from, folder, to) = (staged.member.rawValue, stagingFolder(staged.member) + "/" + staged.token, folder(staged.member, staged.key), path(staged.member, staged.key))
        try await threads.runIfActive {
            try POSIX.makeDirectories(folder, member: member)
            try POSIX.check(rename(from, to), "rename a staged blob", member: member)
            try POSIX.syncDirectory(folder, member: member)
        }
    }

    public func discard(_ staged: StagedBlob) async {
        let path = stagingFolder(staged.member) + "/" + staged.token
        try? await threads.runIfActive { _ = unlink(path) }
    }

    public func size(member: TenantSlug, key: BlobKey) async throws -> Int? {
        let path = path(member, key)
        return try await threads.runIfActive {
            var status = stat()
            if stat(path, &status) != 0 {
                if errno == ENOENT { return nil }
                throw POSIX.error("stat", member: member.rawValue)
            }
            return Int(status.st_size)
        }
    }

    public func read(member: TenantSlug, key: BlobKey, range: ClosedRange<Int>?) async throws -> BlobContent {
        let (path, name) = (path(member, key), member.rawValue)
        let reader = try await threads.runIfActive { () throws -> BlobReader in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                if errno == ENOENT { throw BlobError.notFound(key) }
                throw POSIX.error("open", member: name)
            }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                close(descriptor)
                throw POSIX.error("fstat", member: name)
            }
            return BlobReader(descriptor: descriptor, size: Int(status.st_size))
        }
        let span = range ?? 0...max(0, reader.size - 1)
        guard reader.size == 0 ? range == nil : (span.lowerBound >= 0 && span.upperBound < reader.size) else {
            throw BlobError.unsatisfiableRange(size: reader.size)
        }
        let threads = threads
        let end = reader.size == 0 ? 0 : span.upperBound + 1
        let position = Position(span.lowerBound)
        let chunks = AsyncThrowingStream<ByteBuffer, any Error> {
            let offset = position.value
            guard offset < end else { return nil }
            let count = min(Self.readChunk, end - offset)
            let buffer = try await threads.runIfActive { try reader.read(at: offset, count: count, member: name) }
            position.value = offset + buffer.readableBytes
            return buffer
        }
        return BlobContent(totalSize: reader.size, range: reader.size == 0 ? 0...0 : span, chunks: chunks)
    }

    public func delete(member: TenantSlug, key: BlobKey) async throws {
        let (path, folder, name) = (path(member, key), folder(member, key), member.rawValue)
        try await threads.runIfActive {
            if unlink(path) != 0 && errno != ENOENT { throw POSIX.error("unlink", member: name) }
            if access(folder, F_OK) == 0 { try POSIX.syncDirectory(folder, member: name) }
        }
    }

    public func keys(member: TenantSlug, olderThan age: Duration) async throws -> [BlobKey] {
        let namespace = namespace(member)
        let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
        return try await threads.runIfActive {
            guard let walker = FileManager.default.enumerator(atPath: namespace) else { return [] }
            var keys: [BlobKey] = []
            while let relative = walker.nextObject() as? String {
                guard !relative.hasPrefix(".staging"), let key = BlobKey(String(relative.split(separator: "/").last ?? "")) else { continue }
                var status = stat()
                guard stat(namespace + "/" + relative, &status) == 0, Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec)) < cutoff else { continue }
                keys.append(key)
            }
            return keys
        }
    }

    public func sweepStaged(member: TenantSlug, olderThan age: Duration) async throws -> Int {
        let (staging, name) = (stagingFolder(member), member.rawValue)
        let cutoff = Date().addingTimeInterval(-Double(age.components.seconds))
        return try await threads.runIfActive {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: staging) else { return 0 }
            var removed = 0
            for entry in entries {
                let path = staging + "/" + entry
                var status = stat()
                guard stat(path, &status) == 0, Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec)) < cutoff else { continue }
                if unlink(path) == 0 { removed += 1 } else { throw POSIX.error("unlink a staged blob", member: name) }
            }
            return removed
        }
    }

    /// An open blob, closed when the last reader lets it go.
    final class BlobReader: Sendable {
        let descriptor: Int32
        let size: Int

        init(descriptor: Int32, size: Int) {
            self.descriptor = descriptor
            self.size = size
        }

        deinit { close(descriptor) }

        func read(at offset: Int, count: Int, member: String) throws -> ByteBuffer {
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            let read = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                try POSIX.read(descriptor, into: bytes.baseAddress!, count: count, at: offset, "read a blob", member: member)
            }
            guard read > 0 else { throw POSIX.error("read a blob (shorter than its size)", member: member, code: EIO) }
            return buffer
        }
    }

    /// Where a reading stream is.
    final class Position: @unchecked Sendable {
        var value: Int
        init(_ value: Int) { self.value = value }
    }
}
