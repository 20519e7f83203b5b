import Cryptography
import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import Web

/// An upload spooled under an idempotency key takes the key's SHA-256 of the body rather than
/// hashing it twice, and only when every byte it read went through that hash.
@Suite("Spooled upload fingerprint (pure)")
struct SpoolFingerprintTests {
    static let chunks: [[UInt8]] = (0..<40).map { index in (0..<(1000 + index * 37)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) } }

    static func body() -> RequestBody {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        for chunk in chunks { continuation.yield(ByteBuffer(bytes: chunk)) }
        continuation.finish()
        return RequestBody(asyncSequence: stream)
    }

    static func path() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
    }

    @Test("the hashing body read whole: its fingerprint is the file's SHA-256, and the file holds every byte")
    func shared() async throws {
        let hashing = HashingBody(Self.body())
        #expect(hashing.untouched)
        let path = Self.path()
        defer { try? FileManager.default.removeItem(at: path) }
        let (size, sha256) = try await Upload.write(hashing, to: path, limit: 1 << 20, tap: nil, hashed: hashing)
        let bytes = Self.chunks.flatMap { $0 }
        #expect(size == bytes.count)
        let expected = Hex.encode(try Digest.sha256(bytes))
        #expect(sha256 == expected)
        #expect(try Data(contentsOf: path) == Data(bytes))
        #expect(hashing.fingerprint(ofWhole: size) == sha256)
        #expect(hashing.fingerprint(ofWhole: size - 1) == nil)
    }

    @Test("bytes that did not go through the hashing body: refused, not fingerprinted wrongly")
    func uncovered() async throws {
        // Another source than the hashing body (as if something sat between them).
        let hashing = HashingBody(Self.body())
        let path = Self.path()
        defer { try? FileManager.default.removeItem(at: path) }
        await #expect(throws: Upload.UncoveredBody.self) {
            _ = try await Upload.write(Self.body(), to: path, limit: 1 << 20, tap: nil, hashed: hashing)
        }
        // The hashing body read ahead of what was spooled.
        let ahead = HashingBody(Self.body())
        _ = try await ahead.next()
        #expect(!ahead.untouched)
        let skipped = Self.path()
        defer { try? FileManager.default.removeItem(at: skipped) }
        await #expect(throws: Upload.UncoveredBody.self) {
            _ = try await Upload.write(ahead, to: skipped, limit: 1 << 20, tap: nil, hashed: ahead)
        }
    }

    @Test("without a hashing body, the spool hashes the bytes itself")
    func own() async throws {
        let path = Self.path()
        defer { try? FileManager.default.removeItem(at: path) }
        let (size, sha256) = try await Upload.write(Self.body(), to: path, limit: 1 << 20, tap: nil)
        let bytes = Self.chunks.flatMap { $0 }
        let expected = Hex.encode(try Digest.sha256(bytes))
        #expect(size == bytes.count && sha256 == expected)
    }
}
