import Cryptography
import Foundation
import NIOCore
import Tenancy
import TestSupport
import Testing
@testable import Blobs

@Suite("Copy pairs: the same bytes staged in two stores, written directly and proved as they are written")
struct CopyPairTests {
    let member = try! TenantSlug("amiens")

    func withStores<T>(_ body: (FileSystemBlobStore, FileSystemBlobStore, URL) async throws -> T) async throws -> T {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try FileSystemBlobStore(root: root.appendingPathComponent("first"))
        let second = try FileSystemBlobStore(root: root.appendingPathComponent("second"))
        let value = try await body(first, second, root)
        await first.shutdown()
        await second.shutdown()
        return value
    }

    static func files(under root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &directory) && !directory.boolValue
        }
    }

    static func bytes(_ count: Int) -> [UInt8] {
        var bytes = Array("%PDF-1.4\n".utf8.prefix(count))
        for index in bytes.count..<count { bytes.append(UInt8(truncatingIfNeeded: index &* 131 &+ index >> 9)) }
        return bytes
    }

    @Test("both copies carry the fingerprints of the bytes, whatever the size around blocks and alignment; committed, both read whole",
          arguments: [0, 1, 4095, 4096, 4097, CopyPair.blockBytes, CopyPair.blockBytes + 1, 9_000_000])
    func roundTrip(count: Int) async throws {
        try await withStores { first, second, root in
            let bytes = Self.bytes(count)
            let pair = try await CopyPair.open(member: member, limit: count, first: first, second: second)
            for start in stride(from: 0, to: bytes.count, by: 70_001) {
                try await pair.write(ByteBuffer(bytes: bytes[start..<min(start + 70_001, bytes.count)]))
            }
            let (one, two) = try await pair.finish()
            let copy = try #require(two, "the second copy is the first's")
            #expect(one.key.sha256 == SHA.hex(.sha256, bytes))
            #expect(one.sha512 == SHA.hex(.sha512, bytes))
            #expect(one.size == count && copy.size == count)
            #expect(copy.key == one.key && copy.sha512 == one.sha512)
            if count >= 5 { #expect(one.mediaType == .pdf, "sniffed from the bytes read back") }
            try await first.commit(one)
            try await second.commit(copy)
            #expect(try await collect(try await first.read(member: member, key: one.key, range: nil)) == bytes)
            #expect(try await collect(try await second.read(member: member, key: one.key, range: nil)) == bytes)
            #expect(Self.files(under: root).allSatisfy { !$0.contains(".staging") }, "nothing left staged")
        }
    }

    @Test("a second copy whose bytes differ is found by the read-back")
    func differingCopy() async throws {
        try await withStores { first, second, _ in
            let writers = (try await first.copyWriter(member: member, limit: 10_000), try await second.copyWriter(member: member, limit: 10_000))
            let verifier = try CopyVerifier(readers: (try await writers.0.reader(), try await writers.1.reader()), blockBytes: 8192)
            let (block, altered) = (IOBlock(capacity: 8192), IOBlock(capacity: 8192))
            let bytes = Self.bytes(8192)
            bytes.withUnsafeBytes { _ = block.fill(from: $0) }
            var changed = bytes
            changed[5000] ^= 0x01
            changed.withUnsafeBytes { _ = altered.fill(from: $0) }
            try await writers.0.write(block, at: 0)
            try await writers.1.write(altered, at: 0)
            verifier.wrote(offset: 0, count: 8192)
            let proof = try await verifier.finish()
            #expect(!proof.same)
            #expect(proof.sha256 == SHA.hex(.sha256, bytes), "the first copy's fingerprint")
            await writers.0.abandon()
            await writers.1.abandon()
        }
    }

    @Test("an abandoned or oversized pair leaves nothing behind")
    func nothingStays() async throws {
        try await withStores { first, second, root in
            let pair = try await CopyPair.open(member: member, limit: 20_000_000, first: first, second: second)
            try await pair.write(ByteBuffer(bytes: Self.bytes(9_000_000)))
            await pair.abandon()
            let small = try await CopyPair.open(member: member, limit: 5_000_000, first: first, second: second)
            await #expect(throws: BlobError.self) {
                try await small.write(ByteBuffer(bytes: Self.bytes(9_000_000)))
                _ = try await small.finish()
            }
            await small.abandon()
            #expect(Self.files(under: root).isEmpty)
        }
    }
}
