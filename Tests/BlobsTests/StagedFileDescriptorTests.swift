import Blobs
import Foundation
import Glibc
import Synchronization
import Tenancy
import TestSupport
import Testing

/// An upload that fails while a batch is still being written must not close the staged file
/// under that write: the descriptor's number, reused meanwhile for another connection's socket,
/// would receive the rest of the batch (seen in other suites of the same test process as
/// PostgreSQL's `invalid frontend message type 7` and an SMTP sink's `502` to `EHLO`).
@Suite("Blob store: a failed upload leaves no write behind")
struct StagedFileDescriptorTests {
    @Test("while interrupted uploads are abandoned, sockets opened meanwhile receive none of their bytes")
    func noLateWrite() async throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileSystemBlobStore(root: root)
        let member = try TenantSlug("amiens")
        // 11 chunks fill a batch (1 MiB), whose write is in flight when the 12th fails.
        let parts = Array(repeating: Array(repeating: UInt8(7), count: 100_000), count: 30)

        // A stray write to a socket whose peer just closed would otherwise kill the process.
        signal(SIGPIPE, SIG_IGN)
        // Another component of the process opening connections all along: each socket takes the
        // lowest free number, as a new libpq or NIO socket would.
        let stop = Atomic(false)
        let leaked = Atomic(0)
        let opener = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var open: [[Int32]] = []
            func drain() {
                for end in open.joined() {
                    while case let received = recv(end, &buffer, buffer.count, Int32(MSG_DONTWAIT)), received > 0 {
                        leaked.add(received, ordering: .relaxed)
                    }
                }
            }
            while !stop.load(ordering: .relaxed) {
                var pair: [Int32] = [0, 0]
                guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else { continue }
                open.append(pair)
                usleep(20)
                drain()
                // Each socket stays open a while, as a connection would.
                if open.count > 8 { open.removeFirst().forEach { close($0) } }
            }
            drain()
            open.joined().forEach { close($0) }
        }
        opener.start()
        for _ in 0..<200 {
            await #expect(throws: Chunks.Cut.self) {
                _ = try await store.stage(member: member, from: Chunks(parts: parts, failAfter: 12), limit: 10_000_000)
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        stop.store(true, ordering: .relaxed)
        await store.shutdown()
        #expect(leaked.load(ordering: .relaxed) == 0, "bytes of an abandoned upload were written to a socket")
    }
}
